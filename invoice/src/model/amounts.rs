//! Document-level allowances and charges (BG-20, BG-21), totals (BG-22) and the VAT breakdown
//! (BG-23).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::VatCategoryCode;

/// BG-20 DOCUMENT LEVEL ALLOWANCES or BG-21 DOCUMENT LEVEL CHARGES (which one is given by the list
/// holding it, [`super::Invoice::allowances`] or [`super::Invoice::charges`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AllowanceCharge {
    /// BT-92 Document level allowance amount / BT-99 Document level charge amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// BT-93 Document level allowance base amount / BT-100 Document level charge base amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_amount: Option<Decimal>,
    /// BT-94 Document level allowance percentage / BT-101 Document level charge percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Decimal>,
    /// BT-95 Document level allowance VAT category code / BT-102 … charge VAT category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_category: Option<VatCategoryCode>,
    /// BT-96 Document level allowance VAT rate / BT-103 Document level charge VAT rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_rate: Option<Decimal>,
    /// BT-97 Document level allowance reason / BT-104 Document level charge reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// BT-98 Document level allowance reason code (UNTDID 5189) / BT-105 … charge reason code
    /// (UNTDID 7161).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

/// BG-22 DOCUMENT TOTALS.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentTotals {
    /// BT-106 Sum of Invoice line net amount (UBL `LineExtensionAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_net_total: Option<Decimal>,
    /// BT-107 Sum of allowances on document level (UBL `AllowanceTotalAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowance_total: Option<Decimal>,
    /// BT-108 Sum of charges on document level (UBL `ChargeTotalAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_total: Option<Decimal>,
    /// BT-109 Invoice total amount without VAT (UBL `TaxExclusiveAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exclusive: Option<Decimal>,
    /// BT-110 Invoice total VAT amount (UBL `TaxTotal/TaxAmount` in the invoice currency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_total: Option<Decimal>,
    /// BT-111 Invoice total VAT amount in accounting currency (the `TaxTotal` in BT-6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_total_accounting: Option<Decimal>,
    /// BT-112 Invoice total amount with VAT (UBL `TaxInclusiveAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_inclusive: Option<Decimal>,
    /// BT-113 Paid amount (UBL `PrepaidAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<Decimal>,
    /// BT-114 Rounding amount (UBL `PayableRoundingAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Decimal>,
    /// BT-115 Amount due for payment (UBL `PayableAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<Decimal>,
}

/// BG-23 VAT BREAKDOWN (one UBL `TaxSubtotal`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VatBreakdown {
    /// BT-116 VAT category taxable amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxable_amount: Option<Decimal>,
    /// BT-117 VAT category tax amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_amount: Option<Decimal>,
    /// BT-118 VAT category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<VatCategoryCode>,
    /// BT-119 VAT category rate (percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Decimal>,
    /// BT-120 VAT exemption reason text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_reason: Option<String>,
    /// BT-121 VAT exemption reason code (VATEX).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_reason_code: Option<String>,
}
