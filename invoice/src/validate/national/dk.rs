//! DK-R-* — Danish national rules for Danish sellers (and buyers): CVR numbers (BT-30, BT-47,
//! scheme 0184), party identifiers (BT-29, BT-46), payment means and their references
//! (BT-81…BT-91), UNSPSC item classification (BT-158), non-VAT taxes as charges (BT-104/105).
//!
//! "Danish" reads the raw (un-normalised) address country code of the root document's seller
//! and buyer (`$DKSupplierCountry`, `$DKCustomerCountry`). DK-R-017 is new in 2026.5; DK-R-003
//! became an error there (`ruleset.rs` overrides its flag).

use crate::validate::peppol::facts::{
    CUSTOMER_PARTY, SUPPLIER_PARTY, cac, cbc, cbc_child, first, has_cbc, is_credit_note,
    is_invoice, is_ubl, kids, raw_country, string_of, substring,
};
use crate::validate::xpath::{self, normalize_space, select, string_length};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// `$DKSupplierCountry = 'DK'` (for a UBL root).
fn danish_seller_of(root: Element<'_>) -> bool {
    is_ubl(root) && raw_country(root, &SUPPLIER_PARTY) == "DK"
}

/// `$DKSupplierCountry = 'DK' and $DKCustomerCountry = 'DK'`.
fn danish_both_of(root: Element<'_>) -> bool {
    danish_seller_of(root) && raw_country(root, &CUSTOMER_PARTY) == "DK"
}

/// `$DKSupplierCountry = 'DK'` and `… and $DKCustomerCountry = 'DK'`, computed once per document.
struct Danish {
    seller: bool,
    both: bool,
}

fn danish(cx: &Ctx<'_>) -> std::rc::Rc<Danish> {
    cx.memo(|cx| Danish {
        seller: danish_seller_of(cx.root),
        both: danish_both_of(cx.root),
    })
}

fn danish_seller(cx: &Ctx<'_>) -> bool {
    danish(cx).seller
}

fn danish_both(cx: &Ctx<'_>) -> bool {
    danish(cx).both
}

/// `/*/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID`.
const SELLER_LEGAL_ID: [(&str, &str); 4] = [
    cac("AccountingSupplierParty"),
    cac("Party"),
    cac("PartyLegalEntity"),
    cbc("CompanyID"),
];

/// DK-R-002: a Danish seller gives its legal registration (CVR) number (BT-30).
pub(super) fn dk_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if danish_seller(cx) {
        let id = first(root, &SELLER_LEGAL_ID);
        sink.check(root, xpath::has_text(id));
    }
}

/// `not(exists(CompanyID) and normalize-space(CompanyID/@schemeID) != '0184')`.
fn cvr_scheme_ok(id: Option<Element<'_>>) -> bool {
    match id {
        None => true,
        Some(id) => normalize_space(id.attr("schemeID").unwrap_or("")) == "0184",
    }
}

/// DK-R-014: a Danish seller's legal registration (BT-30) uses scheme 0184 (CVR).
pub(super) fn dk_r_014(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if danish_seller(cx) {
        sink.check(root, cvr_scheme_ok(first(root, &SELLER_LEGAL_ID)));
    }
}

/// DK-R-016: a Danish seller's credit note to a Danish buyer cannot have a negative amount due
/// (BT-115).
pub(super) fn dk_r_016(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if !danish_seller(cx) {
        return;
    }
    let negative = is_credit_note(root)
        && raw_country(root, &CUSTOMER_PARTY) == "DK"
        && xpath::number(
            first(root, &[cac("LegalMonetaryTotal"), cbc("PayableAmount")])
                .map_or("", |e| e.text()),
        ) < 0.0;
    sink.check(root, !negative);
}

/// DK-R-013: between Danish parties, a party identifier (BT-29, BT-46) has a scheme.
pub(super) fn dk_r_013(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if !danish_both(cx) {
        return;
    }
    for role in ["AccountingSupplierParty", "AccountingCustomerParty"] {
        let parties = kids(root, CAC, role).flat_map(|r| kids(r, CAC, "Party"));
        for pi in parties.flat_map(|p| kids(p, CAC, "PartyIdentification")) {
            let bad = cbc_child(pi, "ID")
                .is_some_and(|id| normalize_space(id.attr("schemeID").unwrap_or("")).is_empty());
            sink.check(pi, !bad);
        }
    }
}

/// The `Invoice[DK and DK]/cac:PaymentMeans` contexts of DK-R-005…011 (invoices only).
fn payment_means<'d>(cx: &Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    let root = cx.root;
    let on = is_invoice(root) && danish_both(cx);
    kids(root, CAC, "PaymentMeans").filter(move |_| on)
}

/// `cbc:PaymentMeansCode = code` (exact, any of several).
fn code_is(pm: Element<'_>, code: &str) -> bool {
    kids(pm, CBC, "PaymentMeansCode").any(|c| c.text() == code)
}

/// `substring(cbc:PaymentID, 1, 3)` is one of `prefixes`.
fn payment_id_prefix(pm: Element<'_>, prefixes: &[&str]) -> bool {
    let id = string_of(cbc_child(pm, "PaymentID"));
    prefixes.contains(&substring(&id, 1, 3))
}

/// `string-length(cbc:PaymentID)`.
fn payment_id_len(pm: Element<'_>) -> usize {
    string_length(&string_of(cbc_child(pm, "PaymentID")))
}

/// DK-R-005: Danish payment means codes (BT-81) are limited to 1, 10, 31, 42, 48, 49, 50, 58,
/// 59, 93 and 97.
pub(super) fn dk_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const CODES: &str = " 1 10 31 42 48 49 50 58 59 93 97 ";
    for pm in payment_means(cx) {
        let code = string_of(cbc_child(pm, "PaymentMeansCode"));
        let token = format!(" {code} ");
        sink.check(pm, CODES.contains(&token));
    }
}

/// DK-R-006: for payment means 31 or 42 the account (BT-84) and the registration number
/// (BT-86) are mandatory.
pub(super) fn dk_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "31") || code_is(pm, "42") {
            let account = first(pm, &[cac("PayeeFinancialAccount"), cbc("ID")]);
            let branch = first(
                pm,
                &[
                    cac("PayeeFinancialAccount"),
                    cac("FinancialInstitutionBranch"),
                    cbc("ID"),
                ],
            );
            sink.check(pm, xpath::has_text(account) && xpath::has_text(branch));
        }
    }
}

/// DK-R-007: for payment means 49 the mandate reference (BT-89) and debited account (BT-91)
/// are mandatory.
pub(super) fn dk_r_007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "49") {
            let mandate = first(pm, &[cac("PaymentMandate"), cbc("ID")]);
            let account = first(
                pm,
                &[
                    cac("PaymentMandate"),
                    cac("PayerFinancialAccount"),
                    cbc("ID"),
                ],
            );
            sink.check(pm, xpath::has_text(mandate) && xpath::has_text(account));
        }
    }
}

/// DK-R-008: for payment means 50 (giro) the payment id (BT-83) starts 01#, 04# or 15# and the
/// giro account (BT-84) has 7–8 digits.
pub(super) fn dk_r_008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "50") {
            let account = string_of(first(pm, &[cac("PayeeFinancialAccount"), cbc("ID")]));
            let digits =
                (7..=8).contains(&account.len()) && account.bytes().all(|b| b.is_ascii_digit());
            sink.check(pm, payment_id_prefix(pm, &["01#", "04#", "15#"]) && digits);
        }
    }
}

/// DK-R-009: for giro with prefix 04# or 15# the payment id (BT-83) has 19 characters.
pub(super) fn dk_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "50") && payment_id_prefix(pm, &["04#", "15#"]) {
            sink.check(pm, payment_id_len(pm) == 19);
        }
    }
}

/// DK-R-010: for payment means 93 (FIK) the payment id (BT-83) starts 71#, 73# or 75# and the
/// creditor number (BT-84) has 8 characters.
pub(super) fn dk_r_010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "93") {
            let account = first(pm, &[cac("PayeeFinancialAccount"), cbc("ID")]);
            let len = account.map_or(0, |a| string_length(a.text()));
            sink.check(
                pm,
                payment_id_prefix(pm, &["71#", "73#", "75#"]) && len == 8,
            );
        }
    }
}

/// DK-R-011: for FIK with prefix 71# or 75# the payment id (BT-83) has 18 or 19 characters.
pub(super) fn dk_r_011(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx) {
        if code_is(pm, "93") && payment_id_prefix(pm, &["71#", "75#"]) {
            let n = payment_id_len(pm);
            sink.check(pm, n == 18 || n == 19);
        }
    }
}

/// DK-R-017 (2026.5): a Danish buyer's legal registration (BT-47) uses scheme 0184 (CVR).
pub(super) fn dk_r_017(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if !danish_both(cx) {
        return;
    }
    for party in kids(root, CAC, "AccountingCustomerParty").flat_map(|r| kids(r, CAC, "Party")) {
        let id = first(party, &[cac("PartyLegalEntity"), cbc("CompanyID")]);
        sink.check(party, cvr_scheme_ok(id));
    }
}

/// `cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode`.
const CLASSIFICATION: [(&str, &str); 3] = [
    cac("Item"),
    cac("CommodityClassification"),
    cbc("ItemClassificationCode"),
];

/// DK-R-003: Danish item classification (BT-158) with list `TST` (UNSPSC) should use version
/// 19.05.01 or 26.08.01.
pub(super) fn dk_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if !danish_both(cx) {
        return;
    }
    let line = if is_invoice(root) {
        "InvoiceLine"
    } else {
        "CreditNoteLine"
    };
    for l in kids(root, CAC, line) {
        let tst = select(l, &CLASSIFICATION).any(|c| c.attr("listID") == Some("TST"));
        if !tst {
            continue;
        }
        let version_ok = select(l, &CLASSIFICATION).any(|c| {
            matches!(
                c.attr("listVersionID"),
                Some("19.05.01" | "19.0501" | "26.08.01" | "26.0801")
            )
        });
        sink.check(l, version_ok);
    }
}

/// DK-R-004: between Danish parties, a non-VAT tax as charge with reason code ZZZ (BT-105)
/// gives a 4-digit tax category or a `#`-separated text (not first or last) as reason (BT-104).
pub(super) fn dk_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !danish_both(cx) {
        return;
    }
    for ac in cx.named_ns(CAC, "AllowanceCharge") {
        if !kids(ac, CBC, "AllowanceChargeReasonCode").any(|c| c.text() == "ZZZ") {
            continue;
        }
        let reason = cbc_child(ac, "AllowanceChargeReason");
        let text = string_of(reason);
        let own = reason.map_or("", |r| r.text());
        let n = xpath::number(&text);
        let four_digits = string_length(&normalize_space(own)) == 4 && (0.0..=9999.0).contains(&n);
        let hashed = has_cbc(ac, "AllowanceChargeReason")
            && text.contains('#')
            && !text.starts_with('#')
            && !text.ends_with('#');
        sink.check(ac, four_digits || hashed);
    }
}
