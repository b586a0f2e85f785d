//! Rule family `peppol`: the PEPPOL BIS Billing 3 rules (PEPPOL-EN16931-R*, -P*, -CL*, -F001)
//! and the identifier rules (PEPPOL-COMMON-R*), for OpenPeppol releases 3.0.19 and 2026.5.
//!
//! Sources (read for the facts, our own code):
//! * PEPPOL BIS Billing 3.0.19 — `OpenPEPPOL/peppol-bis-invoice-3` tag `v3.0.19`,
//!   `rules/sch/PEPPOL-EN16931-UBL.sch`.
//! * OpenPeppol release 2026.5 — compiled `PEPPOL-EN16931-UBL.xslt` (via `phax/phive-rules`).
//!
//! The releases differ in more than the rule ids `ruleset.rs` drops: 2026.5 computes `$profile`
//! from an exact list (adding process `02`, billing with response, and the French profiles),
//! rejects `::` in BT-24 (R004), checks type codes under both 01 and 02 (P0100, P0101), and
//! revised the ISO 4217 and EAS lists (CL007, CL008). Those rules read [`Sink::release`].
//!
//! Layout: [`facts`] (the Schematron's document-level variables and path helpers, shared with
//! the national rules), [`business`] (R*), [`identifiers`] (COMMON-R* and the check-digit
//! functions), [`code_lists`] (CL*, P*, F001 and the embedded lists). This file holds the rule
//! catalogue: ids, flags, business terms and our messages.
//!
//! [`Sink::release`]: crate::validate::Sink::release

pub(crate) mod business;
pub(crate) mod code_lists;
pub(crate) mod facts;
pub(crate) mod identifiers;

use super::{RuleDef, Severity};

use business as b;
use code_lists as cl;
use identifiers as id;

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
    rule!(
        "PEPPOL-EN16931-R008",
        Fatal,
        [],
        b::peppol_en16931_r008,
        "The document must not contain empty elements.",
        "Dokumentet får inte innehålla tomma element."
    ),
    rule!(
        "PEPPOL-EN16931-R080",
        Fatal,
        ["BT-11"],
        b::peppol_en16931_r080,
        "Only one project reference (BT-11) is allowed on document level.",
        "Endast en projektreferens (BT-11) är tillåten på dokumentnivå."
    ),
    rule!(
        "PEPPOL-EN16931-R001",
        Fatal,
        ["BT-23"],
        b::peppol_en16931_r001,
        "The business process type (BT-23) must be provided.",
        "Affärsprocesstyp (BT-23) måste anges."
    ),
    rule!(
        "PEPPOL-EN16931-R007",
        Fatal,
        ["BT-23"],
        b::peppol_en16931_r007,
        "The business process type (BT-23) must have the form 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0'.",
        "Affärsprocesstyp (BT-23) måste ha formen 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0'."
    ),
    rule!(
        "PEPPOL-EN16931-R002",
        Fatal,
        ["BT-22"],
        b::peppol_en16931_r002,
        "At most one invoice note (BT-22) is allowed, unless both seller and buyer are German.",
        "Högst en fakturanotering (BT-22) är tillåten, utom när både säljare och köpare är tyska."
    ),
    rule!(
        "PEPPOL-EN16931-R003",
        Fatal,
        ["BT-10", "BT-13"],
        b::peppol_en16931_r003,
        "A buyer reference (BT-10) or a purchase order reference (BT-13) must be provided.",
        "Köparens referens (BT-10) eller en inköpsorderreferens (BT-13) måste anges."
    ),
    rule!(
        "PEPPOL-EN16931-R004",
        Fatal,
        ["BT-24"],
        b::peppol_en16931_r004,
        "The specification identifier (BT-24) must be 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'.",
        "Specifikationsidentitet (BT-24) måste vara 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'."
    ),
    rule!(
        "PEPPOL-EN16931-R053",
        Fatal,
        ["BG-23", "BT-110"],
        b::peppol_en16931_r053,
        "Exactly one tax total with VAT breakdown (BG-23) must be provided.",
        "Exakt en momssumma med momsspecifikation (BG-23) måste anges."
    ),
    rule!(
        "PEPPOL-EN16931-R054",
        Fatal,
        ["BT-6", "BT-111"],
        b::peppol_en16931_r054,
        "Exactly one tax total without breakdown (BT-111) must be provided when the VAT accounting currency (BT-6) is given, and none otherwise.",
        "Exakt en momssumma utan specifikation (BT-111) ska anges när redovisningsvaluta för moms (BT-6) finns, annars ingen."
    ),
    rule!(
        "PEPPOL-EN16931-R055",
        Fatal,
        ["BT-110", "BT-111"],
        b::peppol_en16931_r055,
        "Total VAT amount (BT-110) and total VAT amount in accounting currency (BT-111) must have the same sign.",
        "Totalt momsbelopp (BT-110) och totalt momsbelopp i redovisningsvaluta (BT-111) måste ha samma tecken."
    ),
    rule!(
        "PEPPOL-EN16931-R005",
        Fatal,
        ["BT-6", "BT-5"],
        b::peppol_en16931_r005,
        "The VAT accounting currency (BT-6) must differ from the invoice currency (BT-5).",
        "Redovisningsvaluta för moms (BT-6) måste skilja sig från fakturans valuta (BT-5)."
    ),
    rule!(
        "PEPPOL-EN16931-R010",
        Fatal,
        ["BT-49"],
        b::peppol_en16931_r010,
        "The buyer electronic address (BT-49) must be provided.",
        "Köparens elektroniska adress (BT-49) måste anges."
    ),
    rule!(
        "PEPPOL-EN16931-R020",
        Fatal,
        ["BT-34"],
        b::peppol_en16931_r020,
        "The seller electronic address (BT-34) must be provided.",
        "Säljarens elektroniska adress (BT-34) måste anges."
    ),
    rule!(
        "PEPPOL-EN16931-R041",
        Fatal,
        [
            "BT-93", "BT-94", "BT-100", "BT-101", "BT-137", "BT-138", "BT-142", "BT-143"
        ],
        b::peppol_en16931_r041,
        "An allowance/charge base amount must be provided when a percentage is provided.",
        "Grundbelopp för avdrag/tillägg måste anges när en procentsats anges."
    ),
    rule!(
        "PEPPOL-EN16931-R042",
        Fatal,
        [
            "BT-93", "BT-94", "BT-100", "BT-101", "BT-137", "BT-138", "BT-142", "BT-143"
        ],
        b::peppol_en16931_r042,
        "An allowance/charge percentage must be provided when a base amount is provided.",
        "Procentsats för avdrag/tillägg måste anges när ett grundbelopp anges."
    ),
    rule!(
        "PEPPOL-EN16931-R040",
        Fatal,
        [
            "BT-92", "BT-93", "BT-94", "BT-99", "BT-100", "BT-101", "BT-136", "BT-137", "BT-138",
            "BT-141", "BT-142", "BT-143"
        ],
        b::peppol_en16931_r040,
        "The allowance/charge amount must equal base amount × percentage / 100 when both are given.",
        "Avdragets/tilläggets belopp måste vara grundbelopp × procentsats / 100 när båda anges."
    ),
    rule!(
        "PEPPOL-EN16931-R043",
        Fatal,
        ["BG-20", "BG-21", "BG-27", "BG-28"],
        b::peppol_en16931_r043,
        "The allowance/charge indicator must be 'true' or 'false'.",
        "Indikatorn för avdrag/tillägg måste vara 'true' eller 'false'."
    ),
    rule!(
        "PEPPOL-EN16931-R061",
        Fatal,
        ["BT-81", "BT-89"],
        b::peppol_en16931_r061,
        "A mandate reference (BT-89) must be provided for direct debit (payment means 49 or 59).",
        "Medgivandereferens (BT-89) måste anges vid autogiro (betalningssätt 49 eller 59)."
    ),
    rule!(
        "PEPPOL-EN16931-R051",
        Fatal,
        ["BT-5"],
        b::peppol_en16931_r051,
        "Every amount's currency must equal the invoice currency (BT-5), except the VAT total in accounting currency (BT-111).",
        "Alla belopps valuta måste vara fakturans valuta (BT-5), utom momssumman i redovisningsvaluta (BT-111)."
    ),
    rule!(
        "PEPPOL-EN16931-R110",
        Fatal,
        ["BT-134", "BT-73"],
        b::peppol_en16931_r110,
        "The invoice line period start (BT-134) must lie within the invoicing period (BT-73).",
        "Radperiodens startdatum (BT-134) måste ligga inom faktureringsperioden (BT-73)."
    ),
    rule!(
        "PEPPOL-EN16931-R111",
        Fatal,
        ["BT-135", "BT-74"],
        b::peppol_en16931_r111,
        "The invoice line period end (BT-135) must lie within the invoicing period (BT-74).",
        "Radperiodens slutdatum (BT-135) måste ligga inom faktureringsperioden (BT-74)."
    ),
    rule!(
        "PEPPOL-EN16931-R120",
        Fatal,
        ["BT-131", "BT-129", "BT-146", "BT-149", "BT-136", "BT-141"],
        b::peppol_en16931_r120,
        "The invoice line net amount (BT-131) must equal quantity (BT-129) × net price (BT-146) / base quantity (BT-149) + line charges − line allowances.",
        "Radens nettobelopp (BT-131) måste vara antal (BT-129) × nettopris (BT-146) / basantal (BT-149) + radtillägg − radavdrag."
    ),
    rule!(
        "PEPPOL-EN16931-R121",
        Fatal,
        ["BT-149"],
        b::peppol_en16931_r121,
        "The item price base quantity (BT-149) must be above zero.",
        "Prisets basantal (BT-149) måste vara större än noll."
    ),
    rule!(
        "PEPPOL-EN16931-R100",
        Fatal,
        ["BT-128"],
        b::peppol_en16931_r100,
        "Only one invoiced object (BT-128) is allowed per line.",
        "Endast ett fakturerat objekt (BT-128) är tillåtet per rad."
    ),
    rule!(
        "PEPPOL-EN16931-R101",
        Fatal,
        ["BT-128"],
        b::peppol_en16931_r101,
        "A line document reference can only be an invoiced object (BT-128, document type 130).",
        "En dokumentreferens på rad kan endast vara ett fakturerat objekt (BT-128, dokumenttyp 130)."
    ),
    rule!(
        "PEPPOL-EN16931-R044",
        Fatal,
        ["BT-147"],
        b::peppol_en16931_r044,
        "A charge on price level is not allowed; the price allowance indicator must be 'false'.",
        "Tillägg på prisnivå är inte tillåtet; indikatorn för prisavdrag måste vara 'false'."
    ),
    rule!(
        "PEPPOL-EN16931-R046",
        Fatal,
        ["BT-146", "BT-147", "BT-148"],
        b::peppol_en16931_r046,
        "The item net price (BT-146) must equal the gross price (BT-148) minus the price discount (BT-147).",
        "Nettopriset (BT-146) måste vara bruttopriset (BT-148) minus prisavdraget (BT-147)."
    ),
    rule!(
        "PEPPOL-EN16931-R130",
        Fatal,
        ["BT-150", "BT-130"],
        b::peppol_en16931_r130,
        "The unit of the price base quantity (BT-150) must be the unit of the invoiced quantity (BT-130).",
        "Enheten för prisets basantal (BT-150) måste vara samma som för fakturerat antal (BT-130)."
    ),
    rule!(
        "PEPPOL-COMMON-R040",
        Fatal,
        [
            "BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49", "BT-60", "BT-61", "BT-71"
        ],
        id::peppol_common_r040,
        "A GLN (scheme 0088) must have a valid format and GS1 check digit.",
        "Ett GLN (schema 0088) måste ha giltigt format och GS1-kontrollsiffra."
    ),
    rule!(
        "PEPPOL-COMMON-R041",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r041,
        "A Norwegian organisation number (scheme 0192) must be nine digits with a valid check digit.",
        "Ett norskt organisationsnummer (schema 0192) måste vara nio siffror med giltig kontrollsiffra."
    ),
    rule!(
        "PEPPOL-COMMON-R042",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r042,
        "A Danish CVR number (scheme 0184) must be eight digits, optionally prefixed by 'DK'.",
        "Ett danskt CVR-nummer (schema 0184) måste vara åtta siffror, eventuellt med prefixet 'DK'."
    ),
    rule!(
        "PEPPOL-COMMON-R043",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r043,
        "A Belgian enterprise number (scheme 0208) must be ten digits with a valid mod-97 check.",
        "Ett belgiskt företagsnummer (schema 0208) måste vara tio siffror med giltig mod-97-kontroll."
    ),
    rule!(
        "PEPPOL-COMMON-R044",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r044,
        "An Italian IPA code (scheme 0201) should be six letters or digits.",
        "En italiensk IPA-kod (schema 0201) bör vara sex bokstäver eller siffror."
    ),
    rule!(
        "PEPPOL-COMMON-R045",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r045,
        "An Italian tax code (Codice Fiscale, scheme 0210) should have the correct format.",
        "En italiensk skattekod (Codice Fiscale, schema 0210) bör ha korrekt format."
    ),
    rule!(
        "PEPPOL-COMMON-R046",
        Warning,
        ["BT-34", "BT-49"],
        id::peppol_common_r046,
        "An Italian tax code used as electronic address (scheme 9907) should have the correct format.",
        "En italiensk skattekod som elektronisk adress (schema 9907) bör ha korrekt format."
    ),
    rule!(
        "PEPPOL-COMMON-R047",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r047,
        "An Italian VAT number (Partita IVA, scheme 0211) should have the correct format and check digit.",
        "Ett italienskt momsnummer (Partita IVA, schema 0211) bör ha korrekt format och kontrollsiffra."
    ),
    rule!(
        "PEPPOL-COMMON-R049",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r049,
        "A Swedish organisation number (scheme 0007) must be ten digits with a valid Luhn check digit.",
        "Ett svenskt organisationsnummer (schema 0007) måste vara tio siffror med giltig kontrollsiffra (Luhn)."
    ),
    rule!(
        "PEPPOL-COMMON-R050",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r050,
        "An Australian Business Number (scheme 0151) must be eleven digits with a valid check.",
        "Ett australiskt ABN (schema 0151) måste vara elva siffror med giltig kontroll."
    ),
    rule!(
        "PEPPOL-COMMON-R052",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r052,
        "A Danish P-number (scheme 0096) must be ten digits.",
        "Ett danskt P-nummer (schema 0096) måste vara tio siffror."
    ),
    rule!(
        "PEPPOL-COMMON-R053",
        Fatal,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r053,
        "A Danish ERSTORG number (scheme 0198) must be 'DK' followed by eight digits.",
        "Ett danskt ERSTORG-nummer (schema 0198) måste vara 'DK' följt av åtta siffror."
    ),
    rule!(
        "PEPPOL-COMMON-R054",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r054,
        "A Dutch KVK number (scheme 0106) should be eight digits.",
        "Ett nederländskt KVK-nummer (schema 0106) bör vara åtta siffror."
    ),
    rule!(
        "PEPPOL-COMMON-R055",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r055,
        "A Dutch OIN (scheme 0190) should be twenty digits.",
        "Ett nederländskt OIN (schema 0190) bör vara tjugo siffror."
    ),
    rule!(
        "PEPPOL-COMMON-R056-1",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r056_1,
        "A Dutch VAT number (scheme 9944) should have the form NL123456789B12.",
        "Ett nederländskt momsnummer (schema 9944) bör ha formen NL123456789B12."
    ),
    rule!(
        "PEPPOL-COMMON-R056-2",
        Warning,
        ["BT-31", "BT-48", "BT-63"],
        id::peppol_common_r056_2,
        "A VAT identifier starting with 'NL' should have the form NL123456789B12.",
        "Ett momsregistreringsnummer som börjar med 'NL' bör ha formen NL123456789B12."
    ),
    rule!(
        "PEPPOL-COMMON-R057",
        Warning,
        ["BT-29", "BT-30", "BT-34", "BT-46", "BT-47", "BT-49"],
        id::peppol_common_r057,
        "A Dutch establishment number (scheme 0217) should be twelve digits.",
        "Ett nederländskt etableringsnummer (schema 0217) bör vara tolv siffror."
    ),
    rule!(
        "PEPPOL-EN16931-CL001",
        Fatal,
        ["BT-125"],
        cl::peppol_en16931_cl001,
        "The attachment MIME code (BT-125) must be one PEPPOL allows.",
        "Bilagans MIME-kod (BT-125) måste vara en som PEPPOL tillåter."
    ),
    rule!(
        "PEPPOL-EN16931-CL002",
        Fatal,
        ["BT-98", "BT-140"],
        cl::peppol_en16931_cl002,
        "The allowance reason code (BT-98, BT-140) must be from PEPPOL's subset of UNCL 5189.",
        "Orsakskoden för avdrag (BT-98, BT-140) måste komma från PEPPOL:s urval av UNCL 5189."
    ),
    rule!(
        "PEPPOL-EN16931-CL003",
        Fatal,
        ["BT-105", "BT-145"],
        cl::peppol_en16931_cl003,
        "The charge reason code (BT-105, BT-145) must be from UNCL 7161.",
        "Orsakskoden för tillägg (BT-105, BT-145) måste komma från UNCL 7161."
    ),
    rule!(
        "PEPPOL-EN16931-CL006",
        Fatal,
        ["BT-8"],
        cl::peppol_en16931_cl006,
        "The invoice period description code (BT-8) must be from PEPPOL's subset of UNCL 2005.",
        "Periodens beskrivningskod (BT-8) måste komma från PEPPOL:s urval av UNCL 2005."
    ),
    rule!(
        "PEPPOL-EN16931-CL007",
        Fatal,
        ["BT-5", "BT-6"],
        cl::peppol_en16931_cl007,
        "Every amount's currency code must be an ISO 4217 code.",
        "Alla beloppens valutakod måste vara en ISO 4217-kod."
    ),
    rule!(
        "PEPPOL-EN16931-P0100",
        Fatal,
        ["BT-3"],
        cl::peppol_en16931_p0100,
        "The invoice type code (BT-3) must be one the profile allows.",
        "Fakturatypkoden (BT-3) måste vara en som profilen tillåter."
    ),
    rule!(
        "PEPPOL-EN16931-P0112",
        Fatal,
        ["BT-3"],
        cl::peppol_en16931_p0112,
        "Invoice type codes 326 and 384 (BT-3) are only allowed when both seller and buyer are German.",
        "Fakturatypkod 326 och 384 (BT-3) är endast tillåtna när både säljare och köpare är tyska."
    ),
    rule!(
        "PEPPOL-EN16931-P0101",
        Fatal,
        ["BT-3"],
        cl::peppol_en16931_p0101,
        "The credit note type code (BT-3) must be one the profile allows.",
        "Kreditnotans typkod (BT-3) måste vara en som profilen tillåter."
    ),
    rule!(
        "PEPPOL-EN16931-F001",
        Fatal,
        [
            "BT-2", "BT-7", "BT-9", "BT-72", "BT-73", "BT-74", "BT-134", "BT-135"
        ],
        cl::peppol_en16931_f001,
        "A date must have the form YYYY-MM-DD.",
        "Ett datum måste ha formen ÅÅÅÅ-MM-DD."
    ),
    rule!(
        "PEPPOL-EN16931-CL008",
        Fatal,
        ["BT-34", "BT-49"],
        cl::peppol_en16931_cl008,
        "The electronic address scheme (BT-34, BT-49) must be from the EAS code list.",
        "Schemat för elektronisk adress (BT-34, BT-49) måste komma från kodlistan EAS."
    ),
    rule!(
        "PEPPOL-EN16931-P0104",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0104,
        "VAT category G (BT-118) must be used with exemption reason code VATEX-EU-G (BT-121).",
        "Momskategori G (BT-118) måste användas med undantagskoden VATEX-EU-G (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0105",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0105,
        "VAT category O (BT-118) must be used with exemption reason code VATEX-EU-O (BT-121).",
        "Momskategori O (BT-118) måste användas med undantagskoden VATEX-EU-O (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0106",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0106,
        "VAT category K (BT-118) must be used with exemption reason code VATEX-EU-IC (BT-121).",
        "Momskategori K (BT-118) måste användas med undantagskoden VATEX-EU-IC (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0107",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0107,
        "VAT category AE (BT-118) must be used with exemption reason code VATEX-EU-AE (BT-121).",
        "Momskategori AE (BT-118) måste användas med undantagskoden VATEX-EU-AE (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0108",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0108,
        "VAT category E (BT-118) must be used with exemption reason code VATEX-EU-D (BT-121).",
        "Momskategori E (BT-118) måste användas med undantagskoden VATEX-EU-D (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0109",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0109,
        "VAT category E (BT-118) must be used with exemption reason code VATEX-EU-F (BT-121).",
        "Momskategori E (BT-118) måste användas med undantagskoden VATEX-EU-F (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0110",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0110,
        "VAT category E (BT-118) must be used with exemption reason code VATEX-EU-I (BT-121).",
        "Momskategori E (BT-118) måste användas med undantagskoden VATEX-EU-I (BT-121)."
    ),
    rule!(
        "PEPPOL-EN16931-P0111",
        Fatal,
        ["BT-118", "BT-121"],
        cl::peppol_en16931_p0111,
        "VAT category E (BT-118) must be used with exemption reason code VATEX-EU-J (BT-121).",
        "Momskategori E (BT-118) måste användas med undantagskoden VATEX-EU-J (BT-121)."
    ),
];
