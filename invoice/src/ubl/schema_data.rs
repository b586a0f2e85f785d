//! UBL 2.1 child-element sequences, generated from the OASIS UBL 2.1 XSD (`maindoc/UBL-Invoice-2.1.xsd`,
//! `maindoc/UBL-CreditNote-2.1.xsd`, `common/UBL-CommonAggregateComponents-2.1.xsd`) by
//! `invoice/tools/gen_ubl_schema.py`. Data only: which children an aggregate may have, in which
//! order, and whether each may repeat. Used to report unknown and misplaced elements as findings.

use super::schema::{Child, Ns};

pub(crate) const INVOICE: &[Child] = &[
    Child {
        ns: Ns::Ext,
        name: "UBLExtensions",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UBLVersionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomizationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProfileID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProfileExecutionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CopyIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InvoiceTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxPointDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PricingCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentAlternativeCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCostCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCost",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineCountNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BuyerReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoicePeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BillingReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceiptDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "StatementDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginatorDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContractDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ProjectReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Signature",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingSupplierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingCustomerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayeeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BuyerCustomerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SellerSupplierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxRepresentativeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentMeans",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PrepaidPayment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PricingExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentAlternativeExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "WithholdingTaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "LegalMonetaryTotal",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoiceLine",
        many: true,
    },
];
pub(crate) const CREDIT_NOTE: &[Child] = &[
    Child {
        ns: Ns::Ext,
        name: "UBLExtensions",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UBLVersionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomizationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProfileID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProfileExecutionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CopyIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxPointDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CreditNoteTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PricingCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentAlternativeCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCostCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCost",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineCountNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BuyerReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoicePeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DiscrepancyResponse",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BillingReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceiptDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContractDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "StatementDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginatorDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Signature",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingSupplierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingCustomerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayeeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BuyerCustomerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SellerSupplierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxRepresentativeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentMeans",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PricingExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentAlternativeExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "LegalMonetaryTotal",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CreditNoteLine",
        many: true,
    },
];
pub(crate) const T_ADDRESSLINETYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "Line",
    many: false,
}];
pub(crate) const T_ADDRESSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AddressTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AddressFormatCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Postbox",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Floor",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Room",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "StreetName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AdditionalStreetName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BlockName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BuildingName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BuildingNumber",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InhouseMail",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Department",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MarkAttention",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MarkCare",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PlotIdentification",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CitySubdivisionName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CityName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PostalZone",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CountrySubentity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CountrySubentityCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Region",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "District",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TimezoneOffset",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AddressLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Country",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LocationCoordinate",
        many: true,
    },
];
pub(crate) const T_AIRTRANSPORTTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "AircraftID",
    many: false,
}];
pub(crate) const T_ALLOWANCECHARGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChargeIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AllowanceChargeReasonCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AllowanceChargeReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "MultiplierFactorNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PrepaidIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SequenceNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BaseAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCostCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCost",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PerUnitAmount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCategory",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentMeans",
        many: true,
    },
];
pub(crate) const T_ATTACHMENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "EmbeddedDocumentBinaryObject",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExternalReference",
        many: false,
    },
];
pub(crate) const T_BILLINGREFERENCELINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
];
pub(crate) const T_BILLINGREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "InvoiceDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SelfBilledInvoiceDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CreditNoteDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SelfBilledCreditNoteDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DebitNoteDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ReminderDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BillingReferenceLine",
        many: true,
    },
];
pub(crate) const T_BRANCHTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancialInstitution",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Address",
        many: false,
    },
];
pub(crate) const T_CARDACCOUNTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "PrimaryAccountNumberID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetworkID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CardTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidityStartDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExpiryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssuerID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueNumberID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CV2ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CardChipCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChipApplicationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HolderName",
        many: false,
    },
];
pub(crate) const T_CERTIFICATETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CertificateTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CertificateType",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Remarks",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "IssuerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Signature",
        many: true,
    },
];
pub(crate) const T_CLAUSETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Content",
        many: true,
    },
];
pub(crate) const T_COMMODITYCLASSIFICATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "NatureCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CargoTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CommodityCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ItemClassificationCode",
        many: false,
    },
];
pub(crate) const T_COMMUNICATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ChannelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Channel",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Value",
        many: false,
    },
];
pub(crate) const T_CONDITIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "AttributeID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Measure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "MinimumMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumMeasure",
        many: false,
    },
];
pub(crate) const T_CONSIGNMENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CarrierAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsigneeAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsignorAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreightForwarderAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BrokerAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ContractedCarrierAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PerformingCarrierAssignedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SummaryDescription",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalInvoiceAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredCustomsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TariffDescription",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TariffCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InsurancePremiumAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetNetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChargeableWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LoadingLengthMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Remarks",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AnimalFoodIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HumanFoodIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LivestockIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BulkCargoIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ContainerizedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GeneralCargoIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialSecurityIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ThirdPartyPayerIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CarrierServiceInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomsClearanceServiceInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ForwarderServiceInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialServiceInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SequenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShippingPriorityLevelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Information",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalGoodsItemQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalTransportHandlingUnitQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InsuranceValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredForCarriageValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredStatisticsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreeOnBoardValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SplitConsignmentIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeliveryInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsignmentQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsolidatableIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HaulageInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "LoadingSequenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChildConsignmentQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalPackagesQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ConsolidatedShipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "CustomsDeclaration",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedPickupTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedDeliveryTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PlannedPickupTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PlannedDeliveryTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Status",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ChildConsignment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ConsigneeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExporterParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ConsignorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ImporterParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CarrierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightForwarderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "NotifyParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginalDespatchParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinalDeliveryParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PerformingCarrierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SubstituteCarrierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LogisticsOperatorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportAdvisorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "HazardousItemNotificationParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InsuranceParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MortgageHolderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BillOfLadingHolderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginalDepartureCountry",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinalDestinationCountry",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransitCountry",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportContract",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginalDespatchTransportationService",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinalDeliveryTransportationService",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CollectPaymentTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DisbursementPaymentTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PrepaidPaymentTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ExtraAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MainCarriageShipmentStage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PreCarriageShipmentStage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OnCarriageShipmentStage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportHandlingUnit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FirstArrivalPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LastExitPortLocation",
        many: false,
    },
];
pub(crate) const T_CONTACTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Telephone",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Telefax",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ElectronicMail",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OtherCommunication",
        many: true,
    },
];
pub(crate) const T_CONTRACTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NominationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NominationTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ContractTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ContractType",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "VersionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ContractDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "NominationPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ContractualDelivery",
        many: false,
    },
];
pub(crate) const T_CORPORATEREGISTRATIONSCHEMETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CorporateRegistrationTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "JurisdictionRegionAddress",
        many: true,
    },
];
pub(crate) const T_COUNTRYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "IdentificationCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
];
pub(crate) const T_CREDITACCOUNTTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "AccountID",
    many: false,
}];
pub(crate) const T_CREDITNOTELINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "CreditedQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineExtensionAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxPointDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCostCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCost",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentPurposeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreeOfChargeIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoicePeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DiscrepancyResponse",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceiptLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "BillingReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PricingReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginatorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Price",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "SubCreditNoteLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemPriceExtension",
        many: false,
    },
];
pub(crate) const T_CUSTOMERPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "CustomerAssignedAccountID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SupplierAssignedAccountID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AdditionalAccountID",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Party",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryContact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingContact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "BuyerContact",
        many: false,
    },
];
pub(crate) const T_CUSTOMSDECLARATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "IssuerParty",
        many: false,
    },
];
pub(crate) const T_DELIVERYTERMSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialTerms",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "LossRiskResponsibilityCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LossRisk",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: false,
    },
];
pub(crate) const T_DELIVERYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Quantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MinimumQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualDeliveryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualDeliveryTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatestDeliveryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatestDeliveryTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReleaseID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TrackingID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AlternativeDeliveryLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedDeliveryPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PromisedDeliveryPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedDeliveryPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CarrierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "NotifyParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Despatch",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MinimumDeliveryUnit",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaximumDeliveryUnit",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Shipment",
        many: false,
    },
];
pub(crate) const T_DELIVERYUNITTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "BatchQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsumerUnitQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
];
pub(crate) const T_DEPENDENTPRICEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Percent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LocationAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DependentLineReference",
        many: false,
    },
];
pub(crate) const T_DESPATCHLINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeliveredQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BackorderQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BackorderReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "OutstandingQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OutstandingReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "OversupplyQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Shipment",
        many: true,
    },
];
pub(crate) const T_DESPATCHTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RequestedDespatchDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RequestedDespatchTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EstimatedDespatchDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EstimatedDespatchTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualDespatchDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualDespatchTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GuaranteedDespatchDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GuaranteedDespatchTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReleaseID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Instructions",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CarrierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "NotifyParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Contact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedDespatchPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedDespatchPeriod",
        many: false,
    },
];
pub(crate) const T_DIMENSIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "AttributeID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Measure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "MinimumMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumMeasure",
        many: false,
    },
];
pub(crate) const T_DOCUMENTREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CopyIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentType",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "XPath",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "LanguageID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LocaleCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "VersionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentDescription",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Attachment",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "IssuerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ResultOfVerification",
        many: false,
    },
];
pub(crate) const T_EMISSIONCALCULATIONMETHODTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "CalculationMethodCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FullnessIndicationCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementFromLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementToLocation",
        many: false,
    },
];
pub(crate) const T_ENVIRONMENTALEMISSIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "EnvironmentalEmissionTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValueMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "EmissionCalculationMethod",
        many: true,
    },
];
pub(crate) const T_EXCHANGERATETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "SourceCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SourceCurrencyBaseRate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TargetCurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TargetCurrencyBaseRate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExchangeMarketID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CalculationRate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MathematicOperatorCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Date",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ForeignExchangeContract",
        many: false,
    },
];
pub(crate) const T_EXTERNALREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "URI",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DocumentHash",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HashAlgorithmMethod",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExpiryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExpiryTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MimeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FormatCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EncodingCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CharacterSetCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FileName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
];
pub(crate) const T_FINANCIALACCOUNTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AliasName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountFormatCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentNote",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancialInstitutionBranch",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Country",
        many: false,
    },
];
pub(crate) const T_FINANCIALINSTITUTIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Address",
        many: false,
    },
];
pub(crate) const T_GOODSITEMCONTAINERTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Quantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEquipment",
        many: true,
    },
];
pub(crate) const T_GOODSITEMTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SequenceNumberID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredCustomsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredForCarriageValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredStatisticsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreeOnBoardValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InsuranceValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetNetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChargeableWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Quantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PreferenceCriterionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RequiredCustomsID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomsStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomsTariffQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomsImportClassifiedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChargeableQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReturnableQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TraceID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "GoodsItemContainer",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoiceLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Temperature",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContainedGoodsItem",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Pickup",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Despatch",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContainingPackage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipmentDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MinimumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaximumTemperature",
        many: false,
    },
];
pub(crate) const T_HAZARDOUSGOODSTRANSITTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TransportEmergencyCardCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackingCriteriaCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRegulationCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InhalationToxicityZoneCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportAuthorizationCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaximumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MinimumTemperature",
        many: false,
    },
];
pub(crate) const T_HAZARDOUSITEMTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PlacardNotation",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PlacardEndorsement",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AdditionalInformation",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "UNDGCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EmergencyProceduresCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MedicalFirstAidGuideCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TechnicalName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CategoryName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousCategoryCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UpperOrangeHazardPlacardID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LowerOrangeHazardPlacardID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MarkingID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardClassID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Quantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ContactParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SecondaryHazard",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "HazardousGoodsTransit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "EmergencyTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FlashpointTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalTemperature",
        many: true,
    },
];
pub(crate) const T_INVOICELINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "InvoicedQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineExtensionAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxPointDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCostCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AccountingCost",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentPurposeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreeOfChargeIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "InvoicePeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceiptLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "BillingReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PricingReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginatorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "WithholdingTaxTotal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Price",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTerms",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SubInvoiceLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemPriceExtension",
        many: false,
    },
];
pub(crate) const T_ITEMIDENTIFICATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExtendedID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BarcodeSymbologyID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PhysicalAttribute",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "IssuerParty",
        many: false,
    },
];
pub(crate) const T_ITEMINSTANCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ProductTraceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ManufactureDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ManufactureTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BestBeforeDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RegistrationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SerialID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalItemProperty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "LotIdentification",
        many: false,
    },
];
pub(crate) const T_ITEMLOCATIONQUANTITYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LeadTimeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MinimumQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TradingRestrictions",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ApplicableTerritoryAddress",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Price",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryUnit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ApplicableTaxCategory",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Package",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DependentPriceReference",
        many: false,
    },
];
pub(crate) const T_ITEMPROPERTYGROUPTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ImportanceCode",
        many: false,
    },
];
pub(crate) const T_ITEMPROPERTYRANGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "MinimumValue",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumValue",
        many: false,
    },
];
pub(crate) const T_ITEMPROPERTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NameCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TestMethod",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Value",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValueQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValueQualifier",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ImportanceCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ListValue",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "UsabilityPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemPropertyGroup",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "RangeDimension",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemPropertyRange",
        many: false,
    },
];
pub(crate) const T_ITEMTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackSizeNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CatalogueIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AdditionalInformation",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Keyword",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "BrandName",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ModelName",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "BuyersItemIdentification",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SellersItemIdentification",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ManufacturersItemIdentification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "StandardItemIdentification",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CatalogueItemIdentification",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalItemIdentification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "CatalogueDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemSpecificationDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginCountry",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CommodityClassification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransactionConditions",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "HazardousItem",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ClassifiedTaxCategory",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalItemProperty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ManufacturerParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "InformationContentProviderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginAddress",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ItemInstance",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Certificate",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Dimension",
        many: true,
    },
];
pub(crate) const T_LANGUAGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LocaleCode",
        many: false,
    },
];
pub(crate) const T_LINEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LineID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: false,
    },
];
pub(crate) const T_LOCATIONCOORDINATETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "CoordinateSystemCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatitudeDegreesMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatitudeMinutesMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatitudeDirectionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LongitudeDegreesMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LongitudeMinutesMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LongitudeDirectionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AltitudeMeasure",
        many: false,
    },
];
pub(crate) const T_LOCATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Conditions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "CountrySubentity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CountrySubentityCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LocationTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InformationURI",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Address",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SubsidiaryLocation",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "LocationCoordinate",
        many: true,
    },
];
pub(crate) const T_LOTIDENTIFICATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LotNumberID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExpiryDate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AdditionalItemProperty",
        many: true,
    },
];
pub(crate) const T_MARITIMETRANSPORTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "VesselID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "VesselName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RadioCallSignID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShipsRequirements",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossTonnageMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetTonnageMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RegistryCertificateDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RegistryPortLocation",
        many: false,
    },
];
pub(crate) const T_MONETARYTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LineExtensionAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxExclusiveAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxInclusiveAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AllowanceTotalAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ChargeTotalAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PrepaidAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PayableRoundingAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PayableAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PayableAlternativeAmount",
        many: false,
    },
];
pub(crate) const T_ORDERLINEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LineID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SalesOrderLineID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LineStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderReference",
        many: false,
    },
];
pub(crate) const T_ORDERREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SalesOrderID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CopyIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CustomerReference",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OrderTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: false,
    },
];
pub(crate) const T_PACKAGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Quantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReturnableMaterialIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackageLevelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackagingTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PackingMaterial",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TraceID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ContainedPackage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContainingTransportEquipment",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "GoodsItem",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryUnit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Pickup",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Despatch",
        many: false,
    },
];
pub(crate) const T_PARTYIDENTIFICATIONTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "ID",
    many: false,
}];
pub(crate) const T_PARTYLEGALENTITYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "RegistrationName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompanyID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RegistrationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RegistrationExpirationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompanyLegalFormCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompanyLegalForm",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SoleProprietorshipIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompanyLiquidationStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CorporateStockAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FullyPaidSharesIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RegistrationAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CorporateRegistrationScheme",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "HeadOfficeParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ShareholderParty",
        many: true,
    },
];
pub(crate) const T_PARTYNAMETYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "Name",
    many: false,
}];
pub(crate) const T_PARTYTAXSCHEMETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "RegistrationName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompanyID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxLevelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExemptionReasonCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ExemptionReason",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "RegistrationAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxScheme",
        many: false,
    },
];
pub(crate) const T_PARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "MarkCareIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MarkAttentionIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "WebsiteURI",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LogoReferenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EndpointID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IndustryClassificationCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PartyIdentification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PartyName",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Language",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PostalAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PhysicalLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PartyTaxScheme",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PartyLegalEntity",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Contact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Person",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AgentParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ServiceProviderParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PowerOfAttorney",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancialAccount",
        many: false,
    },
];
pub(crate) const T_PAYMENTMANDATETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MandateTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumPaymentInstructionsNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MaximumPaidAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SignatureID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayerFinancialAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentReversalPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Clause",
        many: true,
    },
];
pub(crate) const T_PAYMENTMEANSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentMeansCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentDueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentChannelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InstructionID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InstructionNote",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentID",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "CardAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayerFinancialAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PayeeFinancialAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CreditAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PaymentMandate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TradeFinancing",
        many: false,
    },
];
pub(crate) const T_PAYMENTTERMSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentMeansID",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "PrepaidPaymentReferenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReferenceEventCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SettlementDiscountPercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PenaltySurchargePercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentPercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SettlementDiscountAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PenaltyAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentTermsDetailsURI",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaymentDueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InstallmentDueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InvoicingPartyReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SettlementPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PenaltyPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExchangeRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: false,
    },
];
pub(crate) const T_PAYMENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaidAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReceivedDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaidDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PaidTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InstructionID",
        many: false,
    },
];
pub(crate) const T_PERIODTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "StartDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "StartTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EndDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EndTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DurationMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DescriptionCode",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
];
pub(crate) const T_PERSONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FirstName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FamilyName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Title",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "MiddleName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OtherName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NameSuffix",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "JobTitle",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NationalityID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GenderCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BirthDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BirthplaceName",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OrganizationDepartment",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Contact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancialAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "IdentityDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ResidenceAddress",
        many: false,
    },
];
pub(crate) const T_PHYSICALATTRIBUTETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "AttributeID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PositionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DescriptionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
];
pub(crate) const T_PICKUPTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualPickupDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActualPickupTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EarliestPickupDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EarliestPickupTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatestPickupDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LatestPickupTime",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PickupLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PickupParty",
        many: false,
    },
];
pub(crate) const T_POWEROFATTORNEYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "NotaryParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AgentParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "WitnessParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MandateDocumentReference",
        many: true,
    },
];
pub(crate) const T_PRICEEXTENSIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Amount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxTotal",
        many: true,
    },
];
pub(crate) const T_PRICELISTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "StatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PreviousPriceList",
        many: false,
    },
];
pub(crate) const T_PRICETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "PriceAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BaseQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PriceChangeReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "PriceTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PriceType",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OrderableUnitFactorRate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ValidityPeriod",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PriceList",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PricingExchangeRate",
        many: false,
    },
];
pub(crate) const T_PRICINGREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cac,
        name: "OriginalItemLocationQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AlternativeConditionPrice",
        many: true,
    },
];
pub(crate) const T_PROJECTREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "IssueDate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "WorkPhaseReference",
        many: true,
    },
];
pub(crate) const T_RAILTRANSPORTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TrainID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RailCarID",
        many: false,
    },
];
pub(crate) const T_RECEIPTLINETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "UUID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReceivedQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShortQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShortageActionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RejectedQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RejectReasonCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RejectReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "RejectActionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "QuantityDiscrepancyCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OversupplyQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReceivedDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TimingComplaintCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TimingComplaint",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OrderLineReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchLineReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Item",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Shipment",
        many: true,
    },
];
pub(crate) const T_RESPONSETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ReferenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ResponseCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "EffectiveDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EffectiveTime",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Status",
        many: true,
    },
];
pub(crate) const T_RESULTOFVERIFICATIONTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ValidatorID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidationResultCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidationTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidateProcess",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidateTool",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidateToolVersion",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SignatoryParty",
        many: false,
    },
];
pub(crate) const T_ROADTRANSPORTTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "LicensePlateID",
    many: false,
}];
pub(crate) const T_SECONDARYHAZARDTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PlacardNotation",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PlacardEndorsement",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EmergencyProceduresCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Extension",
        many: true,
    },
];
pub(crate) const T_SERVICEFREQUENCYTYPE: &[Child] = &[Child {
    ns: Ns::Cbc,
    name: "WeekDayCode",
    many: false,
}];
pub(crate) const T_SERVICEPROVIDERPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ServiceTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ServiceType",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Party",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SellerContact",
        many: false,
    },
];
pub(crate) const T_SHAREHOLDERPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "PartecipationPercent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Party",
        many: false,
    },
];
pub(crate) const T_SHIPMENTSTAGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportModeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportMeansTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransitDirectionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PreCarriageIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OnCarriageIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EstimatedDeliveryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EstimatedDeliveryTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RequiredDeliveryDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RequiredDeliveryTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LoadingSequenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SuccessiveSequenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Instructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "DemurrageInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "CrewQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PassengerQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransitPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CarrierParty",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportMeans",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LoadingPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "UnloadingPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransshipPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LoadingTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExaminationTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AvailabilityTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExportationTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DischargeTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "WarehousingTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TakeoverTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OptionalTakeoverTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DropoffTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ActualPickupTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceiptTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "StorageTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AcceptanceTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TerminalOperatorParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CustomsAgentParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedTransitPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightChargeLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DetentionTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedDepartureTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedArrivalTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RequestedWaypointTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PlannedDepartureTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PlannedArrivalTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PlannedWaypointTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ActualDepartureTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ActualWaypointTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ActualArrivalTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedDepartureTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedArrivalTransportEvent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PassengerPerson",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DriverPerson",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReportingPerson",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CrewMemberPerson",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "SecurityOfficerPerson",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MasterPerson",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipsSurgeonPerson",
        many: false,
    },
];
pub(crate) const T_SHIPMENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShippingPriorityLevelCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Information",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetNetWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NetVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalGoodsItemQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalTransportHandlingUnitQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "InsuranceValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredCustomsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredForCarriageValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeclaredStatisticsValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreeOnBoardValueAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "DeliveryInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SplitConsignmentIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ConsignmentQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Consignment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "GoodsItem",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipmentStage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportHandlingUnit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReturnAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginAddress",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FirstArrivalPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LastExitPortLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ExportCountry",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightAllowanceCharge",
        many: true,
    },
];
pub(crate) const T_SIGNATURETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Note",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidationTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ValidatorID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CanonicalizationMethod",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SignatureMethod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SignatoryParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DigitalSignatureAttachment",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OriginalDocumentReference",
        many: false,
    },
];
pub(crate) const T_STATUSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ConditionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReferenceDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReferenceTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "StatusReasonCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "StatusReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SequenceID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Text",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "IndicationIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Percent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReliabilityPercent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Condition",
        many: true,
    },
];
pub(crate) const T_STOWAGETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "LocationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Location",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
];
pub(crate) const T_SUPPLIERPARTYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "CustomerAssignedAccountID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AdditionalAccountID",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "DataSendingCapability",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Party",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DespatchContact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AccountingContact",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SellerContact",
        many: false,
    },
];
pub(crate) const T_TAXCATEGORYTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Percent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BaseUnitMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PerUnitAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxExemptionReasonCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxExemptionReason",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TierRange",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TierRatePercent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxScheme",
        many: false,
    },
];
pub(crate) const T_TAXSCHEMETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CurrencyCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "JurisdictionRegionAddress",
        many: true,
    },
];
pub(crate) const T_TAXSUBTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TaxableAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "CalculationSequenceNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransactionCurrencyTaxAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Percent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "BaseUnitMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PerUnitAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TierRange",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TierRatePercent",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxCategory",
        many: false,
    },
];
pub(crate) const T_TAXTOTALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TaxAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RoundingAmount",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxEvidenceIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TaxIncludedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TaxSubtotal",
        many: true,
    },
];
pub(crate) const T_TEMPERATURETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "AttributeID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Measure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
];
pub(crate) const T_TRADEFINANCINGTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FinancingInstrumentCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ContractDocumentReference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancingParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "FinancingFinancialAccount",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Clause",
        many: true,
    },
];
pub(crate) const T_TRADINGTERMSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "Information",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Reference",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ApplicableAddress",
        many: false,
    },
];
pub(crate) const T_TRANSACTIONCONDITIONSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ActionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DocumentReference",
        many: true,
    },
];
pub(crate) const T_TRANSPORTEQUIPMENTSEALTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SealIssuerTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Condition",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SealStatusCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SealingPartyType",
        many: false,
    },
];
pub(crate) const T_TRANSPORTEQUIPMENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReferencedConsignmentID",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportEquipmentTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProviderTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OwnerTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SizeTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DispositionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FullnessIndicationCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RefrigerationOnIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Information",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ReturnabilityIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "LegalStatusIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AirFlowPercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HumidityPercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "AnimalFoodApprovedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HumanFoodApprovedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DangerousGoodsApprovedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RefrigeratedIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Characteristics",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DamageRemarks",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "SpecialTransportRequirements",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "GrossVolumeMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TareWeightMeasure",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TrackingDeviceCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "PowerIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TraceID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEquipmentSeal",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MinimumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaximumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ProviderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LoadingProofParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "SupplierParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OwnerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OperatingParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "LoadingLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "UnloadingLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "StorageLocation",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PositioningTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "QuarantineTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "DeliveryTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PickupTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "HandlingTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "LoadingTransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ApplicableTransportMeans",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "HaulageTradingTerms",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "HazardousGoodsTransit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "PackagedTransportHandlingUnit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ServiceAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FreightAllowanceCharge",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "AttachedTransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Delivery",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Pickup",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Despatch",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipmentDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ContainedInTransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Package",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "GoodsItem",
        many: true,
    },
];
pub(crate) const T_TRANSPORTEVENTTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "IdentificationID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OccurrenceDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "OccurrenceTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportEventTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Description",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "CompletionIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ReportedShipment",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "CurrentStatus",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Contact",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Location",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Signature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Period",
        many: true,
    },
];
pub(crate) const T_TRANSPORTHANDLINGUNITTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportHandlingUnitTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "HandlingInstructions",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "HazardousRiskIndicator",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalGoodsItemQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TotalPackageQuantity",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "DamageRemarks",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ShippingMarks",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TraceID",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "HandlingUnitDespatchLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ActualPackage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReceivedHandlingUnitReceiptLine",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportMeans",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "HazardousGoodsTransit",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "MinimumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaximumTemperature",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "GoodsItem",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "FloorSpaceMeasurementDimension",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "PalletSpaceMeasurementDimension",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipmentDocumentReference",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Status",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "CustomsDeclaration",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ReferencedShipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "Package",
        many: true,
    },
];
pub(crate) const T_TRANSPORTMEANSTYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "JourneyID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RegistrationNationalityID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "RegistrationNationality",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "DirectionCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportMeansTypeCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TradeServiceCode",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "Stowage",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "AirTransport",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RoadTransport",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "RailTransport",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MaritimeTransport",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "OwnerParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "MeasurementDimension",
        many: true,
    },
];
pub(crate) const T_TRANSPORTATIONSERVICETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "TransportServiceCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TariffClassCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Priority",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "FreightRateClassCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportationServiceDescription",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "TransportationServiceDetailsURI",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NominationDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "NominationTime",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "Name",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "SequenceNumeric",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "SupportedTransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "UnsupportedTransportEquipment",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "CommodityClassification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "SupportedCommodityClassification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "UnsupportedCommodityClassification",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TotalCapacityDimension",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ShipmentStage",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "TransportEvent",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "ResponsibleTransportServiceProviderParty",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "EnvironmentalEmission",
        many: true,
    },
    Child {
        ns: Ns::Cac,
        name: "EstimatedDurationPeriod",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "ScheduledServiceFrequency",
        many: true,
    },
];
pub(crate) const T_WORKPHASEREFERENCETYPE: &[Child] = &[
    Child {
        ns: Ns::Cbc,
        name: "ID",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "WorkPhaseCode",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "WorkPhase",
        many: true,
    },
    Child {
        ns: Ns::Cbc,
        name: "ProgressPercent",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "StartDate",
        many: false,
    },
    Child {
        ns: Ns::Cbc,
        name: "EndDate",
        many: false,
    },
    Child {
        ns: Ns::Cac,
        name: "WorkOrderDocumentReference",
        many: true,
    },
];

/// The child sequence of the `cac:` element `local`, if UBL 2.1 defines it.
pub(crate) fn aggregate(local: &str) -> Option<&'static [Child]> {
    Some(match local {
        "AcceptanceTransportEvent" => T_TRANSPORTEVENTTYPE,
        "AccountingContact" => T_CONTACTTYPE,
        "AccountingCustomerParty" => T_CUSTOMERPARTYTYPE,
        "AccountingSupplierParty" => T_SUPPLIERPARTYTYPE,
        "ActualArrivalTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ActualDepartureTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ActualPackage" => T_PACKAGETYPE,
        "ActualPickupTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ActualWaypointTransportEvent" => T_TRANSPORTEVENTTYPE,
        "AdditionalDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "AdditionalItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "AdditionalItemProperty" => T_ITEMPROPERTYTYPE,
        "AdditionalTemperature" => T_TEMPERATURETYPE,
        "Address" => T_ADDRESSTYPE,
        "AddressLine" => T_ADDRESSLINETYPE,
        "AgentParty" => T_PARTYTYPE,
        "AirTransport" => T_AIRTRANSPORTTYPE,
        "AllowanceCharge" => T_ALLOWANCECHARGETYPE,
        "AlternativeConditionPrice" => T_PRICETYPE,
        "AlternativeDeliveryLocation" => T_LOCATIONTYPE,
        "ApplicableAddress" => T_ADDRESSTYPE,
        "ApplicableTaxCategory" => T_TAXCATEGORYTYPE,
        "ApplicableTerritoryAddress" => T_ADDRESSTYPE,
        "ApplicableTransportMeans" => T_TRANSPORTMEANSTYPE,
        "AttachedTransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "Attachment" => T_ATTACHMENTTYPE,
        "AvailabilityTransportEvent" => T_TRANSPORTEVENTTYPE,
        "BillOfLadingHolderParty" => T_PARTYTYPE,
        "BillingReference" => T_BILLINGREFERENCETYPE,
        "BillingReferenceLine" => T_BILLINGREFERENCELINETYPE,
        "BuyerContact" => T_CONTACTTYPE,
        "BuyerCustomerParty" => T_CUSTOMERPARTYTYPE,
        "BuyersItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "CardAccount" => T_CARDACCOUNTTYPE,
        "CarrierParty" => T_PARTYTYPE,
        "CatalogueDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "CatalogueItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "Certificate" => T_CERTIFICATETYPE,
        "ChildConsignment" => T_CONSIGNMENTTYPE,
        "ClassifiedTaxCategory" => T_TAXCATEGORYTYPE,
        "Clause" => T_CLAUSETYPE,
        "CollectPaymentTerms" => T_PAYMENTTERMSTYPE,
        "CommodityClassification" => T_COMMODITYCLASSIFICATIONTYPE,
        "Condition" => T_CONDITIONTYPE,
        "ConsigneeParty" => T_PARTYTYPE,
        "Consignment" => T_CONSIGNMENTTYPE,
        "ConsignorParty" => T_PARTYTYPE,
        "ConsolidatedShipment" => T_SHIPMENTTYPE,
        "Contact" => T_CONTACTTYPE,
        "ContactParty" => T_PARTYTYPE,
        "ContainedGoodsItem" => T_GOODSITEMTYPE,
        "ContainedInTransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "ContainedPackage" => T_PACKAGETYPE,
        "ContainingPackage" => T_PACKAGETYPE,
        "ContainingTransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "ContractDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ContractualDelivery" => T_DELIVERYTYPE,
        "CorporateRegistrationScheme" => T_CORPORATEREGISTRATIONSCHEMETYPE,
        "Country" => T_COUNTRYTYPE,
        "CreditAccount" => T_CREDITACCOUNTTYPE,
        "CreditNoteDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "CreditNoteLine" => T_CREDITNOTELINETYPE,
        "CrewMemberPerson" => T_PERSONTYPE,
        "CurrentStatus" => T_STATUSTYPE,
        "CustomsAgentParty" => T_PARTYTYPE,
        "CustomsDeclaration" => T_CUSTOMSDECLARATIONTYPE,
        "DebitNoteDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "Delivery" => T_DELIVERYTYPE,
        "DeliveryAddress" => T_ADDRESSTYPE,
        "DeliveryContact" => T_CONTACTTYPE,
        "DeliveryLocation" => T_LOCATIONTYPE,
        "DeliveryParty" => T_PARTYTYPE,
        "DeliveryTerms" => T_DELIVERYTERMSTYPE,
        "DeliveryTransportEvent" => T_TRANSPORTEVENTTYPE,
        "DeliveryUnit" => T_DELIVERYUNITTYPE,
        "DependentLineReference" => T_LINEREFERENCETYPE,
        "DependentPriceReference" => T_DEPENDENTPRICEREFERENCETYPE,
        "Despatch" => T_DESPATCHTYPE,
        "DespatchAddress" => T_ADDRESSTYPE,
        "DespatchContact" => T_CONTACTTYPE,
        "DespatchDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "DespatchLineReference" => T_LINEREFERENCETYPE,
        "DespatchLocation" => T_LOCATIONTYPE,
        "DespatchParty" => T_PARTYTYPE,
        "DetentionTransportEvent" => T_TRANSPORTEVENTTYPE,
        "DigitalSignatureAttachment" => T_ATTACHMENTTYPE,
        "Dimension" => T_DIMENSIONTYPE,
        "DisbursementPaymentTerms" => T_PAYMENTTERMSTYPE,
        "DischargeTransportEvent" => T_TRANSPORTEVENTTYPE,
        "DiscrepancyResponse" => T_RESPONSETYPE,
        "DocumentReference" => T_DOCUMENTREFERENCETYPE,
        "DriverPerson" => T_PERSONTYPE,
        "DropoffTransportEvent" => T_TRANSPORTEVENTTYPE,
        "EmergencyTemperature" => T_TEMPERATURETYPE,
        "EmissionCalculationMethod" => T_EMISSIONCALCULATIONMETHODTYPE,
        "EnvironmentalEmission" => T_ENVIRONMENTALEMISSIONTYPE,
        "EstimatedArrivalTransportEvent" => T_TRANSPORTEVENTTYPE,
        "EstimatedDeliveryPeriod" => T_PERIODTYPE,
        "EstimatedDepartureTransportEvent" => T_TRANSPORTEVENTTYPE,
        "EstimatedDespatchPeriod" => T_PERIODTYPE,
        "EstimatedDurationPeriod" => T_PERIODTYPE,
        "EstimatedTransitPeriod" => T_PERIODTYPE,
        "ExaminationTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ExchangeRate" => T_EXCHANGERATETYPE,
        "ExportCountry" => T_COUNTRYTYPE,
        "ExportationTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ExporterParty" => T_PARTYTYPE,
        "ExternalReference" => T_EXTERNALREFERENCETYPE,
        "ExtraAllowanceCharge" => T_ALLOWANCECHARGETYPE,
        "FinalDeliveryParty" => T_PARTYTYPE,
        "FinalDeliveryTransportationService" => T_TRANSPORTATIONSERVICETYPE,
        "FinalDestinationCountry" => T_COUNTRYTYPE,
        "FinancialAccount" => T_FINANCIALACCOUNTTYPE,
        "FinancialInstitution" => T_FINANCIALINSTITUTIONTYPE,
        "FinancialInstitutionBranch" => T_BRANCHTYPE,
        "FinancingFinancialAccount" => T_FINANCIALACCOUNTTYPE,
        "FinancingParty" => T_PARTYTYPE,
        "FirstArrivalPortLocation" => T_LOCATIONTYPE,
        "FlashpointTemperature" => T_TEMPERATURETYPE,
        "FloorSpaceMeasurementDimension" => T_DIMENSIONTYPE,
        "ForeignExchangeContract" => T_CONTRACTTYPE,
        "FreightAllowanceCharge" => T_ALLOWANCECHARGETYPE,
        "FreightChargeLocation" => T_LOCATIONTYPE,
        "FreightForwarderParty" => T_PARTYTYPE,
        "GoodsItem" => T_GOODSITEMTYPE,
        "GoodsItemContainer" => T_GOODSITEMCONTAINERTYPE,
        "HandlingTransportEvent" => T_TRANSPORTEVENTTYPE,
        "HandlingUnitDespatchLine" => T_DESPATCHLINETYPE,
        "HaulageTradingTerms" => T_TRADINGTERMSTYPE,
        "HazardousGoodsTransit" => T_HAZARDOUSGOODSTRANSITTYPE,
        "HazardousItem" => T_HAZARDOUSITEMTYPE,
        "HazardousItemNotificationParty" => T_PARTYTYPE,
        "HeadOfficeParty" => T_PARTYTYPE,
        "IdentityDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ImporterParty" => T_PARTYTYPE,
        "InformationContentProviderParty" => T_PARTYTYPE,
        "InsuranceParty" => T_PARTYTYPE,
        "InvoiceDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "InvoiceLine" => T_INVOICELINETYPE,
        "InvoicePeriod" => T_PERIODTYPE,
        "IssuerParty" => T_PARTYTYPE,
        "Item" => T_ITEMTYPE,
        "ItemInstance" => T_ITEMINSTANCETYPE,
        "ItemPriceExtension" => T_PRICEEXTENSIONTYPE,
        "ItemPropertyGroup" => T_ITEMPROPERTYGROUPTYPE,
        "ItemPropertyRange" => T_ITEMPROPERTYRANGETYPE,
        "ItemSpecificationDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "JurisdictionRegionAddress" => T_ADDRESSTYPE,
        "Language" => T_LANGUAGETYPE,
        "LastExitPortLocation" => T_LOCATIONTYPE,
        "LegalMonetaryTotal" => T_MONETARYTOTALTYPE,
        "LoadingLocation" => T_LOCATIONTYPE,
        "LoadingPortLocation" => T_LOCATIONTYPE,
        "LoadingProofParty" => T_PARTYTYPE,
        "LoadingTransportEvent" => T_TRANSPORTEVENTTYPE,
        "Location" => T_LOCATIONTYPE,
        "LocationAddress" => T_ADDRESSTYPE,
        "LocationCoordinate" => T_LOCATIONCOORDINATETYPE,
        "LogisticsOperatorParty" => T_PARTYTYPE,
        "LotIdentification" => T_LOTIDENTIFICATIONTYPE,
        "MainCarriageShipmentStage" => T_SHIPMENTSTAGETYPE,
        "MandateDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ManufacturerParty" => T_PARTYTYPE,
        "ManufacturersItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "MaritimeTransport" => T_MARITIMETRANSPORTTYPE,
        "MasterPerson" => T_PERSONTYPE,
        "MaximumDeliveryUnit" => T_DELIVERYUNITTYPE,
        "MaximumTemperature" => T_TEMPERATURETYPE,
        "MeasurementDimension" => T_DIMENSIONTYPE,
        "MeasurementFromLocation" => T_LOCATIONTYPE,
        "MeasurementToLocation" => T_LOCATIONTYPE,
        "MinimumDeliveryUnit" => T_DELIVERYUNITTYPE,
        "MinimumTemperature" => T_TEMPERATURETYPE,
        "MortgageHolderParty" => T_PARTYTYPE,
        "NominationPeriod" => T_PERIODTYPE,
        "NotaryParty" => T_PARTYTYPE,
        "NotifyParty" => T_PARTYTYPE,
        "OnCarriageShipmentStage" => T_SHIPMENTSTAGETYPE,
        "OperatingParty" => T_PARTYTYPE,
        "OptionalTakeoverTransportEvent" => T_TRANSPORTEVENTTYPE,
        "OrderLineReference" => T_ORDERLINEREFERENCETYPE,
        "OrderReference" => T_ORDERREFERENCETYPE,
        "OriginAddress" => T_ADDRESSTYPE,
        "OriginCountry" => T_COUNTRYTYPE,
        "OriginalDepartureCountry" => T_COUNTRYTYPE,
        "OriginalDespatchParty" => T_PARTYTYPE,
        "OriginalDespatchTransportationService" => T_TRANSPORTATIONSERVICETYPE,
        "OriginalDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "OriginalItemLocationQuantity" => T_ITEMLOCATIONQUANTITYTYPE,
        "OriginatorDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "OriginatorParty" => T_PARTYTYPE,
        "OtherCommunication" => T_COMMUNICATIONTYPE,
        "OwnerParty" => T_PARTYTYPE,
        "Package" => T_PACKAGETYPE,
        "PackagedTransportHandlingUnit" => T_TRANSPORTHANDLINGUNITTYPE,
        "PalletSpaceMeasurementDimension" => T_DIMENSIONTYPE,
        "Party" => T_PARTYTYPE,
        "PartyIdentification" => T_PARTYIDENTIFICATIONTYPE,
        "PartyLegalEntity" => T_PARTYLEGALENTITYTYPE,
        "PartyName" => T_PARTYNAMETYPE,
        "PartyTaxScheme" => T_PARTYTAXSCHEMETYPE,
        "PassengerPerson" => T_PERSONTYPE,
        "PayeeFinancialAccount" => T_FINANCIALACCOUNTTYPE,
        "PayeeParty" => T_PARTYTYPE,
        "PayerFinancialAccount" => T_FINANCIALACCOUNTTYPE,
        "PayerParty" => T_PARTYTYPE,
        "PaymentAlternativeExchangeRate" => T_EXCHANGERATETYPE,
        "PaymentExchangeRate" => T_EXCHANGERATETYPE,
        "PaymentMandate" => T_PAYMENTMANDATETYPE,
        "PaymentMeans" => T_PAYMENTMEANSTYPE,
        "PaymentReversalPeriod" => T_PERIODTYPE,
        "PaymentTerms" => T_PAYMENTTERMSTYPE,
        "PenaltyPeriod" => T_PERIODTYPE,
        "PerformingCarrierParty" => T_PARTYTYPE,
        "Period" => T_PERIODTYPE,
        "Person" => T_PERSONTYPE,
        "PhysicalAttribute" => T_PHYSICALATTRIBUTETYPE,
        "PhysicalLocation" => T_LOCATIONTYPE,
        "Pickup" => T_PICKUPTYPE,
        "PickupLocation" => T_LOCATIONTYPE,
        "PickupParty" => T_PARTYTYPE,
        "PickupTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PlannedArrivalTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PlannedDeliveryTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PlannedDepartureTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PlannedPickupTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PlannedWaypointTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PositioningTransportEvent" => T_TRANSPORTEVENTTYPE,
        "PostalAddress" => T_ADDRESSTYPE,
        "PowerOfAttorney" => T_POWEROFATTORNEYTYPE,
        "PreCarriageShipmentStage" => T_SHIPMENTSTAGETYPE,
        "PrepaidPayment" => T_PAYMENTTYPE,
        "PrepaidPaymentTerms" => T_PAYMENTTERMSTYPE,
        "PreviousPriceList" => T_PRICELISTTYPE,
        "Price" => T_PRICETYPE,
        "PriceList" => T_PRICELISTTYPE,
        "PricingExchangeRate" => T_EXCHANGERATETYPE,
        "PricingReference" => T_PRICINGREFERENCETYPE,
        "ProjectReference" => T_PROJECTREFERENCETYPE,
        "PromisedDeliveryPeriod" => T_PERIODTYPE,
        "ProviderParty" => T_PARTYTYPE,
        "QuarantineTransportEvent" => T_TRANSPORTEVENTTYPE,
        "RailTransport" => T_RAILTRANSPORTTYPE,
        "RangeDimension" => T_DIMENSIONTYPE,
        "ReceiptDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ReceiptLineReference" => T_LINEREFERENCETYPE,
        "ReceiptTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ReceivedHandlingUnitReceiptLine" => T_RECEIPTLINETYPE,
        "ReferencedShipment" => T_SHIPMENTTYPE,
        "RegistrationAddress" => T_ADDRESSTYPE,
        "RegistryCertificateDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "RegistryPortLocation" => T_LOCATIONTYPE,
        "ReminderDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ReportedShipment" => T_SHIPMENTTYPE,
        "ReportingPerson" => T_PERSONTYPE,
        "RequestedArrivalTransportEvent" => T_TRANSPORTEVENTTYPE,
        "RequestedDeliveryPeriod" => T_PERIODTYPE,
        "RequestedDeliveryTransportEvent" => T_TRANSPORTEVENTTYPE,
        "RequestedDepartureTransportEvent" => T_TRANSPORTEVENTTYPE,
        "RequestedDespatchPeriod" => T_PERIODTYPE,
        "RequestedPickupTransportEvent" => T_TRANSPORTEVENTTYPE,
        "RequestedWaypointTransportEvent" => T_TRANSPORTEVENTTYPE,
        "ResidenceAddress" => T_ADDRESSTYPE,
        "ResponsibleTransportServiceProviderParty" => T_PARTYTYPE,
        "ResultOfVerification" => T_RESULTOFVERIFICATIONTYPE,
        "ReturnAddress" => T_ADDRESSTYPE,
        "RoadTransport" => T_ROADTRANSPORTTYPE,
        "ScheduledServiceFrequency" => T_SERVICEFREQUENCYTYPE,
        "SecondaryHazard" => T_SECONDARYHAZARDTYPE,
        "SecurityOfficerPerson" => T_PERSONTYPE,
        "SelfBilledCreditNoteDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "SelfBilledInvoiceDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "SellerContact" => T_CONTACTTYPE,
        "SellerSupplierParty" => T_SUPPLIERPARTYTYPE,
        "SellersItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "ServiceAllowanceCharge" => T_ALLOWANCECHARGETYPE,
        "ServiceProviderParty" => T_SERVICEPROVIDERPARTYTYPE,
        "SettlementPeriod" => T_PERIODTYPE,
        "ShareholderParty" => T_SHAREHOLDERPARTYTYPE,
        "Shipment" => T_SHIPMENTTYPE,
        "ShipmentDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "ShipmentStage" => T_SHIPMENTSTAGETYPE,
        "ShipsSurgeonPerson" => T_PERSONTYPE,
        "SignatoryParty" => T_PARTYTYPE,
        "Signature" => T_SIGNATURETYPE,
        "StandardItemIdentification" => T_ITEMIDENTIFICATIONTYPE,
        "StatementDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "Status" => T_STATUSTYPE,
        "StorageLocation" => T_LOCATIONTYPE,
        "StorageTransportEvent" => T_TRANSPORTEVENTTYPE,
        "Stowage" => T_STOWAGETYPE,
        "SubCreditNoteLine" => T_CREDITNOTELINETYPE,
        "SubInvoiceLine" => T_INVOICELINETYPE,
        "SubsidiaryLocation" => T_LOCATIONTYPE,
        "SubstituteCarrierParty" => T_PARTYTYPE,
        "SupplierParty" => T_SUPPLIERPARTYTYPE,
        "SupportedCommodityClassification" => T_COMMODITYCLASSIFICATIONTYPE,
        "SupportedTransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "TakeoverTransportEvent" => T_TRANSPORTEVENTTYPE,
        "TaxCategory" => T_TAXCATEGORYTYPE,
        "TaxExchangeRate" => T_EXCHANGERATETYPE,
        "TaxRepresentativeParty" => T_PARTYTYPE,
        "TaxScheme" => T_TAXSCHEMETYPE,
        "TaxSubtotal" => T_TAXSUBTOTALTYPE,
        "TaxTotal" => T_TAXTOTALTYPE,
        "Temperature" => T_TEMPERATURETYPE,
        "TerminalOperatorParty" => T_PARTYTYPE,
        "TotalCapacityDimension" => T_DIMENSIONTYPE,
        "TradeFinancing" => T_TRADEFINANCINGTYPE,
        "TransactionConditions" => T_TRANSACTIONCONDITIONSTYPE,
        "TransitCountry" => T_COUNTRYTYPE,
        "TransitPeriod" => T_PERIODTYPE,
        "TransportAdvisorParty" => T_PARTYTYPE,
        "TransportContract" => T_CONTRACTTYPE,
        "TransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "TransportEquipmentSeal" => T_TRANSPORTEQUIPMENTSEALTYPE,
        "TransportEvent" => T_TRANSPORTEVENTTYPE,
        "TransportHandlingUnit" => T_TRANSPORTHANDLINGUNITTYPE,
        "TransportMeans" => T_TRANSPORTMEANSTYPE,
        "TransshipPortLocation" => T_LOCATIONTYPE,
        "UnloadingLocation" => T_LOCATIONTYPE,
        "UnloadingPortLocation" => T_LOCATIONTYPE,
        "UnsupportedCommodityClassification" => T_COMMODITYCLASSIFICATIONTYPE,
        "UnsupportedTransportEquipment" => T_TRANSPORTEQUIPMENTTYPE,
        "UsabilityPeriod" => T_PERIODTYPE,
        "ValidityPeriod" => T_PERIODTYPE,
        "WarehousingTransportEvent" => T_TRANSPORTEVENTTYPE,
        "WithholdingTaxTotal" => T_TAXTOTALTYPE,
        "WitnessParty" => T_PARTYTYPE,
        "WorkOrderDocumentReference" => T_DOCUMENTREFERENCETYPE,
        "WorkPhaseReference" => T_WORKPHASEREFERENCETYPE,
        _ => return None,
    })
}
