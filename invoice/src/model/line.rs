//! BG-25 INVOICE LINE with its period (BG-26), allowances and charges (BG-27, BG-28), price
//! (BG-29), VAT (BG-30) and item (BG-31, BG-32).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{CountryCode, Identifier, Period, UnitCode, VatCategoryCode};

/// BG-25 INVOICE LINE (UBL `InvoiceLine` or `CreditNoteLine`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InvoiceLine {
    /// BT-126 Invoice line identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// BT-127 Invoice line note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// BT-128 Invoice line object identifier (with scheme, UNTDID 1153).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_identifier: Option<Identifier>,
    /// BT-129 Invoiced quantity (UBL `InvoicedQuantity` / `CreditedQuantity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Decimal>,
    /// BT-130 Invoiced quantity unit of measure code (UN/ECE Rec 20/21).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitCode>,
    /// BT-131 Invoice line net amount (UBL `LineExtensionAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_amount: Option<Decimal>,
    /// BT-132 Referenced purchase order line reference (UBL `OrderLineReference/LineID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_line_reference: Option<String>,
    /// BT-133 Invoice line Buyer accounting reference (UBL `AccountingCost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_accounting_reference: Option<String>,
    /// BG-26 INVOICE LINE PERIOD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// BG-27 INVOICE LINE ALLOWANCES.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowances: Vec<LineAllowanceCharge>,
    /// BG-28 INVOICE LINE CHARGES.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<LineAllowanceCharge>,
    /// BG-29 PRICE DETAILS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceDetails>,
    /// BG-30 LINE VAT INFORMATION (UBL `Item/ClassifiedTaxCategory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<LineVat>,
    /// BG-31 ITEM INFORMATION.
    #[serde(default)]
    pub item: Item,
}

/// BG-27 INVOICE LINE ALLOWANCES or BG-28 INVOICE LINE CHARGES.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineAllowanceCharge {
    /// BT-136 Invoice line allowance amount / BT-141 Invoice line charge amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// BT-137 Invoice line allowance base amount / BT-142 Invoice line charge base amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_amount: Option<Decimal>,
    /// BT-138 Invoice line allowance percentage / BT-143 Invoice line charge percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Decimal>,
    /// BT-139 Invoice line allowance reason / BT-144 Invoice line charge reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// BT-140 Invoice line allowance reason code / BT-145 Invoice line charge reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

/// BG-29 PRICE DETAILS.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PriceDetails {
    /// BT-146 Item net price (UBL `Price/PriceAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_price: Option<Decimal>,
    /// BT-147 Item price discount (UBL `Price/AllowanceCharge/Amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Decimal>,
    /// BT-148 Item gross price (UBL `Price/AllowanceCharge/BaseAmount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_price: Option<Decimal>,
    /// BT-149 Item price base quantity (UBL `Price/BaseQuantity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_quantity: Option<Decimal>,
    /// BT-150 Item price base quantity unit of measure code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_quantity_unit: Option<UnitCode>,
}

/// BG-30 LINE VAT INFORMATION.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineVat {
    /// BT-151 Invoiced item VAT category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<VatCategoryCode>,
    /// BT-152 Invoiced item VAT rate (percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Decimal>,
}

/// BG-31 ITEM INFORMATION.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Item {
    /// BT-153 Item name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// BT-154 Item description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// BT-155 Item Seller's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sellers_id: Option<String>,
    /// BT-156 Item Buyer's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyers_id: Option<String>,
    /// BT-157 Item standard identifier (with scheme, e.g. `0160` GTIN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_id: Option<Identifier>,
    /// BT-158 Item classification identifier (0..n, with list id and version).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classifications: Vec<ItemClassification>,
    /// BT-159 Item country of origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_country: Option<CountryCode>,
    /// BG-32 ITEM ATTRIBUTES.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<ItemAttribute>,
}

/// BT-158 Item classification identifier with its scheme (UNTDID 7143 `@listID`) and version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ItemClassification {
    /// BT-158 Item classification identifier.
    pub value: String,
    /// BT-158-1 Scheme identifier (`@listID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// BT-158-2 Scheme version identifier (`@listVersionID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// BG-32 ITEM ATTRIBUTES.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ItemAttribute {
    /// BT-160 Item attribute name.
    pub name: String,
    /// BT-161 Item attribute value.
    pub value: String,
}
