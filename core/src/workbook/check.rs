//! Cross-row and cross-sheet checks that block activation (spec §3, "Import validations").
//!
//! Kept as one file (a little over 700 lines, most of it the table tests): every import
//! validation of §3 reads top to bottom in one place, each check a function beside its test.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::read::column_letters;
use super::sheets::{self, Sheet};
use super::{Problem, Severity};
use crate::approval::StepKind;
use crate::approval::ruleset::*;

pub(super) fn at(
    sheet: &'static Sheet,
    row: u32,
    header: &str,
    severity: Severity,
    message: String,
) -> Problem {
    let idx = sheet.index(header).unwrap_or(0);
    Problem {
        severity,
        sheet: sheet.name,
        cell: format!("{}{}", column_letters(idx), row),
        column: header.to_string(),
        message,
    }
}

pub(super) fn overlap_dates(
    a: (NaiveDate, Option<NaiveDate>),
    b: (NaiveDate, Option<NaiveDate>),
) -> bool {
    a.1.is_none_or(|e| b.0 <= e) && b.1.is_none_or(|e| a.0 <= e)
}

/// Every cross-row check; `today` decides what counts as expired.
pub fn validate(rules: &RuleSet, today: NaiveDate) -> Vec<Problem> {
    use Severity::{Error, Warning};
    let ar = &sheets::ATTESTRATT;
    let mut p = Vec::new();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    for g in &rules.grants {
        if let Some(first) = ids.insert(g.rad_id.as_str(), g.row) {
            p.push(at(
                ar,
                g.row,
                "rad_id",
                Error,
                format!("rad_id {} is also used on row {first}", g.rad_id),
            ));
        }
        if g.giltig_till.is_some_and(|t| t < g.giltig_fran) {
            p.push(at(
                ar,
                g.row,
                "giltig_till",
                Error,
                "giltig_till is before giltig_från".into(),
            ));
        }
        if g.attesttyp == StepKind::Beslut && g.ansvar.is_empty() {
            p.push(at(
                ar,
                g.row,
                "ansvar",
                Error,
                "a BESLUT grant must name its ansvar".into(),
            ));
        }
        if g.grans_per_rad > g.grans_per_faktura {
            p.push(at(
                ar,
                g.row,
                "gräns_per_rad_sek",
                Error,
                format!(
                    "per-row limit {} is above the per-invoice limit {}",
                    g.grans_per_rad, g.grans_per_faktura
                ),
            ));
        }
        if g.tva_i_forening_over > Decimal::ZERO && g.tva_i_forening_over > g.grans_per_faktura {
            p.push(at(
                ar,
                g.row,
                "två_i_förening_över_sek",
                Warning,
                "above the per-invoice limit: a second signer is never reached".into(),
            ));
        }
        match (g.grund, &g.ersatter_person_id) {
            (Basis::Ersattare, None) => p.push(at(
                ar,
                g.row,
                "ersätter_person_id",
                Error,
                "an ERSÄTTARE grant must name whom it replaces".into(),
            )),
            (Basis::Ersattare, Some(who)) => {
                let has_period = rules
                    .absences
                    .iter()
                    .any(|a| &a.person_id == who && a.ersattare_person_id == g.person_id);
                if !has_period {
                    p.push(at(
                        ar,
                        g.row,
                        "ersätter_person_id",
                        Error,
                        format!(
                            "ersättare {} for {who} has no absence period in Frånvaro",
                            g.person_id
                        ),
                    ));
                }
            }
            (Basis::Ordinarie, Some(_)) => p.push(at(
                ar,
                g.row,
                "ersätter_person_id",
                Error,
                "only ERSÄTTARE grants replace someone".into(),
            )),
            (Basis::Ordinarie, None) => {}
        }
        if g.giltig_till.is_some_and(|t| t < today) {
            p.push(at(
                ar,
                g.row,
                "giltig_till",
                Warning,
                format!("expired on {}", g.giltig_till.unwrap_or(today)),
            ));
        }
    }
    p.extend(namnd_ceilings(rules));
    p.extend(super::assignment::check(rules));
    p.extend(no_personal_identity_numbers(rules));
    let one_per_code: HashSet<&str> = rules
        .namnder
        .iter()
        .filter(|n| n.en_ordinarie_per_kod)
        .map(|n| n.namnd.as_str())
        .collect();
    p.extend(super::overlap::check(rules, &one_per_code));
    let fr = &sheets::FRANVARO;
    for a in &rules.absences {
        if a.till < a.fran {
            p.push(at(fr, a.row, "till", Error, "till is before från".into()));
        }
        if a.person_id == a.ersattare_person_id {
            p.push(at(
                fr,
                a.row,
                "ersättare_person_id",
                Error,
                "a person cannot substitute for themselves".into(),
            ));
        }
    }
    let ch = &sheets::CHEF;
    for m in &rules.managers {
        if m.giltig_till.is_some_and(|t| t < m.giltig_fran) {
            p.push(at(
                ch,
                m.row,
                "giltig_till",
                Error,
                "giltig_till is before giltig_från".into(),
            ));
        }
        if m.person_id == m.chef_person_id {
            p.push(at(
                ch,
                m.row,
                "närmaste_chef_person_id",
                Error,
                "a person cannot be their own manager".into(),
            ));
        }
    }
    let jv = &sheets::JAV;
    for c in &rules.conflicts {
        if c.giltig_till.is_some_and(|t| t < c.giltig_fran) {
            p.push(at(
                jv,
                c.row,
                "giltig_till",
                Error,
                "giltig_till is before giltig_från".into(),
            ));
        }
        if c.leverantor_orgnr.is_none() && c.typ != ConflictKind::OverordnadKostnad {
            p.push(at(
                jv,
                c.row,
                "leverantör_orgnr",
                Error,
                "this kind of jäv needs the supplier's orgnr".into(),
            ));
        }
    }
    // Coding templates: shares sum to 100, every code has a BESLUT attestant.
    let kf = &sheets::KONTERINGSFORSLAG;
    let mut shares: HashMap<&str, (Decimal, u32)> = HashMap::new();
    for t in &rules.templates {
        let e = shares
            .entry(t.kf_id.as_str())
            .or_insert((Decimal::ZERO, t.row));
        e.0 += t.andel_pct;
        let covered = rules.grants.iter().any(|g| {
            g.attesttyp == StepKind::Beslut
                && g.grund == Basis::Ordinarie
                && g.giltig_till.is_none_or(|d| d >= today)
                && g.ansvar.matches(&t.ansvar)
                && g.konto.matches(&t.konto)
                && !g.undantag_konto.lists(&t.konto)
        });
        if !covered {
            p.push(at(
                kf,
                t.row,
                "ansvar",
                Error,
                format!(
                    "no valid BESLUT grant covers ansvar {} konto {}",
                    t.ansvar, t.konto
                ),
            ));
        }
    }
    for (id, (sum, row)) in &shares {
        if *sum != Decimal::from(100) {
            p.push(at(
                kf,
                *row,
                "andel_pct",
                Error,
                format!("the rows of {id} sum to {sum} %, not 100 %"),
            ));
        }
    }
    // Flow rules.
    let fl = &sheets::FLODESREGLER;
    let known_kf: HashSet<&str> = rules.templates.iter().map(|t| t.kf_id.as_str()).collect();
    let mut prios: HashMap<i64, u32> = HashMap::new();
    for f in &rules.flows {
        if let Some(first) = prios.insert(f.prio, f.row) {
            p.push(at(
                fl,
                f.row,
                "prio",
                Error,
                format!("prio {} is also used on row {first}", f.prio),
            ));
        }
        if let (Some(a), Some(b)) = (f.giltig_fran, f.giltig_till)
            && b < a
        {
            p.push(at(
                fl,
                f.row,
                "giltig_till",
                Error,
                "giltig_till is before giltig_från".into(),
            ));
        }
        if let (Some(a), Some(b)) = (f.belopp_min, f.belopp_max)
            && b < a
        {
            p.push(at(
                fl,
                f.row,
                "belopp_max_sek",
                Error,
                "belopp_max_sek is below belopp_min_sek".into(),
            ));
        }
        if let Some(kf_id) = &f.konteringsforslag_id
            && !known_kf.contains(kf_id.as_str())
        {
            p.push(at(
                fl,
                f.row,
                "konteringsförslag_id",
                Error,
                format!("no Konteringsförslag {kf_id}"),
            ));
        }
        for (header, person) in [
            ("granskare_person_id", &f.granskare_person_id),
            ("auto_attest_av_person_id", &f.auto_attest_av_person_id),
        ] {
            if let Some(person) = person {
                let grants: Vec<&Grant> = rules
                    .grants
                    .iter()
                    .filter(|g| &g.person_id == person)
                    .collect();
                if grants.is_empty() {
                    p.push(at(
                        fl,
                        f.row,
                        header,
                        Error,
                        format!("{person} holds no grant in Attesträtt"),
                    ));
                } else if grants
                    .iter()
                    .all(|g| g.giltig_till.is_some_and(|t| t < today))
                {
                    p.push(at(
                        fl,
                        f.row,
                        header,
                        Error,
                        format!("all of {person}'s grants have expired"),
                    ));
                }
            }
        }
        if f.steg == Flow::Auto {
            check_auto(rules, f, today, &mut p);
        }
    }
    p
}

/// An AUTO rule is legitimate only with a documented decision, a fixed kontering and a named
/// pre-approver who holds a BESLUT right covering that kontering up to the largest amount the
/// rule can let through.
fn check_auto(rules: &RuleSet, f: &FlowRule, today: NaiveDate, p: &mut Vec<Problem>) {
    use Severity::Error;
    let fl = &sheets::FLODESREGLER;
    if f.beslut_ref.is_empty() {
        p.push(at(
            fl,
            f.row,
            "beslut_ref",
            Error,
            "an AUTO rule must be documented by a decision (beslut_ref)".into(),
        ));
    }
    if f.leverantor_orgnr.is_none() && f.kontrakt_id.is_none() {
        p.push(at(
            fl,
            f.row,
            "kontrakt_eller_abonnemang_id",
            Error,
            "an AUTO rule must name a supplier or a contract/subscription".into(),
        ));
    }
    let Some(kf_id) = &f.konteringsforslag_id else {
        p.push(at(
            fl,
            f.row,
            "konteringsförslag_id",
            Error,
            "an AUTO rule needs a fixed kontering (konteringsförslag_id)".into(),
        ));
        return;
    };
    let Some(approver) = &f.auto_attest_av_person_id else {
        p.push(at(
            fl,
            f.row,
            "auto_attest_av_person_id",
            Error,
            "an AUTO rule needs the person who pre-approved it".into(),
        ));
        return;
    };
    let ceiling = match (f.forvantat_belopp, f.belopp_max) {
        (Some(e), _) => {
            let pct = f.tolerans_pct.map(|t| e * t / Decimal::from(100));
            e + match (pct, f.tolerans_sek) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => Decimal::ZERO,
            }
        }
        (None, Some(m)) => m,
        (None, None) => {
            p.push(at(
                fl,
                f.row,
                "förväntat_belopp_sek",
                Error,
                "an AUTO rule needs an expected amount or a maximum".into(),
            ));
            return;
        }
    };
    for t in rules.templates.iter().filter(|t| &t.kf_id == kf_id) {
        let amount = (ceiling * t.andel_pct / Decimal::from(100)).round_dp(2);
        let ok = rules.grants.iter().any(|g| {
            &g.person_id == approver
                && g.attesttyp == StepKind::Beslut
                && g.grund == Basis::Ordinarie
                && g.valid_on(today.max(g.giltig_fran))
                && g.giltig_till.is_none_or(|d| d >= today)
                && g.ansvar.matches(&t.ansvar)
                && g.konto.matches(&t.konto)
                && !g.undantag_konto.lists(&t.konto)
                && amount <= g.grans_per_rad
                && ceiling <= g.grans_per_faktura
        });
        if !ok {
            p.push(at(
                fl,
                f.row,
                "auto_attest_av_person_id",
                Error,
                format!("{approver} lacks a BESLUT right or limit for ansvar {} konto {} up to {ceiling} kr", t.ansvar, t.konto),
            ));
            return;
        }
    }
}

/// The `Nämnder` sheet against `Attesträtt`: every nämnd declared once, and no grant above its
/// nämnd's ceilings. Without any `Nämnder` row only a warning says that no ceilings are checked.
fn namnd_ceilings(rules: &RuleSet) -> Vec<Problem> {
    use Severity::{Error, Warning};
    let (nm, ar) = (&sheets::NAMNDER, &sheets::ATTESTRATT);
    let mut p = Vec::new();
    if rules.namnder.is_empty() {
        if !rules.grants.is_empty() {
            p.push(Problem {
                severity: Warning,
                sheet: nm.name,
                cell: String::new(),
                column: String::new(),
                message: "no nämnd is declared: the limits in Attesträtt are not checked against \
                          any nämnd's ceiling"
                    .into(),
            });
        }
        return p;
    }
    let mut by_name: HashMap<&str, &Namnd> = HashMap::new();
    for n in &rules.namnder {
        if let Some(first) = by_name.insert(n.namnd.as_str(), n) {
            p.push(at(
                nm,
                n.row,
                "nämnd",
                Error,
                format!("{} is also declared on row {}", n.namnd, first.row),
            ));
        }
    }
    let reference = |n: &Namnd| {
        if n.beslut_ref.is_empty() {
            String::new()
        } else {
            format!(" ({})", n.beslut_ref)
        }
    };
    for g in &rules.grants {
        let Some(n) = by_name.get(g.namnd.as_str()) else {
            p.push(at(
                ar,
                g.row,
                "nämnd",
                Error,
                format!("{} is not declared in the sheet Nämnder", g.namnd),
            ));
            continue;
        };
        for (column, limit, ceiling, what) in [
            (
                "gräns_per_rad_sek",
                g.grans_per_rad,
                n.tak_per_rad,
                "tak_per_rad_sek",
            ),
            (
                "gräns_per_faktura_sek",
                g.grans_per_faktura,
                n.tak_per_faktura,
                "tak_per_faktura_sek",
            ),
        ] {
            if let Some(c) = ceiling.filter(|c| limit > *c) {
                p.push(at(
                    ar,
                    g.row,
                    column,
                    Error,
                    format!(
                        "{limit} is above {}'s ceiling {c} ({what}){}",
                        g.namnd,
                        reference(n)
                    ),
                ));
            }
        }
        // Above the two-signer ceiling nobody may sign alone. A BESLUT grant breaks it when its
        // own threshold is written above the ceiling, or when it never asks for a second signer
        // (0) while its per-invoice limit lets one person go above the ceiling.
        if let Some(c) = n.tak_tva_i_forening
            && g.attesttyp == StepKind::Beslut
        {
            let t = g.tva_i_forening_over;
            let message = if t > c {
                Some(format!(
                    "{t} is above {}'s two-signer ceiling {c} (tak_två_i_förening_sek){}",
                    g.namnd,
                    reference(n)
                ))
            } else if t == Decimal::ZERO && g.grans_per_faktura > c {
                Some(format!(
                    "0 (never two signers) lets {} sign up to {} alone, above {}'s two-signer \
                     ceiling {c} (tak_två_i_förening_sek){}: write a threshold of at most {c}",
                    g.person_id,
                    g.grans_per_faktura,
                    g.namnd,
                    reference(n)
                ))
            } else {
                None
            };
            if let Some(message) = message {
                p.push(at(ar, g.row, "två_i_förening_över_sek", Error, message));
            }
        }
    }
    p
}

/// Does `id` look like a Swedish personnummer or samordningsnummer (`ÅÅMMDD-NNNN`,
/// `ÅÅÅÅMMDDNNNN`, with `-` or `+`): ten or twelve digits, a real birth date (day + 60 for a
/// samordningsnummer) and a valid Luhn check digit over the last ten?
pub fn looks_like_personnummer(id: &str) -> bool {
    let t = id.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let only_number = t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '+' || c == ' ');
    if !only_number || !(digits.len() == 10 || digits.len() == 12) {
        return false;
    }
    let ten = &digits[digits.len() - 10..];
    let num = |r: std::ops::Range<usize>| ten[r].parse::<u32>().unwrap_or(0);
    let (month, mut day) = (num(2..4), num(4..6));
    if day > 60 {
        day -= 60;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let sum: u32 = ten
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Person ids are employee numbers or directory ids, never personnummer (spec §3; personal data
/// is minimised). The message does not repeat the number.
fn no_personal_identity_numbers(rules: &RuleSet) -> Vec<Problem> {
    let mut cells: Vec<(&'static Sheet, u32, &'static str, &str)> = Vec::new();
    for g in &rules.grants {
        cells.push((&sheets::ATTESTRATT, g.row, "person_id", &g.person_id));
        if let Some(e) = &g.ersatter_person_id {
            cells.push((&sheets::ATTESTRATT, g.row, "ersätter_person_id", e));
        }
    }
    for a in &rules.absences {
        cells.push((&sheets::FRANVARO, a.row, "person_id", &a.person_id));
        cells.push((
            &sheets::FRANVARO,
            a.row,
            "ersättare_person_id",
            &a.ersattare_person_id,
        ));
        cells.push((
            &sheets::FRANVARO,
            a.row,
            "registrerad_av",
            &a.registrerad_av,
        ));
    }
    for m in &rules.managers {
        cells.push((&sheets::CHEF, m.row, "person_id", &m.person_id));
        cells.push((
            &sheets::CHEF,
            m.row,
            "närmaste_chef_person_id",
            &m.chef_person_id,
        ));
    }
    for c in &rules.conflicts {
        cells.push((&sheets::JAV, c.row, "person_id", &c.person_id));
    }
    for f in &rules.flows {
        for (column, v) in [
            ("granskare_person_id", &f.granskare_person_id),
            ("auto_attest_av_person_id", &f.auto_attest_av_person_id),
        ] {
            if let Some(v) = v {
                cells.push((&sheets::FLODESREGLER, f.row, column, v));
            }
        }
    }
    cells
        .into_iter()
        .filter(|(.., v)| looks_like_personnummer(v))
        .map(|(sheet, row, column, _)| {
            at(
                sheet,
                row,
                column,
                Severity::Error,
                "looks like a personnummer: use the employee number or AD/HSA id".into(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::looks_like_personnummer;

    #[test]
    fn personnummer_and_samordningsnummer_are_recognised() {
        let cases = [
            ("19121212-1212", true),
            ("121212-1212", true),
            ("811218-9876", true),
            ("811218+9876", true),
            ("701063-2391", true),  // samordningsnummer: day 63 = 3 + 60
            ("811218-9877", false), // wrong check digit
            ("556562-4223", false), // organisationsnummer: month 56
            ("u230", false),
            ("E12345", false),
            ("1234567", false),
            ("9013011239", false), // month 13
        ];
        for (id, want) in cases {
            assert_eq!(looks_like_personnummer(id), want, "{id}");
        }
    }
}
