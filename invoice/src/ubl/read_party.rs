//! Reads the UBL parties (seller, buyer, payee, tax representative), addresses, contacts and the
//! delivery information.

use crate::model::{
    Address, Buyer, Contact, CountryCode, Delivery, Identifier, Payee, Seller, TaxRepresentative,
};
use crate::read::Values;
use crate::xml::Element;

use super::read::{CAC, CBC, scheme_id};

pub(super) fn seller(v: &mut Values<'_>, p: Element<'_>) -> Seller {
    let legal = p.child(CAC, "PartyLegalEntity");
    let (vat_id, tax_registration) = tax_schemes(v, p);
    Seller {
        name: legal.and_then(|l| v.text(l.child(CBC, "RegistrationName"))),
        trading_name: party_name(v, p),
        identifiers: p
            .children_named(CAC, "PartyIdentification")
            .filter_map(|i| scheme_id(v, Some(i)))
            .collect(),
        legal_registration: legal.and_then(|l| v.id(l.child(CBC, "CompanyID"), "schemeID")),
        vat_id,
        tax_registration,
        additional_legal_info: legal.and_then(|l| v.text(l.child(CBC, "CompanyLegalForm"))),
        electronic_address: v.id(p.child(CBC, "EndpointID"), "schemeID"),
        address: p.child(CAC, "PostalAddress").map(|a| address(v, a)),
        contact: p.child(CAC, "Contact").map(|c| contact(v, c)),
    }
}

pub(super) fn buyer(v: &mut Values<'_>, p: Element<'_>) -> Buyer {
    let legal = p.child(CAC, "PartyLegalEntity");
    let (vat_id, _) = tax_schemes(v, p);
    Buyer {
        name: legal.and_then(|l| v.text(l.child(CBC, "RegistrationName"))),
        trading_name: party_name(v, p),
        identifier: scheme_id(v, p.child(CAC, "PartyIdentification")),
        legal_registration: legal.and_then(|l| v.id(l.child(CBC, "CompanyID"), "schemeID")),
        vat_id,
        electronic_address: v.id(p.child(CBC, "EndpointID"), "schemeID"),
        address: p.child(CAC, "PostalAddress").map(|a| address(v, a)),
        contact: p.child(CAC, "Contact").map(|c| contact(v, c)),
    }
}

pub(super) fn payee(v: &mut Values<'_>, p: Element<'_>) -> Payee {
    Payee {
        name: party_name(v, p),
        identifiers: p
            .children_named(CAC, "PartyIdentification")
            .filter_map(|i| scheme_id(v, Some(i)))
            .collect(),
        legal_registration: p
            .child(CAC, "PartyLegalEntity")
            .and_then(|l| v.id(l.child(CBC, "CompanyID"), "schemeID")),
    }
}

pub(super) fn tax_representative(v: &mut Values<'_>, p: Element<'_>) -> TaxRepresentative {
    TaxRepresentative {
        name: party_name(v, p),
        vat_id: p
            .child(CAC, "PartyTaxScheme")
            .and_then(|t| v.text(t.child(CBC, "CompanyID"))),
        address: p.child(CAC, "PostalAddress").map(|a| address(v, a)),
    }
}

pub(super) fn delivery(v: &mut Values<'_>, d: Element<'_>) -> Delivery {
    let location = d.child(CAC, "DeliveryLocation");
    Delivery {
        party_name: d.child(CAC, "DeliveryParty").and_then(|p| party_name(v, p)),
        location: scheme_id(v, location),
        actual_date: v.date(d.child(CBC, "ActualDeliveryDate")),
        address: location
            .and_then(|l| l.child(CAC, "Address"))
            .map(|a| address(v, a)),
    }
}

fn party_name(v: &Values<'_>, p: Element<'_>) -> Option<String> {
    p.child(CAC, "PartyName")
        .and_then(|n| v.text(n.child(CBC, "Name")))
}

/// The VAT identifier (tax scheme `VAT`) and the other tax registration (any other scheme).
fn tax_schemes(v: &Values<'_>, p: Element<'_>) -> (Option<String>, Option<Identifier>) {
    let mut vat = None;
    let mut other = None;
    for ts in p.children_named(CAC, "PartyTaxScheme") {
        let scheme = ts
            .child(CAC, "TaxScheme")
            .and_then(|s| v.text(s.child(CBC, "ID")));
        let Some(company_id) = v.text(ts.child(CBC, "CompanyID")) else {
            continue;
        };
        if scheme.as_deref() == Some("VAT") {
            vat.get_or_insert(company_id);
        } else if other.is_none() {
            other = Some(Identifier {
                value: company_id,
                scheme,
            });
        }
    }
    (vat, other)
}

pub(super) fn address(v: &Values<'_>, a: Element<'_>) -> Address {
    Address {
        line1: v.text(a.child(CBC, "StreetName")),
        line2: v.text(a.child(CBC, "AdditionalStreetName")),
        line3: a
            .child(CAC, "AddressLine")
            .and_then(|l| v.text(l.child(CBC, "Line"))),
        city: v.text(a.child(CBC, "CityName")),
        post_code: v.text(a.child(CBC, "PostalZone")),
        subdivision: v.text(a.child(CBC, "CountrySubentity")),
        country: a
            .child(CAC, "Country")
            .and_then(|c| v.text(c.child(CBC, "IdentificationCode")))
            .map(CountryCode),
    }
}

fn contact(v: &Values<'_>, c: Element<'_>) -> Contact {
    Contact {
        name: v.text(c.child(CBC, "Name")),
        telephone: v.text(c.child(CBC, "Telephone")),
        email: v.text(c.child(CBC, "ElectronicMail")),
    }
}
