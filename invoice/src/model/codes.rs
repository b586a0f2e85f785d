//! Code values: kept exactly as the document gave them, with a typed view where the code list is
//! known.
//!
//! Every coded field of the model is a newtype over the `String` found in the document (so an
//! unknown or misspelt code survives reading and writing unchanged, and the validation rules can
//! report it). `known()` gives the typed view: `Some` only when the value is in the list that
//! EN 16931 prescribes, as the latest embedded CEN release has it ([`crate::codes`]).

use serde::{Deserialize, Serialize};

use crate::codes;

/// A listed code of at most 8 bytes, stored inline (typed views are `Copy`, no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Short {
    bytes: [u8; 8],
    len: u8,
}

impl Short {
    fn new(code: &str) -> Option<Short> {
        let len = code.len();
        if len > 8 {
            return None;
        }
        let mut bytes = [0u8; 8];
        bytes[..len].copy_from_slice(code.as_bytes());
        Some(Short {
            bytes,
            len: len as u8,
        })
    }

    fn as_str(&self) -> &str {
        // Built from a `&str` in `new`, so always valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

macro_rules! code {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The code exactly as given in the document.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

macro_rules! listed {
    ($(#[$doc:meta])* $view:ident, $list:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $view(Short);

        impl $view {
            /// The typed value for `code`, when the code list holds it.
            pub fn parse(code: &str) -> Option<$view> {
                if $list(code) { Short::new(code).map($view) } else { None }
            }

            /// The code.
            pub fn code(&self) -> &str {
                self.0.as_str()
            }
        }
    };
}

code!(
    /// ISO 4217 alpha-3 currency code as given (BT-5, BT-6).
    CurrencyCode
);
listed!(
    /// A currency in ISO 4217.
    Currency,
    codes::is_currency
);
impl CurrencyCode {
    /// The typed view, when the code is in ISO 4217.
    pub fn known(&self) -> Option<Currency> {
        Currency::parse(&self.0)
    }
}

code!(
    /// ISO 3166-1 alpha-2 country code as given (BT-40, BT-55, BT-69, BT-80, BT-159).
    CountryCode
);
listed!(
    /// A country in ISO 3166-1 (plus `1A`, Kosovo, as EN 16931 allows).
    Country,
    codes::is_country
);
impl CountryCode {
    /// The typed view, when the code is in ISO 3166-1.
    pub fn known(&self) -> Option<Country> {
        Country::parse(&self.0)
    }
}

code!(
    /// UN/ECE Recommendation 20 (with Rec 21) unit of measure code as given (BT-130, BT-150).
    UnitCode
);
listed!(
    /// A unit of measure in UN/ECE Recommendation 20/21.
    Unit,
    codes::is_unit
);
impl UnitCode {
    /// The typed view, when the code is in Rec 20/21.
    pub fn known(&self) -> Option<Unit> {
        Unit::parse(&self.0)
    }
}

code!(
    /// UNCL 4461 payment means code as given (BT-81).
    PaymentMeansCode
);
listed!(
    /// A payment means in UNCL 4461.
    PaymentMeans,
    codes::is_payment_means
);
impl PaymentMeansCode {
    /// The typed view, when the code is in UNCL 4461.
    pub fn known(&self) -> Option<PaymentMeans> {
        PaymentMeans::parse(&self.0)
    }
}
impl PaymentMeans {
    /// An English name for the commonly used codes (`None` for the rest of the list).
    pub fn name(&self) -> Option<&'static str> {
        Some(match self.code() {
            "1" => "Instrument not defined",
            "10" => "In cash",
            "20" => "Cheque",
            "30" => "Credit transfer",
            "31" => "Debit transfer",
            "42" => "Payment to bank account",
            "48" => "Bank card",
            "49" => "Direct debit",
            "50" => "Payment by postgiro",
            "54" => "Credit card",
            "55" => "Debit card",
            "56" => "Bankgiro",
            "57" => "Standing agreement",
            "58" => "SEPA credit transfer",
            "59" => "SEPA direct debit",
            "68" => "Online payment service",
            "97" => "Clearing between partners",
            "ZZZ" => "Mutually defined",
            _ => return None,
        })
    }
}

code!(
    /// UNTDID 1001 document type code as given (BT-3).
    InvoiceTypeCode
);
listed!(
    /// A document type that EN 16931 allows for an invoice or a credit note (UNTDID 1001 subset).
    InvoiceType,
    is_document_type
);
impl InvoiceTypeCode {
    /// The typed view, when the code is in the invoice or the credit note part of UNTDID 1001.
    pub fn known(&self) -> Option<InvoiceType> {
        InvoiceType::parse(&self.0)
    }
}

fn is_document_type(code: &str) -> bool {
    codes::is_invoice_type(code) || codes::is_credit_note_type(code)
}
impl InvoiceType {
    /// True for the credit note codes of UNTDID 1001 (381, 396, 81, …).
    pub fn is_credit_note(&self) -> bool {
        codes::is_credit_note_type(self.code())
    }

    /// An English name for the commonly used codes (`None` for the rest of the list).
    pub fn name(&self) -> Option<&'static str> {
        Some(match self.code() {
            "326" => "Partial invoice",
            "380" => "Commercial invoice",
            "381" => "Credit note",
            "383" => "Debit note",
            "384" => "Corrected invoice",
            "386" => "Prepayment invoice",
            "389" => "Self-billed invoice",
            "396" => "Factored credit note",
            "393" => "Factored invoice",
            "751" => "Invoice information for accounting purposes",
            _ => return None,
        })
    }
}

code!(
    /// UNCL 5305 VAT category code as given (BT-95, BT-102, BT-118, BT-151).
    VatCategoryCode
);

/// The VAT categories EN 16931 uses (UNCL 5305 subset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VatCategory {
    /// `S`: standard rate.
    Standard,
    /// `Z`: zero rated goods.
    ZeroRated,
    /// `E`: exempt from VAT.
    Exempt,
    /// `AE`: VAT reverse charge.
    ReverseCharge,
    /// `K`: VAT exempt for EEA intra-community supply.
    IntraCommunity,
    /// `G`: free export item, VAT not charged.
    Export,
    /// `O`: services outside scope of tax.
    OutsideScope,
    /// `L`: Canary Islands general indirect tax (IGIC).
    CanaryIslands,
    /// `M`: tax for production, services and importation in Ceuta and Melilla (IPSI).
    CeutaMelilla,
    /// `B`: transferred (VAT), Italy only.
    Transferred,
}

impl VatCategory {
    /// The typed value of a UNCL 5305 code.
    pub fn parse(code: &str) -> Option<VatCategory> {
        Some(match code {
            "S" => VatCategory::Standard,
            "Z" => VatCategory::ZeroRated,
            "E" => VatCategory::Exempt,
            "AE" => VatCategory::ReverseCharge,
            "K" => VatCategory::IntraCommunity,
            "G" => VatCategory::Export,
            "O" => VatCategory::OutsideScope,
            "L" => VatCategory::CanaryIslands,
            "M" => VatCategory::CeutaMelilla,
            "B" => VatCategory::Transferred,
            _ => return None,
        })
    }

    /// The UNCL 5305 code.
    pub fn code(&self) -> &'static str {
        match self {
            VatCategory::Standard => "S",
            VatCategory::ZeroRated => "Z",
            VatCategory::Exempt => "E",
            VatCategory::ReverseCharge => "AE",
            VatCategory::IntraCommunity => "K",
            VatCategory::Export => "G",
            VatCategory::OutsideScope => "O",
            VatCategory::CanaryIslands => "L",
            VatCategory::CeutaMelilla => "M",
            VatCategory::Transferred => "B",
        }
    }
}

impl VatCategoryCode {
    /// The typed view, when the code is one EN 16931 uses.
    pub fn known(&self) -> Option<VatCategory> {
        VatCategory::parse(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vat_categories_round_trip_through_their_codes() {
        for code in codes::lists(codes::Release::LATEST).vat_category.codes() {
            assert_eq!(VatCategory::parse(code).map(|c| c.code()), Some(code));
        }
    }

    #[test]
    fn typed_views_accept_listed_codes_only() {
        assert_eq!(
            CurrencyCode::from("SEK")
                .known()
                .map(|c| c.code().to_string()),
            Some("SEK".to_string())
        );
        assert_eq!(CurrencyCode::from("sek").known(), None);
        assert!(CountryCode::from("SE").known().is_some());
        assert!(CountryCode::from("XX").known().is_none());
        assert!(UnitCode::from("EA").known().is_some());
        assert!(UnitCode::from("styck").known().is_none());
        assert_eq!(
            PaymentMeansCode::from("30").known().and_then(|p| p.name()),
            Some("Credit transfer")
        );
        let credit = InvoiceTypeCode::from("381").known().expect("381 is listed");
        assert!(credit.is_credit_note());
        let invoice = InvoiceTypeCode::from("380").known().expect("380 is listed");
        assert!(!invoice.is_credit_note());
        assert_eq!(InvoiceTypeCode::from("999").known(), None);
        assert_eq!(
            VatCategoryCode::from("AE").known(),
            Some(VatCategory::ReverseCharge)
        );
    }
}
