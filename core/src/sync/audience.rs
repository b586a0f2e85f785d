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
