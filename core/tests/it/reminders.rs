//! The daily reminder list: open steps near or past their attest deadline, by whom they wait on,
//! with the substitute of an absent assignee.

use digilyft_core::approval::{Decision, Reminder};
use digilyft_core::workbook::sample::CONSULTANCY;

use crate::common::*;

#[test]
fn reminders_follow_the_attest_deadline_and_name_substitutes() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    // Due 2026-12-18, payment lead 3 days: attest deadline 2026-12-15; reminders from 2026-12-10.
    let id = import(
        &mut store,
        &invoice(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "R-1",
            "4120",
            &[8000],
        ),
        &clock,
    );
    assert!(
        store.reminders(clock_day(&clock)).expect("list").is_empty(),
        "nothing due on 2026-11-20"
    );

    clock.advance(20 * 86_400); // 2026-12-10
    let list = store.reminders(clock_day(&clock)).expect("list");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].item.invoice_id, id);
    assert_eq!(list[0].item.assignee, "u230");
    assert_eq!(list[0].item.reminder, Some(Reminder::DueSoon(5)));
    assert!(list[0].substitutes.is_empty());

    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    let list = store.reminders(clock_day(&clock)).expect("list");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].item.step, "BESLUT#1");
    assert_eq!(list[0].item.assignee, "u210");
    assert_eq!(
        list[0].substitutes,
        vec!["u240".to_string()],
        "u210 is away until 2026-12-11 and u240 stands in"
    );

    clock.advance(6 * 86_400); // 2026-12-16
    let list = store.reminders(clock_day(&clock)).expect("list");
    assert_eq!(list[0].item.reminder, Some(Reminder::Overdue(1)));
    assert!(list[0].substitutes.is_empty(), "the absence is over");
}
