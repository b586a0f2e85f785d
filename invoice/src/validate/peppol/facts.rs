//! The PEPPOL Schematron's document-level variables (`<let>` at schema level), computed from the
//! root of the document under judgement, plus the small path helpers the PEPPOL and national
//! rules share.
//!
//! Semantics follow XPath 2.0 on untyped documents: a missing element is the empty sequence; when
//! the official expression would raise a dynamic error (e.g. `normalize-space()` of two nodes),
//! the first node is used — such documents make the official validator abort, so no answer can
//! agree with it anyway.

use std::borrow::Cow;
use std::rc::Rc;

use crate::validate::xpath::{normalize_space, select};
use crate::validate::{Ctx, RuleSetId};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC, UBL_CREDIT_NOTE, UBL_INVOICE};

/// A child step in the `cac:` namespace.
pub(crate) const fn cac(local: &'static str) -> (&'static str, &'static str) {
    (CAC, local)
}

/// A child step in the `cbc:` namespace.
pub(crate) const fn cbc(local: &'static str) -> (&'static str, &'static str) {
    (CBC, local)
}

/// `cac:AccountingSupplierParty/cac:Party`.
pub(crate) const SUPPLIER_PARTY: [(&str, &str); 2] = [cac("AccountingSupplierParty"), cac("Party")];
/// `cac:AccountingCustomerParty/cac:Party`.
pub(crate) const CUSTOMER_PARTY: [(&str, &str); 2] = [cac("AccountingCustomerParty"), cac("Party")];
/// `cac:PostalAddress/cac:Country/cbc:IdentificationCode` below a party.
pub(crate) const COUNTRY: [(&str, &str); 3] = [
    cac("PostalAddress"),
    cac("Country"),
    cbc("IdentificationCode"),
];

/// True when `root` is a UBL `Invoice` (`/ubl-invoice:Invoice` exists).
pub(crate) fn is_invoice(root: Element<'_>) -> bool {
    root.is(UBL_INVOICE, "Invoice")
}

/// True when `root` is a UBL `CreditNote`.
pub(crate) fn is_credit_note(root: Element<'_>) -> bool {
    root.is(UBL_CREDIT_NOTE, "CreditNote")
}

/// True when `root` is a UBL `Invoice` or `CreditNote`.
pub(crate) fn is_ubl(root: Element<'_>) -> bool {
    is_invoice(root) || is_credit_note(root)
}

/// The first element of a relative child path, in document order.
pub(crate) fn first<'d>(from: Element<'d>, steps: &[(&str, &str)]) -> Option<Element<'d>> {
    select(from, steps).next()
}

/// Child elements `ns:local` of `e`, as an iterator that owns its handle (unlike
/// `Element::children_named`, which borrows `e`).
pub(crate) fn kids<'d>(
    e: Element<'d>,
    ns: &'static str,
    local: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'd {
    e.children().filter(move |c| c.is(ns, local))
}

/// The first child `cbc:<local>`.
pub(crate) fn cbc_child<'d>(e: Element<'d>, local: &str) -> Option<Element<'d>> {
    e.child(CBC, local)
}

/// The first child `cac:<local>`.
pub(crate) fn cac_child<'d>(e: Element<'d>, local: &str) -> Option<Element<'d>> {
    e.child(CAC, local)
}

/// True when the element has a child `cbc:<local>` (`exists(cbc:X)`).
pub(crate) fn has_cbc(e: Element<'_>, local: &str) -> bool {
    cbc_child(e, local).is_some()
}

/// The string value of an optional node (`string(())` is `""`).
pub(crate) fn string_of(e: Option<Element<'_>>) -> Cow<'_, str> {
    e.map_or(Cow::Borrowed(""), |e| e.string_value())
}

/// XPath `substring(s, start, len)` for the positive, in-range arguments the rules use
/// (1-based `start`, counted in characters).
pub(crate) fn substring(s: &str, start: usize, len: usize) -> &str {
    let mut it = s.char_indices().skip(start.saturating_sub(1));
    let Some((from, _)) = it.next() else {
        return "";
    };
    let to = s[from..]
        .char_indices()
        .nth(len)
        .map_or(s.len(), |(i, _)| from + i);
    &s[from..to]
}

/// XPath `substring(s, start)` (to the end).
pub(crate) fn substring_from(s: &str, start: usize) -> &str {
    s.char_indices()
        .nth(start.saturating_sub(1))
        .map_or("", |(i, _)| &s[i..])
}

/// XPath `upper-case(s)`, borrowing when nothing changes.
pub(crate) fn upper(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.chars().any(|c| c.is_lowercase() || !c.is_ascii()) {
        let u = s.to_uppercase();
        if u != *s {
            return Cow::Owned(u);
        }
    }
    s
}

/// `cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']` of a party (exact, un-normalised
/// comparison, any of several scheme ids).
pub(crate) fn vat_schemes<'d>(party: Element<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    kids(party, CAC, "PartyTaxScheme")
        .filter(|pts| select(*pts, &[cac("TaxScheme"), cbc("ID")]).any(|id| id.text() == "VAT"))
}

/// `normalize-space(path)` where XPath expects a single node: `None` when the path reaches
/// several nodes (a dynamic error; a rule context using it then does not match the node).
pub(crate) fn norm_single(from: Element<'_>, steps: &[(&str, &str)]) -> Option<String> {
    let mut nodes = select(from, steps);
    let first = nodes.next();
    if nodes.next().is_some() {
        return None;
    }
    Some(normalize_space(&string_of(first)).into_owned())
}

/// `cac:TaxScheme/cbc:ID` below a `cac:PartyTaxScheme`.
pub(crate) const TAX_SCHEME_ID: [(&str, &str); 2] = [cac("TaxScheme"), cbc("ID")];

/// `cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = name]` of a party.
pub(crate) fn schemes_normalized<'d>(
    party: Element<'d>,
    name: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'd {
    kids(party, CAC, "PartyTaxScheme")
        .filter(move |pts| norm_single(*pts, &TAX_SCHEME_ID).is_some_and(|id| id == name))
}

/// The value a country variable takes when the official expression raises a dynamic error (a
/// sequence of several items where one is expected, e.g. two seller country codes). It equals no
/// country code, so every rule context that tests the variable does not match — the official
/// processor treats an error while matching a pattern as "no match".
pub(crate) const EVAL_ERROR: &str = "\u{0}error";

/// The value of the `if (…/cac:PartyTaxScheme[…VAT]/substring(cbc:CompanyID, 1, 2)) then
/// upper-case(normalize-space(…))` branch used by `$supplierCountry` and friends: `Some` when the
/// VAT scheme has a non-empty two-letter prefix ([`EVAL_ERROR`] when there are several).
fn vat_prefix<'d>(parties: impl Iterator<Item = Element<'d>>) -> Option<Cow<'d, str>> {
    let mut schemes = parties.flat_map(vat_schemes);
    let pts = schemes.next()?;
    if schemes.next().is_some() {
        return Some(Cow::Borrowed(EVAL_ERROR));
    }
    let mut ids = kids(pts, CBC, "CompanyID");
    let company = string_of(ids.next());
    if ids.next().is_some() {
        return Some(Cow::Borrowed(EVAL_ERROR));
    }
    let prefix = substring(&company, 1, 2);
    if prefix.is_empty() {
        return None;
    }
    Some(Cow::Owned(upper(normalize_space(prefix)).into_owned()))
}

/// The party's country code elements (`…/cac:PostalAddress/cac:Country/cbc:IdentificationCode`)
/// below `root`: `Err` when there are several (a single value is expected).
fn country_code<'d>(root: Element<'d>, party: &[(&str, &str)]) -> Result<Option<Element<'d>>, ()> {
    let mut steps: [(&str, &str); 5] = [("", ""); 5];
    steps[..party.len()].copy_from_slice(party);
    steps[party.len()..party.len() + 3].copy_from_slice(&COUNTRY);
    let mut codes = select(root, &steps[..party.len() + 3]);
    let first = codes.next();
    if codes.next().is_some() {
        return Err(());
    }
    Ok(first)
}

/// `upper-case(normalize-space(code))` of a party's country code, when the element exists.
fn address_country<'d>(root: Element<'d>, party: &[(&str, &str)]) -> Option<Cow<'d, str>> {
    match country_code(root, party) {
        Err(()) => Some(Cow::Borrowed(EVAL_ERROR)),
        Ok(code) => code.map(|c| upper(normalize_space(c.text()))),
    }
}

/// `$supplierCountry`: the seller's VAT-id prefix, else the tax representative's VAT-id prefix,
/// else the seller's address country, else `XX`; upper-cased.
pub(crate) fn supplier_country(root: Element<'_>) -> Cow<'_, str> {
    vat_prefix(select(root, &SUPPLIER_PARTY))
        .or_else(|| vat_prefix(kids(root, CAC, "TaxRepresentativeParty")))
        .or_else(|| address_country(root, &SUPPLIER_PARTY))
        .unwrap_or(Cow::Borrowed("XX"))
}

/// The three country variables, computed once per document (several national patterns use them).
#[derive(Debug)]
pub(crate) struct Countries {
    /// `$supplierCountry`.
    pub supplier: String,
    /// `$customerCountry`.
    pub customer: String,
    /// `$accountingSupplierCountry`.
    pub accounting_supplier: String,
}

/// The document's [`Countries`], shared through the context's per-document cache.
pub(crate) fn countries(cx: &Ctx<'_>) -> Rc<Countries> {
    cx.memo(|cx| Countries {
        supplier: supplier_country(cx.root).into_owned(),
        customer: customer_country(cx.root).into_owned(),
        accounting_supplier: accounting_supplier_country(cx.root).into_owned(),
    })
}

/// `$accountingSupplierCountry` (Greek rules): like [`supplier_country`] without the tax
/// representative.
pub(crate) fn accounting_supplier_country(root: Element<'_>) -> Cow<'_, str> {
    vat_prefix(select(root, &SUPPLIER_PARTY))
        .or_else(|| address_country(root, &SUPPLIER_PARTY))
        .unwrap_or(Cow::Borrowed("XX"))
}

/// `$customerCountry`: the buyer's VAT-id prefix, else the buyer's address country, else `XX`.
pub(crate) fn customer_country(root: Element<'_>) -> Cow<'_, str> {
    vat_prefix(select(root, &CUSTOMER_PARTY))
        .or_else(|| address_country(root, &CUSTOMER_PARTY))
        .unwrap_or(Cow::Borrowed("XX"))
}

/// `upper-case(normalize-space(/*/<party>/cac:PostalAddress/cac:Country/cbc:IdentificationCode))
/// = code` — the address-only country tests (`$supplierCountryIsDE`, `$supplierCountryIsNL`, …).
pub(crate) fn address_country_is(root: Element<'_>, party: &[(&str, &str)], code: &str) -> bool {
    address_country(root, party).is_some_and(|c| c == code)
}

/// `$supplierCountryIsDE and $customerCountryIsDE`.
pub(crate) fn both_german(root: Element<'_>) -> bool {
    address_country_is(root, &SUPPLIER_PARTY, "DE")
        && address_country_is(root, &CUSTOMER_PARTY, "DE")
}

/// The raw (un-normalised) country code of a party's address, as the Danish and Icelandic
/// patterns read it with `concat(…)` ([`EVAL_ERROR`] when there are several).
pub(crate) fn raw_country<'d>(root: Element<'d>, party: &[(&str, &str)]) -> &'d str {
    match country_code(root, party) {
        Err(()) => EVAL_ERROR,
        Ok(code) => code.map_or("", |e| e.text()),
    }
}

/// `$profile`: the business process number of `cbc:ProfileID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Process `01` (billing).
    P01,
    /// Process `02` (2026.5: billing with response).
    P02,
    /// Some other process number (3.0.19 only).
    Other,
    /// Not a recognised profile identifier.
    Unknown,
}

/// `$profile` as the given release computes it.
///
/// 3.0.19: `urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0` found anywhere in the normalised
/// ProfileID (an unanchored regex whose dots match any character), the seventh `:`-token.
/// 2026.5: an exact list (`…billing:01:1.0` and the two French profiles are `01`,
/// `urn:peppol:bis:billing_with_response` is `02`).
pub(crate) fn profile(root: Element<'_>, release: RuleSetId) -> Profile {
    let Some(id) = cbc_child(root, "ProfileID") else {
        return Profile::Unknown;
    };
    let value = normalize_space(id.text());
    if release == RuleSetId::Peppol2026_5 {
        return match &*value {
            "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
            | "urn:peppol:france:billing:regulated"
            | "urn:peppol:france:billing:non-regulated" => Profile::P01,
            "urn:peppol:bis:billing_with_response" => Profile::P02,
            _ => Profile::Unknown,
        };
    }
    if !contains_profile_pattern(&value) {
        return Profile::Unknown;
    }
    match value.split(':').nth(6) {
        Some("01") => Profile::P01,
        Some("02") => Profile::P02,
        _ => Profile::Other,
    }
}

/// Unanchored match of `urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0`, where `.` is any
/// character except a line break.
fn contains_profile_pattern(s: &str) -> bool {
    const PATTERN: &str = "urn:fdc:peppol.eu:2017:poacc:billing:##:1.0";
    let chars: Vec<char> = s.chars().collect();
    let pat: Vec<char> = PATTERN.chars().collect();
    chars.windows(pat.len()).any(|w| {
        w.iter().zip(&pat).all(|(c, p)| match p {
            '.' => *c != '\n' && *c != '\r',
            '#' => c.is_ascii_digit(),
            _ => c == p,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substrings_count_characters() {
        assert_eq!(substring("SE5560000001", 1, 2), "SE");
        assert_eq!(substring("SE5560000001", 3, 12), "5560000001");
        assert_eq!(substring("åäö", 2, 1), "ä");
        assert_eq!(substring("a", 3, 2), "");
        assert_eq!(substring_from("NO123", 3), "123");
    }

    #[test]
    fn profile_pattern_is_unanchored_with_wildcards() {
        assert!(contains_profile_pattern(
            "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
        ));
        assert!(contains_profile_pattern(
            "xurn:fdc:peppolXeu:2017:poacc:billing:99:1x0y"
        ));
        assert!(!contains_profile_pattern(
            "urn:fdc:peppol.eu:2017:poacc:billing:1:1.0"
        ));
    }
}
