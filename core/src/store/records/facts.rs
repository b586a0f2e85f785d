//! `invoice.facts_json`: the facts projected from a received document, as stored.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `facts::InvoiceFacts` then):
//! enum variants by name (`PeppolBis3`, `CreditNote`), decimals as strings, dates `YYYY-MM-DD`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::facts::{DocumentKind, Format, InvoiceFacts, LineFacts};

record_struct! {
    /// Stored facts, version 1.
    pub(in crate::store) struct FactsRecordV1 <=> InvoiceFacts {
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
        preceding_invoice: Option<String>;
        lines: [LineV1],
    }
}

record_enum!(FormatV1 <=> Format { PeppolBis3, Svefaktura1 });
record_enum!(KindV1 <=> DocumentKind { Invoice, CreditNote });

record_struct! {
    /// One stored invoice line.
    struct LineV1 <=> LineFacts {
        id: String,
        name: String,
        net: Decimal,
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
