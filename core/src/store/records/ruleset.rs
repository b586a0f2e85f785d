//! `ruleset.rules_json`: a validated attestförteckning, as stored beside its original workbook.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `workbook::RuleSet` then):
//! one array per sheet, enum variants by name (`Beslut`, `ExklMoms`, `{"Steps":[...]}` or
//! `"Auto"`), code patterns as the text the workbook had, decimals as strings, dates
//! `YYYY-MM-DD`; `namnder` may be absent (stores written before the Nämnder sheet existed).
//! The workbook bytes stay the authority; this is the parsed form the engine judges under.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::approval::StepKind;
use crate::workbook::{
    Absence, AmountBasis, Basis, CodePattern, Conflict, ConflictKind, DocFilter, Flow, FlowRule,
    Grant, ManagerLink, Matching, Namnd, RuleSet, TemplateRow,
};

/// A stored rule set, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::store) struct RuleSetRecordV1 {
    #[serde(default)]
    namnder: Vec<NamndV1>,
    grants: Vec<GrantV1>,
    absences: Vec<AbsenceV1>,
    managers: Vec<ManagerV1>,
    conflicts: Vec<ConflictV1>,
    flows: Vec<FlowRuleV1>,
    templates: Vec<TemplateV1>,
}

/// Generates a field-less enum of the record together with its conversions to and from the
/// domain enum, variant for variant (the stored name is the variant's name).
macro_rules! record_enum {
    ($record:ident <=> $domain:ident { $($var:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        enum $record { $($var),+ }
        impl From<$domain> for $record {
            fn from(d: $domain) -> Self { match d { $($domain::$var => $record::$var),+ } }
        }
        impl From<$record> for $domain {
            fn from(r: $record) -> Self { match r { $($record::$var => $domain::$var),+ } }
        }
    };
}

record_enum!(StepKindV1 <=> StepKind { Mottagning, Granskning, Beslut });
record_enum!(BasisV1 <=> Basis { Ordinarie, Ersattare });
record_enum!(AmountBasisV1 <=> AmountBasis { ExklMoms, InklMoms });
record_enum!(ConflictKindV1 <=> ConflictKind {
    EgenUtgift,
    NarstaendeLeverantor,
    Bisyssla,
    OverordnadKostnad,
});
record_enum!(DocFilterV1 <=> DocFilter { Faktura, Kredit, Alla });
record_enum!(MatchingV1 <=> Matching { Ingen, TwoWay, ThreeWay });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum FlowV1 {
    Steps(Vec<StepKindV1>),
    Auto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct NamndV1 {
    namnd: String,
    tak_per_rad: Option<Decimal>,
    tak_per_faktura: Option<Decimal>,
    tak_tva_i_forening: Option<Decimal>,
    en_ordinarie_per_kod: bool,
    beslut_ref: String,
    kommentar: String,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct GrantV1 {
    rad_id: String,
    namnd: String,
    attesttyp: StepKindV1,
    person_id: String,
    namn: String,
    befattning: String,
    grund: BasisV1,
    ersatter_person_id: Option<String>,
    ansvar: String,
    verksamhet: String,
    aktivitet: String,
    projekt: String,
    objekt: String,
    konto: String,
    undantag_konto: String,
    leverantor_orgnr: Option<String>,
    grans_per_rad: Decimal,
    grans_per_faktura: Decimal,
    belopp_bas: AmountBasisV1,
    tva_i_forening_over: Decimal,
    far_granska_och_besluta_under: Decimal,
    giltig_fran: NaiveDate,
    giltig_till: Option<NaiveDate>,
    beslut_ref: String,
    kommentar: String,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct AbsenceV1 {
    person_id: String,
    ersattare_person_id: String,
    fran: NaiveDate,
    till: NaiveDate,
    omfattning: String,
    orsak: String,
    registrerad_av: String,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ManagerV1 {
    person_id: String,
    chef_person_id: String,
    giltig_fran: NaiveDate,
    giltig_till: Option<NaiveDate>,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ConflictV1 {
    person_id: String,
    typ: ConflictKindV1,
    leverantor_orgnr: Option<String>,
    giltig_fran: NaiveDate,
    giltig_till: Option<NaiveDate>,
    beslut_ref: String,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FlowRuleV1 {
    prio: i64,
    dokumenttyp: DocFilterV1,
    leverantor_orgnr: Option<String>,
    referenskod: String,
    orderref_kravs: bool,
    kontrakt_id: Option<String>,
    belopp_min: Option<Decimal>,
    belopp_max: Option<Decimal>,
    forvantat_belopp: Option<Decimal>,
    tolerans_pct: Option<Decimal>,
    tolerans_sek: Option<Decimal>,
    max_per_manad: Option<u32>,
    matchning: MatchingV1,
    steg: FlowV1,
    granskare_person_id: Option<String>,
    ko: Option<String>,
    auto_attest_av_person_id: Option<String>,
    konteringsforslag_id: Option<String>,
    giltig_fran: Option<NaiveDate>,
    giltig_till: Option<NaiveDate>,
    beslut_ref: String,
    row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct TemplateV1 {
    kf_id: String,
    rad: u32,
    andel_pct: Decimal,
    konto: String,
    ansvar: String,
    verksamhet: String,
    aktivitet: String,
    projekt: String,
    objekt: String,
    motpart: String,
    momskod: String,
    row: u32,
}

/// A stored code pattern is the text the workbook had; reading it parses it again, and a text
/// that no longer parses matches nothing but its own text, as the domain's `From<String>` does.
fn pattern(p: &CodePattern) -> String {
    p.as_str().to_string()
}

impl From<&RuleSet> for RuleSetRecordV1 {
    fn from(r: &RuleSet) -> Self {
        RuleSetRecordV1 {
            namnder: r
                .namnder
                .iter()
                .map(|n| NamndV1 {
                    namnd: n.namnd.clone(),
                    tak_per_rad: n.tak_per_rad,
                    tak_per_faktura: n.tak_per_faktura,
                    tak_tva_i_forening: n.tak_tva_i_forening,
                    en_ordinarie_per_kod: n.en_ordinarie_per_kod,
                    beslut_ref: n.beslut_ref.clone(),
                    kommentar: n.kommentar.clone(),
                    row: n.row,
                })
                .collect(),
            grants: r
                .grants
                .iter()
                .map(|g| GrantV1 {
                    rad_id: g.rad_id.clone(),
                    namnd: g.namnd.clone(),
                    attesttyp: g.attesttyp.into(),
                    person_id: g.person_id.clone(),
                    namn: g.namn.clone(),
                    befattning: g.befattning.clone(),
                    grund: g.grund.into(),
                    ersatter_person_id: g.ersatter_person_id.clone(),
                    ansvar: pattern(&g.ansvar),
                    verksamhet: pattern(&g.verksamhet),
                    aktivitet: pattern(&g.aktivitet),
                    projekt: pattern(&g.projekt),
                    objekt: pattern(&g.objekt),
                    konto: pattern(&g.konto),
                    undantag_konto: pattern(&g.undantag_konto),
                    leverantor_orgnr: g.leverantor_orgnr.clone(),
                    grans_per_rad: g.grans_per_rad,
                    grans_per_faktura: g.grans_per_faktura,
                    belopp_bas: g.belopp_bas.into(),
                    tva_i_forening_over: g.tva_i_forening_over,
                    far_granska_och_besluta_under: g.far_granska_och_besluta_under,
                    giltig_fran: g.giltig_fran,
                    giltig_till: g.giltig_till,
                    beslut_ref: g.beslut_ref.clone(),
                    kommentar: g.kommentar.clone(),
                    row: g.row,
                })
                .collect(),
            absences: r
                .absences
                .iter()
                .map(|a| AbsenceV1 {
                    person_id: a.person_id.clone(),
                    ersattare_person_id: a.ersattare_person_id.clone(),
                    fran: a.fran,
                    till: a.till,
                    omfattning: pattern(&a.omfattning),
                    orsak: a.orsak.clone(),
                    registrerad_av: a.registrerad_av.clone(),
                    row: a.row,
                })
                .collect(),
            managers: r
                .managers
                .iter()
                .map(|m| ManagerV1 {
                    person_id: m.person_id.clone(),
                    chef_person_id: m.chef_person_id.clone(),
                    giltig_fran: m.giltig_fran,
                    giltig_till: m.giltig_till,
                    row: m.row,
                })
                .collect(),
            conflicts: r
                .conflicts
                .iter()
                .map(|c| ConflictV1 {
                    person_id: c.person_id.clone(),
                    typ: c.typ.into(),
                    leverantor_orgnr: c.leverantor_orgnr.clone(),
                    giltig_fran: c.giltig_fran,
                    giltig_till: c.giltig_till,
                    beslut_ref: c.beslut_ref.clone(),
                    row: c.row,
                })
                .collect(),
            flows: r
                .flows
                .iter()
                .map(|f| FlowRuleV1 {
                    prio: f.prio,
                    dokumenttyp: f.dokumenttyp.into(),
                    leverantor_orgnr: f.leverantor_orgnr.clone(),
                    referenskod: pattern(&f.referenskod),
                    orderref_kravs: f.orderref_kravs,
                    kontrakt_id: f.kontrakt_id.clone(),
                    belopp_min: f.belopp_min,
                    belopp_max: f.belopp_max,
                    forvantat_belopp: f.forvantat_belopp,
                    tolerans_pct: f.tolerans_pct,
                    tolerans_sek: f.tolerans_sek,
                    max_per_manad: f.max_per_manad,
                    matchning: f.matchning.into(),
                    steg: match &f.steg {
                        Flow::Steps(steps) => {
                            FlowV1::Steps(steps.iter().map(|&s| s.into()).collect())
                        }
                        Flow::Auto => FlowV1::Auto,
                    },
                    granskare_person_id: f.granskare_person_id.clone(),
                    ko: f.ko.clone(),
                    auto_attest_av_person_id: f.auto_attest_av_person_id.clone(),
                    konteringsforslag_id: f.konteringsforslag_id.clone(),
                    giltig_fran: f.giltig_fran,
                    giltig_till: f.giltig_till,
                    beslut_ref: f.beslut_ref.clone(),
                    row: f.row,
                })
                .collect(),
            templates: r
                .templates
                .iter()
                .map(|t| TemplateV1 {
                    kf_id: t.kf_id.clone(),
                    rad: t.rad,
                    andel_pct: t.andel_pct,
                    konto: t.konto.clone(),
                    ansvar: t.ansvar.clone(),
                    verksamhet: t.verksamhet.clone(),
                    aktivitet: t.aktivitet.clone(),
                    projekt: t.projekt.clone(),
                    objekt: t.objekt.clone(),
                    motpart: t.motpart.clone(),
                    momskod: t.momskod.clone(),
                    row: t.row,
                })
                .collect(),
        }
    }
}

impl From<RuleSetRecordV1> for RuleSet {
    fn from(r: RuleSetRecordV1) -> Self {
        RuleSet {
            namnder: r
                .namnder
                .into_iter()
                .map(|n| Namnd {
                    namnd: n.namnd,
                    tak_per_rad: n.tak_per_rad,
                    tak_per_faktura: n.tak_per_faktura,
                    tak_tva_i_forening: n.tak_tva_i_forening,
                    en_ordinarie_per_kod: n.en_ordinarie_per_kod,
                    beslut_ref: n.beslut_ref,
                    kommentar: n.kommentar,
                    row: n.row,
                })
                .collect(),
            grants: r
                .grants
                .into_iter()
                .map(|g| Grant {
                    rad_id: g.rad_id,
                    namnd: g.namnd,
                    attesttyp: g.attesttyp.into(),
                    person_id: g.person_id,
                    namn: g.namn,
                    befattning: g.befattning,
                    grund: g.grund.into(),
                    ersatter_person_id: g.ersatter_person_id,
                    ansvar: g.ansvar.into(),
                    verksamhet: g.verksamhet.into(),
                    aktivitet: g.aktivitet.into(),
                    projekt: g.projekt.into(),
                    objekt: g.objekt.into(),
                    konto: g.konto.into(),
                    undantag_konto: g.undantag_konto.into(),
                    leverantor_orgnr: g.leverantor_orgnr,
                    grans_per_rad: g.grans_per_rad,
                    grans_per_faktura: g.grans_per_faktura,
                    belopp_bas: g.belopp_bas.into(),
                    tva_i_forening_over: g.tva_i_forening_over,
                    far_granska_och_besluta_under: g.far_granska_och_besluta_under,
                    giltig_fran: g.giltig_fran,
                    giltig_till: g.giltig_till,
                    beslut_ref: g.beslut_ref,
                    kommentar: g.kommentar,
                    row: g.row,
                })
                .collect(),
            absences: r
                .absences
                .into_iter()
                .map(|a| Absence {
                    person_id: a.person_id,
                    ersattare_person_id: a.ersattare_person_id,
                    fran: a.fran,
                    till: a.till,
                    omfattning: a.omfattning.into(),
                    orsak: a.orsak,
                    registrerad_av: a.registrerad_av,
                    row: a.row,
                })
                .collect(),
            managers: r
                .managers
                .into_iter()
                .map(|m| ManagerLink {
                    person_id: m.person_id,
                    chef_person_id: m.chef_person_id,
                    giltig_fran: m.giltig_fran,
                    giltig_till: m.giltig_till,
                    row: m.row,
                })
                .collect(),
            conflicts: r
                .conflicts
                .into_iter()
                .map(|c| Conflict {
                    person_id: c.person_id,
                    typ: c.typ.into(),
                    leverantor_orgnr: c.leverantor_orgnr,
                    giltig_fran: c.giltig_fran,
                    giltig_till: c.giltig_till,
                    beslut_ref: c.beslut_ref,
                    row: c.row,
                })
                .collect(),
            flows: r
                .flows
                .into_iter()
                .map(|f| FlowRule {
                    prio: f.prio,
                    dokumenttyp: f.dokumenttyp.into(),
                    leverantor_orgnr: f.leverantor_orgnr,
                    referenskod: f.referenskod.into(),
                    orderref_kravs: f.orderref_kravs,
                    kontrakt_id: f.kontrakt_id,
                    belopp_min: f.belopp_min,
                    belopp_max: f.belopp_max,
                    forvantat_belopp: f.forvantat_belopp,
                    tolerans_pct: f.tolerans_pct,
                    tolerans_sek: f.tolerans_sek,
                    max_per_manad: f.max_per_manad,
                    matchning: f.matchning.into(),
                    steg: match f.steg {
                        FlowV1::Steps(steps) => {
                            Flow::Steps(steps.into_iter().map(StepKind::from).collect())
                        }
                        FlowV1::Auto => Flow::Auto,
                    },
                    granskare_person_id: f.granskare_person_id,
                    ko: f.ko,
                    auto_attest_av_person_id: f.auto_attest_av_person_id,
                    konteringsforslag_id: f.konteringsforslag_id,
                    giltig_fran: f.giltig_fran,
                    giltig_till: f.giltig_till,
                    beslut_ref: f.beslut_ref,
                    row: f.row,
                })
                .collect(),
            templates: r
                .templates
                .into_iter()
                .map(|t| TemplateRow {
                    kf_id: t.kf_id,
                    rad: t.rad,
                    andel_pct: t.andel_pct,
                    konto: t.konto,
                    ansvar: t.ansvar,
                    verksamhet: t.verksamhet,
                    aktivitet: t.aktivitet,
                    projekt: t.projekt,
                    objekt: t.objekt,
                    motpart: t.motpart,
                    momskod: t.momskod,
                    row: t.row,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};
    use super::*;
    use crate::workbook::sample;

    fn sample_rules() -> RuleSet {
        let wb = sample::sample_workbook().expect("workbook");
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        crate::workbook::load(&wb, day).expect("sample validates").0
    }

    #[test]
    fn the_sample_rule_set_round_trips_through_its_record() {
        let rules = sample_rules();
        assert!(
            rules.flows.iter().any(|f| f.steg == Flow::Auto)
                && rules.flows.iter().any(|f| matches!(f.steg, Flow::Steps(_)))
                && !rules.namnder.is_empty()
                && !rules.templates.is_empty(),
            "the sample exercises every part"
        );
        let json = encode(&RuleSetRecordV1::from(&rules), "rule set").expect("encode");
        assert!(json.starts_with(r#"{"v":1,"namnder":["#), "{}", &json[..40]);
        let back: RuleSet = decode::<RuleSetRecordV1>(&json, "rule set")
            .expect("decode")
            .into();
        assert_eq!(back, rules);
    }

    #[test]
    fn an_unversioned_rule_set_without_namnder_reads_as_version_1() {
        let old = r#"{"grants":[],"absences":[{"person_id":"u210","ersattare_person_id":"u240","fran":"2026-11-16","till":"2026-12-11","omfattning":"41*","orsak":"Semester","registrerad_av":"u200","row":2}],"managers":[],"conflicts":[],"flows":[{"prio":10,"dokumenttyp":"Alla","leverantor_orgnr":null,"referenskod":"4110","orderref_kravs":false,"kontrakt_id":null,"belopp_min":null,"belopp_max":"1000.50","forvantat_belopp":null,"tolerans_pct":null,"tolerans_sek":null,"max_per_manad":null,"matchning":"Ingen","steg":{"Steps":["Mottagning","Beslut"]},"granskare_person_id":null,"ko":"ekonomi","auto_attest_av_person_id":null,"konteringsforslag_id":null,"giltig_fran":null,"giltig_till":null,"beslut_ref":"KS","row":2}],"templates":[]}"#;
        let rules: RuleSet = decode::<RuleSetRecordV1>(old, "rule set")
            .expect("old layout")
            .into();
        assert!(rules.namnder.is_empty());
        let a = rules.absences.first().expect("absence");
        assert!(a.omfattning.matches("4120") && !a.omfattning.matches("4210"));
        let f = rules.flows.first().expect("flow");
        assert_eq!(
            f.steg,
            Flow::Steps(vec![StepKind::Mottagning, StepKind::Beslut])
        );
        assert_eq!(f.belopp_max, Some(Decimal::new(100050, 2)));
        assert_eq!(f.dokumenttyp, DocFilter::Alla);
    }
}
