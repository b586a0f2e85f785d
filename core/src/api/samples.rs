//! The sample data the product ships for training and the demo: a small municipality's
//! attestförteckning and a handful of supplier invoices around its suppliers and referenskoder,
//! dated around a given day (so deadlines and reminders fall as in real life).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::error::{ApiError, ErrorCode, Result};
use crate::synth::{SynthInvoice, ubl};
use crate::workbook::sample::{self, CONSULTANCY, HOME_CARE, OFFICE, TELECOM};

/// The real sample e-invoices of `assets/samples/` (PEPPOL BIS 3 and Svefaktura; sources in its
/// README), embedded in the binary so that `digilyft demo` runs wherever the binary is copied:
/// `(file name, bytes)`, sorted by name.
pub fn bundled_invoice_files() -> Vec<(String, Vec<u8>)> {
    BUNDLED_INVOICES
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), bytes.to_vec()))
        .collect()
}

/// The `*.xml` files of `assets/samples/`, sorted by name (a test checks that none is missing).
const BUNDLED_INVOICES: &[(&str, &[u8])] = &[
    (
        "BIS_Billing_30-Kreditering_med_kreditnota.xml",
        include_bytes!("../../../assets/samples/BIS_Billing_30-Kreditering_med_kreditnota.xml"),
    ),
    (
        "BIS_Billing_30-Telefoni.xml",
        include_bytes!("../../../assets/samples/BIS_Billing_30-Telefoni.xml"),
    ),
    (
        "peppol-base-example.xml",
        include_bytes!("../../../assets/samples/peppol-base-example.xml"),
    ),
    (
        "svefaktura.xml",
        include_bytes!("../../../assets/samples/svefaktura.xml"),
    ),
];

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

#[cfg(test)]
mod tests {
    #[test]
    fn every_sample_invoice_of_assets_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/samples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".xml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = super::bundled_invoice_files()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(embedded, on_disk);
    }
}
