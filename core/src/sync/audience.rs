//! Who pulls a change: the audience keys of an entity, and the keys of a caller.
//!
//! A change row is delivered to every caller holding one of its keys. Keys are `user:<person>`
//! (a person involved in the invoice), `role:<role>` (a role that sees every invoice) and
//! [`EVERYONE`] (rule sets). A caller's keys come from the authenticated account only
//! ([`caller_keys`]), never from a request field.
//!
//! A person is involved in an invoice as `api::visibility` says: a step is assigned to them,
//! was decided by them or for them, or is assigned to someone they stand in for — here any
//! registered absence of the active rule set that has not ended on the day of the change, so the
//! ersättare already holds the invoice when the absence begins.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::approval::Workflow;
use crate::approval::ruleset::RuleSet;

/// The roles that see every invoice (the server's `ReadAllInvoices` row; a server test keeps
/// the two equal).
pub const ALL_INVOICE_ROLES: [&str; 3] = ["clerk", "manager", "admin"];

/// The key every authenticated caller holds.
pub const EVERYONE: &str = "everyone";

/// The key of one person.
pub fn user(person: &str) -> String {
    format!("user:{person}")
}

/// The key of one role.
pub fn role(name: &str) -> String {
    format!("role:{name}")
}

/// The keys of a caller: their person, their role, and [`EVERYONE`].
pub fn caller_keys(person: &str, role_name: &str) -> Vec<String> {
    vec![user(person), role(role_name), EVERYONE.to_string()]
}

/// The audience of an invoice change: every person involved (module docs) and the roles that
/// see every invoice.
pub fn invoice(wf: &Workflow, rules: Option<&RuleSet>, today: NaiveDate) -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = ALL_INVOICE_ROLES.iter().map(|r| role(r)).collect();
    for s in &wf.steps {
        for p in [&s.assignee, &s.decided_by, &s.acting_for]
            .into_iter()
            .flatten()
        {
            keys.insert(user(p));
        }
        if let (Some(a), Some(rules)) = (&s.assignee, rules) {
            for abs in rules
                .absences
                .iter()
                .filter(|x| &x.person_id == a && x.till >= today)
            {
                keys.insert(user(&abs.ersattare_person_id));
            }
        }
    }
    keys
}

/// The audience of a rule-set change: everyone.
pub fn ruleset() -> BTreeSet<String> {
    BTreeSet::from([EVERYONE.to_string()])
}

/// The audience of a mutation's outcome: its author.
pub fn mutation(author: &str) -> BTreeSet<String> {
    BTreeSet::from([user(author)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::{InvoiceState, Step, StepKind, StepState};
    use rust_decimal::Decimal;

    fn step(
        seq: u32,
        assignee: Option<&str>,
        decided_by: Option<&str>,
        acting_for: Option<&str>,
    ) -> Step {
        Step {
            seq,
            kind: StepKind::Beslut,
            label: format!("BESLUT#{}", seq + 1),
            state: if decided_by.is_some() {
                StepState::Done
            } else {
                StepState::Open
            },
            assignee: assignee.map(Into::into),
            queue: None,
            revision: 1,
            decided_by: decided_by.map(Into::into),
            acting_for: acting_for.map(Into::into),
            decided_at: None,
            decision_id: None,
            auto_rule: None,
            escalated_at: None,
        }
    }

    fn wf(steps: Vec<Step>) -> Workflow {
        Workflow {
            invoice_id: 1,
            document_sha256: String::new(),
            supplier_id: String::new(),
            credit_note: false,
            net_total: Decimal::ZERO,
            payable: Decimal::ZERO,
            due_date: None,
            state: InvoiceState::InApproval,
            revision: 1,
            payment_block: false,
            ruleset_version: Some(1),
            flow_rule: None,
            coding: Vec::new(),
            steps,
        }
    }

    /// The sample rules register u240 as u210's ersättare from 2026-11-16 to 2026-12-11.
    #[test]
    fn the_audience_is_everyone_involved_and_the_roles_that_see_all() {
        let rules = crate::workbook::sample::sample_rules();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let roles = ["role:admin", "role:clerk", "role:manager"];
        type Case = (Vec<Step>, NaiveDate, &'static [&'static str]);
        let table: Vec<Case> = vec![
            (vec![], day(11, 20), &[]),
            (
                vec![step(0, Some("u230"), None, None)],
                day(11, 20),
                &["user:u230"],
            ),
            (
                vec![step(0, Some("u230"), Some("u231"), Some("u232"))],
                day(11, 20),
                &["user:u230", "user:u231", "user:u232"],
            ),
            // The ersättare holds an absent assignee's invoice while the absence has not ended…
            (
                vec![step(0, Some("u210"), None, None)],
                day(11, 1),
                &["user:u210", "user:u240"],
            ),
            (
                vec![step(0, Some("u210"), None, None)],
                day(12, 11),
                &["user:u210", "user:u240"],
            ),
            // …and not after it.
            (
                vec![step(0, Some("u210"), None, None)],
                day(12, 12),
                &["user:u210"],
            ),
            (vec![step(0, None, None, None)], day(11, 20), &[]),
        ];
        for (steps, today, people) in table {
            let got = invoice(&wf(steps.clone()), Some(&rules), today);
            let want: BTreeSet<String> =
                roles.iter().chain(people).map(|s| s.to_string()).collect();
            assert_eq!(got, want, "{steps:?} on {today}");
        }
        assert_eq!(
            caller_keys("u230", "attestant"),
            ["user:u230", "role:attestant", "everyone"]
        );
    }
}
