//! TLS for the server: the certificate chain and private key (PEM files) loaded into a rustls
//! server configuration, with the `ring` crypto provider and rustls's safe default protocol
//! versions (TLS 1.2 and 1.3). HTTP/1.1 only.
//!
//! Invariant: a certificate or key that cannot be read or used stops the server at start, with
//! an error naming the file; the server never falls back to plain HTTP.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// What is wrong with the TLS files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// The certificate file cannot be read or holds no PEM certificate.
    #[error("TLS certificate {path}: {reason}")]
    Certificate {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The key file cannot be read or holds no PEM private key.
    #[error("TLS key {path}: {reason}")]
    Key {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// rustls refused the pair (the key does not match the certificate, an unsupported key).
    #[error("TLS certificate {cert} with key {key}: {reason}")]
    Pair {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The rustls configuration of the certificate chain in `cert` and the key in `key`.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, TlsError> {
    let cert_err = |reason: String| TlsError::Certificate {
        path: cert.to_path_buf(),
        reason,
    };
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| cert_err(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| cert_err(e.to_string()))?;
    if chain.is_empty() {
        return Err(cert_err(
            "no PEM certificate (-----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    let private = PrivateKeyDer::from_pem_file(key).map_err(|e| TlsError::Key {
        path: key.to_path_buf(),
        reason: e.to_string(),
    })?;
    let pair_err = |reason: String| TlsError::Pair {
        cert: cert.to_path_buf(),
        key: key.to_path_buf(),
        reason,
    };
    // rustls 0.23.48 deprecates the ring provider because it has no post-quantum key exchange;
    // we keep ring (classical X25519/ECDHE) so the build needs no aws-lc C toolchain. Moving to
    // aws-lc-rs is one line here and the feature in Cargo.toml.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let mut config = ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| pair_err(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, private)
        .map_err(|e| pair_err(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_or_empty_files_are_named() {
        let dir = tempfile::tempdir().expect("tmp");
        let cert = dir.path().join("cert.pem");
        let key = dir.path().join("key.pem");
        let e = server_config(&cert, &key).expect_err("missing");
        assert!(matches!(e, TlsError::Certificate { .. }), "{e}");
        assert!(e.to_string().contains("cert.pem"), "{e}");
        std::fs::write(&cert, "not pem").expect("w");
        let e = server_config(&cert, &key).expect_err("empty");
        assert!(e.to_string().contains("no PEM certificate"), "{e}");
        let generated =
            rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("rcgen");
        std::fs::write(&cert, generated.cert.pem()).expect("w");
        let e = server_config(&cert, &key).expect_err("no key");
        assert!(
            matches!(e, TlsError::Key { .. }) && e.to_string().contains("key.pem"),
            "{e}"
        );
        let other = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("rcgen");
        std::fs::write(&key, other.signing_key.serialize_pem()).expect("w");
        let e = server_config(&cert, &key).expect_err("mismatch");
        assert!(matches!(e, TlsError::Pair { .. }), "{e}");
        std::fs::write(&key, generated.signing_key.serialize_pem()).expect("w");
        assert!(server_config(&cert, &key).is_ok());
    }
}
