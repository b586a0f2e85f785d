//! Rule family `national`: the country rules shipped in the PEPPOL BIS 3 Schematron — Sweden
//! (SE-R, in full), Norway (NO-R), Denmark (DK-R), Italy (IT-R), Greece (GR-R, GR-S), Iceland
//! (IS-R), the Netherlands (NL-R) and Germany (DE-R). Swedish buyers receive invoices from all of
//! these countries, so all of them run.
//!
//! Sources: PEPPOL BIS Billing 3.0.19 `rules/sch/PEPPOL-EN16931-UBL.sch` (OpenPEPPOL tag
//! `v3.0.19`) and the OpenPeppol 2026.5 compiled `PEPPOL-EN16931-UBL.xslt`. 2026.5 adds DK-R-017
//! and DE-R-T02, makes DK-R-003 fatal (see `ruleset.rs`) and normalises the German payment means
//! and type codes; the country modules read [`crate::validate::Sink::release`] where the text
//! changed.
//!
//! Each country is one module; the document variables the official patterns share (supplier and
//! customer country) come from `peppol::facts`.

mod de;
mod dk;
mod gr;
mod is;
mod it;
mod nl;
mod no;
mod se;

use super::{RuleDef, Severity};

macro_rules! rule {
    ($id:literal, $sev:ident, [$($bt:literal),*], $f:path, $en:literal, $sv:literal) => {
        RuleDef {
            id: $id,
            severity: Severity::$sev,
            bt: &[$($bt),*],
            en: $en,
            sv: $sv,
            check: $f,
        }
    };
}

/// The rules of this family, in official order.
pub(crate) const RULES: &[RuleDef] = &[
    // Norway
    rule!(
        "NO-R-002",
        Warning,
        ["BT-32"],
        no::no_r_002,
        "A Norwegian seller should state 'Foretaksregisteret' as tax registration (BT-32).",
        "En norsk säljare bör ange 'Foretaksregisteret' som skatteregistrering (BT-32)."
    ),
    rule!(
        "NO-R-001",
        Fatal,
        ["BT-31"],
        no::no_r_001,
        "A Norwegian seller's VAT identifier (BT-31) must be 'NO' + a valid nine-digit organisation number + 'MVA'.",
        "En norsk säljares momsregistreringsnummer (BT-31) måste vara 'NO' + giltigt niosiffrigt organisationsnummer + 'MVA'."
    ),
    // Denmark
    rule!(
        "DK-R-002",
        Fatal,
        ["BT-30"],
        dk::dk_r_002,
        "A Danish seller must give its legal registration identifier (BT-30, CVR number).",
        "En dansk säljare måste ange sitt registreringsnummer (BT-30, CVR-nummer)."
    ),
    rule!(
        "DK-R-014",
        Fatal,
        ["BT-30"],
        dk::dk_r_014,
        "A Danish seller's legal registration identifier (BT-30) must use scheme 0184 (CVR).",
        "En dansk säljares registreringsnummer (BT-30) måste ha schema 0184 (CVR)."
    ),
    rule!(
        "DK-R-016",
        Fatal,
        ["BT-115"],
        dk::dk_r_016,
        "A Danish seller's credit note to a Danish buyer cannot have a negative amount due (BT-115).",
        "En dansk säljares kreditnota till en dansk köpare får inte ha negativt belopp att betala (BT-115)."
    ),
    rule!(
        "DK-R-013",
        Fatal,
        ["BT-29", "BT-46"],
        dk::dk_r_013,
        "Between Danish parties a party identifier (BT-29, BT-46) must state its scheme.",
        "Mellan danska parter måste en partsidentitet (BT-29, BT-46) ange schema."
    ),
    rule!(
        "DK-R-005",
        Fatal,
        ["BT-81"],
        dk::dk_r_005,
        "Danish payment means codes (BT-81) are limited to 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 and 97.",
        "Danska betalningssättskoder (BT-81) är begränsade till 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 och 97."
    ),
    rule!(
        "DK-R-006",
        Fatal,
        ["BT-81", "BT-84", "BT-86"],
        dk::dk_r_006,
        "For payment means 31 or 42 a Danish seller must give the account (BT-84) and the bank registration number (BT-86).",
        "Vid betalningssätt 31 eller 42 måste en dansk säljare ange konto (BT-84) och bankens registreringsnummer (BT-86)."
    ),
    rule!(
        "DK-R-007",
        Fatal,
        ["BT-81", "BT-89", "BT-91"],
        dk::dk_r_007,
        "For payment means 49 a Danish seller must give the mandate reference (BT-89) and the debited account (BT-91).",
        "Vid betalningssätt 49 måste en dansk säljare ange medgivandereferens (BT-89) och debiterat konto (BT-91)."
    ),
    rule!(
        "DK-R-008",
        Fatal,
        ["BT-81", "BT-83", "BT-84"],
        dk::dk_r_008,
        "For giro (payment means 50) the payment id (BT-83) must start 01#, 04# or 15# and the giro account (BT-84) must be 7–8 digits.",
        "Vid giro (betalningssätt 50) måste betalningsreferensen (BT-83) börja med 01#, 04# eller 15# och girokontot (BT-84) vara 7–8 siffror."
    ),
    rule!(
        "DK-R-009",
        Fatal,
        ["BT-81", "BT-83"],
        dk::dk_r_009,
        "For giro with prefix 04# or 15# the payment id (BT-83) must include the 16-digit instruction id.",
        "Vid giro med prefix 04# eller 15# måste betalningsreferensen (BT-83) innehålla det 16-siffriga instruktions-id:t."
    ),
    rule!(
        "DK-R-010",
        Fatal,
        ["BT-81", "BT-83", "BT-84"],
        dk::dk_r_010,
        "For FIK (payment means 93) the payment id (BT-83) must start 71#, 73# or 75# and the creditor number (BT-84) must have 8 characters.",
        "Vid FIK (betalningssätt 93) måste betalningsreferensen (BT-83) börja med 71#, 73# eller 75# och kreditornumret (BT-84) ha 8 tecken."
    ),
    rule!(
        "DK-R-011",
        Fatal,
        ["BT-81", "BT-83"],
        dk::dk_r_011,
        "For FIK with prefix 71# or 75# the payment id (BT-83) must include the 15–16 digit instruction id.",
        "Vid FIK med prefix 71# eller 75# måste betalningsreferensen (BT-83) innehålla det 15–16-siffriga instruktions-id:t."
    ),
    rule!(
        "DK-R-017",
        Fatal,
        ["BT-47"],
        dk::dk_r_017,
        "A Danish buyer's legal registration identifier (BT-47) must use scheme 0184 (CVR).",
        "En dansk köpares registreringsnummer (BT-47) måste ha schema 0184 (CVR)."
    ),
    rule!(
        "DK-R-003",
        Warning,
        ["BT-158"],
        dk::dk_r_003,
        "Danish item classification (BT-158) with UNSPSC should use version 19.05.01 or 26.08.01.",
        "Dansk artikelklassificering (BT-158) med UNSPSC bör använda version 19.05.01 eller 26.08.01."
    ),
    rule!(
        "DK-R-004",
        Fatal,
        ["BT-104", "BT-105"],
        dk::dk_r_004,
        "A Danish non-VAT tax charge (reason code ZZZ, BT-105) must give a 4-digit tax category or a '#'-separated text as reason (BT-104).",
        "En dansk avgift utanför momsen (orsakskod ZZZ, BT-105) måste ange en fyrsiffrig avgiftskategori eller en '#'-avdelad text som orsak (BT-104)."
    ),
    // Italy
    rule!(
        "IT-R-001",
        Fatal,
        ["BT-32"],
        it::it_r_001,
        "An Italian seller's tax registration identifier (BT-32) must have 11–16 upper-case letters or digits.",
        "En italiensk säljares skatteregistreringsnummer (BT-32) måste ha 11–16 versaler eller siffror."
    ),
    rule!(
        "IT-R-002",
        Fatal,
        ["BT-35"],
        it::it_r_002,
        "An Italian seller must give the address line 1 (BT-35).",
        "En italiensk säljare måste ange adressrad 1 (BT-35)."
    ),
    rule!(
        "IT-R-003",
        Fatal,
        ["BT-37"],
        it::it_r_003,
        "An Italian seller must give the city (BT-37).",
        "En italiensk säljare måste ange ort (BT-37)."
    ),
    rule!(
        "IT-R-004",
        Fatal,
        ["BT-38"],
        it::it_r_004,
        "An Italian seller must give the post code (BT-38).",
        "En italiensk säljare måste ange postnummer (BT-38)."
    ),
    // Sweden
    rule!(
        "SE-R-001",
        Fatal,
        ["BT-31"],
        se::se_r_001,
        "A Swedish seller's VAT identifier (BT-31) must have 14 characters (SE + 10-digit organisationsnummer + 01).",
        "En svensk säljares momsregistreringsnummer (BT-31) måste ha 14 tecken (SE + tiosiffrigt organisationsnummer + 01)."
    ),
    rule!(
        "SE-R-002",
        Fatal,
        ["BT-31"],
        se::se_r_002,
        "Characters 3–14 of a Swedish seller's VAT identifier (BT-31) must be numeric.",
        "Tecken 3–14 i en svensk säljares momsregistreringsnummer (BT-31) måste vara siffror."
    ),
    rule!(
        "SE-R-003",
        Fatal,
        ["BT-30"],
        se::se_r_003,
        "A Swedish seller's organisationsnummer (BT-30) must be numeric.",
        "En svensk säljares organisationsnummer (BT-30) måste vara numeriskt."
    ),
    rule!(
        "SE-R-004",
        Fatal,
        ["BT-30"],
        se::se_r_004,
        "A Swedish seller's organisationsnummer (BT-30) must have 10 characters.",
        "En svensk säljares organisationsnummer (BT-30) måste ha 10 tecken."
    ),
    rule!(
        "SE-R-013",
        Fatal,
        ["BT-30"],
        se::se_r_013,
        "The last digit of a Swedish seller's organisationsnummer (BT-30) must be its Luhn check digit.",
        "Sista siffran i en svensk säljares organisationsnummer (BT-30) måste vara korrekt kontrollsiffra enligt Luhn."
    ),
    rule!(
        "SE-R-005",
        Fatal,
        ["BT-32"],
        se::se_r_005,
        "A Swedish seller's tax registration (BT-32) must read 'Godkänd för F-skatt'.",
        "En svensk säljares skatteregistrering (BT-32) måste lyda 'Godkänd för F-skatt'."
    ),
    rule!(
        "SE-R-006",
        Fatal,
        ["BT-118", "BT-119", "BT-151", "BT-152"],
        se::se_r_006,
        "A Swedish VAT-registered seller's standard VAT rate (category S, BT-119, BT-152) must be 25, 12 or 6 %.",
        "En svensk momsregistrerad säljares normalskattesats (kategori S, BT-119, BT-152) måste vara 25, 12 eller 6 %."
    ),
    rule!(
        "SE-R-007",
        Warning,
        ["BT-84", "BT-86"],
        se::se_r_007,
        "A Swedish seller's Plusgiro account (BT-84) should be numeric.",
        "En svensk säljares plusgironummer (BT-84) bör vara numeriskt."
    ),
    rule!(
        "SE-R-010",
        Warning,
        ["BT-84", "BT-86"],
        se::se_r_010,
        "A Swedish seller's Plusgiro account (BT-84) should have 2–8 characters.",
        "En svensk säljares plusgironummer (BT-84) bör ha 2–8 tecken."
    ),
    rule!(
        "SE-R-008",
        Warning,
        ["BT-84", "BT-86"],
        se::se_r_008,
        "A Swedish seller's Bankgiro account (BT-84) should be numeric.",
        "En svensk säljares bankgironummer (BT-84) bör vara numeriskt."
    ),
    rule!(
        "SE-R-009",
        Warning,
        ["BT-84", "BT-86"],
        se::se_r_009,
        "A Swedish seller's Bankgiro account (BT-84) should have 7 or 8 characters.",
        "En svensk säljares bankgironummer (BT-84) bör ha 7 eller 8 tecken."
    ),
    rule!(
        "SE-R-011",
        Warning,
        ["BT-81", "BT-86"],
        se::se_r_011,
        "Swedish Bankgiro or Plusgiro should be given as payment means 30 (BT-81) with branch SE:BANKGIRO or SE:PLUSGIRO (BT-86), not 50 or 56.",
        "Svenskt bankgiro eller plusgiro bör anges som betalningssätt 30 (BT-81) med SE:BANKGIRO eller SE:PLUSGIRO (BT-86), inte 50 eller 56."
    ),
    rule!(
        "SE-R-012",
        Warning,
        ["BT-81"],
        se::se_r_012,
        "Between Swedish parties a credit transfer should be payment means 30 (BT-81), not 31.",
        "Mellan svenska parter bör en kontoöverföring anges som betalningssätt 30 (BT-81), inte 31."
    ),
    // Greece
    rule!(
        "GR-R-001-1",
        Fatal,
        ["BT-1"],
        gr::gr_r_001_1,
        "A Greek seller's invoice number (BT-1) must have six '|'-separated segments.",
        "En grekisk säljares fakturanummer (BT-1) måste ha sex segment avdelade med '|'."
    ),
    rule!(
        "GR-R-001-2",
        Fatal,
        ["BT-1", "BT-31", "BT-63"],
        gr::gr_r_001_2,
        "The first segment of a Greek invoice number (BT-1) must be a valid TIN equal to the seller's or tax representative's.",
        "Första segmentet i ett grekiskt fakturanummer (BT-1) måste vara ett giltigt TIN lika med säljarens eller skatteombudets."
    ),
    rule!(
        "GR-R-001-3",
        Fatal,
        ["BT-1", "BT-2"],
        gr::gr_r_001_3,
        "The second segment of a Greek invoice number (BT-1) must be a date equal to the issue date (BT-2).",
        "Andra segmentet i ett grekiskt fakturanummer (BT-1) måste vara ett datum lika med fakturadatum (BT-2)."
    ),
    rule!(
        "GR-R-001-4",
        Fatal,
        ["BT-1"],
        gr::gr_r_001_4,
        "The third segment of a Greek invoice number (BT-1) must be a non-negative integer.",
        "Tredje segmentet i ett grekiskt fakturanummer (BT-1) måste vara ett icke-negativt heltal."
    ),
    rule!(
        "GR-R-001-5",
        Fatal,
        ["BT-1"],
        gr::gr_r_001_5,
        "The fourth segment of a Greek invoice number (BT-1) must be a Greek document type.",
        "Fjärde segmentet i ett grekiskt fakturanummer (BT-1) måste vara en grekisk dokumenttyp."
    ),
    rule!(
        "GR-R-001-6",
        Fatal,
        ["BT-1"],
        gr::gr_r_001_6,
        "The fifth segment of a Greek invoice number (BT-1) must not be empty.",
        "Femte segmentet i ett grekiskt fakturanummer (BT-1) får inte vara tomt."
    ),
    rule!(
        "GR-R-001-7",
        Fatal,
        ["BT-1"],
        gr::gr_r_001_7,
        "The sixth segment of a Greek invoice number (BT-1) must not be empty.",
        "Sjätte segmentet i ett grekiskt fakturanummer (BT-1) får inte vara tomt."
    ),
    rule!(
        "GR-R-002",
        Fatal,
        ["BT-27"],
        gr::gr_r_002,
        "A Greek seller must give its full registered name (BT-27).",
        "En grekisk säljare måste ange sitt fullständiga registrerade namn (BT-27)."
    ),
    rule!(
        "GR-S-011",
        Warning,
        ["BT-31"],
        gr::gr_s_011,
        "A Greek seller should give one VAT identifier (BT-31) prefixed 'EL' with a valid TIN.",
        "En grekisk säljare bör ange ett momsregistreringsnummer (BT-31) med prefix 'EL' och giltigt TIN."
    ),
    rule!(
        "GR-R-003",
        Fatal,
        ["BT-31"],
        gr::gr_r_003,
        "A Greek seller's VAT identifier (BT-31) must start with 'EL' and be a valid TIN.",
        "En grekisk säljares momsregistreringsnummer (BT-31) måste börja med 'EL' och vara ett giltigt TIN."
    ),
    rule!(
        "GR-R-004-1",
        Fatal,
        ["BG-24", "BT-122"],
        gr::gr_r_004_1,
        "A Greek seller must give exactly one MARK number document reference (BG-24).",
        "En grekisk säljare måste ange exakt en dokumentreferens med MARK-nummer (BG-24)."
    ),
    rule!(
        "GR-S-008-1",
        Warning,
        ["BG-24", "BT-124"],
        gr::gr_s_008_1,
        "A Greek seller should give one invoice URL document reference (BG-24).",
        "En grekisk säljare bör ange en dokumentreferens med faktura-URL (BG-24)."
    ),
    rule!(
        "GR-R-008-2",
        Fatal,
        ["BG-24", "BT-124"],
        gr::gr_r_008_2,
        "A Greek seller must give at most one invoice URL document reference (BG-24).",
        "En grekisk säljare får ange högst en dokumentreferens med faktura-URL (BG-24)."
    ),
    rule!(
        "GR-R-004-2",
        Fatal,
        ["BT-122"],
        gr::gr_r_004_2,
        "The Greek MARK number (BT-122) must be a positive integer.",
        "Det grekiska MARK-numret (BT-122) måste vara ett positivt heltal."
    ),
    rule!(
        "GR-R-008-3",
        Fatal,
        ["BT-124"],
        gr::gr_r_008_3,
        "A Greek invoice URL document reference must give the external document location (BT-124).",
        "En grekisk dokumentreferens med faktura-URL måste ange extern dokumentplats (BT-124)."
    ),
    rule!(
        "GR-R-005",
        Fatal,
        ["BT-44"],
        gr::gr_r_005,
        "A Greek seller must give the buyer's full name (BT-44).",
        "En grekisk säljare måste ange köparens fullständiga namn (BT-44)."
    ),
    rule!(
        "GR-R-009",
        Fatal,
        ["BT-34"],
        gr::gr_r_009,
        "A Greek seller's electronic address (BT-34) must be its TIN with scheme 9933.",
        "En grekisk säljares elektroniska adress (BT-34) måste vara dess TIN med schema 9933."
    ),
    rule!(
        "GR-R-006",
        Fatal,
        ["BT-48"],
        gr::gr_r_006,
        "A Greek seller must give a Greek buyer's VAT identifier (BT-48) prefixed 'EL' with a valid TIN.",
        "En grekisk säljare måste ange en grekisk köpares momsregistreringsnummer (BT-48) med prefix 'EL' och giltigt TIN."
    ),
    rule!(
        "GR-R-010",
        Fatal,
        ["BT-49"],
        gr::gr_r_010,
        "Between Greek parties the buyer's electronic address (BT-49) must be its TIN with scheme 9933.",
        "Mellan grekiska parter måste köparens elektroniska adress (BT-49) vara dess TIN med schema 9933."
    ),
    // Iceland
    rule!(
        "IS-R-001",
        Warning,
        ["BT-3"],
        is::is_r_001,
        "An Icelandic seller's document type (BT-3) should be 380 or 381.",
        "En isländsk säljares dokumenttyp (BT-3) bör vara 380 eller 381."
    ),
    rule!(
        "IS-R-002",
        Fatal,
        ["BT-30"],
        is::is_r_002,
        "An Icelandic seller must give its kennitala (BT-30, scheme 0196).",
        "En isländsk säljare måste ange sin kennitala (BT-30, schema 0196)."
    ),
    rule!(
        "IS-R-003",
        Fatal,
        ["BT-35", "BT-38"],
        is::is_r_003,
        "An Icelandic seller's address must give street (BT-35) and post code (BT-38).",
        "En isländsk säljares adress måste ange gata (BT-35) och postnummer (BT-38)."
    ),
    rule!(
        "IS-R-006",
        Fatal,
        ["BT-81", "BT-84"],
        is::is_r_006,
        "For payment means 9 an Icelandic seller must give a 12-digit account (BT-84).",
        "Vid betalningssätt 9 måste en isländsk säljare ange ett tolvsiffrigt konto (BT-84)."
    ),
    rule!(
        "IS-R-007",
        Fatal,
        ["BT-81", "BT-84"],
        is::is_r_007,
        "For payment means 42 an Icelandic seller must give a 12-digit account (BT-84).",
        "Vid betalningssätt 42 måste en isländsk säljare ange ett tolvsiffrigt konto (BT-84)."
    ),
    rule!(
        "IS-R-008",
        Fatal,
        ["BT-122"],
        is::is_r_008,
        "An EINDAGI (final due date) reference (BT-122) must be a date YYYY-MM-DD.",
        "En EINDAGI-referens (sista förfallodag, BT-122) måste vara ett datum ÅÅÅÅ-MM-DD."
    ),
    rule!(
        "IS-R-009",
        Fatal,
        ["BT-9", "BT-122"],
        is::is_r_009,
        "An invoice with an EINDAGI reference (BT-122) must have a due date (BT-9).",
        "En faktura med EINDAGI-referens (BT-122) måste ha förfallodag (BT-9)."
    ),
    rule!(
        "IS-R-010",
        Fatal,
        ["BT-9", "BT-122"],
        is::is_r_010,
        "The EINDAGI date (BT-122) must be on or after the due date (BT-9).",
        "EINDAGI-datumet (BT-122) måste vara samma dag som eller senare än förfallodagen (BT-9)."
    ),
    rule!(
        "IS-R-004",
        Fatal,
        ["BT-47"],
        is::is_r_004,
        "Between Icelandic parties the buyer's kennitala (BT-47, scheme 0196) must be given.",
        "Mellan isländska parter måste köparens kennitala (BT-47, schema 0196) anges."
    ),
    rule!(
        "IS-R-005",
        Fatal,
        ["BT-50", "BT-53"],
        is::is_r_005,
        "Between Icelandic parties the buyer's address must give street (BT-50) and post code (BT-53).",
        "Mellan isländska parter måste köparens adress ange gata (BT-50) och postnummer (BT-53)."
    ),
    // Netherlands
    rule!(
        "NL-R-001",
        Fatal,
        ["BT-25"],
        nl::nl_r_001,
        "A Dutch seller's credit note must reference the preceding invoice (BT-25).",
        "En nederländsk säljares kreditnota måste referera till föregående faktura (BT-25)."
    ),
    rule!(
        "NL-R-002",
        Fatal,
        ["BT-35", "BT-37", "BT-38"],
        nl::nl_r_002,
        "A Dutch seller's address must give street (BT-35), city (BT-37) and post code (BT-38).",
        "En nederländsk säljares adress måste ange gata (BT-35), ort (BT-37) och postnummer (BT-38)."
    ),
    rule!(
        "NL-R-003",
        Fatal,
        ["BT-30"],
        nl::nl_r_003,
        "A Dutch seller's legal registration (BT-30) must be a KVK or OIN number (scheme 0106 or 0190).",
        "En nederländsk säljares registreringsnummer (BT-30) måste vara ett KVK- eller OIN-nummer (schema 0106 eller 0190)."
    ),
    rule!(
        "NL-R-004",
        Fatal,
        ["BT-50", "BT-52", "BT-53"],
        nl::nl_r_004,
        "A Dutch buyer's address must give street (BT-50), city (BT-52) and post code (BT-53).",
        "En nederländsk köpares adress måste ange gata (BT-50), ort (BT-52) och postnummer (BT-53)."
    ),
    rule!(
        "NL-R-005",
        Fatal,
        ["BT-47"],
        nl::nl_r_005,
        "A Dutch buyer's legal registration (BT-47) must be a KVK or OIN number (scheme 0106 or 0190).",
        "En nederländsk köpares registreringsnummer (BT-47) måste vara ett KVK- eller OIN-nummer (schema 0106 eller 0190)."
    ),
    rule!(
        "NL-R-006",
        Fatal,
        ["BT-64", "BT-66", "BT-67"],
        nl::nl_r_006,
        "A Dutch tax representative's address must give street (BT-64), city (BT-66) and post code (BT-67).",
        "Ett nederländskt skatteombuds adress måste ange gata (BT-64), ort (BT-66) och postnummer (BT-67)."
    ),
    rule!(
        "NL-R-007",
        Fatal,
        ["BG-16", "BT-115"],
        nl::nl_r_007,
        "A Dutch seller must give payment instructions (BG-16) when the buyer is to pay.",
        "En nederländsk säljare måste ange betalningsinstruktioner (BG-16) när köparen ska betala."
    ),
    rule!(
        "NL-R-008",
        Fatal,
        ["BT-81"],
        nl::nl_r_008,
        "Between Dutch parties the payment means code (BT-81) must be 30, 48, 49, 57, 58 or 59.",
        "Mellan nederländska parter måste betalningssättskoden (BT-81) vara 30, 48, 49, 57, 58 eller 59."
    ),
    rule!(
        "NL-R-009",
        Fatal,
        ["BT-13", "BT-132"],
        nl::nl_r_009,
        "A Dutch seller using order line references (BT-132) must give an order reference (BT-13).",
        "En nederländsk säljare som anger orderradsreferens (BT-132) måste ange en orderreferens (BT-13)."
    ),
    // Germany
    rule!(
        "DE-R-001",
        Fatal,
        ["BG-16"],
        de::de_r_001,
        "Between German parties the payment instructions (BG-16) must be given.",
        "Mellan tyska parter måste betalningsinstruktioner (BG-16) anges."
    ),
    rule!(
        "DE-R-015",
        Fatal,
        ["BT-10"],
        de::de_r_015,
        "Between German parties the buyer reference (BT-10) must be given.",
        "Mellan tyska parter måste köparens referens (BT-10) anges."
    ),
    rule!(
        "DE-R-016",
        Fatal,
        ["BT-31", "BT-32", "BG-11", "BT-95", "BT-102", "BT-151"],
        de::de_r_016,
        "With VAT category S, Z, E, AE, K, G, L or M the seller VAT identifier (BT-31), tax registration (BT-32) or tax representative (BG-11) must be given.",
        "Med momskategori S, Z, E, AE, K, G, L eller M måste säljarens momsregistreringsnummer (BT-31), skatteregistrering (BT-32) eller skatteombud (BG-11) anges."
    ),
    rule!(
        "DE-R-017",
        Warning,
        ["BT-3"],
        de::de_r_017,
        "Between German parties the document type (BT-3) should be 326, 380, 384, 389, 381, 875, 876 or 877.",
        "Mellan tyska parter bör dokumenttypen (BT-3) vara 326, 380, 384, 389, 381, 875, 876 eller 877."
    ),
    rule!(
        "DE-R-018",
        Fatal,
        ["BT-20"],
        de::de_r_018,
        "Skonto (cash discount) lines in the payment terms (BT-20) must follow the format #SKONTO#TAGE=n#PROZENT=n.nn# and end with a line break.",
        "Skonto-rader (kassarabatt) i betalningsvillkoren (BT-20) måste ha formen #SKONTO#TAGE=n#PROZENT=n.nn# och avslutas med radbrytning."
    ),
    rule!(
        "DE-R-022",
        Fatal,
        ["BT-125"],
        de::de_r_022,
        "Attached documents (BT-125) must have unique file names.",
        "Bifogade dokument (BT-125) måste ha unika filnamn."
    ),
    rule!(
        "DE-R-026",
        Warning,
        ["BT-3", "BG-3"],
        de::de_r_026,
        "A corrected invoice (type 384, BT-3) should reference the preceding invoice (BG-3).",
        "En rättad faktura (typ 384, BT-3) bör referera till föregående faktura (BG-3)."
    ),
    rule!(
        "DE-R-030",
        Fatal,
        ["BG-19", "BT-90"],
        de::de_r_030,
        "With direct debit (BG-19) the bank-assigned creditor identifier (BT-90) must be given.",
        "Vid autogiro (BG-19) måste borgenärens identitet (BT-90) anges."
    ),
    rule!(
        "DE-R-031",
        Fatal,
        ["BG-19", "BT-91"],
        de::de_r_031,
        "With direct debit (BG-19) the debited account (BT-91) must be given.",
        "Vid autogiro (BG-19) måste debiterat konto (BT-91) anges."
    ),
    rule!(
        "DE-R-T02",
        Warning,
        ["BT-124"],
        de::de_r_t02,
        "Between German parties an external document location (BT-124) must be an absolute URL with a valid scheme.",
        "Mellan tyska parter måste extern dokumentplats (BT-124) vara en absolut URL med giltigt schema."
    ),
    rule!(
        "DE-R-002",
        Fatal,
        ["BG-6"],
        de::de_r_002,
        "Between German parties the seller contact (BG-6) must be given.",
        "Mellan tyska parter måste säljarens kontaktuppgifter (BG-6) anges."
    ),
    rule!(
        "DE-R-003",
        Fatal,
        ["BT-37"],
        de::de_r_003,
        "Between German parties the seller city (BT-37) must be given.",
        "Mellan tyska parter måste säljarens ort (BT-37) anges."
    ),
    rule!(
        "DE-R-004",
        Fatal,
        ["BT-38"],
        de::de_r_004,
        "Between German parties the seller post code (BT-38) must be given.",
        "Mellan tyska parter måste säljarens postnummer (BT-38) anges."
    ),
    rule!(
        "DE-R-005",
        Fatal,
        ["BT-41"],
        de::de_r_005,
        "Between German parties the seller contact point (BT-41) must be given.",
        "Mellan tyska parter måste säljarens kontaktperson (BT-41) anges."
    ),
    rule!(
        "DE-R-006",
        Fatal,
        ["BT-42"],
        de::de_r_006,
        "Between German parties the seller contact telephone (BT-42) must be given.",
        "Mellan tyska parter måste säljarens telefonnummer (BT-42) anges."
    ),
    rule!(
        "DE-R-007",
        Fatal,
        ["BT-43"],
        de::de_r_007,
        "Between German parties the seller contact e-mail (BT-43) must be given.",
        "Mellan tyska parter måste säljarens e-postadress (BT-43) anges."
    ),
    rule!(
        "DE-R-027",
        Warning,
        ["BT-42"],
        de::de_r_027,
        "The seller contact telephone (BT-42) should contain at least three digits.",
        "Säljarens telefonnummer (BT-42) bör innehålla minst tre siffror."
    ),
    rule!(
        "DE-R-028",
        Warning,
        ["BT-43"],
        de::de_r_028,
        "The seller contact e-mail (BT-43) should be a valid e-mail address.",
        "Säljarens e-postadress (BT-43) bör vara en giltig e-postadress."
    ),
    rule!(
        "DE-R-008",
        Fatal,
        ["BT-52"],
        de::de_r_008,
        "Between German parties the buyer city (BT-52) must be given.",
        "Mellan tyska parter måste köparens ort (BT-52) anges."
    ),
    rule!(
        "DE-R-009",
        Fatal,
        ["BT-53"],
        de::de_r_009,
        "Between German parties the buyer post code (BT-53) must be given.",
        "Mellan tyska parter måste köparens postnummer (BT-53) anges."
    ),
    rule!(
        "DE-R-010",
        Fatal,
        ["BT-77"],
        de::de_r_010,
        "With a delivery address (BG-15) the deliver-to city (BT-77) must be given.",
        "Med leveransadress (BG-15) måste leveransort (BT-77) anges."
    ),
    rule!(
        "DE-R-011",
        Fatal,
        ["BT-78"],
        de::de_r_011,
        "With a delivery address (BG-15) the deliver-to post code (BT-78) must be given.",
        "Med leveransadress (BG-15) måste leveransens postnummer (BT-78) anges."
    ),
    rule!(
        "DE-R-019",
        Warning,
        ["BT-81", "BT-84"],
        de::de_r_019,
        "With SEPA credit transfer (58, BT-81) the payment account (BT-84) should be a valid IBAN.",
        "Vid SEPA-överföring (58, BT-81) bör betalningskontot (BT-84) vara ett giltigt IBAN."
    ),
    rule!(
        "DE-R-023-1",
        Fatal,
        ["BT-81", "BG-17"],
        de::de_r_023_1,
        "With credit transfer (30, 58, BT-81) the credit transfer group (BG-17) must be given.",
        "Vid kontoöverföring (30, 58, BT-81) måste uppgifter om överföringen (BG-17) anges."
    ),
    rule!(
        "DE-R-023-2",
        Fatal,
        ["BT-81", "BG-18", "BG-19"],
        de::de_r_023_2,
        "With credit transfer (30, 58, BT-81) no card (BG-18) or direct debit (BG-19) may be given.",
        "Vid kontoöverföring (30, 58, BT-81) får kort (BG-18) eller autogiro (BG-19) inte anges."
    ),
    rule!(
        "DE-R-024-1",
        Fatal,
        ["BT-81", "BG-18"],
        de::de_r_024_1,
        "With card payment (48, 54, 55, BT-81) the card information (BG-18) must be given.",
        "Vid kortbetalning (48, 54, 55, BT-81) måste kortuppgifter (BG-18) anges."
    ),
    rule!(
        "DE-R-024-2",
        Fatal,
        ["BT-81", "BG-17", "BG-19"],
        de::de_r_024_2,
        "With card payment (48, 54, 55, BT-81) no credit transfer (BG-17) or direct debit (BG-19) may be given.",
        "Vid kortbetalning (48, 54, 55, BT-81) får kontoöverföring (BG-17) eller autogiro (BG-19) inte anges."
    ),
    rule!(
        "DE-R-020",
        Warning,
        ["BT-81", "BT-91"],
        de::de_r_020,
        "With SEPA direct debit (59, BT-81) the debited account (BT-91) should be a valid IBAN.",
        "Vid SEPA-autogiro (59, BT-81) bör debiterat konto (BT-91) vara ett giltigt IBAN."
    ),
    rule!(
        "DE-R-025-1",
        Fatal,
        ["BT-81", "BG-19"],
        de::de_r_025_1,
        "With direct debit (59, BT-81) the direct debit group (BG-19) must be given.",
        "Vid autogiro (59, BT-81) måste autogirouppgifter (BG-19) anges."
    ),
    rule!(
        "DE-R-025-2",
        Fatal,
        ["BT-81", "BG-17", "BG-18"],
        de::de_r_025_2,
        "With direct debit (59, BT-81) no credit transfer (BG-17) or card (BG-18) may be given.",
        "Vid autogiro (59, BT-81) får kontoöverföring (BG-17) eller kort (BG-18) inte anges."
    ),
    rule!(
        "DE-R-014",
        Fatal,
        ["BT-119"],
        de::de_r_014,
        "Between German parties each VAT breakdown must give the category rate (BT-119).",
        "Mellan tyska parter måste varje momsspecifikation ange skattesats (BT-119)."
    ),
];
