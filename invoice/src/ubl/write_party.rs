//! Writes the UBL parties, addresses, contacts and the delivery information.

use crate::model::{
    Address, Buyer, Contact, Delivery, Identifier, Payee, Seller, TaxRepresentative,
};

use super::write::identifier;
use super::write_xml::XmlOut;

pub(super) fn write_seller(out: &mut XmlOut, s: &Seller) {
    out.open("cac:AccountingSupplierParty");
    out.open("cac:Party");
    if let Some(e) = &s.electronic_address {
        identifier(out, "cbc:EndpointID", e);
    }
    for id in &s.identifiers {
        party_identification(out, id);
    }
    party_name(out, s.trading_name.as_deref());
    if let Some(a) = &s.address {
        address(out, "cac:PostalAddress", a);
    }
    party_tax_scheme(out, s.vat_id.as_deref(), Some("VAT"));
    if let Some(t) = &s.tax_registration {
        party_tax_scheme(out, Some(&t.value), t.scheme.as_deref());
    }
    legal_entity(
        out,
        s.name.as_deref(),
        s.legal_registration.as_ref(),
        s.additional_legal_info.as_deref(),
    );
    if let Some(c) = &s.contact {
        contact(out, c);
    }
    out.close("cac:Party");
    out.close("cac:AccountingSupplierParty");
}

pub(super) fn write_buyer(out: &mut XmlOut, b: &Buyer) {
    out.open("cac:AccountingCustomerParty");
    out.open("cac:Party");
    if let Some(e) = &b.electronic_address {
        identifier(out, "cbc:EndpointID", e);
    }
    if let Some(id) = &b.identifier {
        party_identification(out, id);
    }
    party_name(out, b.trading_name.as_deref());
    if let Some(a) = &b.address {
        address(out, "cac:PostalAddress", a);
    }
    party_tax_scheme(out, b.vat_id.as_deref(), Some("VAT"));
    legal_entity(out, b.name.as_deref(), b.legal_registration.as_ref(), None);
    if let Some(c) = &b.contact {
        contact(out, c);
    }
    out.close("cac:Party");
    out.close("cac:AccountingCustomerParty");
}

pub(super) fn write_payee(out: &mut XmlOut, p: &Payee) {
    out.open("cac:PayeeParty");
    for id in &p.identifiers {
        party_identification(out, id);
    }
    party_name(out, p.name.as_deref());
    legal_entity(out, None, p.legal_registration.as_ref(), None);
    out.close("cac:PayeeParty");
}

pub(super) fn write_tax_rep(out: &mut XmlOut, t: &TaxRepresentative) {
    out.open("cac:TaxRepresentativeParty");
    party_name(out, t.name.as_deref());
    if let Some(a) = &t.address {
        address(out, "cac:PostalAddress", a);
    }
    party_tax_scheme(out, t.vat_id.as_deref(), Some("VAT"));
    out.close("cac:TaxRepresentativeParty");
}

pub(super) fn write_delivery(out: &mut XmlOut, d: &Delivery) {
    out.open("cac:Delivery");
    out.opt_display("cbc:ActualDeliveryDate", d.actual_date);
    if d.location.is_some() || d.address.is_some() {
        out.open("cac:DeliveryLocation");
        if let Some(id) = &d.location {
            identifier(out, "cbc:ID", id);
        }
        if let Some(a) = &d.address {
            address(out, "cac:Address", a);
        }
        out.close("cac:DeliveryLocation");
    }
    if let Some(name) = &d.party_name {
        out.open("cac:DeliveryParty");
        party_name(out, Some(name));
        out.close("cac:DeliveryParty");
    }
    out.close("cac:Delivery");
}

fn party_identification(out: &mut XmlOut, id: &Identifier) {
    out.open("cac:PartyIdentification");
    identifier(out, "cbc:ID", id);
    out.close("cac:PartyIdentification");
}

fn party_name(out: &mut XmlOut, name: Option<&str>) {
    if let Some(name) = name {
        out.open("cac:PartyName");
        out.leaf("cbc:Name", name);
        out.close("cac:PartyName");
    }
}

fn party_tax_scheme(out: &mut XmlOut, company_id: Option<&str>, scheme: Option<&str>) {
    let Some(company_id) = company_id else {
        return;
    };
    out.open("cac:PartyTaxScheme");
    out.leaf("cbc:CompanyID", company_id);
    if let Some(scheme) = scheme {
        out.open("cac:TaxScheme");
        out.leaf("cbc:ID", scheme);
        out.close("cac:TaxScheme");
    }
    out.close("cac:PartyTaxScheme");
}

fn legal_entity(
    out: &mut XmlOut,
    name: Option<&str>,
    registration: Option<&Identifier>,
    legal_form: Option<&str>,
) {
    if name.is_none() && registration.is_none() && legal_form.is_none() {
        return;
    }
    out.open("cac:PartyLegalEntity");
    out.opt("cbc:RegistrationName", name);
    if let Some(r) = registration {
        identifier(out, "cbc:CompanyID", r);
    }
    out.opt("cbc:CompanyLegalForm", legal_form);
    out.close("cac:PartyLegalEntity");
}

pub(super) fn address(out: &mut XmlOut, name: &str, a: &Address) {
    out.open(name);
    out.opt("cbc:StreetName", a.line1.as_deref());
    out.opt("cbc:AdditionalStreetName", a.line2.as_deref());
    out.opt("cbc:CityName", a.city.as_deref());
    out.opt("cbc:PostalZone", a.post_code.as_deref());
    out.opt("cbc:CountrySubentity", a.subdivision.as_deref());
    if let Some(line) = &a.line3 {
        out.open("cac:AddressLine");
        out.leaf("cbc:Line", line);
        out.close("cac:AddressLine");
    }
    if let Some(c) = &a.country {
        out.open("cac:Country");
        out.leaf("cbc:IdentificationCode", c.as_str());
        out.close("cac:Country");
    }
    out.close(name);
}

fn contact(out: &mut XmlOut, c: &Contact) {
    out.open("cac:Contact");
    out.opt("cbc:Name", c.name.as_deref());
    out.opt("cbc:Telephone", c.telephone.as_deref());
    out.opt("cbc:ElectronicMail", c.email.as_deref());
    out.close("cac:Contact");
}
