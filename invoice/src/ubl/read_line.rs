//! Reads a UBL `InvoiceLine` / `CreditNoteLine` (BG-25 with BG-26 … BG-32).

use crate::model::{
    CountryCode, InvoiceLine, Item, ItemAttribute, ItemClassification, LineAllowanceCharge,
    LineVat, PriceDetails, UnitCode, VatCategoryCode,
};
use crate::read::{Values, attr};
use crate::xml::Element;

use super::read::{CAC, CBC, read_period, scheme_id};

pub(super) fn line(v: &mut Values<'_>, l: Element<'_>, credit_note: bool) -> InvoiceLine {
    let quantity_name = if credit_note {
        "CreditedQuantity"
    } else {
        "InvoicedQuantity"
    };
    let quantity = l.child(CBC, quantity_name);
    // BT-128 is the line `DocumentReference` with type code 130 (EN 16931 UBL binding).
    let object = l.children_named(CAC, "DocumentReference").find(|d| {
        d.child(CBC, "DocumentTypeCode")
            .is_some_and(|c| c.text().trim() == "130")
    });
    let mut line = InvoiceLine {
        id: v.text(l.child(CBC, "ID")),
        note: v.text(l.child(CBC, "Note")),
        object_identifier: scheme_id(v, object),
        quantity: v.decimal(quantity),
        unit: quantity.and_then(|q| attr(q, "unitCode")).map(UnitCode),
        net_amount: v.decimal(l.child(CBC, "LineExtensionAmount")),
        order_line_reference: l
            .child(CAC, "OrderLineReference")
            .and_then(|r| v.text(r.child(CBC, "LineID"))),
        buyer_accounting_reference: v.text(l.child(CBC, "AccountingCost")),
        period: l
            .child(CAC, "InvoicePeriod")
            .and_then(|p| read_period(v, p)),
        ..InvoiceLine::default()
    };
    for ac in l.children_named(CAC, "AllowanceCharge") {
        let is_charge = v.boolean(ac.child(CBC, "ChargeIndicator")).unwrap_or(false);
        let item = LineAllowanceCharge {
            amount: v.decimal(ac.child(CBC, "Amount")),
            base_amount: v.decimal(ac.child(CBC, "BaseAmount")),
            percentage: v.decimal(ac.child(CBC, "MultiplierFactorNumeric")),
            reason: v.text(ac.child(CBC, "AllowanceChargeReason")),
            reason_code: v.text(ac.child(CBC, "AllowanceChargeReasonCode")),
        };
        if is_charge {
            line.charges.push(item);
        } else {
            line.allowances.push(item);
        }
    }
    if let Some(item) = l.child(CAC, "Item") {
        line.vat = item.child(CAC, "ClassifiedTaxCategory").map(|c| LineVat {
            category: v.text(c.child(CBC, "ID")).map(VatCategoryCode),
            rate: v.decimal(c.child(CBC, "Percent")),
        });
        line.item = read_item(v, item);
    }
    if let Some(price) = l.child(CAC, "Price") {
        line.price = Some(read_price(v, price));
    }
    line
}

fn read_item(v: &mut Values<'_>, item: Element<'_>) -> Item {
    let id_of = |v: &Values<'_>, name: &str| {
        item.child(CAC, name)
            .and_then(|i| v.text(i.child(CBC, "ID")))
    };
    Item {
        name: v.text(item.child(CBC, "Name")),
        description: v.text(item.child(CBC, "Description")),
        sellers_id: id_of(v, "SellersItemIdentification"),
        buyers_id: id_of(v, "BuyersItemIdentification"),
        standard_id: scheme_id(v, item.child(CAC, "StandardItemIdentification")),
        classifications: item
            .children_named(CAC, "CommodityClassification")
            .filter_map(|c| c.child(CBC, "ItemClassificationCode"))
            .filter_map(|c| {
                Some(ItemClassification {
                    value: v.text(Some(c))?,
                    scheme: attr(c, "listID"),
                    version: attr(c, "listVersionID"),
                })
            })
            .collect(),
        origin_country: item
            .child(CAC, "OriginCountry")
            .and_then(|c| v.text(c.child(CBC, "IdentificationCode")))
            .map(CountryCode),
        attributes: item
            .children_named(CAC, "AdditionalItemProperty")
            .map(|p| ItemAttribute {
                name: v.text(p.child(CBC, "Name")).unwrap_or_default(),
                value: v.text(p.child(CBC, "Value")).unwrap_or_default(),
            })
            .collect(),
    }
}

fn read_price(v: &mut Values<'_>, price: Element<'_>) -> PriceDetails {
    let base = price.child(CBC, "BaseQuantity");
    let discount = price.child(CAC, "AllowanceCharge");
    PriceDetails {
        net_price: v.decimal(price.child(CBC, "PriceAmount")),
        discount: discount.and_then(|d| v.decimal(d.child(CBC, "Amount"))),
        gross_price: discount.and_then(|d| v.decimal(d.child(CBC, "BaseAmount"))),
        base_quantity: v.decimal(base),
        base_quantity_unit: base.and_then(|b| attr(b, "unitCode")).map(UnitCode),
    }
}
