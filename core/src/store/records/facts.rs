//! `invoice.facts_json`: the facts projected from a received document, as stored.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `facts::InvoiceFacts` then):
//! enum variants by name (`PeppolBis3`, `CreditNote`), decimals as strings, dates `YYYY-MM-DD`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::facts::{DocumentKind, Format, InvoiceFacts, LineFacts};

/// Stored facts, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::store) struct FactsRecordV1 {
    format: FormatV1,
    kind: KindV1,
    supplier_id: String,
    supplier_name: String,
    number: String,
    issue_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    currency: String,
    net_total: Decimal,
    vat_total: Decimal,
    payable: Decimal,
    buyer_reference: Option<String>,
    order_ref: Option<String>,
    contract_ref: Option<String>,
    preceding_invoice: Option<String>,
    lines: Vec<LineV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum FormatV1 {
    PeppolBis3,
    Svefaktura1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum KindV1 {
    Invoice,
    CreditNote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LineV1 {
    id: String,
    name: String,
    net: Decimal,
}

impl From<&InvoiceFacts> for FactsRecordV1 {
    fn from(f: &InvoiceFacts) -> Self {
        FactsRecordV1 {
            format: match f.format {
                Format::PeppolBis3 => FormatV1::PeppolBis3,
                Format::Svefaktura1 => FormatV1::Svefaktura1,
            },
            kind: match f.kind {
                DocumentKind::Invoice => KindV1::Invoice,
                DocumentKind::CreditNote => KindV1::CreditNote,
            },
            supplier_id: f.supplier_id.clone(),
            supplier_name: f.supplier_name.clone(),
            number: f.number.clone(),
            issue_date: f.issue_date,
            due_date: f.due_date,
            currency: f.currency.clone(),
            net_total: f.net_total,
            vat_total: f.vat_total,
            payable: f.payable,
            buyer_reference: f.buyer_reference.clone(),
            order_ref: f.order_ref.clone(),
            contract_ref: f.contract_ref.clone(),
            preceding_invoice: f.preceding_invoice.clone(),
            lines: f
                .lines
                .iter()
                .map(|l| LineV1 {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    net: l.net,
                })
                .collect(),
        }
    }
}

impl From<FactsRecordV1> for InvoiceFacts {
    fn from(r: FactsRecordV1) -> Self {
        InvoiceFacts {
            format: match r.format {
                FormatV1::PeppolBis3 => Format::PeppolBis3,
                FormatV1::Svefaktura1 => Format::Svefaktura1,
            },
            kind: match r.kind {
                KindV1::Invoice => DocumentKind::Invoice,
                KindV1::CreditNote => DocumentKind::CreditNote,
            },
            supplier_id: r.supplier_id,
            supplier_name: r.supplier_name,
            number: r.number,
            issue_date: r.issue_date,
            due_date: r.due_date,
            currency: r.currency,
            net_total: r.net_total,
            vat_total: r.vat_total,
            payable: r.payable,
            buyer_reference: r.buyer_reference,
            order_ref: r.order_ref,
            contract_ref: r.contract_ref,
            preceding_invoice: r.preceding_invoice,
            lines: r
                .lines
                .into_iter()
                .map(|l| LineFacts {
                    id: l.id,
                    name: l.name,
                    net: l.net,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};
    use super::*;

    #[test]
    fn facts_round_trip_and_the_f98a1ec_layout_reads() {
        let old = r#"{"format":"Svefaktura1","kind":"CreditNote","supplier_id":"5561234567","supplier_name":"Kontorsvaror i Norr AB","number":"KN-1","issue_date":"2026-11-18","due_date":null,"currency":"SEK","net_total":"-860.00","vat_total":"-215.00","payable":"-1075.00","buyer_reference":"4110","order_ref":null,"contract_ref":"AB-1","preceding_invoice":"KN-0","lines":[{"id":"1","name":"Retur","net":"-860.00"}]}"#;
        let facts: InvoiceFacts = decode::<FactsRecordV1>(old, "facts").expect("old").into();
        assert_eq!(facts.format, Format::Svefaktura1);
        assert_eq!(facts.kind, DocumentKind::CreditNote);
        assert_eq!(facts.payable, Decimal::new(-107500, 2));
        assert_eq!(facts.due_date, None);
        assert_eq!(facts.lines.len(), 1);
        let json = encode(&FactsRecordV1::from(&facts), "facts").expect("encode");
        assert!(
            json.starts_with(r#"{"v":1,"format":"Svefaktura1","#),
            "{json}"
        );
        let back: InvoiceFacts = decode::<FactsRecordV1>(&json, "facts").expect("new").into();
        assert_eq!(back, facts);
    }
}
