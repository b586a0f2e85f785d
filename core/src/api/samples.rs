//! The sample data the product ships for training and the demo: a small municipality's
//! attestförteckning and a handful of supplier invoices around its suppliers and referenskoder,
//! dated around a given day (so deadlines and reminders fall as in real life).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::error::{ApiError, ErrorCode, Result};
use crate::synth::{SynthInvoice, ubl};
use crate::workbook::sample::{self, CONSULTANCY, HOME_CARE, OFFICE, TELECOM};

/// The filled sample attestförteckning (.xlsx) of a small municipality.
pub fn attestforteckning() -> Result<Vec<u8>> {
    sample::sample_workbook().map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("writing the sample workbook: {e}"),
        )
    })
}

/// The sample invoices of the demo, dated around `today`.
pub fn invoices(today: NaiveDate) -> Vec<(String, Vec<u8>)> {
    let issue = today.checked_sub_days(Days::new(3)).unwrap_or(today);
    let due = today.checked_add_days(Days::new(27)).unwrap_or(today);
    let inv = |org: &str, name: &str, number: &str, reference: &str, lines: &[(&str, i64)]| {
        SynthInvoice {
            supplier_orgnr: org.into(),
            supplier_name: name.into(),
            number: number.into(),
            issue_date: issue,
            due_date: due,
            buyer_reference: reference.into(),
            contract: None,
            credit_note: false,
            preceding: None,
            lines: lines
                .iter()
                .map(|(n, a)| ((*n).to_string(), Decimal::from(*a)))
                .collect(),
        }
    };
    let mut docs = vec![
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2041",
            "4110",
            &[("Kopieringspapper", 2_400), ("Pärmar", 860)],
        ),
        inv(
            HOME_CARE,
            "Omsorgspartner AB",
            "OP-118",
            "4110",
            &[("Hemtjänst, timmar", 38_500)],
        ),
        inv(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "KG-77",
            "4210",
            &[("Utredning LSS", 450_000)],
        ),
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2042",
            "1100",
            &[("Skrivbordsstol", 1_450)],
        ),
        inv(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "KG-78",
            "4120",
            &[("Handledning", 12_000)],
        ),
        inv(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "KN-2043",
            "7777",
            &[("Okänd referens", 990)],
        ),
    ];
    let mut sub = inv(
        TELECOM,
        "Telefonbolaget AB",
        "TB-2611",
        "1100",
        &[("Mobilabonnemang", 4_230)],
    );
    sub.contract = Some("AB-778".into());
    docs.push(sub);
    let mut credit = inv(
        OFFICE,
        "Kontorsvaror i Norr AB",
        "KN-2044",
        "4110",
        &[("Retur pärmar", 860)],
    );
    credit.credit_note = true;
    credit.preceding = Some("KN-2041".into());
    docs.push(credit);
    docs.into_iter()
        .map(|i| (format!("{}.xml", i.number), ubl(&i).into_bytes()))
        .collect()
}
