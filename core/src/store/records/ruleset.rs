//! `ruleset.rules_json`: a validated attestförteckning, as stored beside its original workbook.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `workbook::RuleSet` then):
//! one array per sheet, enum variants by name (`Beslut`, `ExklMoms`, `{"Steps":[...]}` or
//! `"Auto"`), code patterns as the text the workbook had, decimals as strings, dates
//! `YYYY-MM-DD`; `namnder` may be absent (stores written before the Nämnder sheet existed), and
//! so may `tidsfrister` (before the Tidsfrister sheet: the engine's policy applies).
//! The workbook bytes stay the authority; this is the parsed form the engine judges under.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::approval::StepKind;
use crate::workbook::{
    Absence, AmountBasis, Basis, Conflict, ConflictKind, DocFilter, Flow, FlowRule, Grant,
    ManagerLink, Matching, Namnd, RuleSet, TemplateRow, Tidsfrist,
};

record_struct! {
    /// A stored rule set, version 1.
    pub(in crate::store) struct RuleSetRecordV1 <=> RuleSet {
        ;
        #[serde(default)]
        namnder: [NamndV1],
        grants: [GrantV1],
        absences: [AbsenceV1],
        managers: [ManagerV1],
        conflicts: [ConflictV1],
        flows: [FlowRuleV1],
        templates: [TemplateV1],
        #[serde(default)]
        tidsfrister: [TidsfristV1],
    }
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

/// A flow's steps: the attest kinds in order, or automatic attest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum FlowV1 {
    Steps(Vec<StepKindV1>),
    Auto,
}

impl From<Flow> for FlowV1 {
    fn from(f: Flow) -> Self {
        match f {
            Flow::Steps(steps) => FlowV1::Steps(steps.into_iter().map(Into::into).collect()),
            Flow::Auto => FlowV1::Auto,
        }
    }
}

impl From<FlowV1> for Flow {
    fn from(f: FlowV1) -> Self {
        match f {
            FlowV1::Steps(steps) => Flow::Steps(steps.into_iter().map(Into::into).collect()),
            FlowV1::Auto => Flow::Auto,
        }
    }
}

// Code patterns are stored as the text the workbook had (`CodePattern` converts to and from
// `String`); reading parses them again, and a text that no longer parses matches nothing but its
// own text, as the domain's `From<String>` does.

record_struct! {
    struct NamndV1 <=> Namnd {
        namnd: String,
        tak_per_rad: Option<Decimal>,
        tak_per_faktura: Option<Decimal>,
        tak_tva_i_forening: Option<Decimal>,
        en_ordinarie_per_kod: bool,
        beslut_ref: String,
        kommentar: String,
        row: u32,
    }
}

record_struct! {
    struct GrantV1 <=> Grant {
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
}

record_struct! {
    struct AbsenceV1 <=> Absence {
        person_id: String,
        ersattare_person_id: String,
        fran: NaiveDate,
        till: NaiveDate,
        omfattning: String,
        orsak: String,
        registrerad_av: String,
        row: u32,
    }
}

record_struct! {
    struct ManagerV1 <=> ManagerLink {
        person_id: String,
        chef_person_id: String,
        giltig_fran: NaiveDate,
        giltig_till: Option<NaiveDate>,
        row: u32,
    }
}

record_struct! {
    struct ConflictV1 <=> Conflict {
        person_id: String,
        typ: ConflictKindV1,
        leverantor_orgnr: Option<String>,
        giltig_fran: NaiveDate,
        giltig_till: Option<NaiveDate>,
        beslut_ref: String,
        row: u32,
    }
}

record_struct! {
    struct FlowRuleV1 <=> FlowRule {
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
}

record_struct! {
    struct TemplateV1 <=> TemplateRow {
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
}

/// A `Tidsfrister` row (`attesttyp` absent for ALLA).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct TidsfristV1 {
    attesttyp: Option<StepKindV1>,
    handlaggningsdagar: Option<u32>,
    paminn_fore_dagar: Option<u32>,
    eskalera_till_ko: Option<String>,
    betalningsledtid_dagar: Option<u32>,
    row: u32,
}

impl From<&Tidsfrist> for TidsfristV1 {
    fn from(t: &Tidsfrist) -> Self {
        TidsfristV1 {
            attesttyp: t.attesttyp.map(Into::into),
            handlaggningsdagar: t.handlaggningsdagar,
            paminn_fore_dagar: t.paminn_fore_dagar,
            eskalera_till_ko: t.eskalera_till_ko.clone(),
            betalningsledtid_dagar: t.betalningsledtid_dagar,
            row: t.row,
        }
    }
}

impl From<TidsfristV1> for Tidsfrist {
    fn from(t: TidsfristV1) -> Self {
        Tidsfrist {
            attesttyp: t.attesttyp.map(Into::into),
            handlaggningsdagar: t.handlaggningsdagar,
            paminn_fore_dagar: t.paminn_fore_dagar,
            eskalera_till_ko: t.eskalera_till_ko,
            betalningsledtid_dagar: t.betalningsledtid_dagar,
            row: t.row,
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

    /// Issue 14, finding 2: a rule set stored before person ids were normalised on import
    /// (`U210` in capitals) reads with them normalised, so the normalised actor matches.
    #[test]
    fn a_stored_rule_set_reads_with_its_person_ids_normalised() {
        let mut rules = sample_rules();
        for g in &mut rules.grants {
            g.person_id = format!(" {} ", g.person_id.to_uppercase());
        }
        for c in &mut rules.conflicts {
            c.person_id = c.person_id.to_uppercase();
        }
        let json = super::super::rules_to_json(&rules).expect("encode");
        let back = super::super::rules_from_json(&json).expect("decode");
        assert_eq!(back, sample_rules());
    }
}
