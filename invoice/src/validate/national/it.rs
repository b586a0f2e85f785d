//! IT-R-001…004 — Italian national rules for Italian sellers (`$supplierCountry = 'IT'`): the
//! tax registration identifier (BT-32) format and the seller's postal address (BT-35, BT-37,
//! BT-38).

use crate::validate::peppol::facts::{cac, cbc, cbc_child, countries, kids, string_of};
use crate::validate::xpath::{self, normalize_space};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::CAC;

/// The `cac:AccountingSupplierParty/cac:Party` contexts when the supplier country is Italy.
fn italian_sellers<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    let italian = countries(cx).supplier == "IT";
    cx.named_ns(CAC, "Party").filter(move |p| {
        italian
            && p.parent()
                .is_some_and(|a| a.is(CAC, "AccountingSupplierParty"))
    })
}

/// IT-R-001: an Italian seller's tax registration identifier (BT-32) has 11–16 upper-case
/// letters or digits.
pub(super) fn it_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in italian_sellers(cx) {
        for pts in kids(party, CAC, "PartyTaxScheme") {
            let scheme =
                crate::validate::peppol::facts::norm_single(pts, &[cac("TaxScheme"), cbc("ID")]);
            if scheme.is_none_or(|s| s == "VAT") {
                continue;
            }
            let id = normalize_space(&string_of(cbc_child(pts, "CompanyID"))).into_owned();
            let ok = (11..=16).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            sink.check(pts, ok);
        }
    }
}

fn address_has(party: Element<'_>, local: &'static str) -> bool {
    xpath::exists(party, &[cac("PostalAddress"), cbc(local)])
}

/// IT-R-002: an Italian seller gives the address line 1 (BT-35).
pub(super) fn it_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in italian_sellers(cx) {
        sink.check(party, address_has(party, "StreetName"));
    }
}

/// IT-R-003: an Italian seller gives the city (BT-37).
pub(super) fn it_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in italian_sellers(cx) {
        sink.check(party, address_has(party, "CityName"));
    }
}

/// IT-R-004: an Italian seller gives the post code (BT-38).
pub(super) fn it_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in italian_sellers(cx) {
        sink.check(party, address_has(party, "PostalZone"));
    }
}
