//! The one error shape the frontend sees: `{ "code": "...", "message": "..." }`.
//!
//! `code` is a stable kebab-case word the UI switches on (it never parses `message`); `message` is
//! for people and names what failed (the file, the place). Every command returns
//! `Result<T, ApiError>`, never a bare string.

use serde::Serialize;

/// Stable error classes crossing IPC. The frontend maps each one to a translated explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A file or directory could not be read or written (store file, data directory).
    Io,
    /// The store exists but cannot be used as it is (e.g. written by a newer Digilyft).
    Precondition,
    /// Something asked for does not exist.
    NotFound,
    /// A bug or a broken invariant on our side.
    Internal,
}

/// An error as the frontend receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// A sentence for people, naming what failed.
    pub message: String,
}

impl ApiError {
    /// An error of class `code` explained by `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Store failures keep core's message (it names the file and what to do) under a stable code.
impl From<digilyft_core::store::StoreError> for ApiError {
    fn from(err: digilyft_core::store::StoreError) -> Self {
        use digilyft_core::store::StoreError as E;
        let code = match &err {
            E::Io { .. } | E::Sqlite(_) => ErrorCode::Io,
            E::TooNew { .. } | E::NoActiveRuleSet => ErrorCode::Precondition,
            E::NoSuchInvoice(_)
            | E::NoSuchRuleSet(_)
            | E::NoSuchStep { .. }
            | E::UnknownUser(_) => ErrorCode::NotFound,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let err = ApiError::new(ErrorCode::NotFound, "no invoice 7");
        let json = serde_json::to_value(&err).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"code": "not-found", "message": "no invoice 7"})
        );
    }

    #[test]
    fn store_errors_get_stable_codes() {
        use digilyft_core::store::StoreError;
        let too_new = StoreError::TooNew {
            path: "/data/digilyft.sqlite".into(),
            found: 9,
            supported: 1,
        };
        let err = ApiError::from(too_new);
        assert_eq!(err.code, ErrorCode::Precondition);
        assert!(
            err.message.contains("/data/digilyft.sqlite"),
            "{}",
            err.message
        );
        assert_eq!(
            ApiError::from(StoreError::NoSuchInvoice(3)).code,
            ErrorCode::NotFound
        );
    }
}
