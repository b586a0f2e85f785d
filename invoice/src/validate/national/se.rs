//! SE-R-001…013 — Swedish national rules (PEPPOL BIS 3, SFTI): the seller's VAT number and
//! organisationsnummer (company registration number, BT-30) format and Luhn check digit,
//! "Godkänd för F-skatt" (approved for F-tax, the Swedish business tax registration, BT-32),
//! the Swedish standard VAT rates, and Bankgiro/Plusgiro payment accounts (BT-84).
//!
//! A seller is Swedish when any `cac:AccountingSupplierParty/cac:Party` has
//! `cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'SE'` (exact). The contexts use
//! `//`, so they match anywhere in the document; within the pattern a node is judged only by the
//! first rule whose context matches it (relevant for SE-R-011 versus SE-R-012).

use crate::validate::peppol::facts::{
    COUNTRY, cac, cbc, cbc_child, kids, norm_single, string_of, substring, upper, vat_schemes,
};
use crate::validate::peppol::identifiers::se_orgnr;
use crate::validate::xpath::{self, normalize_space, select, string_length};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// `cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'SE'` for a party.
fn in_sweden(party: Element<'_>) -> bool {
    select(party, &COUNTRY).any(|c| c.text() == "SE")
}

/// `cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2) = 'SE'`.
fn has_swedish_vat(party: Element<'_>) -> bool {
    vat_schemes(party).any(|pts| substring(&string_of(cbc_child(pts, "CompanyID")), 1, 2) == "SE")
}

/// Every `cac:AccountingSupplierParty/cac:Party` anywhere in the document.
fn supplier_parties<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "Party").filter(|p| {
        p.parent()
            .is_some_and(|a| a.is(CAC, "AccountingSupplierParty"))
    })
}

/// `//cac:AccountingSupplierParty/cac:Party[…SE…]` exists.
fn swedish_seller(cx: &Ctx<'_>) -> bool {
    supplier_parties(cx).any(in_sweden)
}

/// The first seller VAT identifier (`cac:PartyTaxScheme[VAT]/cbc:CompanyID`) of a party.
fn vat_id(party: Element<'_>) -> Option<Element<'_>> {
    vat_schemes(party).find_map(|pts| cbc_child(pts, "CompanyID"))
}

/// The seller parties of SE-R-001/002: Swedish address and a VAT id starting `SE`.
fn swedish_vat_sellers<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    supplier_parties(cx).filter(|p| in_sweden(*p) && has_swedish_vat(*p))
}

/// SE-R-001: a Swedish seller's VAT number (BT-31) has 14 characters.
pub(super) fn se_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in swedish_vat_sellers(cx) {
        let id = string_of(vat_id(party));
        sink.check(party, string_length(&normalize_space(&id)) == 14);
    }
}

/// SE-R-002: characters 3–14 of a Swedish seller's VAT number (BT-31) are numeric.
pub(super) fn se_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in swedish_vat_sellers(cx) {
        let id = string_of(vat_id(party));
        sink.check(party, !xpath::number(substring(&id, 3, 12)).is_nan());
    }
}

/// The `cac:PartyLegalEntity` contexts of SE-R-003/004/013: a Swedish seller's legal entity with
/// a `cbc:CompanyID` (BT-30, organisationsnummer).
fn swedish_legal_entities<'c, 'd>(
    cx: &'c Ctx<'d>,
) -> impl Iterator<Item = (Element<'d>, Element<'d>)> + 'c {
    supplier_parties(cx)
        .filter(|p| in_sweden(*p))
        .flat_map(|p| kids(p, CAC, "PartyLegalEntity"))
        .filter_map(|ple| cbc_child(ple, "CompanyID").map(|id| (ple, id)))
}

/// SE-R-003: a Swedish seller's organisationsnummer (BT-30) is numeric.
pub(super) fn se_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (ple, id) in swedish_legal_entities(cx) {
        sink.check(ple, !xpath::number(&id.string_value()).is_nan());
    }
}

/// SE-R-004: a Swedish seller's organisationsnummer (BT-30) has 10 characters.
pub(super) fn se_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (ple, id) in swedish_legal_entities(cx) {
        sink.check(
            ple,
            string_length(&normalize_space(&id.string_value())) == 10,
        );
    }
}

/// SE-R-013: the last digit of a Swedish seller's organisationsnummer (BT-30) is its Luhn check
/// digit.
pub(super) fn se_r_013(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (ple, id) in swedish_legal_entities(cx) {
        sink.check(ple, se_orgnr(&normalize_space(&id.string_value())));
    }
}

/// SE-R-005: a Swedish seller with an organisationsnummer that gives a non-VAT tax registration
/// (BT-32) must state "Godkänd för F-skatt".
pub(super) fn se_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let sellers = supplier_parties(cx).filter(|p| {
        in_sweden(*p)
            && select(*p, &[cac("PartyLegalEntity"), cbc("CompanyID")])
                .next()
                .is_some()
    });
    for party in sellers {
        for pts in kids(party, CAC, "PartyTaxScheme") {
            let scheme =
                crate::validate::peppol::facts::norm_single(pts, &[cac("TaxScheme"), cbc("ID")]);
            if scheme.is_none_or(|s| upper(s.into()) == "VAT") {
                continue;
            }
            for id in kids(pts, CBC, "CompanyID") {
                let value = normalize_space(&upper(id.string_value())).into_owned();
                sink.check(id, value == "GODKÄND FÖR F-SKATT");
            }
        }
    }
}

/// SE-R-006: a Swedish VAT-registered seller uses standard rate (category S) 25, 12 or 6 %.
pub(super) fn se_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !supplier_parties(cx).any(|p| in_sweden(p) && has_swedish_vat(p)) {
        return;
    }
    let categories = cx
        .named_ns(CAC, "TaxCategory")
        .chain(cx.named_ns(CAC, "ClassifiedTaxCategory"));
    for tc in categories {
        if !kids(tc, CBC, "ID").any(|id| id.text() == "S") {
            continue;
        }
        let rate = xpath::number(&string_of(cbc_child(tc, "Percent")));
        sink.check(tc, rate == 25.0 || rate == 12.0 || rate == 6.0);
    }
}

/// The payment accounts (BT-84) of SE-R-007…010: `cac:PayeeFinancialAccount/cbc:ID` of payment
/// means 30 whose branch (BT-86) is `branch`, for a Swedish seller.
fn giro_accounts<'c, 'd>(
    cx: &'c Ctx<'d>,
    branch: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    let swedish = swedish_seller(cx);
    cx.named_ns(CAC, "PaymentMeans")
        .filter(move |pm| {
            swedish
                && norm_single(*pm, &[cbc("PaymentMeansCode")]).is_some_and(|c| c == "30")
                && norm_single(
                    *pm,
                    &[
                        cac("PayeeFinancialAccount"),
                        cac("FinancialInstitutionBranch"),
                        cbc("ID"),
                    ],
                )
                .is_some_and(|b| b == branch)
        })
        .flat_map(|pm| select(pm, &PAYEE_ACCOUNT_ID))
}

/// `cac:PayeeFinancialAccount/cbc:ID`.
const PAYEE_ACCOUNT_ID: [(&str, &str); 2] = [cac("PayeeFinancialAccount"), cbc("ID")];

/// SE-R-007: a Plusgiro account (BT-84) is numeric.
pub(super) fn se_r_007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in giro_accounts(cx, "SE:PLUSGIRO") {
        sink.check(
            id,
            !xpath::number(&normalize_space(&id.string_value())).is_nan(),
        );
    }
}

/// SE-R-010: a Plusgiro account (BT-84) has 2–8 characters.
pub(super) fn se_r_010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in giro_accounts(cx, "SE:PLUSGIRO") {
        let n = string_length(&normalize_space(&id.string_value()));
        sink.check(id, (2..=8).contains(&n));
    }
}

/// SE-R-008: a Bankgiro account (BT-84) is numeric.
pub(super) fn se_r_008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in giro_accounts(cx, "SE:BANKGIRO") {
        sink.check(
            id,
            !xpath::number(&normalize_space(&id.string_value())).is_nan(),
        );
    }
}

/// SE-R-009: a Bankgiro account (BT-84) has 7 or 8 characters.
pub(super) fn se_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in giro_accounts(cx, "SE:BANKGIRO") {
        let n = string_length(&normalize_space(&id.string_value()));
        sink.check(id, n == 7 || n == 8);
    }
}

/// SE-R-011's context: payment means code (BT-81) `50` or `56` (exact) from a Swedish seller.
fn old_giro_code(pm: Element<'_>) -> bool {
    kids(pm, CBC, "PaymentMeansCode").any(|c| c.text() == "50" || c.text() == "56")
}

/// SE-R-011: Swedish sellers should not use the old giro payment means 50/56 (BT-81).
pub(super) fn se_r_011(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !swedish_seller(cx) {
        return;
    }
    for pm in cx.named_ns(CAC, "PaymentMeans") {
        if old_giro_code(pm) {
            sink.fire(pm);
        }
    }
}

/// SE-R-012: between Swedish seller and buyer, credit transfer should be payment means 30, not
/// 31 (BT-81).
pub(super) fn se_r_012(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !swedish_seller(cx) {
        return;
    }
    let swedish_buyer = cx
        .named_ns(CAC, "Party")
        .filter(|p| {
            p.parent()
                .is_some_and(|a| a.is(CAC, "AccountingCustomerParty"))
        })
        .any(in_sweden);
    if !swedish_buyer {
        return;
    }
    for pm in cx.named_ns(CAC, "PaymentMeans") {
        if old_giro_code(pm) {
            continue; // judged by SE-R-011
        }
        if kids(pm, CBC, "PaymentMeansCode").any(|c| c.text() == "31") {
            sink.fire(pm);
        }
    }
}
