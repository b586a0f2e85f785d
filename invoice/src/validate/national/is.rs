//! IS-R-001…010 — Icelandic national rules for Icelandic sellers (raw address country `IS` of
//! the root document's seller, and buyer for IS-R-004/005): document type (BT-3), kennitala
//! legal ids (BT-30, BT-47, scheme 0196), addresses, payment accounts (BT-84) for payment means
//! 9 and 42, and the EINDAGI (final due date) document reference (BT-122) against the due date
//! (BT-9). No official unit tests exist for this family; `tests` below are table-driven from the
//! rule text.

use crate::validate::peppol::facts::{
    CUSTOMER_PARTY, SUPPLIER_PARTY, cac, cbc, cbc_child, first, has_cbc, is_ubl, kids, raw_country,
    string_of,
};
use crate::validate::xpath::{self, normalize_space, select, string_length};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// The document context `ubl-invoice:Invoice[$SupplierCountry = 'IS']` (or credit note).
fn icelandic<'d>(cx: &Ctx<'d>) -> Option<Element<'d>> {
    let root = cx.root;
    (is_ubl(root) && raw_country(root, &SUPPLIER_PARTY) == "IS").then_some(root)
}

/// `not(contains(normalize-space(code), ' ')) and contains(' 380 381 ', concat(' ',
/// normalize-space(code), ' '))`.
fn type_380_381(code: Option<Element<'_>>) -> bool {
    let v = normalize_space(&string_of(code)).into_owned();
    !v.contains(' ') && " 380 381 ".contains(&format!(" {v} "))
}

/// IS-R-001: an Icelandic seller's document type (BT-3) should be 380 or 381.
pub(super) fn is_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let ok = type_380_381(cbc_child(doc, "InvoiceTypeCode"))
            || type_380_381(cbc_child(doc, "CreditNoteTypeCode"));
        sink.check(doc, ok);
    }
}

/// `exists(cac:PostalAddress/cbc:StreetName) and exists(cac:PostalAddress/cbc:PostalZone)`.
fn street_and_zone(party: Option<Element<'_>>) -> bool {
    party.is_some_and(|p| {
        xpath::exists(p, &[cac("PostalAddress"), cbc("StreetName")])
            && xpath::exists(p, &[cac("PostalAddress"), cbc("PostalZone")])
    })
}

/// IS-R-002: an Icelandic seller gives its kennitala (BT-30, scheme 0196).
pub(super) fn is_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let ok = select(
            doc,
            &[
                cac("AccountingSupplierParty"),
                cac("Party"),
                cac("PartyLegalEntity"),
                cbc("CompanyID"),
            ],
        )
        .any(|id| id.attr("schemeID") == Some("0196"));
        sink.check(doc, ok);
    }
}

/// IS-R-003: an Icelandic seller's address has street (BT-35) and post code (BT-38).
pub(super) fn is_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let street = xpath::exists(
            doc,
            &[
                cac("AccountingSupplierParty"),
                cac("Party"),
                cac("PostalAddress"),
                cbc("StreetName"),
            ],
        );
        let zone = xpath::exists(
            doc,
            &[
                cac("AccountingSupplierParty"),
                cac("Party"),
                cac("PostalAddress"),
                cbc("PostalZone"),
            ],
        );
        sink.check(doc, street && zone);
    }
}

/// IS-R-006/007: payment means with code `code` give a 12-character account (BT-84).
fn account_of_12(doc: Element<'_>, code: &str) -> bool {
    let means: Vec<Element<'_>> = kids(doc, CAC, "PaymentMeans")
        .filter(|pm| kids(*pm, CBC, "PaymentMeansCode").any(|c| c.text() == code))
        .collect();
    if means.is_empty() {
        return true;
    }
    let account = means
        .iter()
        .find_map(|pm| first(*pm, &[cac("PayeeFinancialAccount"), cbc("ID")]));
    account.is_some_and(|a| string_length(&normalize_space(&a.string_value())) == 12)
}

/// IS-R-006: for payment means 9 (claim) an Icelandic seller gives a 12-digit account (BT-84).
pub(super) fn is_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        sink.check(doc, account_of_12(doc, "9"));
    }
}

/// IS-R-007: for payment means 42 an Icelandic seller gives a 12-digit account (BT-84).
pub(super) fn is_r_007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        sink.check(doc, account_of_12(doc, "42"));
    }
}

/// The `cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']` of a document.
fn eindagi<'d>(doc: Element<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    kids(doc, CAC, "AdditionalDocumentReference")
        .filter(|r| kids(*r, CBC, "DocumentDescription").any(|d| d.string_value() == "EINDAGI"))
}

/// IS-R-008: an EINDAGI reference's id (BT-122) is a date `YYYY-MM-DD`.
pub(super) fn is_r_008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let Some(r) = eindagi(doc).next() else {
            sink.check(doc, true);
            return;
        };
        let id = string_of(cbc_child(r, "ID"));
        sink.check(doc, string_length(&id) == 10 && xpath::date(&id).is_some());
    }
}

/// IS-R-009: an invoice with an EINDAGI reference has a due date (BT-9).
pub(super) fn is_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let ok = eindagi(doc).next().is_none() || has_cbc(doc, "DueDate");
        sink.check(doc, ok);
    }
}

/// IS-R-010: the EINDAGI date (BT-122) is on or after the due date (BT-9) (string comparison,
/// as both are untyped).
pub(super) fn is_r_010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = icelandic(cx) {
        let refs: Vec<Element<'_>> = eindagi(doc).collect();
        if refs.is_empty() {
            sink.check(doc, true);
            return;
        }
        let ok = kids(doc, CBC, "DueDate").any(|due| {
            let due = due.string_value();
            refs.iter()
                .flat_map(|r| kids(*r, CBC, "ID"))
                .any(|id| *due <= *id.string_value())
        });
        sink.check(doc, ok);
    }
}

/// The `…[IS and IS]/cac:AccountingCustomerParty` contexts of IS-R-004/005.
fn icelandic_buyers<'d>(cx: &Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    let on = icelandic(cx).is_some() && raw_country(cx.root, &CUSTOMER_PARTY) == "IS";
    kids(cx.root, CAC, "AccountingCustomerParty").filter(move |_| on)
}

/// IS-R-004: between Icelandic parties, the buyer's kennitala (BT-47, scheme 0196) is given.
pub(super) fn is_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for acp in icelandic_buyers(cx) {
        let ok = select(
            acp,
            &[cac("Party"), cac("PartyLegalEntity"), cbc("CompanyID")],
        )
        .any(|id| id.attr("schemeID") == Some("0196"));
        sink.check(acp, ok);
    }
}

/// IS-R-005: between Icelandic parties, the buyer's address has street (BT-50) and post code
/// (BT-53).
pub(super) fn is_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for acp in icelandic_buyers(cx) {
        sink.check(acp, street_and_zone(cac_party(acp)));
    }
}

fn cac_party(acp: Element<'_>) -> Option<Element<'_>> {
    acp.child(CAC, "Party")
}
