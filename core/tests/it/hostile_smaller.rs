//! Issue 14, finding 11: the local device's counter counts its decisions (spec §4.2: monotonic),
//! and a decision's comment is kept for `show`.

use digilyft_core::api::approval::{self, DecideRequest};
use digilyft_core::api::{self, Context, Decision, SequenceIds, Workspace};
use digilyft_core::store::Store;

use crate::common::*;

#[test]
fn the_local_device_counter_counts_decisions_and_comments_are_shown() {
    let tmp = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let ids = SequenceIds::new("c");
    let ctx = Context::new(&clock, &ids);
    let mut ws = Workspace::open(tmp.path()).expect("store");
    let workbook = api::samples::attestforteckning().expect("workbook");
    api::rules::import_workbook(
        &mut ws,
        &ctx.acting_as("u300"),
        "a.xlsx",
        &workbook,
        "KS 1",
        true,
    )
    .expect("rules");
    api::invoices::import_bytes(&mut ws, &ctx, api::samples::invoices(ctx.today()))
        .expect("import");
    let mut decided = Vec::new();
    for (n, comment) in ["Första", "Andra"].into_iter().enumerate() {
        let inbox = approval::inbox(&ws, &ctx, "u230").expect("inbox");
        let item = inbox.items.first().expect("u230 has work");
        let request = DecideRequest {
            invoice: item.invoice_id.to_string(),
            step: Some(item.step.clone()),
            decision: Decision::Attest,
            comment: Some(comment.to_string()),
            acting_for: None,
            decision_id: None,
        };
        let view = approval::decide(&mut ws, &ctx.acting_as("u230"), &request).expect("decide");
        decided.push((view.decision_id, item.invoice_id, n as u64 + 1, comment));
    }
    for (decision_id, invoice, _, comment) in &decided {
        let view = api::invoices::detail_by_id(&ws, *invoice).expect("detail");
        let record = view
            .decisions
            .iter()
            .find(|d| &d.decision_id == decision_id)
            .expect("the decision");
        assert_eq!(record.comment.as_deref(), Some(*comment));
    }
    drop(ws);
    let store = Store::open_dir(tmp.path()).expect("store");
    for (decision_id, _, counter, _) in &decided {
        let env = store
            .decision_envelope(decision_id)
            .expect("read")
            .expect("stored");
        assert_eq!(env.device_counter, *counter, "{decision_id}");
    }
}
