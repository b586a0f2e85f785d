//! UBL 2.1 `Invoice` and `CreditNote` as profiled by PEPPOL BIS Billing 3.0: reading into the
//! EN 16931 model ([`read_invoice`]) and writing from it ([`write_invoice`]).
//!
//! The reader follows the CEN EN 16931 UBL syntax binding term by term; the structure check
//! against the UBL 2.1 schema's element sequences (`schema.rs`) runs over the whole tree and turns
//! unknown, misplaced and wrongly repeated elements into findings.

mod read;
mod read_line;
mod read_party;
mod schema;
mod schema_data;
mod write;
mod write_line;
mod write_party;
mod write_xml;

pub(crate) use read::decode_base64;
pub use read::read_invoice;
pub use write::write_invoice;
