//! The filled sample attestförteckning of a small municipality ("Exempelby kommun"), used by the
//! demo and the tests, and written to `assets/samples/attestforteckning.xlsx` by the test
//! `sample_workbook_is_current` (set `UPDATE_EXPECT=1` to regenerate it).
//!
//! People (ids are employee numbers, never personnummer):
//! `u100` Anna Andersson, kommundirektör · `u200` Bertil Berg, socialchef · `u210` Cecilia Ceder,
//! enhetschef hemtjänst · `u220` David Dahl, enhetschef LSS · `u230` Eva Ek, handläggare ·
//! `u240` Fredrik Fors, biträdande enhetschef (ersättare for u210) · `u300` Gun Gran, ekonomichef ·
//! `u310` Hans Holm, ekonom · `u320` Ida Isaksson, IT-chef.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::approval::StepKind;
use crate::approval::ruleset::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn pat(s: &str) -> CodePattern {
    CodePattern::from(s.to_string())
}

#[allow(clippy::too_many_arguments)]
fn grant(
    row: u32,
    namnd: &str,
    kind: StepKind,
    person: &str,
    namn: &str,
    befattning: &str,
    ansvar: &str,
    konto: &str,
    per_rad: i64,
    per_faktura: i64,
    two_over: i64,
    dual_under: i64,
) -> Grant {
    Grant {
        rad_id: format!("AR-{:04}", row - 1),
        namnd: namnd.into(),
        attesttyp: kind,
        person_id: person.into(),
        namn: namn.into(),
        befattning: befattning.into(),
        grund: Basis::Ordinarie,
        ersatter_person_id: None,
        ansvar: pat(ansvar),
        verksamhet: CodePattern::default(),
        aktivitet: CodePattern::default(),
        projekt: CodePattern::default(),
        objekt: CodePattern::default(),
        konto: pat(konto),
        undantag_konto: CodePattern::default(),
        leverantor_orgnr: None,
        grans_per_rad: Decimal::from(per_rad),
        grans_per_faktura: Decimal::from(per_faktura),
        belopp_bas: AmountBasis::ExklMoms,
        tva_i_forening_over: Decimal::from(two_over),
        far_granska_och_besluta_under: Decimal::from(dual_under),
        giltig_fran: day(2025, 1, 1),
        giltig_till: None,
        beslut_ref: if namnd == "Socialnämnden" {
            "SN 2024-12-10 § 87".into()
        } else {
            "KS 2024-12-04 § 112".into()
        },
        kommentar: String::new(),
        row,
    }
}

#[allow(clippy::too_many_arguments)]
fn tmpl(
    row: u32,
    kf: &str,
    rad: u32,
    pct: i64,
    konto: &str,
    ansvar: &str,
    verksamhet: &str,
    moms: &str,
) -> TemplateRow {
    TemplateRow {
        kf_id: kf.into(),
        rad,
        andel_pct: Decimal::from(pct),
        konto: konto.into(),
        ansvar: ansvar.into(),
        verksamhet: verksamhet.into(),
        aktivitet: String::new(),
        projekt: String::new(),
        objekt: String::new(),
        motpart: "800".into(),
        momskod: moms.into(),
        row,
    }
}

/// Organisation number of the sample telecom supplier (subscription, auto-attested).
pub const TELECOM: &str = "5566778899";
/// Organisation number of the sample home-care supplier (related to u210: jäv).
pub const HOME_CARE: &str = "5560000001";
/// Organisation number of the sample office-supplies supplier.
pub const OFFICE: &str = "5561234567";
/// Organisation number of the sample consultancy.
pub const CONSULTANCY: &str = "5569876542";

/// The sample rule set.
pub fn sample_rules() -> RuleSet {
    use StepKind::{Beslut, Granskning, Mottagning};
    let sn = "Socialnämnden";
    let ks = "Kommunstyrelsen";
    let mut grants = vec![
        grant(
            2,
            ks,
            Beslut,
            "u100",
            "Anna Andersson",
            "Kommundirektör",
            "1*;4*",
            "",
            2_000_000,
            5_000_000,
            0,
            0,
        ),
        grant(
            3,
            sn,
            Beslut,
            "u200",
            "Bertil Berg",
            "Socialchef",
            "4*",
            "4*;5*;6*;7*",
            500_000,
            1_000_000,
            400_000,
            0,
        ),
        grant(
            4,
            sn,
            Beslut,
            "u210",
            "Cecilia Ceder",
            "Enhetschef hemtjänst",
            "41*",
            "4*;5*;6*",
            50_000,
            100_000,
            0,
            0,
        ),
        grant(
            5,
            sn,
            Beslut,
            "u220",
            "David Dahl",
            "Enhetschef LSS",
            "42*",
            "4*;5*;6*",
            100_000,
            200_000,
            150_000,
            0,
        ),
        grant(
            6,
            sn,
            Granskning,
            "u230",
            "Eva Ek",
            "Handläggare",
            "4*",
            "",
            1_000_000,
            1_000_000,
            0,
            0,
        ),
        grant(
            8,
            ks,
            Beslut,
            "u300",
            "Gun Gran",
            "Ekonomichef",
            "1*",
            "",
            1_000_000,
            2_000_000,
            500_000,
            0,
        ),
        grant(
            9,
            ks,
            Granskning,
            "u310",
            "Hans Holm",
            "Ekonom",
            "",
            "",
            5_000_000,
            5_000_000,
            0,
            0,
        ),
        grant(
            10,
            ks,
            Mottagning,
            "u310",
            "Hans Holm",
            "Ekonom",
            "",
            "",
            5_000_000,
            5_000_000,
            0,
            0,
        ),
        grant(
            11,
            ks,
            Beslut,
            "u320",
            "Ida Isaksson",
            "IT-chef",
            "11*",
            "5*;6*",
            30_000,
            60_000,
            0,
            2_000,
        ),
        grant(
            12,
            ks,
            Granskning,
            "u320",
            "Ida Isaksson",
            "IT-chef",
            "11*",
            "",
            60_000,
            60_000,
            0,
            0,
        ),
    ];
    let mut sub = grant(
        7,
        sn,
        Beslut,
        "u240",
        "Fredrik Fors",
        "Biträdande enhetschef",
        "41*",
        "4*;5*;6*",
        50_000,
        100_000,
        0,
        0,
    );
    sub.grund = Basis::Ersattare;
    sub.ersatter_person_id = Some("u210".into());
    sub.kommentar = "Ersättare för Cecilia Ceder".into();
    grants.insert(5, sub);
    grants[0].undantag_konto = CodePattern::default();
    grants[1].undantag_konto = pat("7631");
    grants[1].kommentar = "Representation (7631) attesteras av kommundirektören".into();
    let managers = [
        ("u200", "u100"),
        ("u210", "u200"),
        ("u220", "u200"),
        ("u230", "u210"),
        ("u240", "u200"),
        ("u300", "u100"),
        ("u310", "u300"),
        ("u320", "u300"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (p, c))| ManagerLink {
        person_id: (*p).into(),
        chef_person_id: (*c).into(),
        giltig_fran: day(2025, 1, 1),
        giltig_till: None,
        row: i as u32 + 2,
    })
    .collect();
    let absences = vec![Absence {
        person_id: "u210".into(),
        ersattare_person_id: "u240".into(),
        fran: day(2026, 11, 16),
        till: day(2026, 12, 11),
        omfattning: CodePattern::default(),
        orsak: "Semester".into(),
        registrerad_av: "u200".into(),
        row: 2,
    }];
    let conflicts = vec![
        Conflict {
            person_id: "u210".into(),
            typ: ConflictKind::NarstaendeLeverantor,
            leverantor_orgnr: Some(HOME_CARE.into()),
            giltig_fran: day(2025, 1, 1),
            giltig_till: None,
            beslut_ref: "Jävsanmälan 2025-02-03".into(),
            row: 2,
        },
        Conflict {
            person_id: "u320".into(),
            typ: ConflictKind::OverordnadKostnad,
            leverantor_orgnr: None,
            giltig_fran: day(2025, 1, 1),
            giltig_till: None,
            beslut_ref: "KS tillämpningsanvisning 4.2".into(),
            row: 3,
        },
    ];
    let flow = |row: u32, prio: i64| FlowRule {
        prio,
        dokumenttyp: DocFilter::Faktura,
        leverantor_orgnr: None,
        referenskod: CodePattern::default(),
        orderref_kravs: false,
        kontrakt_id: None,
        belopp_min: None,
        belopp_max: None,
        forvantat_belopp: None,
        tolerans_pct: None,
        tolerans_sek: None,
        max_per_manad: None,
        matchning: Matching::Ingen,
        steg: Flow::Steps(vec![Granskning, Beslut]),
        granskare_person_id: None,
        ko: None,
        auto_attest_av_person_id: None,
        konteringsforslag_id: None,
        giltig_fran: None,
        giltig_till: None,
        beslut_ref: String::new(),
        row,
    };
    let flows = vec![
        FlowRule {
            leverantor_orgnr: Some(TELECOM.into()),
            kontrakt_id: Some("AB-778".into()),
            forvantat_belopp: Some(Decimal::from(4200)),
            tolerans_pct: Some(Decimal::from(2)),
            tolerans_sek: Some(Decimal::from(100)),
            max_per_manad: Some(1),
            steg: Flow::Auto,
            auto_attest_av_person_id: Some("u300".into()),
            konteringsforslag_id: Some("KF-TEL".into()),
            beslut_ref: "KS 2025-01-15 § 5 (abonnemang AB-778)".into(),
            ..flow(2, 10)
        },
        FlowRule {
            referenskod: pat("41*"),
            granskare_person_id: Some("u230".into()),
            konteringsforslag_id: Some("KF-41".into()),
            ..flow(3, 20)
        },
        FlowRule {
            referenskod: pat("42*"),
            granskare_person_id: Some("u230".into()),
            konteringsforslag_id: Some("KF-42".into()),
            ..flow(4, 30)
        },
        FlowRule {
            referenskod: pat("11*"),
            steg: Flow::Steps(vec![Mottagning, Granskning, Beslut]),
            granskare_person_id: Some("u310".into()),
            konteringsforslag_id: Some("KF-11".into()),
            ..flow(5, 40)
        },
        FlowRule {
            dokumenttyp: DocFilter::Kredit,
            ko: Some("ekonomi".into()),
            konteringsforslag_id: Some("KF-EK".into()),
            ..flow(6, 50)
        },
    ];
    let templates = vec![
        tmpl(
            2,
            "KF-TEL",
            1,
            100,
            "6420",
            "1100",
            "100",
            "ERSÄTTNINGSGILL",
        ),
        tmpl(3, "KF-41", 1, 100, "4610", "4110", "511", "ERSÄTTNINGSGILL"),
        tmpl(4, "KF-42", 1, 70, "4610", "4210", "531", "ERSÄTTNINGSGILL"),
        tmpl(5, "KF-42", 2, 30, "4620", "4220", "531", "SCHABLON6"),
        tmpl(6, "KF-11", 1, 100, "6550", "1100", "100", "AVDRAGSGILL"),
        tmpl(7, "KF-EK", 1, 100, "6550", "1000", "100", "ERSÄTTNINGSGILL"),
    ];
    // Ceilings each nämnd sets on what it delegates (Socialnämnden: above 500 000 kr two
    // beslutsattestanter always; hierarchies overlap on purpose, so no one-per-code rule).
    let namnder = vec![
        Namnd {
            namnd: ks.into(),
            tak_per_rad: Some(Decimal::from(5_000_000)),
            tak_per_faktura: Some(Decimal::from(5_000_000)),
            tak_tva_i_forening: None,
            en_ordinarie_per_kod: false,
            beslut_ref: "KS 2024-12-04 § 112".into(),
            kommentar: "Delegationsordning för kommunstyrelsen".into(),
            row: 2,
        },
        Namnd {
            namnd: sn.into(),
            tak_per_rad: Some(Decimal::from(1_000_000)),
            tak_per_faktura: Some(Decimal::from(1_000_000)),
            tak_tva_i_forening: Some(Decimal::from(500_000)),
            en_ordinarie_per_kod: false,
            beslut_ref: "SN 2024-12-10 § 87".into(),
            kommentar: String::new(),
            row: 3,
        },
    ];
    RuleSet {
        namnder,
        grants,
        absences,
        managers,
        conflicts,
        flows,
        templates,
        // The kommun's payment run and processing times (the engine's defaults, written out).
        tidsfrister: vec![Tidsfrist {
            attesttyp: None,
            handlaggningsdagar: Some(2),
            paminn_fore_dagar: Some(5),
            eskalera_till_ko: Some("ekonomi".into()),
            betalningsledtid_dagar: Some(3),
            row: 2,
        }],
    }
}

/// The sample workbook's bytes.
pub fn sample_workbook() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    super::write(&sample_rules())
}
