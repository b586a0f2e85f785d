//! `digilyft-server`: the shared-services REST server (axum).
//!
//! Today it serves its health check only; the sync API for desktops (see `ARCHITECTURE.md`) comes
//! with its own issue. It listens on `DIGILYFT_SERVER_ADDR` (default `127.0.0.1:8080`).
//!
//! This is the only crate that knows HTTP serving; handlers stay thin and call `digilyft-core`.

use anyhow::Context;
use axum::{Json, Router, routing::get};
use serde::Serialize;
use tokio::net::TcpListener;

/// The environment variable naming the address to listen on.
const ADDR_ENV: &str = "DIGILYFT_SERVER_ADDR";
const DEFAULT_ADDR: &str = "127.0.0.1:8080";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let addr = std::env::var(ADDR_ENV).unwrap_or_else(|_| DEFAULT_ADDR.to_owned());
    let listener = TcpListener::bind(&addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (set {ADDR_ENV} to change it)"))?;
    tracing::info!("digilyft-server listening on {addr}");
    axum::serve(listener, app())
        .with_graceful_shutdown(async {
            // Without a Ctrl-C handler the server runs until it is killed, which is fine too.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving HTTP")
}

/// The routes.
fn app() -> Router {
    Router::new().route("/health", get(health))
}

/// What `GET /health` answers.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A real request over TCP to the real router.
    #[tokio::test]
    async fn health_answers_ok_with_the_version() {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        tokio::spawn(async move { axum::serve(listener, app()).await });

        let mut stream = tokio::net::TcpStream::connect(addr)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        let expected = format!(
            r#"{{"status":"ok","version":"{}"}}"#,
            env!("CARGO_PKG_VERSION")
        );
        assert!(response.ends_with(&expected), "{response}");
    }
}
