//! The workbook's layout as data: sheet names, column headers, notes and drop-down lists. The
//! reader, the validator and the template writer all use this one definition.

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text (as in the spec).
    pub header: &'static str,
    /// Must every row fill it?
    pub required: bool,
    /// Cell note shown in the template.
    pub note: &'static str,
    /// Allowed values for a drop-down (empty: free text).
    pub list: &'static [&'static str],
    /// Column holds a date.
    pub date: bool,
}

const fn col(header: &'static str, required: bool, note: &'static str) -> Column {
    Column {
        header,
        required,
        note,
        list: &[],
        date: false,
    }
}

const fn list(
    header: &'static str,
    required: bool,
    note: &'static str,
    list: &'static [&'static str],
) -> Column {
    Column {
        header,
        required,
        note,
        list,
        date: false,
    }
}

const fn date(header: &'static str, required: bool, note: &'static str) -> Column {
    Column {
        header,
        required,
        note,
        list: &[],
        date: true,
    }
}

/// One sheet.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    /// Sheet name.
    pub name: &'static str,
    /// Columns in template order.
    pub columns: &'static [Column],
    /// May the workbook leave the sheet out (older workbooks)?
    pub optional: bool,
}

impl Sheet {
    /// Index of a column by header.
    pub fn index(&self, header: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.header == header)
    }
}

const CODE_NOTE: &str =
    "Kodmönster: 41* (prefix), 4100-4199 (intervall), 4110;4120 (lista); tomt = alla.";

/// Sheet `Attesträtt`.
pub const ATTESTRATT: Sheet = Sheet {
    name: "Attesträtt",
    optional: false,
    columns: &[
        col("rad_id", true, "Stabil nyckel för raden, t.ex. AR-0042."),
        col("nämnd", true, "Nämnd som beslutat om attesträtten."),
        list(
            "attesttyp",
            true,
            "MOTTAGNING, GRANSKNING eller BESLUT.",
            &["MOTTAGNING", "GRANSKNING", "BESLUT"],
        ),
        col(
            "person_id",
            true,
            "Anställningsnummer eller AD/HSA-id. Aldrig personnummer.",
        ),
        col("namn", false, "Namn (information)."),
        col("befattning", false, "Befattning (information)."),
        list(
            "grund",
            true,
            "ORDINARIE eller ERSÄTTARE.",
            &["ORDINARIE", "ERSÄTTARE"],
        ),
        col(
            "ersätter_person_id",
            false,
            "För ersättare: vem som ersätts. Gäller bara under registrerad frånvaro.",
        ),
        col(
            "ansvar",
            false,
            "Ansvarskod(er). Krävs för BESLUT. Kodmönster: 41*, 4100-4199, 4110;4120.",
        ),
        col("verksamhet", false, CODE_NOTE),
        col("aktivitet", false, CODE_NOTE),
        col("projekt", false, CODE_NOTE),
        col("objekt", false, CODE_NOTE),
        col("konto", false, CODE_NOTE),
        col(
            "undantag_konto",
            false,
            "Konton som undantas trots att konto matchar, t.ex. 7631 representation.",
        ),
        col(
            "leverantör_orgnr",
            false,
            "Endast denna leverantör (10 siffror), om ifyllt.",
        ),
        col(
            "gräns_per_rad_sek",
            true,
            "Beloppsgräns per konteringsrad (kr).",
        ),
        col(
            "gräns_per_faktura_sek",
            true,
            "Summa personen får attestera på en faktura (kr).",
        ),
        list(
            "belopp_bas",
            true,
            "EXKL_MOMS eller INKL_MOMS.",
            &["EXKL_MOMS", "INKL_MOMS"],
        ),
        col(
            "två_i_förening_över_sek",
            false,
            "Över detta belopp krävs en andra beslutsattestant. 0 = aldrig.",
        ),
        col(
            "får_granska_och_besluta_under_sek",
            false,
            "Dualitetsundantag: under beloppet får samma person granska och besluta. 0 = aldrig.",
        ),
        date("giltig_från", true, "Första giltiga dag (ÅÅÅÅ-MM-DD)."),
        date(
            "giltig_till",
            false,
            "Sista giltiga dag; tomt = tills vidare.",
        ),
        col(
            "beslut_ref",
            true,
            "Delegationsbeslut, t.ex. SN 2024-12-10 § 87.",
        ),
        col("kommentar", false, ""),
    ],
};

/// Sheet `Frånvaro`.
pub const FRANVARO: Sheet = Sheet {
    name: "Frånvaro",
    optional: false,
    columns: &[
        col("person_id", true, "Den frånvarande."),
        col(
            "ersättare_person_id",
            true,
            "Ersättaren; attesterar i eget namn.",
        ),
        date("från", true, "Första frånvarodag."),
        date("till", true, "Sista frånvarodag."),
        col(
            "omfattning",
            false,
            "ALLA eller en lista av ansvar (kodmönster).",
        ),
        col("orsak", false, "T.ex. semester."),
        col("registrerad_av", true, "Vem som registrerade frånvaron."),
    ],
};

/// Sheet `Chef`.
pub const CHEF: Sheet = Sheet {
    name: "Chef",
    optional: false,
    columns: &[
        col("person_id", true, "Medarbetare."),
        col(
            "närmaste_chef_person_id",
            true,
            "Närmaste chef: tar över vid jäv och eskalering.",
        ),
        date("giltig_från", true, "Första dag."),
        date("giltig_till", false, "Sista dag; tomt = tills vidare."),
    ],
};

/// Sheet `Jäv`.
pub const JAV: Sheet = Sheet {
    name: "Jäv",
    optional: false,
    columns: &[
        col("person_id", true, "Person som inte får attestera."),
        list(
            "typ",
            true,
            "EGEN_UTGIFT, NÄRSTÅENDE_LEVERANTÖR, BISYSSLA eller ÖVERORDNAD_KOSTNAD.",
            &[
                "EGEN_UTGIFT",
                "NÄRSTÅENDE_LEVERANTÖR",
                "BISYSSLA",
                "ÖVERORDNAD_KOSTNAD",
            ],
        ),
        col(
            "leverantör_orgnr",
            false,
            "Leverantören det gäller; tomt bara för ÖVERORDNAD_KOSTNAD.",
        ),
        date("giltig_från", true, "Första dag."),
        date("giltig_till", false, "Sista dag; tomt = tills vidare."),
        col("beslut_ref", false, "Beslut eller anmälan."),
    ],
};

/// Sheet `Flödesregler`.
pub const FLODESREGLER: Sheet = Sheet {
    name: "Flödesregler",
    optional: false,
    columns: &[
        col(
            "prio",
            true,
            "Regler prövas i stigande prio; första träff gäller.",
        ),
        list(
            "dokumenttyp",
            true,
            "FAKTURA, KREDIT eller ALLA.",
            &["FAKTURA", "KREDIT", "ALLA"],
        ),
        col(
            "leverantör_orgnr",
            false,
            "Leverantörens organisationsnummer (10 siffror).",
        ),
        col("referenskod", false, "Referenskod (BT-10), kodmönster."),
        list(
            "orderref_krävs",
            false,
            "J/N: kräver ordernummer (BT-13).",
            &["J", "N"],
        ),
        col(
            "kontrakt_eller_abonnemang_id",
            false,
            "Avtals- eller abonnemangs-id på fakturan.",
        ),
        col("belopp_min_sek", false, "Lägsta belopp exkl. moms."),
        col("belopp_max_sek", false, "Högsta belopp exkl. moms."),
        col(
            "förväntat_belopp_sek",
            false,
            "Förväntat belopp för avtalsmatchning.",
        ),
        col("tolerans_pct", false, "Tillåten avvikelse i procent."),
        col("tolerans_sek", false, "Tillåten avvikelse i kronor."),
        col("max_per_period", false, "T.ex. 1 per månad."),
        list(
            "matchning",
            false,
            "INGEN, 2-VÄG eller 3-VÄG.",
            &["INGEN", "2-VÄG", "3-VÄG"],
        ),
        col(
            "steg",
            true,
            "Steg i ordning, t.ex. GRANSKNING>BESLUT, eller AUTO.",
        ),
        col(
            "granskare_person_id",
            false,
            "Namngiven granskare/mottagare.",
        ),
        col("kö", false, "Eller en gruppkö."),
        col(
            "auto_attest_av_person_id",
            false,
            "För AUTO: den behöriga som godkänt i förväg (måste ha attesträtt).",
        ),
        col(
            "konteringsförslag_id",
            false,
            "Konteringsförslag, t.ex. KF-12.",
        ),
        date("giltig_från", false, "Första dag."),
        date("giltig_till", false, "Sista dag."),
        col(
            "beslut_ref",
            false,
            "Beslut som dokumenterar regeln (krävs för AUTO).",
        ),
    ],
};

/// Sheet `Konteringsförslag`.
pub const KONTERINGSFORSLAG: Sheet = Sheet {
    name: "Konteringsförslag",
    optional: false,
    columns: &[
        col("kf_id", true, "Förslagets id, t.ex. KF-12."),
        col("rad", true, "Radnummer inom förslaget."),
        col(
            "andel_pct",
            true,
            "Andel av nettobeloppet i procent; raderna summerar till 100.",
        ),
        col("konto", true, "Konto (Kommun-Bas)."),
        col("ansvar", true, "Ansvar."),
        col("verksamhet", false, "Verksamhet."),
        col("aktivitet", false, "Aktivitet."),
        col("projekt", false, "Projekt."),
        col("objekt", false, "Objekt."),
        col("motpart", false, "Motpart (3 positioner)."),
        list("momskod", true, "Momskod.", crate::approval::MOMSKODER),
    ],
};

/// Sheet `Nämnder`: each nämnd's own ceilings on the limits it delegates, and whether it
/// allows only one ordinary attestant per code. Not in the spec's list of sheets (which names
/// these checks but no place for their figures), so optional: a workbook without it (or with it
/// left empty, as in a fresh template) imports with a warning that no ceilings are checked. Once
/// it has rows, every nämnd used in `Attesträtt` needs exactly one.
pub const NAMNDER: Sheet = Sheet {
    name: "Nämnder",
    optional: true,
    columns: &[
        col(
            "nämnd",
            true,
            "Nämndens namn, skrivet som i Attesträtt.nämnd.",
        ),
        col(
            "tak_per_rad_sek",
            false,
            "Högsta gräns_per_rad_sek nämnden delegerar. Tomt = inget tak.",
        ),
        col(
            "tak_per_faktura_sek",
            false,
            "Högsta gräns_per_faktura_sek nämnden delegerar. Tomt = inget tak.",
        ),
        col(
            "tak_två_i_förening_sek",
            false,
            "Högsta tillåtna två_i_förening_över_sek: över detta belopp krävs alltid två beslutsattestanter. Tomt = inget tak.",
        ),
        list(
            "en_ordinarie_per_kod",
            false,
            "J = bara en ordinarie attestant per kod och attesttyp (överlapp stoppar importen). N eller tomt = överlapp redovisas som varning.",
            &["J", "N"],
        ),
        col(
            "beslut_ref",
            false,
            "Nämndens beslut om taken, t.ex. SN 2024-12-10 § 87.",
        ),
        col("kommentar", false, "Fritext."),
    ],
};

/// Sheet `Tidsfrister`: the timing of each attest kind (spec §1.5 per step `processing_days`,
/// `remind_before_due_days`, `escalate_to`) and the payment-run lead time. Optional like
/// `Nämnder`: without it (older workbooks) the engine's policy applies unchanged; an empty cell
/// keeps the policy's value.
pub const TIDSFRISTER: Sheet = Sheet {
    name: "Tidsfrister",
    optional: true,
    columns: &[
        list(
            "attesttyp",
            true,
            "MOTTAGNING, GRANSKNING, BESLUT eller ALLA (gäller alla steg utan egen rad).",
            &["ALLA", "MOTTAGNING", "GRANSKNING", "BESLUT"],
        ),
        col(
            "handläggningsdagar",
            false,
            "Handläggningstid: ett öppet steg eskaleras högst en gång per så många dagar (minst 1).",
        ),
        col(
            "påminn_före_dagar",
            false,
            "Påminnelser och eskalering börjar så många dagar före attestdatum.",
        ),
        col(
            "eskalera_till_kö",
            false,
            "Gruppkö sist i eskaleringskedjan (ersättare → närmaste chef → kö).",
        ),
        col(
            "betalningsledtid_dagar",
            false,
            "Bara på raden ALLA: attestdatum = förfallodag minus så många dagar.",
        ),
    ],
};

/// Every sheet, in workbook order.
pub const SHEETS: [Sheet; 8] = [
    NAMNDER,
    ATTESTRATT,
    FRANVARO,
    CHEF,
    JAV,
    FLODESREGLER,
    KONTERINGSFORSLAG,
    TIDSFRISTER,
];
