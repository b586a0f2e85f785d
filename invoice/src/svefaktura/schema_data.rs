//! Svefaktura 1.0 child-element sequences, generated from the SFTI BasicInvoice 1.0 XSD by
//! `invoice/tools/gen_sfti_schema.py`. Data only: which children an aggregate may have, in
//! which order, whether each may repeat, and the sequence of each aggregate child.

use super::schema::{Child, Ns};

pub(super) const INVOICE: &[Child] = &[
    Child {
        ns: Ns::Root,
        name: "ID",
        many: false,
        sub: Some(T_SFTISIMPLEIDENTIFIERTYPE),
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "InvoiceTypeCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "TaxPointDate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "InvoiceCurrencyCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "TaxCurrencyCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "LineItemCountNumeric",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Root,
        name: "AdditionalDocumentReference",
        many: true,
        sub: Some(T_SFTIDOCUMENTREFERENCETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "BuyerParty",
        many: false,
        sub: Some(T_SFTIBUYERPARTYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "SellerParty",
        many: false,
        sub: Some(T_SFTISELLERPARTYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
        sub: Some(T_SFTIDELIVERYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentMeans",
        many: true,
        sub: Some(T_SFTIPAYMENTMEANSTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: false,
        sub: Some(T_SFTIPAYMENTTERMSTYPE),
    },
    Child {
        ns: Ns::Root,
        name: "AllowanceCharge",
        many: true,
        sub: Some(T_SFTIALLOWANCECHARGETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "ExchangeRate",
        many: false,
        sub: Some(T_SFTIEXCHANGERATETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
        sub: Some(T_SFTITAXTOTALTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "LegalTotal",
        many: false,
        sub: Some(T_SFTILEGALTOTALTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "InvoiceLine",
        many: true,
        sub: Some(T_SFTIINVOICELINETYPE),
    },
    Child {
        ns: Ns::Root,
        name: "RequisitionistDocumentReference",
        many: true,
        sub: Some(T_SFTIDOCUMENTREFERENCETYPE),
    },
    Child {
        ns: Ns::Root,
        name: "InitialInvoiceDocumentReference",
        many: true,
        sub: Some(T_SFTIDOCUMENTREFERENCETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: false,
        sub: Some(T_SFTIDELIVERYTERMSTYPE),
    },
    Child {
        ns: Ns::Root,
        name: "InvoicingPeriod",
        many: false,
        sub: Some(T_SFTIPERIODTYPE),
    },
];

pub(super) const T_SFTIADDRESSLINETYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "Line",
    many: true,
    sub: None,
}];

pub(super) const T_SFTIADDRESSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "ID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Postbox",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "StreetName",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Department",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "CityName",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "PostalZone",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "AddressLine",
        many: false,
        sub: Some(T_SFTIADDRESSLINETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "Country",
        many: false,
        sub: Some(T_SFTICOUNTRYTYPE),
    },
];

pub(super) const T_SFTIALLOWANCECHARGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ChargeIndicator",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "ReasonCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "MultiplierFactorNumeric",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCategory",
        many: true,
        sub: Some(T_SFTITAXCATEGORYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceChargeBaseAmount",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTIBASEPRICETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "PriceAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "BaseQuantity",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTIBRANCHTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "FinancialInstitution",
    many: false,
    sub: Some(T_SFTIFINANCIALINSTITUTIONTYPE),
}];

pub(super) const T_SFTIBUYERPARTYTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "Party",
    many: false,
    sub: Some(T_SFTIPARTYTYPE),
}];

pub(super) const T_SFTICONTACTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Telephone",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Telefax",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "ElectronicMail",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTICOUNTRYTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "IdentificationCode",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIDELIVERYTERMSTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "SpecialTerms",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIDELIVERYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ActualDeliveryDateTime",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryAddress",
        many: false,
        sub: Some(T_SFTIADDRESSTYPE),
    },
];

pub(super) const T_SFTIDOCUMENTREFERENCETYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "ID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIEXCHANGERATETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "SourceCurrencyCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "SourceCurrencyBaseRate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "TargetCurrencyCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "TargetUnitBaseRate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "CalculationRate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Date",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTIFINANCIALACCOUNTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "ID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancialInstitutionBranch",
        many: false,
        sub: Some(T_SFTIBRANCHTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentInstructionID",
        many: false,
        sub: Some(T_SFTISIMPLEIDENTIFIERTYPE),
    },
];

pub(super) const T_SFTIFINANCIALINSTITUTIONTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "ID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIINVOICELINEALLOWANCECHARGE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ChargeIndicator",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceChargeBaseAmount",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTIINVOICELINEDELIVERYTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "ActualDeliveryDateTime",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIINVOICELINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "ID",
        many: false,
        sub: Some(T_SFTISIMPLEIDENTIFIERTYPE),
    },
    Child {
        ns: Ns::Cbc,
        name: "InvoicedQuantity",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineExtensionAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderLineReference",
        many: false,
        sub: Some(T_SFTIORDERLINEREFERENCETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchLineReference",
        many: false,
        sub: Some(T_SFTILINEREFERENCETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
        sub: Some(T_SFTIINVOICELINEDELIVERYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: false,
        sub: Some(T_SFTIINVOICELINEALLOWANCECHARGE),
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: false,
        sub: Some(T_SFTIITEMTYPE),
    },
];

pub(super) const T_SFTIITEMIDENTIFICATIONTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "ID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIITEMTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "BuyersItemIdentification",
        many: false,
        sub: Some(T_SFTIITEMIDENTIFICATIONTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "SellersItemIdentification",
        many: false,
        sub: Some(T_SFTIITEMIDENTIFICATIONTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "StandardItemIdentification",
        many: false,
        sub: Some(T_SFTIITEMIDENTIFICATIONTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCategory",
        many: true,
        sub: Some(T_SFTITAXCATEGORYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "BasePrice",
        many: false,
        sub: Some(T_SFTIBASEPRICETYPE),
    },
];

pub(super) const T_SFTILEGALTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LineExtensionTotalAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxExclusiveTotalAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxInclusiveTotalAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "RoundOffAmount",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTILINEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "LineID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: false,
        sub: Some(T_SFTIDOCUMENTREFERENCETYPE),
    },
];

pub(super) const T_SFTIORDERLINEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "BuyersLineID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderReference",
        many: false,
        sub: Some(T_SFTIORDERREFERENCETYPE),
    },
];

pub(super) const T_SFTIORDERREFERENCETYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "BuyersID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIPARTYIDENTIFICATIONTYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "ID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTIPARTYNAMETYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "Name",
    many: true,
    sub: None,
}];

pub(super) const T_SFTIPARTYTAXSCHEMETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "RegistrationName",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "CompanyID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExemptionReason",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "RegistrationAddress",
        many: false,
        sub: Some(T_SFTIADDRESSTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "TaxScheme",
        many: false,
        sub: Some(T_SFTITAXSCHEMETYPE),
    },
];

pub(super) const T_SFTIPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "PartyIdentification",
        many: true,
        sub: Some(T_SFTIPARTYIDENTIFICATIONTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PartyName",
        many: false,
        sub: Some(T_SFTIPARTYNAMETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "Address",
        many: false,
        sub: Some(T_SFTIADDRESSTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PartyTaxScheme",
        many: true,
        sub: Some(T_SFTIPARTYTAXSCHEMETYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "Contact",
        many: false,
        sub: Some(T_SFTICONTACTTYPE),
    },
];

pub(super) const T_SFTIPAYMENTMEANSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "PaymentMeansTypeCode",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "DuePaymentDate",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "PayeeFinancialAccount",
        many: false,
        sub: Some(T_SFTIFINANCIALACCOUNTTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "PayeePartyName",
        many: false,
        sub: Some(T_SFTIPARTYNAMETYPE),
    },
];

pub(super) const T_SFTIPAYMENTTERMSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "PenaltySurchargePercent",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTIPERIODTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "StartDateTime",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "EndDateTime",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTISELLERPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "Party",
        many: false,
        sub: Some(T_SFTIPARTYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "AccountsContact",
        many: false,
        sub: Some(T_SFTICONTACTTYPE),
    },
];

pub(super) const T_SFTISIMPLEIDENTIFIERTYPE: &[Child] = &[];

pub(super) const T_SFTITAXCATEGORYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "ID",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "Percent",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExemptionReason",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxScheme",
        many: false,
        sub: Some(T_SFTITAXSCHEMETYPE),
    },
];

pub(super) const T_SFTITAXSCHEMETYPE: &[Child] = &[Child {
    ns: Ns::Cac,
    name: "ID",
    many: false,
    sub: None,
}];

pub(super) const T_SFTITAXSUBTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TaxableAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCategory",
        many: false,
        sub: Some(T_SFTITAXCATEGORYTYPE),
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCurrencyTaxAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "InitialInvoiceTaxAmount",
        many: false,
        sub: None,
    },
];

pub(super) const T_SFTITAXTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TotalTaxAmount",
        many: false,
        sub: None,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxSubTotal",
        many: true,
        sub: Some(T_SFTITAXSUBTOTALTYPE),
    },
];
