//! The attestförteckning as data: one struct per sheet row (spec §3). The approval engine owns
//! these types; [`crate::workbook`] only reads them from and writes them to Excel.
//!
//! A [`RuleSet`] is what a validated workbook becomes; the store keeps it (as JSON, next to the
//! original workbook bytes) under a version number, and every decision records the version it was
//! judged under.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::StepKind;

/// A code pattern: `41*` (prefix), `4100-4199` (numeric range), `4110;4120` (list), empty = any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct CodePattern {
    raw: String,
    alts: Vec<Alt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Alt {
    Any,
    Prefix(String),
    Range(u64, u64, usize),
    Exact(String),
}

impl CodePattern {
    /// Parses a pattern; `Err` names the part that is not a code, prefix or range.
    pub fn parse(raw: &str) -> Result<CodePattern, String> {
        let raw = raw.trim();
        let mut alts = Vec::new();
        for part in raw
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if part.trim_end_matches('*').contains('*') {
                return Err(format!("\"{part}\": only a trailing * is allowed"));
            }
            let alt = if part == "*" {
                Alt::Any
            } else if let Some(p) = part.strip_suffix('*') {
                Alt::Prefix(p.to_string())
            } else if let Some((lo, hi)) = part.split_once('-') {
                let (lo, hi) = (lo.trim(), hi.trim());
                match (lo.parse::<u64>(), hi.parse::<u64>()) {
                    (Ok(a), Ok(b)) if a <= b && lo.len() == hi.len() => Alt::Range(a, b, lo.len()),
                    (Ok(_), Ok(_)) => {
                        return Err(format!(
                            "\"{part}\": range is reversed or of unequal length"
                        ));
                    }
                    _ => return Err(format!("\"{part}\": a range needs two numbers")),
                }
            } else {
                Alt::Exact(part.to_string())
            };
            alts.push(alt);
        }
        Ok(CodePattern {
            raw: raw.to_string(),
            alts,
        })
    }

    /// True for the empty pattern (matches anything, or nothing for an exclusion list).
    pub fn is_empty(&self) -> bool {
        self.alts.is_empty()
    }

    /// Does `code` match? An empty pattern matches every code.
    pub fn matches(&self, code: &str) -> bool {
        self.alts.is_empty() || self.alts.iter().any(|a| alt_matches(a, code))
    }

    /// Does `code` match an explicit alternative (empty pattern → false)?
    pub fn lists(&self, code: &str) -> bool {
        self.alts.iter().any(|a| alt_matches(a, code))
    }

    /// Could some code match both patterns? (Conservative: used to find overlapping grants.)
    pub fn overlaps(&self, other: &CodePattern) -> bool {
        if self.alts.is_empty() || other.alts.is_empty() {
            return true;
        }
        self.alts
            .iter()
            .any(|a| other.alts.iter().any(|b| alts_overlap(a, b)))
    }

    /// The codes of a pattern made only of exact codes (`4110;4120`), else None (empty,
    /// prefixes, ranges).
    pub fn exact_codes(&self) -> Option<Vec<&str>> {
        if self.alts.is_empty() {
            return None;
        }
        self.alts
            .iter()
            .map(|a| match a {
                Alt::Exact(e) => Some(e.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

fn alt_matches(a: &Alt, code: &str) -> bool {
    match a {
        Alt::Any => true,
        Alt::Prefix(p) => code.starts_with(p.as_str()),
        Alt::Exact(e) => code == e,
        Alt::Range(lo, hi, len) => {
            code.len() == *len && code.parse::<u64>().is_ok_and(|v| *lo <= v && v <= *hi)
        }
    }
}

fn alts_overlap(a: &Alt, b: &Alt) -> bool {
    match (a, b) {
        (Alt::Any, _) | (_, Alt::Any) => true,
        (Alt::Exact(x), o) | (o, Alt::Exact(x)) => alt_matches(o, x),
        (Alt::Prefix(p), Alt::Prefix(q)) => p.starts_with(q.as_str()) || q.starts_with(p.as_str()),
        (Alt::Range(a1, b1, l1), Alt::Range(a2, b2, l2)) => l1 == l2 && a1 <= b2 && a2 <= b1,
        (Alt::Prefix(p), Alt::Range(lo, hi, len)) | (Alt::Range(lo, hi, len), Alt::Prefix(p)) => {
            // Some number of width `len` in [lo, hi] starting with p?
            if p.len() > *len || !p.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            let pad = (*len - p.len()) as u32;
            let base: u64 = p.parse().unwrap_or(0);
            let min = base * 10u64.pow(pad);
            let max = min + 10u64.pow(pad) - 1;
            min <= *hi && *lo <= max
        }
    }
}

impl From<String> for CodePattern {
    fn from(s: String) -> Self {
        CodePattern::parse(&s).unwrap_or(CodePattern {
            raw: s,
            alts: Vec::new(),
        })
    }
}

impl From<CodePattern> for String {
    fn from(p: CodePattern) -> String {
        p.raw
    }
}

/// ORDINARIE or ERSÄTTARE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// The ordinary attestant.
    Ordinarie,
    /// A substitute, acting only while `ersätter` is absent.
    Ersattare,
}

/// Whether limits compare amounts without or with VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountBasis {
    /// Excluding VAT (EXKL_MOMS).
    ExklMoms,
    /// Including VAT (INKL_MOMS).
    InklMoms,
}

/// Sheet `Attesträtt`: one grant of an attest right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Stable key (`AR-0042`).
    pub rad_id: String,
    /// Committee.
    pub namnd: String,
    /// Attest kind.
    pub attesttyp: StepKind,
    /// Employee or directory id (never personnummer).
    pub person_id: String,
    /// Name (informational).
    pub namn: String,
    /// Position (informational).
    pub befattning: String,
    /// Ordinary or substitute.
    pub grund: Basis,
    /// For a substitute: whom they replace.
    pub ersatter_person_id: Option<String>,
    /// Responsibility codes.
    pub ansvar: CodePattern,
    /// Activity codes.
    pub verksamhet: CodePattern,
    /// Aktivitet codes.
    pub aktivitet: CodePattern,
    /// Project codes.
    pub projekt: CodePattern,
    /// Object codes.
    pub objekt: CodePattern,
    /// Accounts.
    pub konto: CodePattern,
    /// Accounts excluded even if `konto` matches.
    pub undantag_konto: CodePattern,
    /// Only this supplier, when set.
    pub leverantor_orgnr: Option<String>,
    /// Limit per coding row.
    pub grans_per_rad: Decimal,
    /// Limit for the sum this person signs on one invoice.
    pub grans_per_faktura: Decimal,
    /// Amount basis of the limits.
    pub belopp_bas: AmountBasis,
    /// Above this invoice amount a second BESLUT signer is required (0 = never).
    pub tva_i_forening_over: Decimal,
    /// Below this amount the same person may review and decide (0 = never).
    pub far_granska_och_besluta_under: Decimal,
    /// First valid day.
    pub giltig_fran: NaiveDate,
    /// Last valid day (open-ended when absent).
    pub giltig_till: Option<NaiveDate>,
    /// Delegation decision.
    pub beslut_ref: String,
    /// Free text.
    pub kommentar: String,
    /// 1-based worksheet row it came from.
    pub row: u32,
}

impl Grant {
    /// Is the grant valid on `day`?
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.giltig_fran <= day && self.giltig_till.is_none_or(|t| day <= t)
    }
}

/// Sheet `Frånvaro`: an absence period with its ersättare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    /// The absent person.
    pub person_id: String,
    /// The substitute.
    pub ersattare_person_id: String,
    /// First day.
    pub fran: NaiveDate,
    /// Last day.
    pub till: NaiveDate,
    /// `ALLA` (empty pattern) or a list of ansvar.
    pub omfattning: CodePattern,
    /// Reason.
    pub orsak: String,
    /// Who registered it.
    pub registrerad_av: String,
    /// Worksheet row.
    pub row: u32,
}

/// Sheet `Chef`: a person's nearest manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerLink {
    /// The employee.
    pub person_id: String,
    /// Their nearest manager.
    pub chef_person_id: String,
    /// First day.
    pub giltig_fran: NaiveDate,
    /// Last day.
    pub giltig_till: Option<NaiveDate>,
    /// Worksheet row.
    pub row: u32,
}

/// Jäv kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictKind {
    /// Own expense (own phone, travel, training).
    EgenUtgift,
    /// A supplier related to the person.
    NarstaendeLeverantor,
    /// Secondary employment with the supplier.
    Bisyssla,
    /// Costs concerning the person's own superior.
    OverordnadKostnad,
}

/// Sheet `Jäv`: a known conflict of interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The person who may not attest.
    pub person_id: String,
    /// Kind.
    pub typ: ConflictKind,
    /// The supplier concerned (empty = any, for ÖVERORDNAD_KOSTNAD).
    pub leverantor_orgnr: Option<String>,
    /// First day.
    pub giltig_fran: NaiveDate,
    /// Last day.
    pub giltig_till: Option<NaiveDate>,
    /// Decision reference.
    pub beslut_ref: String,
    /// Worksheet row.
    pub row: u32,
}

impl Conflict {
    /// Is the row valid on `day`?
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.giltig_fran <= day && self.giltig_till.is_none_or(|t| day <= t)
    }
}

/// FAKTURA / KREDIT / ALLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocFilter {
    /// Invoices only.
    Faktura,
    /// Credit notes only.
    Kredit,
    /// Both.
    Alla,
}

/// INGEN / 2-VÄG / 3-VÄG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Matching {
    /// No order matching.
    Ingen,
    /// Invoice vs order.
    TwoWay,
    /// Invoice vs order vs goods receipt.
    ThreeWay,
}

/// The flow a rule routes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flow {
    /// These steps in order.
    Steps(Vec<StepKind>),
    /// Attested by rule, by the named pre-approver.
    Auto,
}

/// Sheet `Flödesregler`: routing and automation, first hit wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowRule {
    /// Priority (lower first).
    pub prio: i64,
    /// Document types.
    pub dokumenttyp: DocFilter,
    /// Supplier (orgnr), when set.
    pub leverantor_orgnr: Option<String>,
    /// BT-10 referenskod pattern.
    pub referenskod: CodePattern,
    /// Order reference required.
    pub orderref_kravs: bool,
    /// Contract or subscription id, when set.
    pub kontrakt_id: Option<String>,
    /// Amount range (excl. VAT).
    pub belopp_min: Option<Decimal>,
    /// Amount range (excl. VAT).
    pub belopp_max: Option<Decimal>,
    /// Expected amount for contract matching.
    pub forvantat_belopp: Option<Decimal>,
    /// Tolerance in percent of the expected amount.
    pub tolerans_pct: Option<Decimal>,
    /// Tolerance in SEK.
    pub tolerans_sek: Option<Decimal>,
    /// At most this many auto-attested invoices per calendar month.
    pub max_per_manad: Option<u32>,
    /// Order matching level.
    pub matchning: Matching,
    /// Steps or AUTO.
    pub steg: Flow,
    /// Named reviewer (granskare / mottagare).
    pub granskare_person_id: Option<String>,
    /// Or a group queue.
    pub ko: Option<String>,
    /// The pre-approver of an AUTO rule (attestant of record).
    pub auto_attest_av_person_id: Option<String>,
    /// Coding template.
    pub konteringsforslag_id: Option<String>,
    /// First day.
    pub giltig_fran: Option<NaiveDate>,
    /// Last day.
    pub giltig_till: Option<NaiveDate>,
    /// Decision reference.
    pub beslut_ref: String,
    /// Worksheet row.
    pub row: u32,
}

impl FlowRule {
    /// A short label for logs: `prio 10 (row 3)`.
    pub fn label(&self) -> String {
        format!("prio {} (Flödesregler rad {})", self.prio, self.row)
    }
}

/// Sheet `Konteringsförslag`: one row of a coding template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRow {
    /// Template id.
    pub kf_id: String,
    /// Row number inside the template.
    pub rad: u32,
    /// Share of the net amount in percent.
    pub andel_pct: Decimal,
    /// Account.
    pub konto: String,
    /// Responsibility code.
    pub ansvar: String,
    /// Activity.
    pub verksamhet: String,
    /// Aktivitet.
    pub aktivitet: String,
    /// Project.
    pub projekt: String,
    /// Object.
    pub objekt: String,
    /// Counterparty.
    pub motpart: String,
    /// VAT code.
    pub momskod: String,
    /// Worksheet row.
    pub row: u32,
}

/// One row of `Nämnder`: the ceilings a nämnd sets on what it delegates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namnd {
    /// The nämnd, as named in `Attesträtt.nämnd`.
    pub namnd: String,
    /// Highest `gräns_per_rad_sek` it delegates (None: no ceiling).
    pub tak_per_rad: Option<Decimal>,
    /// Highest `gräns_per_faktura_sek` it delegates.
    pub tak_per_faktura: Option<Decimal>,
    /// Highest `två_i_förening_över_sek` it allows (above it two signers are always required).
    pub tak_tva_i_forening: Option<Decimal>,
    /// Only one ordinary attestant per code and attesttyp.
    pub en_ordinarie_per_kod: bool,
    /// The decision setting the ceilings.
    pub beslut_ref: String,
    /// Free text.
    pub kommentar: String,
    /// Worksheet row.
    pub row: u32,
}

/// One row of the optional sheet `Tidsfrister`: the timing of one attest kind, or of all
/// (`ALLA`), overriding the engine's policy (spec §1.5). Empty cells keep the policy's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tidsfrist {
    /// The attest kind, or None for `ALLA`.
    pub attesttyp: Option<StepKind>,
    /// Processing time: an open step is escalated at most once per this many days.
    pub handlaggningsdagar: Option<u32>,
    /// Reminders and escalation start this many days before the attest deadline.
    pub paminn_fore_dagar: Option<u32>,
    /// The group queue escalation ends in.
    pub eskalera_till_ko: Option<String>,
    /// Payment-run lead time: the attest deadline is the due date minus this (ALLA row only).
    pub betalningsledtid_dagar: Option<u32>,
    /// Worksheet row.
    pub row: u32,
}

/// A whole attestförteckning.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RuleSet {
    /// `Nämnder` (empty when the workbook has none: no ceilings declared).
    #[serde(default)]
    pub namnder: Vec<Namnd>,
    /// `Attesträtt`.
    pub grants: Vec<Grant>,
    /// `Frånvaro`.
    pub absences: Vec<Absence>,
    /// `Chef`.
    pub managers: Vec<ManagerLink>,
    /// `Jäv`.
    pub conflicts: Vec<Conflict>,
    /// `Flödesregler`, sorted by `prio`.
    pub flows: Vec<FlowRule>,
    /// `Konteringsförslag`.
    pub templates: Vec<TemplateRow>,
    /// `Tidsfrister` (empty when the workbook has none: the engine's policy applies).
    #[serde(default)]
    pub tidsfrister: Vec<Tidsfrist>,
}

impl RuleSet {
    /// Every person id in the one normalised form (`crate::person_id::normalise`). The
    /// workbook reader writes them so; a rule set stored before it did is normalised when read,
    /// so the acting person (normalised too) is compared like for like.
    pub fn normalise_person_ids(&mut self) {
        use crate::person_id::normalise;
        let opt = |o: &mut Option<String>| {
            if let Some(v) = o {
                *v = normalise(v);
            }
        };
        for g in &mut self.grants {
            g.person_id = normalise(&g.person_id);
            opt(&mut g.ersatter_person_id);
        }
        for a in &mut self.absences {
            a.person_id = normalise(&a.person_id);
            a.ersattare_person_id = normalise(&a.ersattare_person_id);
            a.registrerad_av = normalise(&a.registrerad_av);
        }
        for m in &mut self.managers {
            m.person_id = normalise(&m.person_id);
            m.chef_person_id = normalise(&m.chef_person_id);
        }
        for c in &mut self.conflicts {
            c.person_id = normalise(&c.person_id);
        }
        for f in &mut self.flows {
            opt(&mut f.granskare_person_id);
            opt(&mut f.auto_attest_av_person_id);
        }
    }

    /// Is `person` known to this rule set (holds a grant, has a manager, or is someone's)?
    pub fn knows(&self, person: &str) -> bool {
        self.grants.iter().any(|g| g.person_id == person)
            || self
                .managers
                .iter()
                .any(|m| m.person_id == person || m.chef_person_id == person)
            || self
                .absences
                .iter()
                .any(|a| a.ersattare_person_id == person)
            || self
                .flows
                .iter()
                .any(|f| f.granskare_person_id.as_deref() == Some(person))
    }

    /// `person`'s nearest manager on `day`.
    pub fn manager_of(&self, person: &str, day: NaiveDate) -> Option<&str> {
        self.managers
            .iter()
            .find(|m| {
                m.person_id == person
                    && m.giltig_fran <= day
                    && m.giltig_till.is_none_or(|t| day <= t)
            })
            .map(|m| m.chef_person_id.as_str())
    }

    /// `person`'s superiors on `day`, nearest first: the närmaste chef, their chef, and so on up
    /// the `Chef` sheet. Stops at the top or at a cycle (each person appears once, never
    /// `person`).
    pub fn chain_above(&self, person: &str, day: NaiveDate) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut at = person;
        while let Some(chef) = self.manager_of(at, day) {
            if chef == person || out.contains(&chef) {
                break;
            }
            out.push(chef);
            at = chef;
        }
        out
    }

    /// The absence of `person` on `day` whose ersättare stands in for them, if any.
    pub fn absence_of(&self, person: &str, day: NaiveDate) -> Option<&Absence> {
        self.absences
            .iter()
            .find(|a| a.person_id == person && a.fran <= day && day <= a.till)
    }

    /// Absences during which `substitute` stands in for someone on `day`.
    pub fn standing_in_for<'a>(
        &'a self,
        substitute: &'a str,
        day: NaiveDate,
    ) -> impl Iterator<Item = &'a Absence> + 'a {
        self.absences
            .iter()
            .filter(move |a| a.ersattare_person_id == substitute && a.fran <= day && day <= a.till)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_and_overlap() {
        let p = CodePattern::parse("41*").expect("p");
        assert!(p.matches("4110") && !p.matches("4210"));
        let r = CodePattern::parse("4100-4199").expect("r");
        assert!(r.matches("4150") && !r.matches("4200") && !r.matches("41500"));
        let l = CodePattern::parse("4110;4120").expect("l");
        assert!(l.matches("4120") && !l.matches("4130"));
        assert!(CodePattern::parse("").expect("e").matches("9999"));
        assert!(p.overlaps(&r) && r.overlaps(&l) && p.overlaps(&l));
        assert!(!CodePattern::parse("42*").expect("q").overlaps(&r));
        assert!(CodePattern::parse("4199-4100").is_err());
        assert!(CodePattern::parse("4*1").is_err());
    }
}
