//! Rule-set versions: the imported attestförteckning (original workbook bytes and parsed form),
//! activation, and the active version the store judges under.
//!
//! Table: `ruleset`. Invariants: versions are never changed after import except for their
//! activation time; the active version is the one activated last; activating routes every
//! invoice still waiting, in the same transaction.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Store;
use super::audit_log::append_audit;
use super::error::{Result, StoreError};
use super::records;
use super::rows::{ruleset_row, ts};
use super::workflow::route_invoice;
use crate::approval::ruleset::RuleSet;
use crate::audit::NewEvent;
use crate::clock::Clock;

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

impl Store {
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
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = insert_ruleset(
            &tx,
            source_name,
            workbook,
            rules,
            imported_by,
            decision_ref,
            now,
        )?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(version)
    }

    /// Stores a validated rule set as a new version and activates it in ONE transaction, routing
    /// every invoice still waiting: either the version is stored, active and has routed them, or
    /// nothing happened. Returns the version and how many invoices were routed.
    pub fn add_ruleset_activated(
        &mut self,
        source_name: &str,
        workbook: &[u8],
        rules: &RuleSet,
        by: &str,
        decision_ref: &str,
        clock: &dyn Clock,
    ) -> Result<(i64, usize)> {
        let now = clock.now();
        let policy = self.policy.clone();
        let rules = Arc::new(rules.clone());
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = insert_ruleset(&tx, source_name, workbook, &rules, by, decision_ref, now)?;
        let routed = activate_in(&tx, version, &rules, by, now, &policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        self.active = Some((version, rules));
        Ok((version, routed))
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

    pub(super) fn load_active(&self) -> Result<Option<(i64, Arc<RuleSet>)>> {
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
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let routed = activate_in(&tx, version, &rules, by, now, &policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        self.active = Some((version, rules));
        Ok(routed)
    }
}

/// Inserts a rule-set version and its `ruleset.imported` event inside `tx`.
fn insert_ruleset(
    tx: &Connection,
    source_name: &str,
    workbook: &[u8],
    rules: &RuleSet,
    imported_by: &str,
    decision_ref: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let json = records::rules_to_json(rules)?;
    let sha = crate::import::sha256_hex(workbook);
    tx.execute(
        "INSERT INTO ruleset (sha256, source_name, imported_at, imported_by, decision_ref, workbook, rules_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![sha, source_name, ts(now), imported_by, decision_ref, workbook, json],
    )?;
    let version = tx.last_insert_rowid();
    super::sync_log::emit_ruleset(tx, version, now, "imported")?;
    let mut ev = NewEvent::new(crate::audit::AuditKind::RulesetImported, None, imported_by);
    ev.ruleset_version = Some(version);
    ev.detail = serde_json::json!({"file": source_name, "sha256": sha, "beslut_ref": decision_ref,
        "grants": rules.grants.len(), "flows": rules.flows.len()})
    .to_string();
    append_audit(tx, now, ev)?;
    Ok(version)
}

/// Marks `version` active, logs it and routes every waiting invoice, inside `tx`. Returns how
/// many were routed.
fn activate_in(
    tx: &Connection,
    version: i64,
    rules: &Arc<RuleSet>,
    by: &str,
    now: DateTime<Utc>,
    policy: &crate::approval::Policy,
) -> Result<usize> {
    let previous: Option<i64> = tx
        .query_row(
            "SELECT version FROM ruleset WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, version DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "UPDATE ruleset SET activated_at = ?1, activated_by = ?2 WHERE version = ?3",
        params![ts(now), by, version],
    )?;
    for v in previous.into_iter().chain(std::iter::once(version)) {
        super::sync_log::emit_ruleset(tx, v, now, "activated")?;
    }
    let mut ev = NewEvent::new(crate::audit::AuditKind::RulesetActivated, None, by);
    ev.ruleset_version = Some(version);
    append_audit(tx, now, ev)?;
    let waiting: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM invoice WHERE state IN ('received', 'unrouted') ORDER BY id",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?
    };
    let active = (version, rules.clone());
    for id in &waiting {
        route_invoice(tx, *id, now, &active, policy)?;
        super::sync_log::emit_invoice(tx, *id, now, "routed", Some(rules))?;
    }
    Ok(waiting.len())
}

pub(super) fn ruleset_by_version(conn: &Connection, version: i64) -> Result<RuleSetVersion> {
    conn.query_row(
        "SELECT version, sha256, source_name, imported_at, imported_by, decision_ref, activated_at, rules_json
         FROM ruleset WHERE version = ?1",
        [version],
        ruleset_row,
    )
    .optional()?
    .ok_or(StoreError::NoSuchRuleSet(version))?
}
