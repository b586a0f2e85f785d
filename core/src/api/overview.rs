//! Aggregates over the invoices: what an analyst may read (counts and sums, never a single
//! invoice, supplier or person).

use rust_decimal::Decimal;

use super::error::Result;
use super::{Workspace, invoices};
use crate::approval::InvoiceState;

/// One state's share of the invoices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateTotal {
    /// The state.
    pub state: InvoiceState,
    /// How many invoices are in it.
    pub count: usize,
    /// Their amounts due, per currency (sorted by currency code).
    pub amounts: Vec<(String, Decimal)>,
}

/// Every state that holds invoices, in the order of [`InvoiceState`]'s names.
pub fn by_state(ws: &Workspace) -> Result<Vec<StateTotal>> {
    let rows = invoices::list(
        ws,
        &invoices::ListQuery {
            limit: usize::MAX,
            ..invoices::ListQuery::default()
        },
    )?
    .rows;
    let mut totals: std::collections::BTreeMap<&str, StateTotal> = Default::default();
    for r in &rows {
        let t = totals.entry(r.state.as_str()).or_insert(StateTotal {
            state: r.state,
            count: 0,
            amounts: Vec::new(),
        });
        t.count += 1;
        match t.amounts.iter_mut().find(|(c, _)| *c == r.currency) {
            Some((_, sum)) => *sum += r.amount,
            None => t.amounts.push((r.currency.clone(), r.amount)),
        }
    }
    Ok(totals
        .into_values()
        .map(|mut t| {
            t.amounts.sort();
            t
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Context, SequenceIds, samples};
    use crate::clock::FixedClock;

    #[test]
    fn totals_add_up_to_the_list() {
        let clock = FixedClock::on(2026, 11, 20).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::in_memory().expect("ws");
        assert!(by_state(&ws).expect("empty").is_empty());
        let docs = samples::invoices(ctx.today());
        let n = docs.len();
        invoices::import_bytes(&mut ws, &ctx, docs).expect("import");
        let totals = by_state(&ws).expect("totals");
        assert_eq!(totals.iter().map(|t| t.count).sum::<usize>(), n);
        let listed: Decimal = invoices::list(&ws, &invoices::ListQuery::default())
            .expect("list")
            .rows
            .iter()
            .map(|r| r.amount)
            .sum();
        let summed: Decimal = totals
            .iter()
            .flat_map(|t| t.amounts.iter().map(|(_, a)| *a))
            .sum();
        assert_eq!(listed, summed);
    }
}
