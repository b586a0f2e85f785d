//! Rule family `code_lists`: the CEN EN 16931 BR-CL rules (BR-CL-01 … BR-CL-26; 02, 09 and 12
//! do not exist in the UBL binding).
//!
//! Every rule but BR-CL-08 comes from the `Codesmodel` pattern of `EN16931-UBL-codes.sch`;
//! BR-CL-08 sits in the `UBL-model` pattern. The contexts of `Codesmodel` are disjoint except for
//! `cac:AllowanceCharge[cbc:ChargeIndicator = false()]` and `[... = true()]` (an allowance/charge
//! with two indicators can match both); Schematron then takes only the first matching rule,
//! BR-CL-19, and [`br_cl_20`] mirrors that.
//!
//! The code-list test of the official asserts is
//! `not(contains(normalize-space(v), ' ')) and contains(' LIST ', concat(' ', normalize-space(v), ' '))`,
//! i.e. [`CodeList::contains_normalized`]; an absent attribute or element value is the empty
//! string and fails. Contexts match anywhere in the document (also inside extensions), as the
//! official stylesheets' templates do.
//!
//! The lists differ between CEN 1.3.16 and 1.3.14.1; each rule takes the lists of the release it
//! runs under ([`Sink::release`]): `cen-1.3.14.1` gets the 1.3.14.1 lists, every other release the
//! 1.3.16 lists.

use super::xpath::{self, is_xml_ws};
use super::{Ctx, RuleDef, RuleSetId, Severity, Sink};
use crate::codes::{self, CodeList, Lists};
use crate::xml::{Element, ns};

const CBC: &str = ns::CBC;
const CAC: &str = ns::CAC;

/// The code lists of the release the rule runs under.
fn lists(sink: &Sink<'_>) -> &'static Lists {
    match sink.release() {
        RuleSetId::Cen1_3_14_1 => &codes::CEN_1_3_14_1,
        _ => &codes::CEN_1_3_16,
    }
}

/// Every element of the document that is `cbc:<local>` for one of `locals` (from the context's
/// name index).
fn cbc_named<'c, 'd>(
    cx: &'c Ctx<'d>,
    locals: &'static [&'static str],
) -> impl Iterator<Item = Element<'d>> + 'c {
    locals.iter().flat_map(move |l| cx.named_ns(CBC, l))
}

/// Every `cac:<parent>/cbc:<local>` of the document.
fn cbc_under<'c, 'd>(
    cx: &'c Ctx<'d>,
    parents: &'static [&'static str],
    local: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CBC, local).filter(move |e| {
        e.parent()
            .is_some_and(|p| parents.contains(&p.local_name()) && p.namespace() == CAC)
    })
}

/// The code test on an attribute (`@name`; absent is the empty string).
fn attr_in(e: Element<'_>, name: &str, list: &CodeList) -> bool {
    list.contains_normalized(e.attr(name).unwrap_or(""))
}

/// The code test on the element's string value.
fn value_in(e: Element<'_>, list: &CodeList) -> bool {
    list.contains_normalized(&e.string_value())
}

/// `cbc:ChargeIndicator = b` on the parent allowance/charge: a general comparison, true when any
/// `cbc:ChargeIndicator` child casts to `xs:boolean` `b`.
fn indicator_is(ac: Element<'_>, b: bool) -> bool {
    ac.children_named(CBC, "ChargeIndicator")
        .any(|c| xpath::boolean(&c.string_value()) == Some(b))
}

/// BR-CL-01: BT-3 in the UNTDID 1001 invoice or credit note subset.
fn br_cl_01(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let l = lists(sink);
    for e in cbc_named(cx, &["InvoiceTypeCode", "CreditNoteTypeCode"]) {
        let list = if e.local_name() == "InvoiceTypeCode" {
            &l.invoice_type
        } else {
            &l.credit_note_type
        };
        sink.check(e, value_in(e, list));
    }
}

/// The UBL amount elements that carry a `@currencyID`: the context of BR-CL-03 here and of
/// PEPPOL-EN16931-CL007 (`peppol::code_lists`).
pub(crate) const AMOUNTS: &[&str] = &[
    "Amount",
    "BaseAmount",
    "PriceAmount",
    "TaxAmount",
    "TaxableAmount",
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
];

/// BR-CL-03: every amount's `@currencyID` is ISO 4217.
fn br_cl_03(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).currency;
    for e in cbc_named(cx, AMOUNTS) {
        sink.check(e, attr_in(e, "currencyID", list));
    }
}

/// BR-CL-04: BT-5 is ISO 4217.
fn br_cl_04(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).currency;
    for e in cbc_named(cx, &["DocumentCurrencyCode"]) {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-05: BT-6 is ISO 4217.
fn br_cl_05(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).currency;
    for e in cbc_named(cx, &["TaxCurrencyCode"]) {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-06: BT-8 is 3, 35 or 432.
fn br_cl_06(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).vat_point_date;
    for e in cbc_under(cx, &["InvoicePeriod"], "DescriptionCode") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-07: the scheme of an object identifier (BT-18; a document reference with type code
/// `130`) is UNTDID 1153.
fn br_cl_07(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).reference_qualifier;
    for e in cbc_under(
        cx,
        &["AdditionalDocumentReference", "DocumentReference"],
        "ID",
    ) {
        let Some(scheme) = e.attr("schemeID") else {
            continue;
        };
        // `cbc:DocumentTypeCode = '130'`: untyped text compared as a string, no trimming.
        let object = e.parent().is_some_and(|p| {
            p.children_named(CBC, "DocumentTypeCode")
                .any(|c| c.string_value() == "130")
        });
        if object {
            sink.check(e, list.contains_normalized(scheme));
        }
    }
}

/// BR-CL-08: a subject code written as `#CODE#` at the start of an invoice note (BT-21) is
/// UNTDID 4451. The official test is a plain substring test of the three characters between the
/// first two `#` against the list literal, mirrored here.
fn br_cl_08(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let literal = lists(sink).note_subject.literal();
    for note in cx.root.children_named(CBC, "Note") {
        let text = note.string_value();
        let Some((_, after)) = text.split_once('#') else {
            continue;
        };
        let code = after.split_once('#').map_or("", |(code, _)| code);
        if xpath::string_length(code) == 3 && !literal.contains(code) {
            sink.fire(note);
        }
    }
}

/// BR-CL-10: the scheme of a party identifier (BT-29, BT-46, BT-60) is ISO 6523 ICD, or `SEPA`
/// for the seller's or payee's creditor identifier.
fn br_cl_10(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).icd;
    for e in cbc_under(cx, &["PartyIdentification"], "ID") {
        let Some(scheme) = e.attr("schemeID") else {
            continue;
        };
        let ok = list.contains_normalized(scheme)
            || (scheme.trim_matches(is_xml_ws) == "SEPA"
                && ancestors(e).any(|a| {
                    a.namespace() == CAC
                        && matches!(a.local_name(), "AccountingSupplierParty" | "PayeeParty")
                }));
        sink.check(e, ok);
    }
}

fn ancestors<'d>(e: Element<'d>) -> impl Iterator<Item = Element<'d>> {
    std::iter::successors(e.parent(), |p| p.parent())
}

/// BR-CL-11: the scheme of a legal registration identifier (BT-30, BT-47, BT-61) is ISO 6523 ICD.
fn br_cl_11(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).icd;
    for e in cbc_under(cx, &["PartyLegalEntity"], "CompanyID") {
        if e.attr("schemeID").is_some() {
            sink.check(e, attr_in(e, "schemeID", list));
        }
    }
}

/// BR-CL-13: the scheme of an item classification code (BT-158) is UNTDID 7143.
fn br_cl_13(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).item_classification;
    for e in cbc_under(cx, &["CommodityClassification"], "ItemClassificationCode") {
        if e.attr("listID").is_some() {
            sink.check(e, attr_in(e, "listID", list));
        }
    }
}

/// BR-CL-14: country codes (BT-40, BT-55, BT-69, BT-80) are ISO 3166-1.
fn br_cl_14(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).country;
    for e in cbc_under(cx, &["Country"], "IdentificationCode") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-15: the item country of origin (BT-159) is ISO 3166-1.
fn br_cl_15(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).country;
    for e in cbc_under(cx, &["OriginCountry"], "IdentificationCode") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-16: the payment means code (BT-81) is UNTDID 4461.
fn br_cl_16(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).payment_means;
    for e in cbc_under(cx, &["PaymentMeans"], "PaymentMeansCode") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-17: VAT category codes of tax categories (BT-95, BT-102, BT-118) are UNTDID 5305.
fn br_cl_17(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).vat_category;
    for e in cbc_under(cx, &["TaxCategory"], "ID") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-18: the invoiced item VAT category code (BT-151) is UNTDID 5305.
fn br_cl_18(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).vat_category;
    for e in cbc_under(cx, &["ClassifiedTaxCategory"], "ID") {
        sink.check(e, value_in(e, list));
    }
}

/// BR-CL-19: allowance reason codes (BT-98, BT-140) are UNTDID 5189.
fn br_cl_19(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).allowance_reason;
    for e in cbc_under(cx, &["AllowanceCharge"], "AllowanceChargeReasonCode") {
        if e.parent().is_some_and(|ac| indicator_is(ac, false)) {
            sink.check(e, value_in(e, list));
        }
    }
}

/// BR-CL-20: charge reason codes (BT-105, BT-145) are UNTDID 7161. An allowance/charge that also
/// matches the allowance context belongs to BR-CL-19 (first matching rule of the pattern).
fn br_cl_20(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).charge_reason;
    for e in cbc_under(cx, &["AllowanceCharge"], "AllowanceChargeReasonCode") {
        if e.parent()
            .is_some_and(|ac| indicator_is(ac, true) && !indicator_is(ac, false))
        {
            sink.check(e, value_in(e, list));
        }
    }
}

/// BR-CL-21: the scheme of an item standard identifier (BT-157) is ISO 6523 ICD.
fn br_cl_21(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).icd;
    for e in cbc_under(cx, &["StandardItemIdentification"], "ID") {
        if e.attr("schemeID").is_some() {
            sink.check(e, attr_in(e, "schemeID", list));
        }
    }
}

/// BR-CL-22: the VAT exemption reason code (BT-121) is VATEX; the official test upper-cases the
/// value first (`normalize-space(upper-case(.))`), so lower-case codes pass.
fn br_cl_22(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).vatex;
    for e in cbc_named(cx, &["TaxExemptionReasonCode"]) {
        sink.check(e, vatex_ok(&e.string_value(), list));
    }
}

fn vatex_ok(value: &str, list: &CodeList) -> bool {
    let v = xpath::trim(value);
    if v.is_empty() || v.contains(is_xml_ws) {
        return false;
    }
    let mut buf = [0u8; 64];
    if v.is_ascii() && v.len() <= buf.len() {
        let upper = &mut buf[..v.len()];
        upper.copy_from_slice(v.as_bytes());
        upper.make_ascii_uppercase();
        std::str::from_utf8(upper).is_ok_and(|u| list.contains(u))
    } else {
        list.contains(&v.to_uppercase())
    }
}

/// BR-CL-23: unit codes of quantities (BT-129/130, BT-149/150) are UN/ECE Rec 20/21.
fn br_cl_23(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).unit;
    for e in cbc_named(
        cx,
        &["InvoicedQuantity", "BaseQuantity", "CreditedQuantity"],
    ) {
        if e.attr("unitCode").is_some() {
            sink.check(e, attr_in(e, "unitCode", list));
        }
    }
}

/// BR-CL-24: the attachment MIME code (BT-125) is one of the allowed types, compared exactly
/// (`@mimeCode = '...'`, no trimming).
fn br_cl_24(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).mime;
    for e in cbc_named(cx, &["EmbeddedDocumentBinaryObject"]) {
        if let Some(mime) = e.attr("mimeCode") {
            sink.check(e, list.contains(mime));
        }
    }
}

/// BR-CL-25: the electronic address scheme (BT-34, BT-49) is CEF EAS.
fn br_cl_25(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).eas;
    for e in cbc_named(cx, &["EndpointID"]) {
        if e.attr("schemeID").is_some() {
            sink.check(e, attr_in(e, "schemeID", list));
        }
    }
}

/// BR-CL-26: the scheme of a delivery location identifier (BT-71) is ISO 6523 ICD.
fn br_cl_26(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let list = &lists(sink).icd;
    for e in cbc_under(cx, &["DeliveryLocation"], "ID") {
        if e.attr("schemeID").is_some() {
            sink.check(e, attr_in(e, "schemeID", list));
        }
    }
}

/// The BR-CL rules, in official order; the lists follow the release (see [`Sink::release`]).
pub(crate) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "BR-CL-01",
        severity: Severity::Fatal,
        bt: &["BT-3"],
        en: "The invoice type code (BT-3) must be a UNTDID 1001 code for invoices, or for credit notes on a credit note.",
        sv: "Fakturatypkoden (BT-3) måste vara en kod ur UNTDID 1001 för fakturor, eller för kreditnotor i en kreditnota.",
        check: br_cl_01,
    },
    RuleDef {
        id: "BR-CL-03",
        severity: Severity::Fatal,
        bt: &["BT-5"],
        en: "Every amount's currency (currencyID) must be an ISO 4217 alpha-3 code.",
        sv: "Valutan för varje belopp (currencyID) måste vara en bokstavskod ur ISO 4217.",
        check: br_cl_03,
    },
    RuleDef {
        id: "BR-CL-04",
        severity: Severity::Fatal,
        bt: &["BT-5"],
        en: "The invoice currency code (BT-5) must be an ISO 4217 alpha-3 code.",
        sv: "Fakturans valutakod (BT-5) måste vara en bokstavskod ur ISO 4217.",
        check: br_cl_04,
    },
    RuleDef {
        id: "BR-CL-05",
        severity: Severity::Fatal,
        bt: &["BT-6"],
        en: "The VAT accounting currency code (BT-6) must be an ISO 4217 alpha-3 code.",
        sv: "Valutakoden för momsredovisning (BT-6) måste vara en bokstavskod ur ISO 4217.",
        check: br_cl_05,
    },
    RuleDef {
        id: "BR-CL-06",
        severity: Severity::Fatal,
        bt: &["BT-8"],
        en: "The VAT point date code (BT-8) must be 3, 35 or 432 (UNTDID 2005).",
        sv: "Koden för momsens redovisningsdatum (BT-8) måste vara 3, 35 eller 432 (UNTDID 2005).",
        check: br_cl_06,
    },
    RuleDef {
        id: "BR-CL-07",
        severity: Severity::Fatal,
        bt: &["BT-18"],
        en: "The scheme of the invoiced object identifier (BT-18) must be a UNTDID 1153 code.",
        sv: "Identifieringsschemat för fakturerat objekt (BT-18) måste vara en kod ur UNTDID 1153.",
        check: br_cl_07,
    },
    RuleDef {
        id: "BR-CL-08",
        severity: Severity::Fatal,
        bt: &["BT-21"],
        en: "An invoice note subject code (BT-21, written #CODE#) must be a UNTDID 4451 code.",
        sv: "Ämneskoden för en fakturanotering (BT-21, skriven #KOD#) måste vara en kod ur UNTDID 4451.",
        check: br_cl_08,
    },
    RuleDef {
        id: "BR-CL-10",
        severity: Severity::Fatal,
        bt: &["BT-29", "BT-46", "BT-60", "BT-90"],
        en: "The scheme of a party identifier (BT-29, BT-46, BT-60) must be an ISO 6523 ICD code (SEPA is allowed for the seller's or payee's creditor id, BT-90).",
        sv: "Identifieringsschemat för en parts identitet (BT-29, BT-46, BT-60) måste vara en ICD-kod ur ISO 6523 (SEPA tillåts för säljarens eller betalningsmottagarens borgenärs-id, BT-90).",
        check: br_cl_10,
    },
    RuleDef {
        id: "BR-CL-11",
        severity: Severity::Fatal,
        bt: &["BT-30", "BT-47", "BT-61"],
        en: "The scheme of a legal registration identifier (BT-30, BT-47, BT-61) must be an ISO 6523 ICD code.",
        sv: "Identifieringsschemat för ett registreringsnummer (BT-30, BT-47, BT-61) måste vara en ICD-kod ur ISO 6523.",
        check: br_cl_11,
    },
    RuleDef {
        id: "BR-CL-13",
        severity: Severity::Fatal,
        bt: &["BT-158"],
        en: "The scheme of an item classification code (BT-158) must be a UNTDID 7143 code.",
        sv: "Schemat för en artikels klassificeringskod (BT-158) måste vara en kod ur UNTDID 7143.",
        check: br_cl_13,
    },
    RuleDef {
        id: "BR-CL-14",
        severity: Severity::Fatal,
        bt: &["BT-40", "BT-55", "BT-69", "BT-80"],
        en: "Country codes (BT-40, BT-55, BT-69, BT-80) must be ISO 3166-1 alpha-2 codes.",
        sv: "Landskoder (BT-40, BT-55, BT-69, BT-80) måste vara tvåbokstavskoder ur ISO 3166-1.",
        check: br_cl_14,
    },
    RuleDef {
        id: "BR-CL-15",
        severity: Severity::Fatal,
        bt: &["BT-159"],
        en: "The item country of origin (BT-159) must be an ISO 3166-1 alpha-2 code.",
        sv: "Artikelns ursprungsland (BT-159) måste vara en tvåbokstavskod ur ISO 3166-1.",
        check: br_cl_15,
    },
    RuleDef {
        id: "BR-CL-16",
        severity: Severity::Fatal,
        bt: &["BT-81"],
        en: "The payment means code (BT-81) must be a UNTDID 4461 code.",
        sv: "Betalningssättets kod (BT-81) måste vara en kod ur UNTDID 4461.",
        check: br_cl_16,
    },
    RuleDef {
        id: "BR-CL-17",
        severity: Severity::Fatal,
        bt: &["BT-95", "BT-102", "BT-118"],
        en: "VAT category codes (BT-95, BT-102, BT-118) must be UNTDID 5305 codes.",
        sv: "Momskategorikoder (BT-95, BT-102, BT-118) måste vara koder ur UNTDID 5305.",
        check: br_cl_17,
    },
    RuleDef {
        id: "BR-CL-18",
        severity: Severity::Fatal,
        bt: &["BT-151"],
        en: "The invoiced item VAT category code (BT-151) must be a UNTDID 5305 code.",
        sv: "Artikelns momskategorikod (BT-151) måste vara en kod ur UNTDID 5305.",
        check: br_cl_18,
    },
    RuleDef {
        id: "BR-CL-19",
        severity: Severity::Fatal,
        bt: &["BT-98", "BT-140"],
        en: "Allowance reason codes (BT-98, BT-140) must be UNTDID 5189 codes.",
        sv: "Orsakskoder för rabatter (BT-98, BT-140) måste vara koder ur UNTDID 5189.",
        check: br_cl_19,
    },
    RuleDef {
        id: "BR-CL-20",
        severity: Severity::Fatal,
        bt: &["BT-105", "BT-145"],
        en: "Charge reason codes (BT-105, BT-145) must be UNTDID 7161 codes.",
        sv: "Orsakskoder för avgifter (BT-105, BT-145) måste vara koder ur UNTDID 7161.",
        check: br_cl_20,
    },
    RuleDef {
        id: "BR-CL-21",
        severity: Severity::Fatal,
        bt: &["BT-157"],
        en: "The scheme of an item standard identifier (BT-157) must be an ISO 6523 ICD code.",
        sv: "Schemat för en artikels standardidentitet (BT-157) måste vara en ICD-kod ur ISO 6523.",
        check: br_cl_21,
    },
    RuleDef {
        id: "BR-CL-22",
        severity: Severity::Fatal,
        bt: &["BT-121"],
        en: "The VAT exemption reason code (BT-121) must be a CEF VATEX code.",
        sv: "Koden för skäl till momsbefrielse (BT-121) måste vara en VATEX-kod.",
        check: br_cl_22,
    },
    RuleDef {
        id: "BR-CL-23",
        severity: Severity::Fatal,
        bt: &["BT-130", "BT-150"],
        en: "Unit codes (BT-130, BT-150) must be UN/ECE Recommendation 20 codes (with Recommendation 21).",
        sv: "Enhetskoder (BT-130, BT-150) måste vara koder ur UN/ECE rekommendation 20 (med rekommendation 21).",
        check: br_cl_23,
    },
    RuleDef {
        id: "BR-CL-24",
        severity: Severity::Fatal,
        bt: &["BT-125"],
        en: "The attachment's MIME code (BT-125) must be application/pdf, image/png, image/jpeg, text/csv, or an OOXML or OpenDocument spreadsheet type.",
        sv: "Bilagans MIME-kod (BT-125) måste vara application/pdf, image/png, image/jpeg, text/csv eller ett kalkylbladsformat (OOXML eller OpenDocument).",
        check: br_cl_24,
    },
    RuleDef {
        id: "BR-CL-25",
        severity: Severity::Fatal,
        bt: &["BT-34", "BT-49"],
        en: "The scheme of an electronic address (BT-34, BT-49) must be a CEF EAS code.",
        sv: "Schemat för en elektronisk adress (BT-34, BT-49) måste vara en kod ur CEF EAS.",
        check: br_cl_25,
    },
    RuleDef {
        id: "BR-CL-26",
        severity: Severity::Fatal,
        bt: &["BT-71"],
        en: "The scheme of the delivery location identifier (BT-71) must be an ISO 6523 ICD code.",
        sv: "Schemat för leveransplatsens identitet (BT-71) måste vara en ICD-kod ur ISO 6523.",
        check: br_cl_26,
    },
];
