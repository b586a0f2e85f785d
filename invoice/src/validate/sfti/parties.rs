//! SFTI rules on parties: identifiers, addresses, tax schemes, names, postal codes and phone
//! numbers.

use super::eval::{exists, path, phone_chars_only, verdict, word_chars_only};
use super::{CAC, CBC, doc_invoice};
use crate::validate::xpath;
use crate::validate::{Ctx, Sink};
use crate::xml::Element;

const BUYER: &[(&str, &str)] = &[(CAC, "BuyerParty"), (CAC, "Party")];
const SELLER: &[(&str, &str)] = &[(CAC, "SellerParty"), (CAC, "Party")];

/// R-98 (information): a party has at most one `PartyIdentification`.
pub(super) fn r_98(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if doc_invoice(cx).is_none() {
        return;
    }
    for party in cx.named_ns(CAC, "Party") {
        verdict(
            sink,
            party,
            Ok(path(party, &[(CAC, "PartyIdentification")]).count() < 2),
        );
    }
}

/// R-99 (information): a party with a `PartyIdentification` should not also give `Address/ID`.
pub(super) fn r_99(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if doc_invoice(cx).is_none() {
        return;
    }
    for party in cx.named_ns(CAC, "Party") {
        if exists(party, &[(CAC, "PartyIdentification")])
            && exists(party, &[(CAC, "Address"), (CAC, "ID")])
        {
            sink.fire(party);
        }
    }
}

/// postal codes have no separators (`matches(., '^\w*$')`).
pub(super) fn r_8(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if doc_invoice(cx).is_none() {
        return;
    }
    for zone in cx.named_ns(CBC, "PostalZone") {
        verdict(sink, zone, Ok(word_chars_only(&zone.string_value())));
    }
}

/// phone and fax numbers are digits with an optional leading `+`.
pub(super) fn r_9(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if doc_invoice(cx).is_none() {
        return;
    }
    let mut numbers: Vec<Element<'_>> = cx
        .named_ns(CBC, "Telefax")
        .chain(cx.named_ns(CBC, "Telephone"))
        .collect();
    numbers.sort_by_key(|e| e.id());
    for n in numbers {
        verdict(sink, n, Ok(phone_chars_only(&n.string_value())));
    }
}

fn addresses<'d>(cx: &Ctx<'d>, party: &'static [(&'static str, &'static str)]) -> Vec<Element<'d>> {
    let Some(inv) = doc_invoice(cx) else {
        return Vec::new();
    };
    path(inv, party)
        .flat_map(|p| path(p, &[(CAC, "Address")]).collect::<Vec<_>>())
        .collect()
}

/// `not(cac:AddressLine/cbc:Line and cbc:*)`: not both free-text lines and structured parts.
fn not_mixed(address: Element<'_>) -> bool {
    let lines = exists(address, &[(CAC, "AddressLine"), (CBC, "Line")]);
    let parts = address.children().any(|c| c.namespace() == CBC);
    !(lines && parts)
}

/// `not(exists(cac:AddressLine)) or exists(cac:AddressLine[count(cbc:Line) > 1])`.
fn complete_lines(address: Element<'_>) -> bool {
    let mut lines = path(address, &[(CAC, "AddressLine")]).peekable();
    lines.peek().is_none() || lines.any(|l| path(l, &[(CBC, "Line")]).count() > 1)
}

/// `cbc:CityName and cbc:PostalZone`.
fn city_and_zone(address: Element<'_>) -> bool {
    exists(address, &[(CBC, "CityName")]) && exists(address, &[(CBC, "PostalZone")])
}

/// R-33 (information): the buyer's address is not both structured and free text.
pub(super) fn r_33(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, BUYER) {
        verdict(sink, a, Ok(not_mixed(a)));
    }
}

/// R-34 (information): the buyer's free-text address has more than one line.
pub(super) fn r_34(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, BUYER) {
        verdict(sink, a, Ok(complete_lines(a)));
    }
}

/// R-94 (information): the buyer's address gives city and postal code.
pub(super) fn r_94(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, BUYER) {
        verdict(sink, a, Ok(city_and_zone(a)));
    }
}

/// R-40 (information): the seller's address is not both structured and free text.
pub(super) fn r_40(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, SELLER) {
        verdict(sink, a, Ok(not_mixed(a)));
    }
}

/// R-41 (information): the seller's free-text address has more than one line.
pub(super) fn r_41(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, SELLER) {
        verdict(sink, a, Ok(complete_lines(a)));
    }
}

/// R-93 (information): the seller's address gives city and postal code.
pub(super) fn r_93(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in addresses(cx, SELLER) {
        verdict(sink, a, Ok(city_and_zone(a)));
    }
}

fn tax_schemes<'d>(
    cx: &Ctx<'d>,
    party: &'static [(&'static str, &'static str)],
) -> Vec<Element<'d>> {
    let Some(inv) = doc_invoice(cx) else {
        return Vec::new();
    };
    path(inv, party)
        .flat_map(|p| path(p, &[(CAC, "PartyTaxScheme")]).collect::<Vec<_>>())
        .collect()
}

fn company_ids_are_words(cx: &Ctx<'_>, sink: &mut Sink<'_>, party: &'static [(&str, &str)]) {
    for pts in tax_schemes(cx, party) {
        for id in path(pts, &[(CAC, "CompanyID")]) {
            verdict(sink, id, Ok(word_chars_only(&id.string_value())));
        }
    }
}

/// the buyer's organisation/VAT number has no separators.
pub(super) fn r_36(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    company_ids_are_words(cx, sink, BUYER);
}

/// the seller's organisation/VAT number has no separators.
pub(super) fn r_45(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    company_ids_are_words(cx, sink, SELLER);
}

fn schemes_are_vat_or_swt(cx: &Ctx<'_>, sink: &mut Sink<'_>, party: &'static [(&str, &str)]) {
    for pts in tax_schemes(cx, party) {
        for id in path(pts, &[(CAC, "TaxScheme"), (CAC, "ID")]) {
            let v = id.string_value();
            let ok = xpath::normalized_eq(&v, "VAT") || xpath::normalized_eq(&v, "SWT");
            verdict(sink, id, Ok(ok));
        }
    }
}

/// the buyer's tax scheme is VAT or SWT.
pub(super) fn r_37(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    schemes_are_vat_or_swt(cx, sink, BUYER);
}

/// the seller's tax scheme is VAT or SWT.
pub(super) fn r_46(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    schemes_are_vat_or_swt(cx, sink, SELLER);
}

/// `. != ../../cac:PartyName/cbc:Name`: some party name differs (false when there is none).
fn registration_name_differs(cx: &Ctx<'_>, sink: &mut Sink<'_>, party: &'static [(&str, &str)]) {
    for pts in tax_schemes(cx, party) {
        let Some(p) = pts.parent() else { continue };
        for reg in path(pts, &[(CBC, "RegistrationName")]) {
            let r = reg.string_value();
            let differs =
                path(p, &[(CAC, "PartyName"), (CBC, "Name")]).any(|n| n.string_value() != r);
            verdict(sink, reg, Ok(differs));
        }
    }
}

/// the buyer's registration name is only given when it differs from the party name.
pub(super) fn r_35(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    registration_name_differs(cx, sink, BUYER);
}

/// the seller's registration name is only given when it differs from the party name.
pub(super) fn r_44(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    registration_name_differs(cx, sink, SELLER);
}

/// the seller has a `PartyTaxScheme`.
pub(super) fn r_38(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for p in path(inv, SELLER) {
        verdict(sink, p, Ok(exists(p, &[(CAC, "PartyTaxScheme")])));
    }
}

/// R-39 (information): the seller's organisation number is in a `PartyTaxScheme` with SWT.
pub(super) fn r_39(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for p in path(inv, SELLER) {
        let swt = path(
            p,
            &[(CAC, "PartyTaxScheme"), (CAC, "TaxScheme"), (CAC, "ID")],
        )
        .any(|id| xpath::normalized_eq(&id.string_value(), "SWT"));
        verdict(sink, p, Ok(swt));
    }
}
