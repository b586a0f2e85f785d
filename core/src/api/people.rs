//! The people of the active attestförteckning: who a front end may act as.
//!
//! The local store has no login; a desktop user says who they are by choosing themselves from
//! this list (the attestförteckning's `person_id`, never a personnummer). Everyone the rule set
//! knows ([`crate::workbook::RuleSet::knows`]) is listed once, with the name and position of
//! their first grant when they hold one.

use super::Workspace;
use super::error::Result;

/// A person id in the one form the product stores and compares (trimmed, Unicode NFC, lower
/// case): for front ends that keep ids of their own (the server's accounts).
pub use crate::person_id::normalise as normalise_person_id;

/// One person of the active attestförteckning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their `person_id` (employee or directory id).
    pub id: String,
    /// Their name as the workbook gives it (empty when they hold no grant).
    pub name: String,
    /// Their position (befattning), empty when unknown.
    pub position: String,
}

/// Everyone the active attestförteckning knows, sorted by id; empty when none is active.
pub fn people(ws: &Workspace) -> Result<Vec<Person>> {
    let Some((_, rules)) = ws.store.active_ruleset() else {
        return Ok(Vec::new());
    };
    let mut out: std::collections::BTreeMap<String, Person> = std::collections::BTreeMap::new();
    for g in &rules.grants {
        out.entry(g.person_id.clone()).or_insert_with(|| Person {
            id: g.person_id.clone(),
            name: g.namn.clone(),
            position: g.befattning.clone(),
        });
    }
    let others = rules
        .managers
        .iter()
        .flat_map(|m| [m.person_id.clone(), m.chef_person_id.clone()])
        .chain(rules.absences.iter().map(|a| a.ersattare_person_id.clone()))
        .chain(
            rules
                .flows
                .iter()
                .filter_map(|f| f.granskare_person_id.clone()),
        );
    for id in others {
        out.entry(id.clone()).or_insert_with(|| Person {
            id,
            name: String::new(),
            position: String::new(),
        });
    }
    Ok(out.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Context, SequenceIds, rules};
    use crate::clock::FixedClock;

    #[test]
    fn nobody_is_listed_before_a_rule_set_is_active() {
        let ws = Workspace::in_memory().expect("ws");
        assert_eq!(people(&ws).expect("people"), Vec::new());
    }

    #[test]
    fn everyone_the_active_rule_set_knows_is_listed_once_with_their_name() {
        let clock = FixedClock::on(2026, 12, 4).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::in_memory().expect("ws");
        let wb = rules::template(true).expect("sample workbook");
        rules::import_workbook(&mut ws, &ctx, "sample.xlsx", &wb, "KS 1", true).expect("import");
        let listed = people(&ws).expect("people");
        assert!(!listed.is_empty());
        let active = ws.store.active_ruleset().expect("active").1;
        for p in &listed {
            assert!(active.knows(&p.id), "{} is not known to the rule set", p.id);
        }
        assert!(
            listed.windows(2).all(|w| w[0].id < w[1].id),
            "sorted by id, each once"
        );
        for g in &active.grants {
            let p = listed.iter().find(|p| p.id == g.person_id);
            assert!(
                p.is_some_and(|p| !p.name.is_empty()),
                "{} holds a grant and is listed by name",
                g.person_id
            );
        }
    }
}
