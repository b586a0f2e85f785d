//! The SQLite store: every byte Digilyft keeps about supplier invoices and their approval.
//!
//! One file (`digilyft.sqlite` in the data directory), WAL journal, foreign keys on, schema
//! migrations from [`schema`] applied at open. It holds the original bytes of each received
//! document (immutable, with SHA-256), the parsed facts, the validation report, kontering rows
//! (history kept), workflow steps, decision intents with their outcomes, rule-set versions (the
//! original workbook and its parsed form) and the hash-chained audit log. Beside the file, a
//! sidecar anchor records the log's head after every commit (`integrity.rs`), so a log whose last
//! events were removed is found too.
//!
//! Architecture invariants: SQL lives only in this module; every write runs in one transaction
//! (one per imported batch, one per decision), so `kill -9` at any moment leaves a consistent
//! store; received documents and audit events are append-only (SQLite triggers refuse updates
//! and deletes); the approval rules themselves are pure functions in [`crate::approval`] and
//! never see a connection.

mod integrity;
mod schema;

pub use integrity::{AnchorCheck, AuditReport, Uncovered, anchor_file, read_anchor_file};

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rust_decimal::Decimal;

use crate::approval::{
    self, CodingRow, Envelope, InvoiceState, Outcome, Policy, Step, StepKind, StepState, Workflow,
};
use crate::audit::{self, AuditEvent, NewEvent};
use crate::clock::Clock;
use crate::facts::{DocumentKind, InvoiceFacts};
use crate::import::Prepared;
use crate::workbook::RuleSet;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed (a damaged file or one that is no store says so, with what to do).
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    /// The store file was written by a newer Digilyft.
    #[error(
        "the store {path} has schema version {found}, but this Digilyft only knows up to version \
         {supported}; install a newer Digilyft (the store was not changed)"
    )]
    TooNew {
        /// The store file.
        path: String,
        /// Its version.
        found: i64,
        /// The newest this binary knows.
        supported: i64,
    },
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    Io {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// No such invoice.
    #[error("no invoice with id {0}")]
    NoSuchInvoice(i64),
    /// No such rule-set version.
    #[error("no rule-set version {0}")]
    NoSuchRuleSet(i64),
    /// No rule set has been activated yet.
    #[error(
        "no rule set is active: import and activate an attestförteckning first (digilyft rules import / activate)"
    )]
    NoActiveRuleSet,
    /// The decision names a person the rule sets do not know.
    #[error("unknown user {0:?}: not in the attestförteckning")]
    UnknownUser(String),
    /// The decision names a step the invoice does not have.
    #[error("invoice {invoice} has no step {step:?}")]
    NoSuchStep {
        /// The invoice.
        invoice: i64,
        /// The label given.
        step: String,
    },
    /// Stored data could not be read back (a bug or manual tampering).
    #[error("corrupt store: {0}")]
    Corrupt(String),
    /// The invoice is in a state where its kontering cannot change.
    #[error("invoice {invoice} is {state}: its kontering can no longer be changed")]
    NotRecodable {
        /// The invoice.
        invoice: i64,
        /// Its state.
        state: InvoiceState,
    },
    /// The proposed kontering has problems; nothing was changed.
    #[error("the kontering for invoice {invoice} was refused: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Coding {
        /// The invoice.
        invoice: i64,
        /// Every problem, by row and field.
        problems: Vec<approval::CodingProblem>,
    },
    /// An action on an invoice was refused by the approval rules; nothing was changed.
    #[error("invoice {invoice}: refused ({code}): {reason}")]
    Refused {
        /// The invoice.
        invoice: i64,
        /// Stable reason code.
        code: &'static str,
        /// Why.
        reason: String,
    },
    /// The audit anchor file beside the store could not be read or written.
    #[error("audit anchor {path}: {reason}")]
    Anchor {
        /// The anchor file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// The message of a SQLite error; a damaged store or a file that is no database gets advice.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => format!(
            "the store file is damaged or is not a Digilyft store ({e}); it was not changed: \
             restore it from a backup together with its audit anchor, then run `digilyft audit \
             verify`"
        ),
        _ => format!("database error: {e}"),
    }
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// One line of an invoice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceSummary {
    /// Store id.
    pub id: i64,
    /// Seller name.
    pub supplier: String,
    /// Supplier id (orgnr when known).
    pub supplier_id: String,
    /// BT-1 number.
    pub number: String,
    /// Invoice or credit note (None when unreadable).
    pub kind: Option<DocumentKind>,
    /// BT-2 issue date.
    pub issue_date: Option<NaiveDate>,
    /// BT-115 amount due.
    pub amount: Decimal,
    /// BT-109 net amount.
    pub net_amount: Decimal,
    /// BT-5 currency.
    pub currency: String,
    /// BT-9 due date.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline (due date minus payment lead time).
    pub attest_deadline: Option<NaiveDate>,
    /// Workflow state.
    pub state: InvoiceState,
    /// Payment block.
    pub payment_block: bool,
    /// Name of the received file.
    pub file_name: String,
}

/// Why a document was not stored again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// Byte-identical to a stored document.
    SameBytes,
    /// Same supplier, number and issue date as a stored invoice.
    SameInvoice,
}

impl DuplicateKind {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::SameBytes => "same-bytes",
            DuplicateKind::SameInvoice => "same-supplier-number-date",
        }
    }
}

/// What importing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Stored (and routed when a rule set is active).
    Stored {
        /// New invoice id.
        id: i64,
        /// Its state after routing.
        state: InvoiceState,
    },
    /// Recognised as already stored; nothing written.
    Duplicate {
        /// The stored invoice.
        existing: i64,
        /// How it was recognised.
        kind: DuplicateKind,
    },
    /// Stored with its report, but fatal validation errors or unreadable: needs a clerk.
    NeedsAction {
        /// New invoice id.
        id: i64,
        /// Short reason.
        reason: String,
    },
}

/// A stored rule-set version.
#[derive(Debug, Clone)]
pub struct RuleSetVersion {
    /// Version number.
    pub version: i64,
    /// SHA-256 of the workbook bytes.
    pub sha256: String,
    /// File name imported.
    pub source_name: String,
    /// When.
    pub imported_at: DateTime<Utc>,
    /// By whom.
    pub imported_by: String,
    /// The nämnd decision reference.
    pub decision_ref: String,
    /// When activated (None: not yet).
    pub activated_at: Option<DateTime<Utc>>,
    /// The rules.
    pub rules: Arc<RuleSet>,
}

/// A stored decision intent and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Idempotency key.
    pub decision_id: String,
    /// Step label.
    pub step: String,
    /// ATTEST / RETURN / REJECT / DISPUTE.
    pub decision: String,
    /// Who.
    pub actor: String,
    /// Standing in for.
    pub acting_for: Option<String>,
    /// Server receipt time.
    pub received_at: DateTime<Utc>,
    /// First outcome (what a replay returns).
    pub outcome: Outcome,
    /// Reason code.
    pub reason_code: String,
    /// Reason.
    pub reason: String,
    /// For parked decisions: what became of them.
    pub resolved: Option<String>,
}

/// What [`Store::decide`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionResult {
    /// The outcome.
    pub outcome: Outcome,
    /// Reason code (`ok` when accepted).
    pub reason_code: String,
    /// Explanation.
    pub reason: String,
    /// True when this decision id had been seen before and the earlier outcome is returned.
    pub replay: bool,
    /// The invoice state afterwards.
    pub invoice_state: InvoiceState,
}

/// Everything about one invoice, for `show`.
#[derive(Debug, Clone)]
pub struct InvoiceDetail {
    /// The summary.
    pub summary: InvoiceSummary,
    /// Parsed facts (None when unreadable).
    pub facts: Option<InvoiceFacts>,
    /// The EN 16931 model as read by `digilyft-invoice` (JSON), when readable.
    pub model_json: Option<String>,
    /// Validation report as JSON.
    pub report_json: String,
    /// Workflow.
    pub workflow: Workflow,
    /// The content hash a decider must quote.
    pub content_hash: String,
    /// Decision intents.
    pub decisions: Vec<DecisionRecord>,
    /// The invoice's audit events.
    pub audit: Vec<AuditEvent>,
    /// The invoice this credit note credits.
    pub credits_invoice: Option<i64>,
}

/// One open step in someone's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    /// Invoice id.
    pub invoice_id: i64,
    /// Step label.
    pub step: String,
    /// Step kind.
    pub kind: StepKind,
    /// Assigned person.
    pub assignee: String,
    /// Set when the user stands in for the assignee.
    pub acting_for: Option<String>,
    /// Supplier name.
    pub supplier: String,
    /// Invoice number.
    pub number: String,
    /// Amount due.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline.
    pub attest_deadline: Option<NaiveDate>,
    /// Reminder due on the day the inbox was asked for (from the attest deadline).
    pub reminder: Option<crate::approval::Reminder>,
    /// The invoice's state (DISPUTED or a payment block stop every decision until resolved).
    pub invoice_state: InvoiceState,
    /// Payment block.
    pub payment_block: bool,
}

/// One reminder to send: an open step near or past its attest deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderItem {
    /// The step, as an inbox line (`assignee` is the person or queue it waits on).
    pub item: InboxItem,
    /// Who stands in for the assignee today (registered absence covering the invoice).
    pub substitutes: Vec<String>,
}

/// One invoice for the ledger export.
#[derive(Debug, Clone)]
pub struct LedgerEntry {
    /// The summary.
    pub summary: InvoiceSummary,
    /// Current kontering.
    pub coding: Vec<CodingRow>,
    /// Steps (who attested when).
    pub steps: Vec<Step>,
}

/// The store. Not `Sync`: one per thread (SQLite WAL lets several processes share the file).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: String,
    active: Option<(i64, Arc<RuleSet>)>,
    policy: Policy,
    /// The head sequence number last written to (or found in) the sidecar anchor.
    anchored_seq: i64,
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {s:?}: {e}")))
}

fn parse_day(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|d| {
        NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("date {d:?}: {e}")))
    })
    .transpose()
}

fn dec(s: &str) -> Result<Decimal> {
    s.parse::<Decimal>()
        .map_err(|e| StoreError::Corrupt(format!("amount {s:?}: {e}")))
}

fn corrupt<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

impl Store {
    /// Opens (creating if needed) the store at `path`, applying pending migrations. A store of a
    /// newer schema version is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, path.display().to_string())
    }

    /// Opens the store in the data directory `dir` (see [`crate::paths`]).
    pub fn open_dir(dir: &Path) -> Result<Store> {
        Self::open(&crate::paths::store_file(dir))
    }

    /// A fresh in-memory store (tests, demos).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = schema::MIGRATIONS.len() as i64;
        if found > supported {
            return Err(StoreError::TooNew {
                path,
                found,
                supported,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path,
            active: None,
            policy: Policy::default(),
            anchored_seq: 0,
        };
        store.migrate(found)?;
        store.active = store.load_active()?;
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The path the store was opened from (`:memory:` for in-memory stores).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The approval policy (deadlines, offline age) in use.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The policy with the active rule set's `Tidsfrister` laid over it
    /// ([`Policy::under`]): what reminders and deadlines are computed with.
    fn effective_policy(&self) -> Policy {
        match &self.active {
            Some((_, rules)) => self.policy.under(rules),
            None => self.policy.clone(),
        }
    }

    /// Replaces the approval policy.
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    // ----------------------------------------------------------------------------------------
    // Import

    /// Stores a batch of prepared documents in ONE transaction: duplicates are recognised (also
    /// within the batch) and reported, invalid ones kept as needs-action, valid ones routed when a
    /// rule set is active. Either the whole batch is stored or none of it.
    pub fn store_batch(
        &mut self,
        batch: &[Prepared],
        clock: &dyn Clock,
    ) -> Result<Vec<ImportOutcome>> {
        let now = clock.now();
        let active = self.active.clone();
        let policy = self.policy.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        for p in batch {
            out.push(store_one(&tx, p, now, active.as_ref(), &policy)?);
        }
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(out)
    }

    /// Lists every invoice, newest first.
    pub fn list_invoices(&self) -> Result<Vec<InvoiceSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} ORDER BY i.id DESC"))?;
        let rows = stmt.query_map([], summary_row)?;
        rows.map(|r| r?).collect()
    }

    /// One invoice's summary.
    pub fn invoice_summary(&self, id: i64) -> Result<InvoiceSummary> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} WHERE i.id = ?1"))?;
        stmt.query_row([id], summary_row)
            .optional()?
            .ok_or(StoreError::NoSuchInvoice(id))?
    }

    /// Finds an invoice by store id, or by invoice number (when unique).
    pub fn find_invoice(&self, key: &str) -> Result<Option<i64>> {
        if let Ok(id) = key.parse::<i64>() {
            let found: Option<i64> = self
                .conn
                .query_row("SELECT id FROM invoice WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM invoice WHERE number = ?1 LIMIT 2")?;
        let ids: Vec<i64> = stmt
            .query_map([key], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(if ids.len() == 1 {
            ids.first().copied()
        } else {
            None
        })
    }

    /// Everything about one invoice.
    pub fn invoice_detail(&self, id: i64) -> Result<InvoiceDetail> {
        let summary = self.invoice_summary(id)?;
        let (facts_json, report_json, credits, model_json): (
            Option<String>,
            String,
            Option<i64>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT facts_json, report_json, credits_invoice_id, model_json FROM invoice WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let facts = facts_json
            .map(|j| serde_json::from_str::<InvoiceFacts>(&j).map_err(corrupt("invoice facts")))
            .transpose()?;
        let workflow = load_workflow(&self.conn, id)?;
        let content_hash = approval::content_hash(&workflow);
        let decisions = self.decisions_of(id)?;
        let audit = self.audit_events_where(Some(id))?;
        Ok(InvoiceDetail {
            summary,
            facts,
            model_json,
            report_json,
            workflow,
            content_hash,
            decisions,
            audit,
            credits_invoice: credits,
        })
    }

    /// The original bytes of an invoice's document and their SHA-256.
    pub fn original(&self, invoice_id: i64) -> Result<(String, Vec<u8>, String)> {
        self.conn
            .query_row(
                "SELECT d.name, d.bytes, d.sha256 FROM document d JOIN invoice i ON i.document_id = d.id WHERE i.id = ?1",
                [invoice_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NoSuchInvoice(invoice_id))
    }

    fn decisions_of(&self, id: i64) -> Result<Vec<DecisionRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT decision_id, step_label, decision, actor, acting_for, received_at, outcome, reason_code, reason, resolved
             FROM decision WHERE invoice_id = ?1 ORDER BY received_at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                decision_id,
                step,
                decision,
                actor,
                acting_for,
                received,
                outcome,
                reason_code,
                reason,
                resolved,
            ) = row?;
            out.push(DecisionRecord {
                decision_id,
                step,
                decision,
                actor,
                acting_for,
                received_at: parse_ts(&received)?,
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| StoreError::Corrupt(format!("outcome {outcome:?}")))?,
                reason_code,
                reason,
                resolved,
            });
        }
        Ok(out)
    }

    // ----------------------------------------------------------------------------------------
    // Rule sets

    /// Stores a validated rule set as a new (inactive) version and returns its number.
    pub fn add_ruleset(
        &mut self,
        source_name: &str,
        workbook: &[u8],
        rules: &RuleSet,
        imported_by: &str,
        decision_ref: &str,
        clock: &dyn Clock,
    ) -> Result<i64> {
        let now = clock.now();
        let json = serde_json::to_string(rules).map_err(corrupt("rule set"))?;
        let sha = crate::import::sha256_hex(workbook);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO ruleset (sha256, source_name, imported_at, imported_by, decision_ref, workbook, rules_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![sha, source_name, ts(now), imported_by, decision_ref, workbook, json],
        )?;
        let version = tx.last_insert_rowid();
        let mut ev = NewEvent::new("ruleset.imported", None, imported_by);
        ev.ruleset_version = Some(version);
        ev.detail =
            serde_json::json!({"file": source_name, "sha256": sha, "beslut_ref": decision_ref,
            "grants": rules.grants.len(), "flows": rules.flows.len()})
            .to_string();
        append_audit(&tx, now, ev)?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(version)
    }

    /// Every stored rule-set version, oldest first.
    pub fn rulesets(&self) -> Result<Vec<RuleSetVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT version, sha256, source_name, imported_at, imported_by, decision_ref, activated_at, rules_json
             FROM ruleset ORDER BY version",
        )?;
        let rows = stmt.query_map([], ruleset_row)?;
        rows.map(|r| r?).collect()
    }

    /// The workbook a rule-set version was imported from, byte for byte: (file name, bytes).
    pub fn ruleset_workbook(&self, version: i64) -> Result<(String, Vec<u8>)> {
        self.conn
            .query_row(
                "SELECT source_name, workbook FROM ruleset WHERE version = ?1",
                [version],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NoSuchRuleSet(version))
    }

    /// One rule-set version.
    pub fn ruleset(&self, version: i64) -> Result<RuleSetVersion> {
        ruleset_by_version(&self.conn, version)
    }

    /// The active version, if any.
    pub fn active_ruleset(&self) -> Option<(i64, Arc<RuleSet>)> {
        self.active.clone()
    }

    fn load_active(&self) -> Result<Option<(i64, Arc<RuleSet>)>> {
        let v: Option<i64> = self
            .conn
            .query_row(
                "SELECT version FROM ruleset WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, version DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match v {
            Some(v) => Ok(Some((v, ruleset_by_version(&self.conn, v)?.rules))),
            None => Ok(None),
        }
    }

    /// Activates `version`: from now on decisions are judged under it, and every invoice still
    /// waiting to be routed (received or unrouted) is routed. Returns how many were routed.
    pub fn activate_ruleset(&mut self, version: i64, by: &str, clock: &dyn Clock) -> Result<usize> {
        let now = clock.now();
        let rules = ruleset_by_version(&self.conn, version)?.rules;
        let policy = self.policy.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE ruleset SET activated_at = ?1, activated_by = ?2 WHERE version = ?3",
            params![ts(now), by, version],
        )?;
        let mut ev = NewEvent::new("ruleset.activated", None, by);
        ev.ruleset_version = Some(version);
        append_audit(&tx, now, ev)?;
        let waiting: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM invoice WHERE state IN ('received', 'unrouted') ORDER BY id",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        };
        let active = (version, rules.clone());
        for id in &waiting {
            route_invoice(&tx, *id, now, &active, &policy)?;
        }
        tx.commit()?;
        self.refresh_anchor()?;
        self.active = Some((version, rules));
        Ok(waiting.len())
    }

    // ----------------------------------------------------------------------------------------
    // Decisions

    /// The envelope of decision `decision_id` as it was received, to replay it: submitting it
    /// again with [`Store::decide`] returns the first outcome and changes nothing. `None` for an
    /// unknown id.
    pub fn decision_envelope(&self, decision_id: &str) -> Result<Option<Envelope>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT envelope FROM decision WHERE decision_id = ?1",
                [decision_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(corrupt("envelope")))
            .transpose()
    }

    /// Submits one decision envelope (spec §4.2) and returns its outcome. The same decision id
    /// submitted again returns the first outcome and changes nothing. Bad input (unknown invoice,
    /// step, user or rule-set version) is an error and changes nothing.
    pub fn decide(&mut self, env: &Envelope, clock: &dyn Clock) -> Result<DecisionResult> {
        let now = clock.now();
        let policy = self.policy.clone();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(prev) = decision_by_id(&tx, &env.decision_id)? {
            let state = invoice_state(&tx, prev.0)?;
            return Ok(DecisionResult {
                outcome: prev.1,
                reason_code: prev.2,
                reason: prev.3,
                replay: true,
                invoice_state: state,
            });
        }
        let wf = load_workflow(&tx, env.invoice_id)?;
        let seen = if env.ruleset_version == active.0 {
            active.1.clone()
        } else {
            ruleset_by_version(&tx, env.ruleset_version)?.rules
        };
        for person in std::iter::once(&env.actor_id).chain(env.acting_for.iter()) {
            if !active.1.knows(person) && !seen.knows(person) {
                return Err(StoreError::UnknownUser(person.clone()));
            }
        }
        if !wf.steps.iter().any(|s| s.label == env.step) {
            return Err(StoreError::NoSuchStep {
                invoice: env.invoice_id,
                step: env.step.clone(),
            });
        }
        let verdict = approval::decide(&wf, env, &seen, &active.1, active.0, now, &policy);
        record_decision(&tx, env, now, &verdict)?;
        let mut state = wf.state;
        if let Some(new) = &verdict.workflow {
            save_workflow(&tx, &wf, new)?;
            state = new.state;
        }
        for ev in verdict.events {
            append_audit(&tx, now, ev)?;
        }
        if verdict.outcome == Outcome::Accepted {
            state = resolve_pending(&tx, env.invoice_id, now, &active, &policy)?.unwrap_or(state);
        }
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(DecisionResult {
            outcome: verdict.outcome,
            reason_code: verdict.reason.code.to_string(),
            reason: verdict.reason.text,
            replay: false,
            invoice_state: state,
        })
    }

    /// Replaces an invoice's kontering. Attests already given are voided (recorded, not deleted)
    /// and the flow starts again from its first step; pending intents become stale through the
    /// content hash. Refused, changing nothing, when `actor` is not in the active
    /// attestförteckning, the invoice is not in a recodable state ([`approval::recodable`]), the
    /// rows fail [`approval::check_coding`] (every problem is returned) or `actor` may not code
    /// this invoice ([`approval::may_recode`]).
    pub fn set_kontering(
        &mut self,
        invoice_id: i64,
        rows: Vec<CodingRow>,
        actor: &str,
        clock: &dyn Clock,
    ) -> Result<Workflow> {
        let now = clock.now();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wf = load_workflow(&tx, invoice_id)?;
        if !active.1.knows(actor) {
            return Err(StoreError::UnknownUser(actor.to_string()));
        }
        if !approval::recodable(wf.state) {
            return Err(StoreError::NotRecodable {
                invoice: invoice_id,
                state: wf.state,
            });
        }
        let problems = approval::check_coding(&wf, &rows);
        if !problems.is_empty() {
            return Err(StoreError::Coding {
                invoice: invoice_id,
                problems,
            });
        }
        approval::may_recode(&active.1, actor, &wf, &rows, now.date_naive()).map_err(|r| {
            StoreError::Refused {
                invoice: invoice_id,
                code: r.code,
                reason: r.text,
            }
        })?;
        let (new, events) = approval::recode(&wf, rows, actor, &active.1, now, &self.policy);
        save_workflow(&tx, &wf, &new)?;
        for ev in events {
            append_audit(&tx, now, ev)?;
        }
        // Intents parked before the change are judged again: STALE (spec §4.3).
        resolve_pending(&tx, invoice_id, now, &active, &self.policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(new)
    }

    /// Ends the dispute or payment block on an invoice ([`approval::resolve`]): resumes the attest
    /// or rejects the invoice, with `comment` as the stated reason. Refused, changing nothing,
    /// for an unknown user, one without an attest right on the invoice, a jävig one, or an
    /// invoice with nothing to resolve.
    pub fn resolve(
        &mut self,
        invoice_id: i64,
        actor: &str,
        resolution: approval::Resolution,
        comment: &str,
        clock: &dyn Clock,
    ) -> Result<Workflow> {
        let now = clock.now();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        if !active.1.knows(actor) {
            return Err(StoreError::UnknownUser(actor.to_string()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wf = load_workflow(&tx, invoice_id)?;
        let (new, events) = approval::resolve(&wf, actor, resolution, comment, &active.1, now)
            .map_err(|r| StoreError::Refused {
                invoice: invoice_id,
                code: r.code,
                reason: r.text,
            })?;
        save_workflow(&tx, &wf, &new)?;
        for ev in events {
            append_audit(&tx, now, ev)?;
        }
        // A rejection closes the steps: intents parked on them are resolved (superseded).
        resolve_pending(&tx, invoice_id, now, &active, &self.policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(new)
    }

    /// Reassigns open steps whose attest deadline is near or past (ersättare → närmaste chef →
    /// the ekonomienhet queue), per the policy. Returns the number of steps escalated.
    pub fn escalate(&mut self, clock: &dyn Clock) -> Result<usize> {
        let now = clock.now();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        let policy = self.policy.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT s.invoice_id FROM step s JOIN invoice i ON i.id = s.invoice_id
                 WHERE s.state = 'OPEN' AND i.attest_deadline IS NOT NULL AND i.attest_deadline <= ?1",
            )?;
            // The widest reminder window of any attest kind under the active Tidsfrister.
            let window = [StepKind::Mottagning, StepKind::Granskning, StepKind::Beslut]
                .iter()
                .map(|k| policy.timing(&active.1, *k).remind_before_due_days)
                .max()
                .unwrap_or(policy.remind_before_due_days);
            let horizon = (now.date_naive() + chrono::Days::new(u64::from(window))).to_string();
            stmt.query_map([horizon], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        };
        let mut n = 0;
        for id in ids {
            let wf = load_workflow(&tx, id)?;
            if let Some((new, events)) = approval::escalate(&wf, &active.1, now, &policy) {
                n += events.len();
                save_workflow(&tx, &wf, &new)?;
                for ev in events {
                    append_audit(&tx, now, ev)?;
                }
            }
        }
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(n)
    }

    // ----------------------------------------------------------------------------------------
    // Queries

    /// Open steps `user` may act on today: assigned to them, or to someone they stand in for
    /// (registered absence covering the step's ansvar) under the active rule set.
    pub fn inbox(&self, user: &str, day: NaiveDate) -> Result<Vec<InboxItem>> {
        let mut persons: Vec<(String, Option<&crate::workbook::Absence>)> =
            vec![(user.to_string(), None)];
        let rules = self
            .active
            .as_ref()
            .map(|a| a.1.clone())
            .unwrap_or_default();
        for a in rules.standing_in_for(user, day) {
            persons.push((a.person_id.clone(), Some(a)));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INBOX_COLUMNS}, s.assignee
             FROM step s JOIN invoice i INDEXED BY invoice_inbox ON i.id = s.invoice_id
             WHERE s.state = 'OPEN' AND s.assignee = ?1
             ORDER BY i.attest_deadline IS NULL, i.attest_deadline, s.invoice_id"
        ))?;
        let mut out = Vec::new();
        for (person, absence) in persons {
            for row in stmt.query_map([&person], inbox_row)? {
                let mut item = self.inbox_item(row?, day)?;
                if let Some(a) = absence {
                    // Only steps within the absence's scope (omfattning = ansvar list or ALLA).
                    if !self.absence_covers(a, item.invoice_id)? {
                        continue;
                    }
                    item.acting_for = Some(a.person_id.clone());
                }
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Every open step whose attest deadline is inside the reminder window on `day` (or past),
    /// by assignee (a queue's name when no person is assigned), then deadline: the daily list of
    /// reminders to send. Each names who currently stands in for an absent assignee.
    pub fn reminders(&self, day: NaiveDate) -> Result<Vec<ReminderItem>> {
        let horizon = (day
            + chrono::Days::new(u64::from(self.effective_policy().remind_before_due_days)))
        .to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INBOX_COLUMNS}, COALESCE(s.assignee, s.queue, '')
             FROM step s JOIN invoice i ON i.id = s.invoice_id
             WHERE s.state = 'OPEN' AND i.attest_deadline IS NOT NULL AND i.attest_deadline <= ?1
             ORDER BY 12, i.attest_deadline, s.invoice_id"
        ))?;
        let rules = self
            .active
            .as_ref()
            .map(|a| a.1.clone())
            .unwrap_or_default();
        let mut out = Vec::new();
        for row in stmt.query_map([horizon], inbox_row)? {
            let item = self.inbox_item(row?, day)?;
            let mut substitutes = Vec::new();
            for a in rules
                .absences
                .iter()
                .filter(|a| a.person_id == item.assignee && a.fran <= day && day <= a.till)
            {
                if self.absence_covers(a, item.invoice_id)? {
                    substitutes.push(a.ersattare_person_id.clone());
                }
            }
            out.push(ReminderItem { item, substitutes });
        }
        Ok(out)
    }

    /// Whether absence `a` covers the invoice: its omfattning is ALLA, or lists every kontering
    /// row's ansvar.
    fn absence_covers(&self, a: &crate::workbook::Absence, invoice_id: i64) -> Result<bool> {
        if a.omfattning.is_empty() {
            return Ok(true);
        }
        let coding = load_coding(&self.conn, invoice_id)?;
        Ok(coding.iter().all(|c| a.omfattning.matches(&c.ansvar)))
    }

    fn inbox_item(&self, row: InboxRow, day: NaiveDate) -> Result<InboxItem> {
        let (
            invoice_id,
            step,
            kind,
            supplier,
            number,
            amount,
            currency,
            due,
            deadline,
            state,
            payment_block,
            assignee,
        ) = row;
        let attest_deadline = parse_day(deadline)?;
        Ok(InboxItem {
            invoice_id,
            step,
            kind: StepKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("step kind {kind:?}")))?,
            assignee,
            acting_for: None,
            supplier,
            number,
            amount: dec(&amount)?,
            currency,
            due_date: parse_day(due)?,
            attest_deadline,
            reminder: attest_deadline
                .and_then(|d| crate::approval::reminder(d, day, &self.effective_policy())),
            invoice_state: InvoiceState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
            payment_block,
        })
    }

    /// Every invoice with its kontering and steps, for the ledger export.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        let summaries = {
            let mut stmt = self
                .conn
                .prepare(&format!("{SUMMARY_SELECT} ORDER BY i.id"))?;
            let rows = stmt.query_map([], summary_row)?;
            rows.map(|r| r?).collect::<Result<Vec<_>>>()?
        };
        let mut coding: HashMap<i64, Vec<CodingRow>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "{CODING_SELECT} WHERE replaced_at_rev IS NULL ORDER BY invoice_id, row_no"
            ))?;
            let rows = stmt.query_map([], coding_row)?;
            for r in rows {
                let (id, row) = r??;
                coding.entry(id).or_default().push(row);
            }
        }
        let mut steps: HashMap<i64, Vec<Step>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!("{STEP_SELECT} ORDER BY invoice_id, seq"))?;
            let rows = stmt.query_map([], step_row)?;
            for r in rows {
                let (id, s) = r??;
                steps.entry(id).or_default().push(s);
            }
        }
        Ok(summaries
            .into_iter()
            .map(|summary| {
                let id = summary.id;
                LedgerEntry {
                    summary,
                    coding: coding.remove(&id).unwrap_or_default(),
                    steps: steps.remove(&id).unwrap_or_default(),
                }
            })
            .collect())
    }

    /// Counts of invoices per state.
    pub fn state_counts(&self) -> Result<Vec<(InvoiceState, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT state, COUNT(*) FROM invoice GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = Vec::new();
        for r in rows {
            let (s, n) = r?;
            out.push((
                InvoiceState::parse(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("state {s:?}")))?,
                n,
            ));
        }
        Ok(out)
    }

    // ----------------------------------------------------------------------------------------
    // Audit

    /// The whole audit log in sequence order.
    pub fn audit_events(&self) -> Result<Vec<AuditEvent>> {
        self.audit_events_where(None)
    }

    fn audit_events_where(&self, invoice: Option<i64>) -> Result<Vec<AuditEvent>> {
        let sql = format!(
            "SELECT seq, at, kind, invoice_id, actor, acting_for, device_time, ruleset_version, content_hash, outcome, reason, detail, prev_hash, hash
             FROM audit {} ORDER BY rowid",
            if invoice.is_some() { "WHERE invoice_id = ?1" } else { "" }
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = match invoice {
            Some(id) => stmt.query_map([id], audit_row)?.collect::<Vec<_>>(),
            None => stmt.query_map([], audit_row)?.collect::<Vec<_>>(),
        };
        rows.into_iter().map(|r| r?).collect()
    }

    /// Verifies the audit chain; `Ok(n)` with the number of events when intact.
    pub fn verify_audit(&self) -> Result<std::result::Result<usize, audit::ChainBreak>> {
        Ok(audit::verify(&self.audit_events()?))
    }

    #[cfg(test)]
    pub(crate) fn raw_sql(&self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }
}

// ---------------------------------------------------------------------------------------------
// Internal helpers working on a connection or transaction (both deref to `Connection`).

const SUMMARY_SELECT: &str = "SELECT i.id, i.supplier_name, i.supplier_id, i.number, i.kind, i.issue_date, i.payable, i.net_total,
        i.currency, i.due_date, i.attest_deadline, i.state, i.payment_block, d.name
   FROM invoice i JOIN document d ON d.id = i.document_id";

/// The invoice and step columns an inbox line shows (the twelfth column, the assignee, is added
/// by each query).
const INBOX_COLUMNS: &str = "s.invoice_id, s.label, s.kind, i.supplier_name, i.number, i.payable, \
    i.currency, i.due_date, i.attest_deadline, i.state, i.payment_block";

type InboxRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    bool,
    String,
);

fn inbox_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InboxRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<InvoiceSummary>> {
    let kind: Option<String> = r.get(4)?;
    let state: String = r.get(11)?;
    let payable: String = r.get(6)?;
    let net: String = r.get(7)?;
    let issue: Option<String> = r.get(5)?;
    let due: Option<String> = r.get(9)?;
    let deadline: Option<String> = r.get(10)?;
    let (id, supplier, supplier_id, number, currency, block, file_name): (
        i64,
        String,
        String,
        String,
        String,
        bool,
        String,
    ) = (
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(8)?,
        r.get(12)?,
        r.get(13)?,
    );
    Ok((|| {
        Ok(InvoiceSummary {
            id,
            supplier,
            supplier_id,
            number,
            kind: kind.as_deref().and_then(DocumentKind::parse),
            issue_date: parse_day(issue)?,
            amount: dec(&payable)?,
            net_amount: dec(&net)?,
            currency,
            due_date: parse_day(due)?,
            attest_deadline: parse_day(deadline)?,
            state: InvoiceState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
            payment_block: block,
            file_name,
        })
    })())
}

fn ruleset_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<RuleSetVersion>> {
    let (version, sha256, source_name, imported_at, imported_by, decision_ref, activated_at, json): (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
    Ok((|| {
        Ok(RuleSetVersion {
            version,
            sha256,
            source_name,
            imported_at: parse_ts(&imported_at)?,
            imported_by,
            decision_ref,
            activated_at: activated_at.as_deref().map(parse_ts).transpose()?,
            rules: Arc::new(serde_json::from_str(&json).map_err(corrupt("rule set"))?),
        })
    })())
}

fn ruleset_by_version(conn: &Connection, version: i64) -> Result<RuleSetVersion> {
    conn.query_row(
        "SELECT version, sha256, source_name, imported_at, imported_by, decision_ref, activated_at, rules_json
         FROM ruleset WHERE version = ?1",
        [version],
        ruleset_row,
    )
    .optional()?
    .ok_or(StoreError::NoSuchRuleSet(version))?
}

const CODING_SELECT: &str = "SELECT invoice_id, amount, konto, ansvar, verksamhet, aktivitet, projekt, objekt, motpart, momskod FROM kontering";

fn coding_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(i64, CodingRow)>> {
    let amount: String = r.get(1)?;
    let row = CodingRow {
        amount: Decimal::ZERO,
        konto: r.get(2)?,
        ansvar: r.get(3)?,
        verksamhet: r.get(4)?,
        aktivitet: r.get(5)?,
        projekt: r.get(6)?,
        objekt: r.get(7)?,
        motpart: r.get(8)?,
        momskod: r.get(9)?,
    };
    let id: i64 = r.get(0)?;
    Ok(dec(&amount).map(|a| (id, CodingRow { amount: a, ..row })))
}

fn load_coding(conn: &Connection, invoice_id: i64) -> Result<Vec<CodingRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CODING_SELECT} WHERE invoice_id = ?1 AND replaced_at_rev IS NULL ORDER BY row_no"
    ))?;
    let rows = stmt.query_map([invoice_id], coding_row)?;
    rows.map(|r| r?.map(|(_, c)| c)).collect()
}

const STEP_SELECT: &str = "SELECT invoice_id, seq, kind, label, state, assignee, queue, revision, decided_by, acting_for, decided_at, decision_id, auto_rule, escalated_at FROM step";

fn step_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(i64, Step)>> {
    let kind: String = r.get(2)?;
    let state: String = r.get(4)?;
    let decided_at: Option<String> = r.get(10)?;
    let id: i64 = r.get(0)?;
    let seq: u32 = r.get(1)?;
    let label: String = r.get(3)?;
    let assignee: Option<String> = r.get(5)?;
    let queue: Option<String> = r.get(6)?;
    let revision: i64 = r.get(7)?;
    let decided_by: Option<String> = r.get(8)?;
    let acting_for: Option<String> = r.get(9)?;
    let decision_id: Option<String> = r.get(11)?;
    let auto_rule: Option<String> = r.get(12)?;
    let escalated_at: Option<String> = r.get(13)?;
    Ok((|| {
        Ok((
            id,
            Step {
                seq,
                kind: StepKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("step kind {kind:?}")))?,
                label,
                state: StepState::parse(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("step state {state:?}")))?,
                assignee,
                queue,
                revision,
                decided_by,
                acting_for,
                decided_at: decided_at.as_deref().map(parse_ts).transpose()?,
                decision_id,
                auto_rule,
                escalated_at: escalated_at.as_deref().map(parse_ts).transpose()?,
            },
        ))
    })())
}

fn load_workflow(conn: &Connection, id: i64) -> Result<Workflow> {
    let row = conn
        .query_row(
            "SELECT d.sha256, i.supplier_id, i.kind, i.net_total, i.payable, i.due_date, i.state, i.revision,
                    i.payment_block, i.ruleset_version, i.flow_rule
             FROM invoice i JOIN document d ON d.id = i.document_id WHERE i.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, bool>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NoSuchInvoice(id))?;
    let (sha, supplier_id, kind, net, payable, due, state, revision, block, rs, flow) = row;
    let steps = {
        let mut stmt =
            conn.prepare_cached(&format!("{STEP_SELECT} WHERE invoice_id = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map([id], step_row)?;
        rows.map(|r| r?.map(|(_, s)| s))
            .collect::<Result<Vec<_>>>()?
    };
    Ok(Workflow {
        invoice_id: id,
        document_sha256: sha,
        supplier_id,
        credit_note: kind.as_deref() == Some(DocumentKind::CreditNote.as_str()),
        net_total: dec(&net)?,
        payable: dec(&payable)?,
        due_date: parse_day(due)?,
        state: InvoiceState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
        revision,
        payment_block: block,
        ruleset_version: rs,
        flow_rule: flow,
        coding: load_coding(conn, id)?,
        steps,
    })
}

fn save_workflow(conn: &Connection, old: &Workflow, new: &Workflow) -> Result<()> {
    let deadline =
        approval::attest_deadline(new.due_date, &Policy::default()).map(|d| d.to_string());
    conn.execute(
        "UPDATE invoice SET state = ?1, revision = ?2, payment_block = ?3, ruleset_version = ?4, flow_rule = ?5,
                attest_deadline = COALESCE(attest_deadline, ?6) WHERE id = ?7",
        params![new.state.as_str(), new.revision, new.payment_block, new.ruleset_version, new.flow_rule, deadline, new.invoice_id],
    )?;
    if old.coding != new.coding {
        conn.execute(
            "UPDATE kontering SET replaced_at_rev = ?1 WHERE invoice_id = ?2 AND replaced_at_rev IS NULL",
            params![new.revision, new.invoice_id],
        )?;
        let mut ins = conn.prepare_cached(
            "INSERT INTO kontering (invoice_id, row_no, amount, konto, ansvar, verksamhet, aktivitet, projekt, objekt, motpart, momskod, source, from_revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, c) in new.coding.iter().enumerate() {
            ins.execute(params![
                new.invoice_id,
                i as i64 + 1,
                c.amount.to_string(),
                c.konto,
                c.ansvar,
                c.verksamhet,
                c.aktivitet,
                c.projekt,
                c.objekt,
                c.motpart,
                c.momskod,
                "workflow",
                new.revision
            ])?;
        }
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO step (invoice_id, seq, kind, label, state, assignee, queue, revision, decided_by, acting_for, decided_at, decision_id, auto_rule, escalated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (invoice_id, seq) DO UPDATE SET kind = excluded.kind, label = excluded.label, state = excluded.state,
            assignee = excluded.assignee, queue = excluded.queue, revision = excluded.revision, decided_by = excluded.decided_by,
            acting_for = excluded.acting_for, decided_at = excluded.decided_at, decision_id = excluded.decision_id,
            auto_rule = excluded.auto_rule, escalated_at = excluded.escalated_at",
    )?;
    // Steps rebuilt after a kontering change may be fewer (no second signer needed any more).
    if new.steps.len() < old.steps.len() {
        conn.execute(
            "DELETE FROM step WHERE invoice_id = ?1 AND seq >= ?2",
            params![new.invoice_id, new.steps.len() as i64],
        )?;
    }
    for s in &new.steps {
        if old.steps.get(s.seq as usize) == Some(s) {
            continue;
        }
        upsert.execute(params![
            new.invoice_id,
            s.seq,
            s.kind.as_str(),
            s.label,
            s.state.as_str(),
            s.assignee,
            s.queue,
            s.revision,
            s.decided_by,
            s.acting_for,
            s.decided_at.map(ts),
            s.decision_id,
            s.auto_rule,
            s.escalated_at.map(ts)
        ])?;
    }
    Ok(())
}

fn invoice_state(conn: &Connection, id: i64) -> Result<InvoiceState> {
    let s: String = conn.query_row("SELECT state FROM invoice WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    InvoiceState::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("state {s:?}")))
}

fn append_audit(conn: &Connection, at: DateTime<Utc>, ev: NewEvent) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = last.map_or((1, audit::GENESIS.to_string()), |(s, h)| (s + 1, h));
    let sealed = audit::seal(seq, at, ev, &prev);
    let e = &sealed.event;
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, kind, invoice_id, actor, acting_for, device_time, ruleset_version, content_hash, outcome, reason, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        sealed.seq,
        ts(sealed.at),
        e.kind,
        e.invoice_id,
        e.actor,
        e.acting_for,
        e.device_time.map(ts),
        e.ruleset_version,
        e.content_hash,
        e.outcome,
        e.reason,
        e.detail,
        sealed.prev_hash,
        sealed.hash
    ])?;
    Ok(())
}

fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<AuditEvent>> {
    let at: String = r.get(1)?;
    let device: Option<String> = r.get(6)?;
    let seq: i64 = r.get(0)?;
    let event = NewEvent {
        kind: r.get(2)?,
        invoice_id: r.get(3)?,
        actor: r.get(4)?,
        acting_for: r.get(5)?,
        device_time: None,
        ruleset_version: r.get(7)?,
        content_hash: r.get(8)?,
        outcome: r.get(9)?,
        reason: r.get(10)?,
        detail: r.get(11)?,
    };
    let prev_hash: String = r.get(12)?;
    let hash: String = r.get(13)?;
    Ok((|| {
        Ok(AuditEvent {
            seq,
            at: parse_ts(&at)?,
            event: NewEvent {
                device_time: device.as_deref().map(parse_ts).transpose()?,
                ..event
            },
            prev_hash,
            hash,
        })
    })())
}

fn decision_by_id(conn: &Connection, id: &str) -> Result<Option<(i64, Outcome, String, String)>> {
    let row: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT invoice_id, outcome, reason_code, reason FROM decision WHERE decision_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(i, o, c, r)| {
        Outcome::parse(&o)
            .map(|o| (i, o, c, r))
            .ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))
    })
    .transpose()
}

fn record_decision(
    conn: &Connection,
    env: &Envelope,
    now: DateTime<Utc>,
    v: &approval::Verdict,
) -> Result<()> {
    let json = serde_json::to_string(env).map_err(corrupt("envelope"))?;
    conn.execute(
        "INSERT INTO decision (decision_id, invoice_id, step_label, decision, actor, acting_for, envelope, received_at, outcome, reason_code, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            env.decision_id,
            env.invoice_id,
            env.step,
            env.decision.as_str(),
            env.actor_id,
            env.acting_for,
            json,
            ts(now),
            v.outcome.as_str(),
            v.reason.code,
            v.reason.text
        ],
    )?;
    Ok(())
}

/// Re-validates decisions parked as PENDING_PRECONDITION on `invoice_id` after a step was
/// attested, to a fixed point ([`approval::revalidate`]): applies those that now pass, marks
/// expired ones stale. Returns the final state when the workflow changed.
fn resolve_pending(
    conn: &Connection,
    invoice_id: i64,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<Option<InvoiceState>> {
    let rows: Vec<(String, String)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT envelope, received_at FROM decision
             WHERE invoice_id = ?1 AND outcome = 'PENDING_PRECONDITION' AND resolved IS NULL ORDER BY received_at, rowid",
        )?;
        stmt.query_map([invoice_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?
    };
    let mut parked = Vec::with_capacity(rows.len());
    for (json, received) in rows {
        let envelope: Envelope = serde_json::from_str(&json).map_err(corrupt("envelope"))?;
        let seen = if envelope.ruleset_version == active.0 {
            active.1.clone()
        } else {
            ruleset_by_version(conn, envelope.ruleset_version)?.rules
        };
        parked.push(approval::Parked {
            envelope,
            received_at: parse_ts(&received)?,
            seen,
        });
    }
    if parked.is_empty() {
        return Ok(None);
    }
    let wf = load_workflow(conn, invoice_id)?;
    let r = approval::revalidate(&wf, &parked, &active.1, active.0, now, policy);
    for (id, outcome) in &r.resolved {
        conn.execute(
            "UPDATE decision SET resolved = ?1 WHERE decision_id = ?2",
            params![outcome.as_str(), id],
        )?;
    }
    if let Some(new) = &r.workflow {
        save_workflow(conn, &wf, new)?;
    }
    for ev in r.events {
        append_audit(conn, now, ev)?;
    }
    Ok(r.workflow.map(|w| w.state))
}

fn store_one(
    conn: &Connection,
    p: &Prepared,
    now: DateTime<Utc>,
    active: Option<&(i64, Arc<RuleSet>)>,
    policy: &Policy,
) -> Result<ImportOutcome> {
    let by_bytes: Option<i64> = conn
        .prepare_cached("SELECT i.id FROM document d JOIN invoice i ON i.document_id = d.id WHERE d.sha256 = ?1")?
        .query_row([&p.sha256], |r| r.get(0))
        .optional()?;
    if let Some(existing) = by_bytes {
        return Ok(ImportOutcome::Duplicate {
            existing,
            kind: DuplicateKind::SameBytes,
        });
    }
    if let Some(f) = &p.facts
        && !f.supplier_id.is_empty()
        && !f.number.is_empty()
        && let Some(issue) = f.issue_date
    {
        let same: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM invoice WHERE supplier_id = ?1 AND number = ?2 AND issue_date = ?3",
            )?
            .query_row(params![f.supplier_id, f.number, issue.to_string()], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(existing) = same {
            return Ok(ImportOutcome::Duplicate {
                existing,
                kind: DuplicateKind::SameInvoice,
            });
        }
    }
    conn.prepare_cached(
        "INSERT INTO document (sha256, name, bytes, received_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![p.sha256, p.name, p.bytes, ts(now)])?;
    let doc_id = conn.last_insert_rowid();
    let needs_action = p.problem.is_some() || p.facts.is_none();
    let state = if needs_action {
        InvoiceState::NeedsAction
    } else {
        InvoiceState::Received
    };
    let f = p.facts.as_ref();
    let facts_json = f
        .map(|f| serde_json::to_string(f).map_err(corrupt("facts")))
        .transpose()?;
    let credits: Option<i64> = match f {
        Some(f) if f.kind == DocumentKind::CreditNote => match &f.preceding_invoice {
            Some(pre) => conn
                .prepare_cached("SELECT id FROM invoice WHERE supplier_id = ?1 AND number = ?2 ORDER BY id LIMIT 1")?
                .query_row(params![f.supplier_id, pre], |r| r.get(0))
                .optional()?,
            None => None,
        },
        _ => None,
    };
    let deadline = f
        .and_then(|f| {
            let policy = active.map_or_else(|| policy.clone(), |a| policy.under(&a.1));
            approval::attest_deadline(f.due_date, &policy)
        })
        .map(|d| d.to_string());
    conn.prepare_cached(
        "INSERT INTO invoice (document_id, format, kind, supplier_id, supplier_name, number, issue_date, due_date, currency,
            net_total, vat_total, payable, buyer_reference, order_ref, contract_ref, preceding_ref, credits_invoice_id,
            facts_json, report_json, state, revision, attest_deadline, imported_at, model_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 1, ?21, ?22, ?23)",
    )?
    .execute(params![
        doc_id,
        f.map(|f| f.format.as_str()),
        f.map(|f| f.kind.as_str()),
        f.map(|f| f.supplier_id.clone()).unwrap_or_default(),
        f.map(|f| f.supplier_name.clone()).unwrap_or_default(),
        f.map(|f| f.number.clone()).unwrap_or_default(),
        f.and_then(|f| f.issue_date).map(|d| d.to_string()),
        f.and_then(|f| f.due_date).map(|d| d.to_string()),
        f.map(|f| f.currency.clone()).unwrap_or_default(),
        f.map(|f| f.net_total.to_string()).unwrap_or_else(|| "0".into()),
        f.map(|f| f.vat_total.to_string()).unwrap_or_else(|| "0".into()),
        f.map(|f| f.payable.to_string()).unwrap_or_else(|| "0".into()),
        f.and_then(|f| f.buyer_reference.clone()),
        f.and_then(|f| f.order_ref.clone()),
        f.and_then(|f| f.contract_ref.clone()),
        f.and_then(|f| f.preceding_invoice.clone()),
        credits,
        facts_json,
        p.report_json,
        state.as_str(),
        deadline,
        ts(now),
        p.model_json,
    ])?;
    let id = conn.last_insert_rowid();
    if let Some(f) = f {
        let mut ins = conn.prepare_cached("INSERT INTO invoice_line (invoice_id, line_no, line_id, name, net) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, l) in f.lines.iter().enumerate() {
            ins.execute(params![id, i as i64 + 1, l.id, l.name, l.net.to_string()])?;
        }
    }
    let mut ev = NewEvent::new("invoice.imported", Some(id), "system");
    ev.outcome = Some(state.as_str().into());
    ev.reason = p.problem.clone();
    ev.detail = serde_json::json!({"file": p.name, "sha256": p.sha256, "credits_invoice": credits})
        .to_string();
    append_audit(conn, now, ev)?;
    if needs_action {
        return Ok(ImportOutcome::NeedsAction {
            id,
            reason: p.problem.clone().unwrap_or_else(|| "unreadable".into()),
        });
    }
    let state = match active {
        Some(a) => route_invoice(conn, id, now, a, policy)?,
        None => state,
    };
    Ok(ImportOutcome::Stored { id, state })
}

/// Routes one received invoice under the active rule set (pure engine + persistence).
fn route_invoice(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<InvoiceState> {
    let wf = load_workflow(conn, id)?;
    let facts_json: Option<String> =
        conn.query_row("SELECT facts_json FROM invoice WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let Some(facts_json) = facts_json else {
        return Ok(wf.state);
    };
    let facts: InvoiceFacts = serde_json::from_str(&facts_json).map_err(corrupt("facts"))?;
    // Supplier history: the kontering of the supplier's latest attested invoice.
    let history: Option<i64> = conn
        .prepare_cached("SELECT id FROM invoice WHERE supplier_id = ?1 AND state = 'attested' AND id <> ?2 ORDER BY id DESC LIMIT 1")?
        .query_row(params![facts.supplier_id, id], |r| r.get(0))
        .optional()?;
    let history = history.map(|h| load_coding(conn, h)).transpose()?;
    let month = now.format("%Y-%m").to_string();
    let mut auto_counts = HashMap::new();
    if active
        .1
        .flows
        .iter()
        .any(|f| f.steg == crate::workbook::Flow::Auto)
    {
        let mut stmt = conn.prepare_cached(
            "SELECT auto_rule, COUNT(*) FROM step
             WHERE auto_rule IS NOT NULL AND decided_at >= ?1 AND decided_at < ?2
             GROUP BY auto_rule",
        )?;
        let (from, to) = (format!("{month}-01"), format!("{month}-99"));
        for r in stmt.query_map([from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (rule, n) = r?;
            auto_counts.insert(rule, n as u32);
        }
    }
    let routed = approval::route(
        &wf,
        &facts,
        &active.1,
        active.0,
        history.as_deref(),
        &auto_counts,
        now,
        policy,
    );
    save_workflow(conn, &wf, &routed.workflow)?;
    for ev in routed.events {
        append_audit(conn, now, ev)?;
    }
    Ok(routed.workflow.state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_no_store_is_refused_with_advice_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        let junk = b"this is a spreadsheet, not a store\n".repeat(200);
        std::fs::write(&path, &junk).expect("write");
        let err = Store::open(&path).expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("damaged or is not a Digilyft store") && text.contains("backup"),
            "{text}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), junk, "left as it was");
    }

    #[test]
    fn a_newer_store_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        drop(Store::open(&path).expect("create"));
        {
            let c = Connection::open(&path).expect("raw");
            c.pragma_update(None, "user_version", 99).expect("bump");
        }
        let err = Store::open(&path).expect_err("refused");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        let c = Connection::open(&path).expect("raw");
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("v");
        assert_eq!(v, 99);
    }

    #[test]
    fn migrations_apply_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        let s = Store::open(&path).expect("create");
        assert_eq!(
            s.schema_version().expect("v"),
            schema::MIGRATIONS.len() as i64
        );
        drop(s);
        let s = Store::open(&path).expect("reopen");
        assert_eq!(
            s.schema_version().expect("v"),
            schema::MIGRATIONS.len() as i64
        );
    }

    #[test]
    fn documents_and_audit_are_append_only() {
        let s = Store::open_in_memory().expect("store");
        s.raw_sql(
            "INSERT INTO document (sha256, name, bytes, received_at) VALUES ('x', 'n', x'00', 't')",
        )
        .expect("ins");
        assert!(s.raw_sql("UPDATE document SET name = 'm'").is_err());
        assert!(s.raw_sql("DELETE FROM document").is_err());
        append_audit(&s.conn, Utc::now(), NewEvent::new("t", None, "u")).expect("audit");
        assert!(s.raw_sql("UPDATE audit SET actor = 'm'").is_err());
        assert!(s.raw_sql("DELETE FROM audit").is_err());
    }
}
