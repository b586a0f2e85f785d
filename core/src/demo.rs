//! The approval part of `digilyft demo`: a small municipality's day, end to end.
//!
//! [`approval_demo`] imports the sample attestförteckning and activates it, imports a handful of
//! sample invoices (synthetic PEPPOL BIS 3 documents built around the sample's suppliers and
//! referenskoder, plus any extra documents the caller passes, e.g. `assets/samples/*.xml`), routes
//! them, lets the sample people decide a few steps (review, a substitute's decision, a jäv
//! redirect, a dispute, a return) and returns the ledger workbook. Everything goes through the
//! same public API as the CLI; the caller decides where files go.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::approval::{Decision, Envelope, StepState};
use crate::clock::Clock;
use crate::import::import_documents;
use crate::store::{ImportOutcome, Store, StoreError};
use crate::synth::{SynthInvoice, ubl};
use crate::workbook::sample::{self, CONSULTANCY, HOME_CARE, OFFICE, TELECOM};

/// Errors of the demo.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A workbook could not be written or read.
    #[error("sample workbook: {0}")]
    Workbook(String),
}

/// What the demo did.
#[derive(Debug, Clone)]
pub struct ApprovalDemo {
    /// Rule-set version activated.
    pub ruleset_version: i64,
    /// Outcome lines, one per step of the story (Swedish).
    pub log: Vec<String>,
}

/// The sample invoices of the demo, dated around `today`.
pub fn demo_invoices(today: NaiveDate) -> Vec<(String, Vec<u8>)> {
    let issue = today.checked_sub_days(Days::new(3)).unwrap_or(today);
    let due = today.checked_add_days(Days::new(27)).unwrap_or(today);
    let inv = |org: &str, name: &str, number: &str, reference: &str, lines: &[(&str, i64)]| {
        SynthInvoice {
            supplier_orgnr: org.into(),
            supplier_name: name.into(),
            number: number.into(),
            issue_date: issue,
            due_date: due,
            buyer_reference: reference.into(),
            contract: None,
            credit_note: false,
            preceding: None,
            lines: lines
                .iter()
                .map(|(n, a)| ((*n).to_string(), Decimal::from(*a)))
                .collect(),
        }
    };
    let mut docs = vec![
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2041",
            "4110",
            &[("Kopieringspapper", 2_400), ("Pärmar", 860)],
        ),
        inv(
            HOME_CARE,
            "Omsorgspartner AB",
            "OP-118",
            "4110",
            &[("Hemtjänst, timmar", 38_500)],
        ),
        inv(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "KG-77",
            "4210",
            &[("Utredning LSS", 450_000)],
        ),
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2042",
            "1100",
            &[("Skrivbordsstol", 1_450)],
        ),
        inv(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "KG-78",
            "4120",
            &[("Handledning", 12_000)],
        ),
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2043",
            "7777",
            &[("Okänd referens", 990)],
        ),
    ];
    let mut sub = inv(
        TELECOM,
        "Telefonbolaget AB",
        "TB-2611",
        "1100",
        &[("Mobilabonnemang", 4_230)],
    );
    sub.contract = Some("AB-778".into());
    docs.push(sub);
    let mut credit = inv(
        OFFICE,
        "Kontorsvaror i Norr AB",
        "KN-2044",
        "4110",
        &[("Retur pärmar", 860)],
    );
    credit.credit_note = true;
    credit.preceding = Some("KN-2041".into());
    docs.push(credit);
    docs.into_iter()
        .map(|i| (format!("{}.xml", i.number), ubl(&i).into_bytes()))
        .collect()
}

/// Runs the demo on `store` (normally a fresh one). `extra` documents are imported too.
pub fn approval_demo(
    store: &mut Store,
    clock: &dyn Clock,
    extra: Vec<(String, Vec<u8>)>,
) -> Result<ApprovalDemo, DemoError> {
    let today = clock.now().date_naive();
    let mut log = Vec::new();
    let wb = sample::sample_workbook().map_err(|e| DemoError::Workbook(e.to_string()))?;
    let (rules, _) = crate::workbook::load(&wb, today).map_err(|p| {
        DemoError::Workbook(
            p.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let version = store.add_ruleset(
        "attestforteckning.xlsx",
        &wb,
        &rules,
        "u300",
        "KS 2024-12-04 § 112",
        clock,
    )?;
    let routed = store.activate_ruleset(version, "u300", clock)?;
    log.push(format!("Attestförteckningen (version {version}) aktiverad av u300; {routed} väntande fakturor routade"));
    let mut docs = demo_invoices(today);
    docs.extend(extra);
    let outcomes = import_documents(store, docs, clock)?;
    let stored = outcomes
        .iter()
        .filter(|o| matches!(o, ImportOutcome::Stored { .. }))
        .count();
    let dups = outcomes
        .iter()
        .filter(|o| matches!(o, ImportOutcome::Duplicate { .. }))
        .count();
    let action = outcomes
        .iter()
        .filter(|o| matches!(o, ImportOutcome::NeedsAction { .. }))
        .count();
    log.push(format!(
        "Importerade {} dokument: {stored} lagrade, {dups} dubbletter, {action} kräver åtgärd",
        outcomes.len()
    ));
    let mut counter = 0u64;
    let mut act = |store: &mut Store,
                   number: &str,
                   decision: Decision,
                   actor: &str,
                   log: &mut Vec<String>|
     -> Result<(), DemoError> {
        let Some(id) = store.find_invoice(number)? else {
            return Ok(());
        };
        let d = store.invoice_detail(id)?;
        let Some(step) = d
            .workflow
            .steps
            .iter()
            .find(|s| s.state == StepState::Open)
            .cloned()
        else {
            return Ok(());
        };
        let now = clock.now();
        let acting_for = step
            .assignee
            .as_ref()
            .filter(|a| a.as_str() != actor)
            .and_then(|a| {
                rules
                    .standing_in_for(actor, now.date_naive())
                    .find(|ab| &ab.person_id == a)
                    .map(|ab| ab.person_id.clone())
            });
        counter += 1;
        let env = Envelope {
            decision_id: format!("demo-{version}-{counter}"),
            invoice_id: id,
            step: step.label.clone(),
            decision,
            comment: None,
            actor_id: actor.into(),
            acting_for: acting_for.clone(),
            content_hash: d.content_hash.clone(),
            base_revision: d.workflow.revision,
            ruleset_version: version,
            device_id: "demo".into(),
            device_counter: counter,
            device_time: now,
            last_server_sync_time: now,
        };
        let r = store.decide(&env, clock)?;
        let who = match acting_for {
            Some(f) => format!("{actor} (ersättare för {f})"),
            None => actor.to_string(),
        };
        log.push(format!(
            "{number} {} {decision} av {who}: {} — {} → {}",
            step.label,
            r.outcome.as_str(),
            r.reason,
            r.invoice_state
        ));
        Ok(())
    };
    act(store, "KN-2041", Decision::Attest, "u230", &mut log)?;
    act(store, "KN-2041", Decision::Attest, "u240", &mut log)?;
    act(store, "OP-118", Decision::Attest, "u230", &mut log)?;
    act(store, "OP-118", Decision::Attest, "u210", &mut log)?;
    act(store, "OP-118", Decision::Attest, "u200", &mut log)?;
    act(store, "KG-77", Decision::Attest, "u230", &mut log)?;
    act(store, "KG-77", Decision::Attest, "u200", &mut log)?;
    act(store, "KG-77", Decision::Attest, "u200", &mut log)?;
    act(store, "KG-77", Decision::Attest, "u100", &mut log)?;
    act(store, "KG-78", Decision::Dispute, "u230", &mut log)?;
    act(store, "KN-2042", Decision::Attest, "u310", &mut log)?;
    act(store, "KN-2042", Decision::Return, "u320", &mut log)?;
    for s in store.list_invoices()?.iter().rev() {
        log.push(format!(
            "  faktura {:>3} {:<24} {:<9} {:>12} {} {}",
            s.id, s.supplier, s.number, s.amount, s.currency, s.state
        ));
    }
    let report = store.audit_report(&[])?;
    match (&report.chain, report.intact()) {
        (Ok(n), true) => log.push(format!(
            "Granskningsloggen: {n} händelser, hashkedjan är hel, ankare {}",
            report.head.as_ref().map(|a| a.short()).unwrap_or_default()
        )),
        (Err(b), _) => log.push(format!("Granskningsloggen är bruten: {b}")),
        (Ok(_), false) => log.push("Granskningsloggen stämmer inte med sitt ankare".into()),
    }
    Ok(ApprovalDemo {
        ruleset_version: version,
        log,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::InvoiceState;
    use crate::clock::FixedClock;

    #[test]
    fn the_demo_tells_its_story() {
        let clock = FixedClock::on(2026, 11, 20).expect("clock");
        let mut store = Store::open_in_memory().expect("store");
        let demo = approval_demo(&mut store, &clock, Vec::new()).expect("demo");
        let states: Vec<(String, InvoiceState)> = store
            .list_invoices()
            .expect("list")
            .into_iter()
            .map(|s| (s.number, s.state))
            .collect();
        let state = |n: &str| states.iter().find(|(m, _)| m == n).map(|(_, s)| *s);
        assert_eq!(
            state("KN-2041"),
            Some(InvoiceState::Attested),
            "{:#?}",
            demo.log
        );
        assert_eq!(
            state("OP-118"),
            Some(InvoiceState::Attested),
            "{:#?}",
            demo.log
        );
        assert_eq!(
            state("KG-77"),
            Some(InvoiceState::Attested),
            "{:#?}",
            demo.log
        );
        assert_eq!(state("KG-78"), Some(InvoiceState::Disputed));
        assert_eq!(state("TB-2611"), Some(InvoiceState::Attested));
        assert_eq!(state("KN-2043"), Some(InvoiceState::Unrouted));
        assert_eq!(
            state("KN-2042"),
            Some(InvoiceState::Returned),
            "{:#?}",
            demo.log
        );
        assert!(
            demo.log
                .iter()
                .any(|l| l.contains("jav-supplier") || l.contains("jävig")),
            "{:#?}",
            demo.log
        );
    }
}
