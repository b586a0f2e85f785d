//! SFTI rules on `AdditionalDocumentReference/cac:ID` and its scheme attributes (R-29 as
//! information, R-30, R-31, R-84 … R-87): the schemes SFTI documents are CT, ACD, DQ and ATS
//! under agency `SFTI`; anything else must be agreed bilaterally.

use super::eval::path;
use super::{CAC, SFTI, invoice};
use crate::validate::{Ctx, Severity, Sink};
use crate::xml::Element;

/// The official test `contains('[CT][ACD][DQ][ATS]', concat('[', @identificationSchemeID, ']'))`
/// — a substring test, mirrored as such (an absent attribute gives `[]`, which is not found).
fn documented(scheme: Option<&str>) -> bool {
    const LIST: &str = "[CT][ACD][DQ][ATS]";
    LIST.contains(&format!("[{}]", scheme.unwrap_or("")))
}

/// Every `sfti:Invoice/sfti:AdditionalDocumentReference/cac:ID` with its agency and scheme.
fn ids<'d>(cx: &Ctx<'d>) -> Vec<(Element<'d>, Option<&'d str>, Option<&'d str>)> {
    let Some(inv) = invoice(cx) else {
        return Vec::new();
    };
    path(inv, &[(SFTI, "AdditionalDocumentReference"), (CAC, "ID")])
        .map(|id| {
            (
                id,
                id.attr("identificationSchemeAgencyName"),
                id.attr("identificationSchemeID"),
            )
        })
        .collect()
}

/// R-84 (information): agency and scheme both given: agency SFTI or a documented scheme.
pub(super) fn r_84(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if let (Some(a), Some(_)) = (agency, scheme) {
            sink.check(id, a == "SFTI" || documented(scheme));
        }
    }
}

/// R-31 (warning): a documented scheme needs agency SFTI.
pub(super) fn r_31(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if let Some(a) = agency
            && documented(scheme)
        {
            sink.check(id, a == "SFTI");
        }
    }
}

/// R-85 (information): an agency without a scheme must be SFTI.
pub(super) fn r_85(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if let (Some(a), None) = (agency, scheme) {
            sink.check(id, a == "SFTI");
        }
    }
}

/// R-29 (information): with agency SFTI, the scheme is one SFTI documents.
pub(super) fn r_29_scheme(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if agency == Some("SFTI") && scheme.is_some() && !documented(scheme) {
            sink.fire_as(id, Severity::Information);
        }
    }
}

/// R-30 (warning): agency SFTI without a scheme always needs one of SFTI's schemes.
pub(super) fn r_30(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if agency == Some("SFTI") && scheme.is_none() {
            sink.fire(id);
        }
    }
}

/// R-86 (warning): a documented scheme without an agency: the agency must be SFTI.
pub(super) fn r_86(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if agency.is_none() && scheme.is_some() {
            sink.check(id, !documented(scheme));
        }
    }
}

/// R-87 (information): an undocumented scheme without an agency must be agreed bilaterally.
pub(super) fn r_87(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (id, agency, scheme) in ids(cx) {
        if agency.is_none() && scheme.is_some() {
            sink.check(id, documented(scheme));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::documented;

    #[test]
    fn documented_is_the_official_substring_test() {
        for s in ["CT", "ACD", "DQ", "ATS", "CT][ACD", "ACD][DQ][ATS"] {
            assert!(documented(Some(s)), "{s}");
        }
        for s in ["", "C", "AC", "ct", "XX", "CT]"] {
            assert!(!documented(Some(s)), "{s}");
        }
        assert!(!documented(None));
    }
}
