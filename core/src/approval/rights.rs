//! Who may attest what: rights (attesträtt), limits, duality and jäv, read from a [`RuleSet`].
//!
//! Every limit is compared with the amount in the grant's own `belopp_bas` (EXKL_MOMS: the
//! kontering row or BT-109; INKL_MOMS: the same scaled by BT-115 / BT-109). Limits are
//! inclusive ("up to and including"), thresholds for a second signer are exclusive ("above"),
//! the duality exception is exclusive ("below"). A right comes only from a valid grant in
//! `Attesträtt` (or an ERSÄTTARE grant while acting for the absent person): being named in a
//! flow rule, assigned a step or escalated to never grants one.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{CodingRow, Reason, ReasonCode, StepKind, Workflow};
use super::ruleset::{AmountBasis, Basis, Conflict, ConflictKind, Grant, RuleSet};

/// What an authorised signer's grants imply for the invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// A second BESLUT signer is required: the invoice amount, in the grant's `belopp_bas`, is
    /// above a grant's `två_i_förening_över_sek` or its nämnd's `tak_två_i_förening_sek`.
    pub needs_second_signer: bool,
    /// The duality exception applies: every grant used allows the same person to review and
    /// decide (`får_granska_och_besluta_under_sek` > 0) and the amount, in that grant's
    /// `belopp_bas`, is strictly below it.
    pub may_review_and_decide: bool,
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
        Some(p) => Err(Reason::new(ReasonCode::KonteringIncomplete, p.to_string())),
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
            ReasonCode::NoRight,
            format!("{person} holds no valid {kind} right on {day}"),
        ));
    }
    // A GRANSKNING attest certifies a complete kontering (spec §1.4 GRANSKAD), a BESLUT needs one
    // to have codes to be authorised for; an objection on a review step needs only the right.
    if kind == StepKind::Beslut || (check_limits && kind == StepKind::Granskning) {
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
                ReasonCode::NoRightCode,
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
                    ReasonCode::LimitRow,
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
    // The per-invoice limit binds every attest kind (spec §3 gräns_per_faktura_sek).
    let within_invoice = used
        .iter()
        .any(|g| basis_amount(wf.net_total, g.belopp_bas, wf) <= g.grans_per_faktura);
    if check_limits && !within_invoice {
        let total = basis_amount(wf.net_total, used[0].belopp_bas, wf);
        return Err(Reason::new(
            ReasonCode::LimitInvoice,
            format!(
                "the invoice amount {total} exceeds {person}'s per-invoice {kind} limit {invoice_limit}"
            ),
        ));
    }
    let needs_second_signer = kind == StepKind::Beslut
        && used.iter().any(|g| {
            let ceiling = rules
                .namnder
                .iter()
                .find(|n| n.namnd == g.namnd)
                .and_then(|n| n.tak_tva_i_forening);
            let own = Some(g.tva_i_forening_over).filter(|t| *t > Decimal::ZERO);
            let threshold = match (own, ceiling) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            threshold.is_some_and(|t| basis_amount(wf.net_total, g.belopp_bas, wf) > t)
        });
    let may_review_and_decide = used.iter().all(|g| {
        g.far_granska_och_besluta_under > Decimal::ZERO
            && basis_amount(wf.net_total, g.belopp_bas, wf) < g.far_granska_och_besluta_under
    });
    let mut grants_used: Vec<String> = used.iter().map(|g| g.rad_id.clone()).collect();
    grants_used.sort();
    grants_used.dedup();
    Ok(Authority {
        needs_second_signer,
        may_review_and_decide,
        invoice_limit,
        grants: grants_used,
    })
}

/// May `person` be asked to sign (or sign) a step of `kind` on `wf` on `day`? The right and the
/// limits ([`authorise`], with `acting_for` for an ersättare), not one of `others` (the people
/// who signed or are to sign the invoice's other steps: duality) and not jävig ([`jav`]). Routing,
/// re-routing after a kontering change, escalation and AUTO pre-approvers all use this one test,
/// so nobody is handed a step they may not sign.
pub fn eligible(
    rules: &RuleSet,
    person: &str,
    kind: StepKind,
    wf: &Workflow,
    day: NaiveDate,
    acting_for: Option<&str>,
    others: &[&str],
) -> Result<Authority, Reason> {
    if others.contains(&person) {
        return Err(Reason::new(
            ReasonCode::Duality,
            format!("{person} signs another step of this invoice"),
        ));
    }
    let authority = authorise(rules, person, kind, wf, day, acting_for, true)?;
    match jav(rules, person, wf, day, others) {
        Some(j) => Err(j),
        None => Ok(authority),
    }
}

/// The conflict that makes `person` jävig for the invoice's supplier on `day` (EGEN_UTGIFT,
/// NÄRSTÅENDE_LEVERANTÖR, BISYSSLA, or an ÖVERORDNAD_KOSTNAD row naming the supplier).
fn supplier_conflict<'a>(
    rules: &'a RuleSet,
    person: &str,
    wf: &Workflow,
    day: NaiveDate,
) -> Option<&'a Conflict> {
    rules.conflicts.iter().find(|c| {
        c.person_id == person
            && c.valid_on(day)
            && c.leverantor_orgnr.as_deref() == Some(wf.supplier_id.as_str())
    })
}

/// Whose own expense the invoice is: the person with an EGEN_UTGIFT row for its supplier on
/// `day`. Such an invoice goes to that person's superiors (spec §1.3 "these go to the next
/// superior").
pub fn own_expense_of<'a>(rules: &'a RuleSet, wf: &Workflow, day: NaiveDate) -> Option<&'a str> {
    rules
        .conflicts
        .iter()
        .find(|c| {
            c.typ == ConflictKind::EgenUtgift
                && c.valid_on(day)
                && c.leverantor_orgnr.as_deref() == Some(wf.supplier_id.as_str())
        })
        .map(|c| c.person_id.as_str())
}

/// Jäv: may `person` not attest this invoice on `day`? `signers` are the other people who sign
/// it. Jävig are: a person with a supplier-bound Jäv row for the invoice's supplier (own expense,
/// närstående, bisyssla); and a person with an ÖVERORDNAD_KOSTNAD row (without supplier) whose
/// närmaste chef signs the invoice or is jävig for its supplier — the cost concerns the
/// superior (spec §1.3, §3 Jäv).
pub fn jav(
    rules: &RuleSet,
    person: &str,
    wf: &Workflow,
    day: NaiveDate,
    signers: &[&str],
) -> Option<Reason> {
    if let Some(c) = supplier_conflict(rules, person, wf, day) {
        return Some(Reason::new(
            ReasonCode::JavSupplier,
            format!(
                "{person} is jävig for supplier {} ({:?}, Jäv rad {})",
                wf.supplier_id, c.typ, c.row
            ),
        ));
    }
    let superior_rule = rules.conflicts.iter().find(|c| {
        c.person_id == person
            && c.typ == ConflictKind::OverordnadKostnad
            && c.leverantor_orgnr.is_none()
            && c.valid_on(day)
    })?;
    let chef = rules.manager_of(person, day)?;
    let concerns = if signers.contains(&chef) {
        Some(format!("{chef} signs it"))
    } else {
        supplier_conflict(rules, chef, wf, day)
            .map(|c| format!("{chef} is jävig for the supplier (Jäv rad {})", c.row))
    };
    concerns.map(|why| {
        Reason::new(
            ReasonCode::JavSuperior,
            format!(
                "the cost concerns {person}'s own superior: {why} (Jäv rad {})",
                superior_rule.row
            ),
        )
    })
}
