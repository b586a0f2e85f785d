//! Who may attest what: rights (attesträtt), limits, duality and jäv, read from a [`RuleSet`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{CodingRow, Reason, StepKind, Workflow};
use crate::workbook::{AmountBasis, Basis, ConflictKind, Grant, RuleSet};

/// What an authorised signer's grants imply for the invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Above this amount a second BESLUT signer is required (None = never).
    pub two_signers_above: Option<Decimal>,
    /// Below this amount the same person may review and decide (None = never).
    pub dual_exception_under: Option<Decimal>,
    /// The largest per-invoice limit among the grants used.
    pub invoice_limit: Decimal,
    /// `rad_id`s of the grants used.
    pub grants: Vec<String>,
}

fn basis_amount(amount: Decimal, basis: AmountBasis, wf: &Workflow) -> Decimal {
    let a = amount.abs();
    match basis {
        AmountBasis::ExklMoms => a,
        AmountBasis::InklMoms if !wf.net_total.is_zero() => {
            (a * wf.payable.abs() / wf.net_total.abs()).round_dp(2)
        }
        AmountBasis::InklMoms => a,
    }
}

fn codes_match(g: &Grant, row: &CodingRow, supplier: &str) -> bool {
    g.ansvar.matches(&row.ansvar)
        && g.verksamhet.matches(&row.verksamhet)
        && g.aktivitet.matches(&row.aktivitet)
        && g.projekt.matches(&row.projekt)
        && g.objekt.matches(&row.objekt)
        && g.konto.matches(&row.konto)
        && !g.undantag_konto.lists(&row.konto)
        && g.leverantor_orgnr.as_deref().is_none_or(|o| o == supplier)
}

/// Is the kontering complete (spec §1.4 GRANSKAD: 100 % coded)? The first problem
/// [`check_coding`](super::check_coding) finds with the invoice's current rows, as a refusal.
pub fn coding_complete(wf: &Workflow) -> Result<(), Reason> {
    match super::check_coding(wf, &wf.coding).into_iter().next() {
        Some(p) => Err(Reason::new("kontering-incomplete", p.to_string())),
        None => Ok(()),
    }
}

/// Does `person` hold the right to sign a step of `kind` on every kontering row of `wf` on `day`,
/// within the per-row and per-invoice limits? `acting_for` enables ERSÄTTARE grants for that
/// absent person. With `check_limits` false only the codes are checked (objections such as
/// RETURN need the right, not the amount).
pub fn authorise(
    rules: &RuleSet,
    person: &str,
    kind: StepKind,
    wf: &Workflow,
    day: NaiveDate,
    acting_for: Option<&str>,
    check_limits: bool,
) -> Result<Authority, Reason> {
    let grants: Vec<&Grant> = rules
        .grants
        .iter()
        .filter(|g| g.person_id == person && g.attesttyp == kind && g.valid_on(day))
        .filter(|g| match g.grund {
            Basis::Ordinarie => true,
            Basis::Ersattare => {
                acting_for.is_some() && g.ersatter_person_id.as_deref() == acting_for
            }
        })
        .collect();
    if grants.is_empty() {
        return Err(Reason::new(
            "no-right",
            format!("{person} holds no valid {kind} right on {day}"),
        ));
    }
    if kind == StepKind::Beslut {
        coding_complete(wf)?;
    }
    let mut used: Vec<&Grant> = Vec::new();
    for (i, row) in wf.coding.iter().enumerate() {
        let by_code: Vec<&&Grant> = grants
            .iter()
            .filter(|g| codes_match(g, row, &wf.supplier_id))
            .collect();
        if by_code.is_empty() {
            return Err(Reason::new(
                "no-right-code",
                format!(
                    "{person} has no {kind} right for kontering row {} (konto {}, ansvar {}, verksamhet {})",
                    i + 1,
                    row.konto,
                    row.ansvar,
                    row.verksamhet
                ),
            ));
        }
        let within = by_code
            .iter()
            .filter(|g| {
                !check_limits || basis_amount(row.amount, g.belopp_bas, wf) <= g.grans_per_rad
            })
            .max_by_key(|g| g.grans_per_faktura);
        match within {
            Some(g) => used.push(g),
            None => {
                return Err(Reason::new(
                    "limit-row",
                    format!(
                        "kontering row {} ({} ) exceeds {person}'s per-row limit ({})",
                        i + 1,
                        row.amount,
                        by_code
                            .iter()
                            .map(|g| g.grans_per_rad)
                            .max()
                            .unwrap_or_default()
                    ),
                ));
            }
        }
    }
    if used.is_empty() {
        // No kontering yet (review steps): any grant of the kind will do.
        used.extend(grants.iter().copied());
    }
    let invoice_limit = used
        .iter()
        .map(|g| g.grans_per_faktura)
        .max()
        .unwrap_or_default();
    let basis = used.first().map_or(AmountBasis::ExklMoms, |g| g.belopp_bas);
    let total = basis_amount(wf.net_total, basis, wf);
    if check_limits && kind == StepKind::Beslut && total > invoice_limit {
        return Err(Reason::new(
            "limit-invoice",
            format!(
                "the invoice amount {total} exceeds {person}'s per-invoice limit {invoice_limit}"
            ),
        ));
    }
    let positive_min = |f: fn(&Grant) -> Decimal| {
        used.iter()
            .map(|g| f(g))
            .filter(|v| *v > Decimal::ZERO)
            .min()
    };
    let mut grants_used: Vec<String> = used.iter().map(|g| g.rad_id.clone()).collect();
    grants_used.sort();
    grants_used.dedup();
    Ok(Authority {
        two_signers_above: positive_min(|g| g.tva_i_forening_over),
        dual_exception_under: if used
            .iter()
            .all(|g| g.far_granska_och_besluta_under > Decimal::ZERO)
        {
            positive_min(|g| g.far_granska_och_besluta_under)
        } else {
            None
        },
        invoice_limit,
        grants: grants_used,
    })
}

/// Jäv: may `person` not attest this invoice? `signers` are the other people who have signed it.
pub fn jav(
    rules: &RuleSet,
    person: &str,
    wf: &Workflow,
    day: NaiveDate,
    signers: &[&str],
) -> Option<Reason> {
    for c in rules.conflicts.iter().filter(|c| c.person_id == person) {
        if c.giltig_fran > day || c.giltig_till.is_some_and(|t| day > t) {
            continue;
        }
        match (&c.leverantor_orgnr, c.typ) {
            (Some(org), _) if *org == wf.supplier_id => {
                return Some(Reason::new(
                    "jav-supplier",
                    format!(
                        "{person} is jävig for supplier {org} ({:?}, Jäv rad {})",
                        c.typ, c.row
                    ),
                ));
            }
            (None, ConflictKind::OverordnadKostnad) => {
                if let Some(chef) = rules.manager_of(person, day)
                    && signers.contains(&chef)
                {
                    return Some(Reason::new(
                        "jav-superior",
                        format!(
                            "the cost concerns {person}'s own superior {chef} (Jäv rad {})",
                            c.row
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    None
}
