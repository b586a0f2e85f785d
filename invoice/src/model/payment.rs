//! BG-16 PAYMENT INSTRUCTIONS with BG-17 credit transfer, BG-18 payment card and BG-19 direct debit.

use serde::{Deserialize, Serialize};

use super::PaymentMeansCode;

/// BG-16 PAYMENT INSTRUCTIONS as one UBL `PaymentMeans`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaymentInstructions {
    /// BT-81 Payment means type code (UNCL 4461).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means_code: Option<PaymentMeansCode>,
    /// BT-82 Payment means text (UBL `PaymentMeansCode/@name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means_text: Option<String>,
    /// BT-83 Remittance information (UBL `PaymentID`; the OCR reference in Sweden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_information: Option<String>,
    /// BG-17 CREDIT TRANSFER (UBL `PayeeFinancialAccount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_transfer: Option<CreditTransfer>,
    /// BG-18 PAYMENT CARD INFORMATION (UBL `CardAccount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<PaymentCard>,
    /// BG-19 DIRECT DEBIT (UBL `PaymentMandate`; BT-90 is a party identifier, see
    /// [`super::Invoice::bank_assigned_creditor_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_debit: Option<DirectDebit>,
}

/// BG-17 CREDIT TRANSFER.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreditTransfer {
    /// BT-84 Payment account identifier (IBAN, bankgiro or plusgiro number, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// BT-85 Payment account name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// BT-86 Payment service provider identifier (BIC; in Sweden also `SE:BANKGIRO` /
    /// `SE:PLUSGIRO`; UBL `FinancialInstitutionBranch/ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider_id: Option<String>,
}

/// BG-18 PAYMENT CARD INFORMATION.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaymentCard {
    /// BT-87 Payment card primary account number (at most the last digits, per PCI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_account_number: Option<String>,
    /// UBL `CardAccount/NetworkID` (mandatory in UBL; no business term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// BT-88 Payment card holder name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
}

/// BG-19 DIRECT DEBIT.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DirectDebit {
    /// BT-89 Mandate reference identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_reference: Option<String>,
    /// BT-91 Debited account identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debited_account: Option<String>,
}
