//! Who may see which invoice: the filter a shared server applies for a person who sees only their
//! own part of the municipality's invoices (an attestant), not the finance office's whole list.
//!
//! A person is *involved* in an invoice when one of its steps is assigned to them, was decided by
//! them or for them, or is assigned to someone they stand in for today (a registered absence of
//! the active attestförteckning). Nothing here decides what a person may *do*: the approval rules
//! judge every decision and kontering themselves.

use super::error::Result;
use super::invoices::{ListQuery, Page};
use super::{Context, Workspace, invoices};
use crate::approval::Step;

/// `true` when `person` is involved in invoice `id` (see the module docs). An unknown invoice is
/// `not-found`.
pub fn involves(ws: &Workspace, ctx: &Context<'_>, person: &str, id: i64) -> Result<bool> {
    let person = crate::person_id::normalise(person);
    let person = person.as_str();
    let steps = ws.store.workflow(id)?.steps;
    let stands_in_for = stands_in_for(ws, ctx, person);
    Ok(involved(&steps, person, &stands_in_for))
}

/// The invoices `person` is involved in that match `q`, sorted and paged as [`invoices::list`]
/// does (the total counts only those invoices).
pub fn list_for(
    ws: &Workspace,
    ctx: &Context<'_>,
    person: &str,
    q: &ListQuery,
) -> Result<Page<invoices::InvoiceRow>> {
    let person = crate::person_id::normalise(person);
    let person = person.as_str();
    let stands_in_for = stands_in_for(ws, ctx, person);
    let mine: std::collections::HashSet<i64> = ws
        .store
        .ledger()?
        .into_iter()
        .filter(|e| involved(&e.steps, person, &stands_in_for))
        .map(|e| e.summary.id)
        .collect();
    let all = invoices::list(
        ws,
        &ListQuery {
            offset: 0,
            limit: usize::MAX,
            ..q.clone()
        },
    )?;
    let rows: Vec<_> = all
        .rows
        .into_iter()
        .filter(|r| mine.contains(&r.id))
        .collect();
    let total = rows.len();
    let rows = rows.into_iter().skip(q.offset).take(q.limit).collect();
    Ok(Page { total, rows })
}

/// The people `person` stands in for today under the active rule set.
fn stands_in_for(ws: &Workspace, ctx: &Context<'_>, person: &str) -> Vec<String> {
    ws.store
        .active_ruleset()
        .map(|(_, rules)| {
            rules
                .standing_in_for(person, ctx.today())
                .map(|a| a.person_id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn involved(steps: &[Step], person: &str, stands_in_for: &[String]) -> bool {
    steps.iter().any(|s| {
        let is = |p: &Option<String>| p.as_deref() == Some(person);
        is(&s.assignee)
            || is(&s.decided_by)
            || is(&s.acting_for)
            || s.assignee
                .as_ref()
                .is_some_and(|a| stands_in_for.contains(a))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ErrorCode, SequenceIds, testing};
    use crate::clock::FixedClock;

    /// With the sample attestförteckning active, a person sees the sample invoices they have a
    /// step on and no others; someone outside the rules sees nothing.
    #[test]
    fn a_person_sees_only_the_invoices_they_have_a_step_on() {
        let clock = FixedClock::on(2026, 11, 20).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let ws = testing::sample_workspace(&ctx);
        let everything = ListQuery {
            limit: 1000,
            ..ListQuery::default()
        };
        let all = invoices::list(&ws, &everything).expect("all");
        let mine = list_for(&ws, &ctx, "u230", &everything).expect("mine");
        assert!(mine.total > 0 && mine.total < all.total, "{mine:?}");
        for row in &all.rows {
            let seen = mine.rows.iter().any(|r| r.id == row.id);
            assert_eq!(
                involves(&ws, &ctx, "u230", row.id).expect("involves"),
                seen,
                "{}",
                row.number
            );
        }
        let stranger = list_for(&ws, &ctx, "nobody", &everything).expect("stranger");
        assert_eq!(stranger.total, 0);
        let page = list_for(
            &ws,
            &ctx,
            "u230",
            &ListQuery {
                offset: 1,
                limit: 1,
                ..everything.clone()
            },
        )
        .expect("page");
        assert_eq!((page.total, page.rows.len()), (mine.total, 1));
        assert_eq!(page.rows[0].id, mine.rows[1].id);
        let err = involves(&ws, &ctx, "u230", 9999).expect_err("unknown");
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
