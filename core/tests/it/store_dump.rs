//! What reading a store gives, as text: every public read of [`Store`] over every row, in a fixed
//! order. Shared by the generator of the fixture store (`core/examples/fixture_store.rs`) and the
//! test that opens a copy of that fixture with today's code (`store_fixture.rs`), so the golden
//! and the check can only differ when a read does.
//!
//! `Debug` is the format on purpose: it shows every field of every public type (a field added,
//! dropped or read differently changes the text) and needs no serde derive on the domain types.
//! Nothing here depends on the wall clock, on paths or on hash-map order.

use chrono::NaiveDate;
use digilyft_core::store::Store;
use std::fmt::Write as _;

/// The day the inbox and reminder reads are asked for (the fixture's clock day).
pub const INBOX_DAY: (i32, u32, u32) = (2026, 11, 20);
/// A day on which the fixture's open steps are inside the reminder window.
pub const REMINDER_DAY: (i32, u32, u32) = (2026, 12, 15);

fn day((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

/// Every read of `store`, as one text.
pub fn dump(store: &Store) -> String {
    let mut out = String::new();
    let mut section = |name: &str, body: String| {
        let _ = writeln!(out, "==== {name}\n{body}");
    };
    // Whether the store was migrated to the newest schema, not the number: the number grows
    // with every migration appended, the reads must not change.
    let newest = Store::open_in_memory().and_then(|s| s.schema_version());
    section(
        "schema_version",
        format!(
            "{:?}",
            store
                .schema_version()
                .map(|v| newest.as_ref().is_ok_and(|n| *n == v))
        ),
    );
    section("policy", format!("{:#?}", store.policy()));
    section(
        "active_ruleset",
        format!("{:?}", store.active_ruleset().map(|(v, _)| v)),
    );
    let rulesets = store.rulesets().expect("rulesets");
    section("rulesets", format!("{rulesets:#?}"));
    for r in &rulesets {
        let wb = store
            .ruleset_workbook(r.version)
            .map(|(name, bytes)| (name, bytes.len(), digilyft_core::import::sha256_hex(&bytes)));
        section(
            &format!("ruleset_workbook {}", r.version),
            format!("{wb:?}"),
        );
        let one = store.ruleset(r.version).expect("ruleset");
        assert_eq!(
            format!("{one:?}"),
            format!("{r:?}"),
            "ruleset({}) agrees with rulesets()",
            r.version
        );
    }
    let invoices = store.list_invoices().expect("list");
    section("list_invoices", format!("{invoices:#?}"));
    for s in &invoices {
        section(
            &format!("invoice_summary {}", s.id),
            format!("{:#?}", store.invoice_summary(s.id)),
        );
        section(
            &format!("find_invoice {:?}", s.number),
            format!("{:?}", store.find_invoice(&s.number)),
        );
        section(
            &format!("invoice_detail {}", s.id),
            format!("{:#?}", store.invoice_detail(s.id)),
        );
        let original = store.original(s.id).map(|(name, bytes, sha)| {
            (
                name,
                bytes.len(),
                digilyft_core::import::sha256_hex(&bytes),
                sha,
            )
        });
        section(&format!("original {}", s.id), format!("{original:?}"));
    }
    let mut people: Vec<String> = rulesets
        .iter()
        .flat_map(|r| {
            r.rules
                .grants
                .iter()
                .map(|g| g.person_id.clone())
                .chain(
                    r.rules
                        .absences
                        .iter()
                        .map(|a| a.ersattare_person_id.clone()),
                )
                .chain(r.rules.managers.iter().map(|m| m.chef_person_id.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    people.sort();
    people.dedup();
    for p in &people {
        section(
            &format!("inbox {p}"),
            format!("{:#?}", store.inbox(p, day(INBOX_DAY))),
        );
    }
    section(
        "reminders (inbox day)",
        format!("{:#?}", store.reminders(day(INBOX_DAY))),
    );
    section(
        "reminders (reminder day)",
        format!("{:#?}", store.reminders(day(REMINDER_DAY))),
    );
    section("ledger", format!("{:#?}", store.ledger()));
    section("state_counts", format!("{:#?}", store.state_counts()));
    section("audit_events", format!("{:#?}", store.audit_events()));
    section("verify_audit", format!("{:#?}", store.verify_audit()));
    section("audit_head", format!("{:#?}", store.audit_head()));
    section("sidecar_anchor", format!("{:#?}", store.sidecar_anchor()));
    let report = store.audit_report(&[]).expect("audit report");
    section(
        "audit_report",
        format!(
            "events {} head {:?} chain {:?} intact {} uncovered {:?} sidecar_problem {:?} missing {} anchors {:?}",
            report.events,
            report.head,
            report.chain,
            report.intact(),
            report.uncovered,
            report.sidecar_problem,
            report.sidecar_missing,
            report
                .anchors
                .iter()
                .map(|a| (&a.anchor, &a.result))
                .collect::<Vec<_>>()
        ),
    );
    out
}
