//! SFTI rules on payment means and terms: type code, accounts and BIC, payee, due date, penalty.

use super::eval::{date, date_at, exists, number, path, verdict, word_chars_only};
use super::{CAC, CBC, doc_invoice};
use crate::validate::{Ctx, Sink};

const ACCOUNT: &[(&str, &str)] = &[(CAC, "PaymentMeans"), (CAC, "PayeeFinancialAccount")];

/// `PaymentMeansTypeCode` is `1`.
pub(super) fn r_48(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for code in path(inv, &[(CAC, "PaymentMeans"), (CAC, "PaymentMeansTypeCode")]) {
        verdict(sink, code, Ok(code.string_value() == "1"));
    }
}

/// R-49 (warning): the due date is not before the issue date.
pub(super) fn r_49(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for due in path(inv, &[(CAC, "PaymentMeans"), (CBC, "DuePaymentDate")]) {
        let test = (|| {
            let d = date(&due.string_value())?;
            let issue = date_at(inv, &[(CBC, "IssueDate")])?;
            Ok(issue.is_some_and(|i| d >= i))
        })();
        verdict(sink, due, test);
    }
}

/// R-50 (warning): account numbers have no separators.
pub(super) fn r_50(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for account in path(inv, ACCOUNT) {
        for id in path(account, &[(CAC, "ID")]) {
            verdict(sink, id, Ok(word_chars_only(&id.string_value())));
        }
    }
}

const BIC: &[(&str, &str)] = &[
    (CAC, "FinancialInstitutionBranch"),
    (CAC, "FinancialInstitution"),
    (CAC, "ID"),
];

/// R-101 (warning): an account number comes with the BIC.
pub(super) fn r_101(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for account in path(inv, ACCOUNT) {
        let has_bic = exists(account, BIC);
        for id in path(account, &[(CAC, "ID")]) {
            verdict(sink, id, Ok(has_bic));
        }
    }
}

/// a BIC comes with an account number, except for `SNDOSESS`.
pub(super) fn r_51(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for account in path(inv, ACCOUNT) {
        let has_account = exists(account, &[(CAC, "ID")]);
        for bic in path(account, BIC) {
            verdict(
                sink,
                bic,
                Ok(has_account || bic.string_value() == "SNDOSESS"),
            );
        }
    }
}

/// R-52 (warning): a payee name (for a factored invoice) differs from the seller's name.
pub(super) fn r_52(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let sellers = [
        (CAC, "SellerParty"),
        (CAC, "Party"),
        (CAC, "PartyName"),
        (CBC, "Name"),
    ];
    for name in path(
        inv,
        &[
            (CAC, "PaymentMeans"),
            (CAC, "PayeePartyName"),
            (CBC, "Name"),
        ],
    ) {
        let n = name.string_value();
        let differs = path(inv, &sellers).any(|s| s.string_value() != n);
        verdict(sink, name, Ok(differs));
    }
}

/// the penalty surcharge percent is not negative.
pub(super) fn r_54(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let all = [(CAC, "PaymentTerms"), (CBC, "PenaltySurchargePercent")];
    for p in path(inv, &all) {
        verdict(sink, p, number(inv, &all).map(|v| v >= 0.0));
    }
}
