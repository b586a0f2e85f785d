//! The one error shape the frontend sees: `{ "code": "...", "message": "...", "faults": [...] }`.
//!
//! `code` is a stable kebab-case word the UI switches on (it never parses `message`); `message` is
//! for people and names what failed (the file, the place); `faults` lists every individual problem
//! when there are several (each bad kontering row, each workbook cell, the rule that refused), and
//! is empty otherwise. Every command returns
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

/// One problem of several, with where it is; every place is optional (a workbook problem has a
/// sheet and a cell, a kontering problem a row and a field, a refusal only its rule).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The file concerned.
    pub file: Option<String>,
    /// The worksheet.
    pub sheet: Option<String>,
    /// The cell (`C5`) or, for kontering rows, the 1-based row number.
    pub cell: Option<String>,
    /// The column header or field name (`belopp`).
    pub field: Option<String>,
    /// The stable code of the rule that refused (`duality`, `limit-row`).
    pub rule: Option<String>,
    /// `true` for a warning that did not stop the request.
    pub warning: bool,
    /// What is wrong, for people.
    pub message: String,
}

/// An error as the frontend receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// A sentence for people, naming what failed.
    pub message: String,
    /// The individual problems (empty when there is only the one in `message`).
    pub faults: Vec<Fault>,
}

impl ApiError {
    /// An error of class `code` explained by `message`, without faults.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            faults: Vec::new(),
        }
    }

    /// The same error listing `faults`.
    pub fn with_faults(mut self, faults: Vec<Fault>) -> Self {
        self.faults = faults;
        self
    }
}

impl From<&api::Fault> for Fault {
    fn from(f: &api::Fault) -> Self {
        Fault {
            file: f.file.clone(),
            sheet: f.sheet.clone(),
            cell: f.cell.clone(),
            field: f.field.clone(),
            rule: f.rule.clone(),
            warning: f.warning,
            message: f.message.clone(),
        }
    }
}

/// Core's error keeps its message (it names the file and what to do) and its faults under the
/// same class.
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
        ApiError::new(code, err.message).with_faults(err.faults.iter().map(Fault::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_and_faults() {
        let err = ApiError::new(ErrorCode::NotFound, "no invoice 7");
        let json = serde_json::to_value(&err).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"code": "not-found", "message": "no invoice 7", "faults": []})
        );
    }

    #[test]
    fn core_faults_keep_their_place_and_rule() {
        let core = api::ApiError::new(api::ErrorCode::Validation, "2 problems").with_faults(vec![
            api::Fault {
                cell: Some("2".into()),
                field: Some("konto".into()),
                message: "konto is required".into(),
                ..api::Fault::default()
            },
            api::Fault {
                rule: Some("duality".into()),
                warning: true,
                message: "already signed".into(),
                ..api::Fault::default()
            },
        ]);
        let json = serde_json::to_value(ApiError::from(core)).unwrap_or_default();
        assert_eq!(json["faults"][0]["cell"], "2");
        assert_eq!(json["faults"][0]["field"], "konto");
        assert_eq!(json["faults"][0]["sheet"], serde_json::Value::Null);
        assert_eq!(json["faults"][1]["rule"], "duality");
        assert_eq!(json["faults"][1]["warning"], true);
        assert_eq!(json["faults"][1]["message"], "already signed");
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
