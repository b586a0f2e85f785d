//! NL-R-001…009 — Dutch national rules (from the NLCIUS) for Dutch sellers: preceding invoice
//! reference on credit notes (BG-3), complete addresses (BG-5, BG-8, BG-12), KVK/OIN legal
//! registration (BT-30, BT-47), payment means (BG-16, BT-81) and order references (BT-13).
//!
//! "Dutch" is `upper-case(normalize-space(…/cac:Country/cbc:IdentificationCode)) = 'NL'` of the
//! root document's seller, buyer or tax representative.

use crate::validate::peppol::facts::{
    CUSTOMER_PARTY, SUPPLIER_PARTY, address_country_is, cac, cbc, cbc_child, first, has_cbc,
    is_credit_note, is_invoice, string_of,
};
use crate::validate::xpath::{self, normalize_space};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};
use rust_decimal::Decimal;

fn seller_nl(cx: &Ctx<'_>) -> bool {
    address_country_is(cx.root, &SUPPLIER_PARTY, "NL")
}

fn buyer_nl(cx: &Ctx<'_>) -> bool {
    address_country_is(cx.root, &CUSTOMER_PARTY, "NL")
}

/// Elements `cac:<role>/cac:Party/<child>` anywhere (`child` in `cac:`).
fn party_children<'c, 'd>(
    cx: &'c Ctx<'d>,
    role: &'static str,
    child: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, child).filter(move |e| {
        e.parent()
            .filter(|p| p.is(CAC, "Party"))
            .and_then(|p| p.parent())
            .is_some_and(|r| r.is(CAC, role))
    })
}

fn full_address(a: Element<'_>) -> bool {
    has_cbc(a, "StreetName") && has_cbc(a, "CityName") && has_cbc(a, "PostalZone")
}

/// NL-R-001: a Dutch seller's credit note references the invoice it corrects (BT-25).
pub(super) fn nl_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !seller_nl(cx) {
        return;
    }
    let has_ref = xpath::exists(
        cx.root,
        &[
            cac("BillingReference"),
            cac("InvoiceDocumentReference"),
            cbc("ID"),
        ],
    );
    for e in cx.named_ns(CBC, "CreditNoteTypeCode") {
        sink.check(e, has_ref);
    }
}

/// NL-R-002: a Dutch seller's address has street (BT-35), city (BT-37) and post code (BT-38).
pub(super) fn nl_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !seller_nl(cx) {
        return;
    }
    for a in party_children(cx, "AccountingSupplierParty", "PostalAddress") {
        sink.check(a, full_address(a));
    }
}

/// `@schemeID` is `0106` (KVK) or `0190` (OIN) and the value is not empty.
fn kvk_or_oin(id: Element<'_>) -> bool {
    let scheme = format!(" {} ", id.attr("schemeID").unwrap_or(""));
    let scheme_ok = scheme.contains(" 0106 ") || scheme.contains(" 0190 ");
    scheme_ok && !normalize_space(&id.string_value()).is_empty()
}

/// `cac:<role>/cac:Party/cac:PartyLegalEntity/cbc:CompanyID` anywhere.
fn legal_ids<'c, 'd>(
    cx: &'c Ctx<'d>,
    role: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CBC, "CompanyID").filter(move |e| {
        e.parent()
            .filter(|p| p.is(CAC, "PartyLegalEntity"))
            .and_then(|p| p.parent())
            .filter(|p| p.is(CAC, "Party"))
            .and_then(|p| p.parent())
            .is_some_and(|r| r.is(CAC, role))
    })
}

/// NL-R-003: a Dutch seller's legal registration (BT-30) is a KVK or OIN number.
pub(super) fn nl_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !seller_nl(cx) {
        return;
    }
    for id in legal_ids(cx, "AccountingSupplierParty") {
        sink.check(id, kvk_or_oin(id));
    }
}

/// NL-R-004: a Dutch buyer's address (Dutch seller) has street (BT-50), city (BT-52) and post
/// code (BT-53).
pub(super) fn nl_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !(seller_nl(cx) && buyer_nl(cx)) {
        return;
    }
    for a in party_children(cx, "AccountingCustomerParty", "PostalAddress") {
        sink.check(a, full_address(a));
    }
}

/// NL-R-005: a Dutch buyer's legal registration (BT-47) is a KVK or OIN number.
pub(super) fn nl_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !(seller_nl(cx) && buyer_nl(cx)) {
        return;
    }
    for id in legal_ids(cx, "AccountingCustomerParty") {
        sink.check(id, kvk_or_oin(id));
    }
}

/// NL-R-006: a Dutch tax representative's address (BG-12) has street, city and post code.
pub(super) fn nl_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let representative_nl = address_country_is(cx.root, &[cac("TaxRepresentativeParty")], "NL");
    if !(seller_nl(cx) && representative_nl) {
        return;
    }
    for a in cx.named_ns(CAC, "PostalAddress") {
        if a.parent()
            .is_some_and(|p| p.is(CAC, "TaxRepresentativeParty"))
        {
            sink.check(a, full_address(a));
        }
    }
}

/// NL-R-007: a Dutch seller gives payment means (BG-16) when the buyer is to pay.
pub(super) fn nl_r_007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !seller_nl(cx) {
        return;
    }
    let has_means = cx.named_ns(CAC, "PaymentMeans").next().is_some();
    for lmt in cx.named_ns(CAC, "LegalMonetaryTotal") {
        let due = cbc_child(lmt, "PayableAmount").and_then(|p| xpath::decimal(p.text()));
        let no_payment = match due {
            Some(d) => {
                (is_invoice(cx.root) && d <= Decimal::ZERO)
                    || (is_credit_note(cx.root) && d >= Decimal::ZERO)
            }
            None => false,
        };
        sink.check(lmt, no_payment || has_means);
    }
}

/// NL-R-008: between Dutch parties the payment means code (BT-81) is 30, 48, 49, 57, 58 or 59.
pub(super) fn nl_r_008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !(seller_nl(cx) && buyer_nl(cx)) {
        return;
    }
    for pm in cx.named_ns(CAC, "PaymentMeans") {
        let code = normalize_space(&string_of(cbc_child(pm, "PaymentMeansCode"))).into_owned();
        sink.check(
            pm,
            matches!(code.as_str(), "30" | "48" | "49" | "57" | "58" | "59"),
        );
    }
}

/// NL-R-009: a Dutch seller using order line references (BT-132) gives an order reference
/// (BT-13).
pub(super) fn nl_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !seller_nl(cx) {
        return;
    }
    let has_order = first(cx.root, &[cac("OrderReference"), cbc("ID")]).is_some();
    for e in cx.named_ns(CBC, "LineID") {
        if e.parent().is_some_and(|p| p.is(CAC, "OrderLineReference")) {
            sink.check(e, has_order);
        }
    }
}
