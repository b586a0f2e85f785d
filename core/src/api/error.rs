//! The one error type of the application API: [`ApiError`] `{ code, message, faults }`.
//!
//! `code` is one of a small, stable set ([`ErrorCode`]) that every front end maps to its own
//! transport (an exit code, an IPC `{code, message}`, an HTTP status) without reading the
//! message. `message` is a sentence for people that names what failed (the file, the invoice, the
//! rule). `faults` lists the individual problems when there are several (every bad cell of a
//! workbook, every bad kontering row), each with its place and, for a refusal by the approval
//! rules, the rule's stable reason code.
//!
//! Invariant: every error of a lower layer (store, workbook, archive, ledger, maturity I/O)
//! reaches a front end only through [`ApiError`]; the conversions below are the one table that
//! classifies them.

use std::fmt;

use crate::store::StoreError;

/// Stable error classes. The kebab-case names ([`ErrorCode::as_str`]) are a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input is not acceptable as it is: every problem is in `faults`; nothing was changed.
    Validation,
    /// Something asked for does not exist (an invoice, a step, a rule-set version, a file).
    NotFound,
    /// The request collides with the current state (e.g. an output that already exists).
    Conflict,
    /// The system is not ready for this request (no active rule set, a store of a newer
    /// version, an invoice in a state where this cannot be done).
    Precondition,
    /// The acting person may not do this (not in the attestförteckning, refused by a hard rule).
    Forbidden,
    /// A file or directory could not be read or written.
    Io,
    /// Stored data is damaged or was tampered with.
    Corrupt,
    /// A bug or a broken invariant on our side.
    Internal,
}

impl ErrorCode {
    /// The stable kebab-case name, e.g. `not-found`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::NotFound => "not-found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Precondition => "precondition",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Io => "io",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem of several, with where it is. Every place field is optional: a workbook problem
/// has a sheet and a cell, a kontering problem a row and a field, a refusal only its rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// The file concerned.
    pub file: Option<String>,
    /// The worksheet.
    pub sheet: Option<String>,
    /// The cell (`C5`) or, for kontering rows, the 1-based row number.
    pub cell: Option<String>,
    /// The column header or field name (`belopp`, `gräns_per_rad_sek`).
    pub field: Option<String>,
    /// The stable code of the rule that refused, e.g. `duality`, `limit-row`.
    pub rule: Option<String>,
    /// `true` for a warning that did not stop the request.
    pub warning: bool,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The error of every `core::api` function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The class a front end switches on.
    pub code: ErrorCode,
    /// A sentence for people, naming what failed.
    pub message: String,
    /// The individual problems, when there are several (else empty).
    pub faults: Vec<Fault>,
}

impl ApiError {
    /// An error of class `code` explained by `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            faults: Vec::new(),
        }
    }

    /// The same error carrying `faults`.
    pub fn with_faults(mut self, faults: Vec<Fault>) -> Self {
        self.faults = faults;
        self
    }

    /// `not-found` with `message`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// `precondition` with `message`.
    pub fn precondition(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Precondition, message)
    }

    /// `io` naming `what` (a path) and the operating system's reason.
    pub fn io(what: impl fmt::Display, err: &std::io::Error) -> Self {
        let code = match err.kind() {
            std::io::ErrorKind::NotFound => ErrorCode::NotFound,
            std::io::ErrorKind::AlreadyExists => ErrorCode::Conflict,
            _ => ErrorCode::Io,
        };
        Self::new(code, format!("{what}: {err}"))
    }

    /// The rule code of a refusal by the approval rules (the first fault's rule).
    pub fn rule(&self) -> Option<&str> {
        self.faults.iter().find_map(|f| f.rule.as_deref())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// The classification table for store errors. The message is the store's own (it names the file
/// and what to do).
impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        use crate::store::SqliteFailure;
        let message = err.to_string();
        let failure = err.sqlite_failure();
        match err {
            StoreError::Sqlite(_) => match failure {
                Some(SqliteFailure::Damaged) => ApiError::new(ErrorCode::Corrupt, message),
                Some(SqliteFailure::Busy) => ApiError::new(ErrorCode::Conflict, message),
                _ => ApiError::new(ErrorCode::Io, message),
            },
            StoreError::Io { .. } => ApiError::new(ErrorCode::Io, message),
            StoreError::TooNew { .. } | StoreError::NoActiveRuleSet => {
                ApiError::new(ErrorCode::Precondition, message)
            }
            StoreError::NotRecodable { .. } | StoreError::SyncPrecondition(_) => {
                ApiError::new(ErrorCode::Precondition, message)
            }
            StoreError::NoSuchInvoice(_)
            | StoreError::NoSuchRuleSet(_)
            | StoreError::NoSuchStep { .. } => ApiError::new(ErrorCode::NotFound, message),
            StoreError::UnknownUser(_) => ApiError::new(ErrorCode::Forbidden, message),
            StoreError::Corrupt(_) | StoreError::Anchor { .. } | StoreError::Damaged { .. } => {
                ApiError::new(ErrorCode::Corrupt, message)
            }
            StoreError::ReadOnly { .. } => ApiError::new(ErrorCode::Io, message),
            StoreError::Coding { problems, .. } => ApiError::new(ErrorCode::Validation, message)
                .with_faults(
                    problems
                        .iter()
                        .map(|p| Fault {
                            cell: p.row.map(|r| r.to_string()),
                            field: Some(p.field.to_string()),
                            message: p.to_string(),
                            ..Fault::default()
                        })
                        .collect(),
                ),
            StoreError::Refused { code, reason, .. } => {
                ApiError::new(ErrorCode::Forbidden, message).with_faults(vec![Fault {
                    rule: Some(code.to_string()),
                    message: reason,
                    ..Fault::default()
                }])
            }
        }
    }
}

/// Result alias of the API.
pub type Result<T> = std::result::Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_are_classified() {
        let cases: Vec<(StoreError, ErrorCode)> = vec![
            (StoreError::NoSuchInvoice(3), ErrorCode::NotFound),
            (StoreError::NoSuchRuleSet(3), ErrorCode::NotFound),
            (StoreError::NoActiveRuleSet, ErrorCode::Precondition),
            (
                StoreError::TooNew {
                    path: "s".into(),
                    found: 9,
                    supported: 4,
                },
                ErrorCode::Precondition,
            ),
            (StoreError::UnknownUser("x9".into()), ErrorCode::Forbidden),
            (StoreError::Corrupt("blob".into()), ErrorCode::Corrupt),
            (
                StoreError::Refused {
                    invoice: 1,
                    code: crate::approval::ReasonCode::NoRight,
                    reason: "x9 holds no right".into(),
                },
                ErrorCode::Forbidden,
            ),
        ];
        for (err, code) in cases {
            let text = err.to_string();
            let api = ApiError::from(err);
            assert_eq!(api.code, code, "{text}");
            assert_eq!(api.message, text, "the store's message is kept");
        }
    }

    #[test]
    fn a_refusal_carries_its_rule_and_coding_problems_their_rows() {
        let refused = ApiError::from(StoreError::Refused {
            invoice: 1,
            code: crate::approval::ReasonCode::Duality,
            reason: "already signed".into(),
        });
        assert_eq!(refused.rule(), Some("duality"));
        let coding = ApiError::from(StoreError::Coding {
            invoice: 1,
            problems: vec![crate::approval::CodingProblem {
                row: Some(2),
                field: "konto",
                message: "konto is required".into(),
            }],
        });
        assert_eq!(coding.code, ErrorCode::Validation);
        assert_eq!(coding.faults.len(), 1);
        assert_eq!(coding.faults[0].cell.as_deref(), Some("2"));
        assert_eq!(coding.faults[0].field.as_deref(), Some("konto"));
    }
}
