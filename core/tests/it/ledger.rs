//! The ledger export reads back with real dates and numbers.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use digilyft_core::approval::Decision;
use digilyft_core::ledger::write_ledger;
use digilyft_core::workbook::sample::OFFICE;

use crate::common::*;

#[test]
fn ledger_has_numbers_dates_and_attesters() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(
            OFFICE,
            "Kontorsvaror i Norr AB",
            "L-1",
            "4110",
            &[1000, 234],
        ),
        &clock,
    );
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        &clock,
    );
    let head = store.audit_head().expect("head");
    let bytes = write_ledger(
        &store.ledger().expect("ledger"),
        clock_day(&clock),
        head.as_ref(),
    )
    .expect("xlsx");
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("open");
    let sheet = wb.worksheet_range("Fakturor").expect("sheet");
    let row: Vec<&Data> = sheet.rows().nth(1).expect("row").iter().collect();
    assert!(
        matches!(row[5], Data::DateTime(_)),
        "issue date is a date: {:?}",
        row[5]
    );
    assert_eq!(row[8], &Data::Float(28.0), "days to due date");
    assert_eq!(row[9], &Data::String("attested".into()));
    assert_eq!(row[12], &Data::Float(1542.5));
    let Data::String(who) = row[15] else {
        panic!("attesters")
    };
    assert!(
        who.contains("GRANSKNING#1: u230") && who.contains("BESLUT#1: u240 för u210"),
        "{who}"
    );
    let k = wb.worksheet_range("Kontering").expect("kontering");
    assert_eq!(k.rows().count(), 2);
    let anchor = digilyft_core::ledger::read_anchor(&bytes).expect("anchor sheet");
    assert_eq!(
        Some(anchor),
        head,
        "the export carries the audit log's head"
    );
    assert!(digilyft_core::ledger::read_anchor(b"not a workbook").is_err());
}

/// Issue 14, finding 6: a 40,000-character supplier name is cut to Excel's 32,767 characters
/// with a visible marker and named in the export's warning; the export no longer fails.
#[test]
fn a_supplier_name_longer_than_excel_allows_is_cut_not_fatal() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let long = "Långa Namnet AB ".repeat(2_500);
    assert_eq!(long.chars().count(), 40_000);
    import(
        &mut store,
        &invoice(OFFICE, &long, "L-LONG", "4110", &[1000]),
        &clock,
    );
    import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "L-2", "4110", &[500]),
        &clock,
    );
    let entries = store.ledger().expect("ledger");
    let bytes = write_ledger(&entries, clock_day(&clock), None).expect("the export is written");
    let cut = digilyft_core::ledger::cut_texts(&entries);
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert!(
        cut[0].contains("L-LONG") && cut[0].contains("Leverantör"),
        "{cut:?}"
    );
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("open");
    let sheet = wb.worksheet_range("Fakturor").expect("sheet");
    let names: Vec<String> = sheet.rows().skip(1).map(|r| r[1].to_string()).collect();
    let cut_name = names.iter().find(|n| n.starts_with("Långa")).expect("row");
    assert_eq!(cut_name.chars().count(), 32_767);
    assert!(
        cut_name.contains(" … [avkortad, ") && cut_name.ends_with(" tecken]"),
        "marked: {}",
        &cut_name[cut_name.len() - 40..]
    );
    assert!(
        names.iter().any(|n| n == "Kontorsvaror i Norr AB"),
        "the rest is whole"
    );
}
