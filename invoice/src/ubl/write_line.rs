//! Writes a UBL `InvoiceLine` / `CreditNoteLine`.

use crate::model::{InvoiceLine, LineAllowanceCharge};

use super::write::{Amounts, identifier, tax_category};
use super::write_xml::XmlOut;

pub(super) fn write_line(out: &mut XmlOut, amounts: &Amounts<'_>, l: &InvoiceLine, credit: bool) {
    let (name, quantity) = if credit {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    out.open(name);
    out.opt("cbc:ID", l.id.as_deref());
    out.opt("cbc:Note", l.note.as_deref());
    let unit = l.unit.as_ref().map_or("", |u| u.as_str());
    let q = l.quantity.map(|q| q.to_string()).unwrap_or_default();
    out.leaf_or_attrs(quantity, &[("unitCode", unit)], &q);
    amounts.write(out, "cbc:LineExtensionAmount", l.net_amount);
    out.opt(
        "cbc:AccountingCost",
        l.buyer_accounting_reference.as_deref(),
    );
    if let Some(p) = &l.period {
        out.open("cac:InvoicePeriod");
        out.opt_display("cbc:StartDate", p.start);
        out.opt_display("cbc:EndDate", p.end);
        out.close("cac:InvoicePeriod");
    }
    if let Some(r) = &l.order_line_reference {
        out.open("cac:OrderLineReference");
        out.leaf("cbc:LineID", r);
        out.close("cac:OrderLineReference");
    }
    if let Some(object) = &l.object_identifier {
        out.open("cac:DocumentReference");
        identifier(out, "cbc:ID", object);
        out.leaf("cbc:DocumentTypeCode", "130");
        out.close("cac:DocumentReference");
    }
    for a in &l.allowances {
        allowance_charge(out, amounts, a, false);
    }
    for c in &l.charges {
        allowance_charge(out, amounts, c, true);
    }
    let item = &l.item;
    out.open("cac:Item");
    out.opt("cbc:Description", item.description.as_deref());
    out.opt("cbc:Name", item.name.as_deref());
    for (element, id) in [
        ("cac:BuyersItemIdentification", &item.buyers_id),
        ("cac:SellersItemIdentification", &item.sellers_id),
    ] {
        if let Some(id) = id {
            out.open(element);
            out.leaf("cbc:ID", id);
            out.close(element);
        }
    }
    if let Some(id) = &item.standard_id {
        out.open("cac:StandardItemIdentification");
        identifier(out, "cbc:ID", id);
        out.close("cac:StandardItemIdentification");
    }
    if let Some(c) = &item.origin_country {
        out.open("cac:OriginCountry");
        out.leaf("cbc:IdentificationCode", c.as_str());
        out.close("cac:OriginCountry");
    }
    for c in &item.classifications {
        out.open("cac:CommodityClassification");
        out.leaf_with(
            "cbc:ItemClassificationCode",
            &[
                ("listID", c.scheme.as_deref().unwrap_or("")),
                ("listVersionID", c.version.as_deref().unwrap_or("")),
            ],
            &c.value,
        );
        out.close("cac:CommodityClassification");
    }
    if let Some(vat) = &l.vat {
        tax_category(
            out,
            "cac:ClassifiedTaxCategory",
            vat.category.as_ref().map(|c| c.as_str()),
            vat.rate,
            None,
            None,
        );
    }
    for a in &item.attributes {
        out.open("cac:AdditionalItemProperty");
        out.leaf("cbc:Name", &a.name);
        out.leaf("cbc:Value", &a.value);
        out.close("cac:AdditionalItemProperty");
    }
    out.close("cac:Item");
    if let Some(p) = &l.price {
        out.open("cac:Price");
        amounts.write(out, "cbc:PriceAmount", p.net_price);
        let unit = p.base_quantity_unit.as_ref().map_or("", |u| u.as_str());
        let q = p.base_quantity.map(|q| q.to_string()).unwrap_or_default();
        out.leaf_or_attrs("cbc:BaseQuantity", &[("unitCode", unit)], &q);
        if p.discount.is_some() || p.gross_price.is_some() {
            out.open("cac:AllowanceCharge");
            out.leaf("cbc:ChargeIndicator", "false");
            amounts.write(out, "cbc:Amount", p.discount);
            amounts.write(out, "cbc:BaseAmount", p.gross_price);
            out.close("cac:AllowanceCharge");
        }
        out.close("cac:Price");
    }
    out.close(name);
}

fn allowance_charge(
    out: &mut XmlOut,
    amounts: &Amounts<'_>,
    ac: &LineAllowanceCharge,
    charge: bool,
) {
    out.open("cac:AllowanceCharge");
    out.leaf("cbc:ChargeIndicator", if charge { "true" } else { "false" });
    out.opt("cbc:AllowanceChargeReasonCode", ac.reason_code.as_deref());
    out.opt("cbc:AllowanceChargeReason", ac.reason.as_deref());
    out.opt_display("cbc:MultiplierFactorNumeric", ac.percentage);
    amounts.write(out, "cbc:Amount", ac.amount);
    amounts.write(out, "cbc:BaseAmount", ac.base_amount);
    out.close("cac:AllowanceCharge");
}
