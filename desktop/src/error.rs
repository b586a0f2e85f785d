//! The one error shape the frontend sees: `{ "code": "...", "message": "..." }`.
//!
//! `code` is a stable kebab-case word the UI switches on (it never parses `message`); `message` is
//! for people and names what failed (the file, the place). Every command returns
//! `Result<T, ApiError>`, never a bare string. The codes are `digilyft_core::api::ErrorCode`'s,
//! converted by hand here: the IPC shape is this crate's contract.

use serde::Serialize;

use digilyft_core::api;

/// Stable error classes crossing IPC. The frontend maps each one to a translated explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input is not acceptable; the problems are listed.
    Validation,
    /// Something asked for does not exist.
    NotFound,
    /// The request collides with the current state.
    Conflict,
    /// The store exists but cannot be used as it is (e.g. written by a newer Digilyft), or the
    /// request needs something first (an active attestförteckning).
    Precondition,
    /// The person may not do this.
    Forbidden,
    /// A file or directory could not be read or written (store file, data directory).
    Io,
    /// The store's data is damaged.
    Corrupt,
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

/// Core's error keeps its message (it names the file and what to do) under the same class.
impl From<api::ApiError> for ApiError {
    fn from(err: api::ApiError) -> Self {
        let code = match err.code {
            api::ErrorCode::Validation => ErrorCode::Validation,
            api::ErrorCode::NotFound => ErrorCode::NotFound,
            api::ErrorCode::Conflict => ErrorCode::Conflict,
            api::ErrorCode::Precondition => ErrorCode::Precondition,
            api::ErrorCode::Forbidden => ErrorCode::Forbidden,
            api::ErrorCode::Io => ErrorCode::Io,
            api::ErrorCode::Corrupt => ErrorCode::Corrupt,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, err.message)
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
    fn core_errors_keep_their_class_and_message() {
        for (core, ipc) in [
            (api::ErrorCode::Validation, "validation"),
            (api::ErrorCode::NotFound, "not-found"),
            (api::ErrorCode::Conflict, "conflict"),
            (api::ErrorCode::Precondition, "precondition"),
            (api::ErrorCode::Forbidden, "forbidden"),
            (api::ErrorCode::Io, "io"),
            (api::ErrorCode::Corrupt, "corrupt"),
            (api::ErrorCode::Internal, "internal"),
        ] {
            let err = ApiError::from(api::ApiError::new(core, "/data/digilyft.sqlite: why"));
            let json = serde_json::to_value(&err).unwrap_or_default();
            assert_eq!(json["code"], ipc, "{core}");
            assert_eq!(json["message"], "/data/digilyft.sqlite: why");
        }
    }
}
