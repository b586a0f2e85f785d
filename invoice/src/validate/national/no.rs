//! NO-R-001, NO-R-002 — Norwegian national rules: the seller's VAT number (BT-31) format and
//! "Foretaksregisteret" (BT-32) for Norwegian sellers (`$supplierCountry = 'NO'`).

use crate::validate::peppol::facts::{
    cbc_child, countries, schemes_normalized, string_of, substring, substring_from,
};
use crate::validate::peppol::identifiers::mod11;
use crate::validate::xpath::normalize_space;
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::CAC;

/// The `cac:AccountingSupplierParty/cac:Party` contexts when the supplier country is Norway.
fn norwegian_sellers<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    let norwegian = countries(cx).supplier == "NO";
    cx.named_ns(CAC, "Party").filter(move |p| {
        norwegian
            && p.parent()
                .is_some_and(|a| a.is(CAC, "AccountingSupplierParty"))
    })
}

/// NO-R-002: a Norwegian seller should state "Foretaksregisteret" as tax registration (BT-32).
pub(super) fn no_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in norwegian_sellers(cx) {
        let id = schemes_normalized(party, "TAX").find_map(|pts| cbc_child(pts, "CompanyID"));
        sink.check(
            party,
            normalize_space(&string_of(id)) == "Foretaksregisteret",
        );
    }
}

/// NO-R-001: a Norwegian seller's VAT number (BT-31) is `NO` + organisation number (nine digits,
/// valid check digit) + `MVA`.
pub(super) fn no_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in norwegian_sellers(cx) {
        let id = schemes_normalized(party, "VAT").find_map(|pts| cbc_child(pts, "CompanyID"));
        let has_vat = schemes_normalized(party, "VAT").next().is_some();
        let id = string_of(id);
        let is_no = has_vat && substring(&id, 1, 2) == "NO";
        let rest = substring_from(&id, 3);
        let formatted = rest.len() == 12
            && rest.as_bytes()[..9].iter().all(u8::is_ascii_digit)
            && &rest.as_bytes()[9..] == b"MVA";
        sink.check(party, !is_no || (formatted && mod11(substring(&id, 3, 9))));
    }
}
