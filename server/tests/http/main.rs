//! The server's routes in process: the real router over an in-memory workspace and account
//! store, requests sent with `tower::ServiceExt::oneshot`.

mod access_audit;
mod authz;
mod devices;
mod flow;
mod hostile;
mod openapi;
mod sessions;
mod support;
mod sync;
