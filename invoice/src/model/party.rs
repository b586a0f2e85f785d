//! The parties (BG-4 seller, BG-7 buyer, BG-10 payee, BG-11 tax representative), their addresses
//! and contacts, and the delivery information (BG-13).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CountryCode, Identifier};

/// A postal address (BG-5 seller, BG-8 buyer, BG-12 tax representative, BG-15 deliver-to).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    /// BT-35 / BT-50 / BT-64 / BT-75 Address line 1 (UBL `StreetName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// BT-36 / BT-51 / BT-65 / BT-76 Address line 2 (UBL `AdditionalStreetName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// BT-162 / BT-163 / BT-164 / BT-165 Address line 3 (UBL `AddressLine/Line`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line3: Option<String>,
    /// BT-37 / BT-52 / BT-66 / BT-77 City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// BT-38 / BT-53 / BT-67 / BT-78 Post code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    /// BT-39 / BT-54 / BT-68 / BT-79 Country subdivision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// BT-40 / BT-55 / BT-69 / BT-80 Country code (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

/// A contact (BG-6 seller contact, BG-9 buyer contact).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    /// BT-41 Seller contact point / BT-56 Buyer contact point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-42 Seller contact telephone number / BT-57 Buyer contact telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// BT-43 Seller contact email address / BT-58 Buyer contact email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// BG-4 SELLER.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Seller {
    /// BT-27 Seller name (UBL `PartyLegalEntity/RegistrationName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-28 Seller trading name (UBL `PartyName/Name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_name: Option<String>,
    /// BT-29 Seller identifier (0..n, with scheme; BT-90 travels here with scheme `SEPA`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// BT-30 Seller legal registration identifier (with scheme, e.g. `0007` organisationsnummer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_registration: Option<Identifier>,
    /// BT-31 Seller VAT identifier (`PartyTaxScheme` with tax scheme `VAT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// BT-32 Seller tax registration identifier (`PartyTaxScheme` with another tax scheme; the
    /// scheme holds that `TaxScheme/ID`, usually `TAX`; in Sweden the text "Godkänd för F-skatt").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_registration: Option<Identifier>,
    /// BT-33 Seller additional legal information (UBL `CompanyLegalForm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_legal_info: Option<String>,
    /// BT-34 Seller electronic address (UBL `EndpointID`, scheme = EAS code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electronic_address: Option<Identifier>,
    /// BG-5 SELLER POSTAL ADDRESS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// BG-6 SELLER CONTACT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// BG-7 BUYER.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Buyer {
    /// BT-44 Buyer name (UBL `PartyLegalEntity/RegistrationName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-45 Buyer trading name (UBL `PartyName/Name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_name: Option<String>,
    /// BT-46 Buyer identifier (with scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// BT-47 Buyer legal registration identifier (with scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_registration: Option<Identifier>,
    /// BT-48 Buyer VAT identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// BT-49 Buyer electronic address (UBL `EndpointID`, scheme = EAS code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electronic_address: Option<Identifier>,
    /// BG-8 BUYER POSTAL ADDRESS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// BG-9 BUYER CONTACT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// BG-10 PAYEE.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Payee {
    /// BT-59 Payee name (UBL `PartyName/Name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-60 Payee identifier (with scheme; BT-90 may travel here with scheme `SEPA`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// BT-61 Payee legal registration identifier (with scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_registration: Option<Identifier>,
}

/// BG-11 SELLER TAX REPRESENTATIVE PARTY.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaxRepresentative {
    /// BT-62 Seller tax representative name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-63 Seller tax representative VAT identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// BG-12 SELLER TAX REPRESENTATIVE POSTAL ADDRESS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// BG-13 DELIVERY INFORMATION (BG-14 is [`super::Invoice::invoicing_period`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Delivery {
    /// BT-70 Deliver to party name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_name: Option<String>,
    /// BT-71 Deliver to location identifier (with scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Identifier>,
    /// BT-72 Actual delivery date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_date: Option<NaiveDate>,
    /// BG-15 DELIVER TO ADDRESS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}
