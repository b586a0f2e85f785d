//! The kommun's timing and offline policy: payment lead time, reminder window, escalation period.

use chrono::NaiveDate;

use super::model::StepKind;
use super::ruleset::RuleSet;

/// Tunable parameters of the engine (the kommun's payment run and offline policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Days between the attest deadline and the due date (payment-run lead time).
    pub payment_lead_days: u32,
    /// Reminders and escalation start this many days before the attest deadline.
    pub remind_before_due_days: u32,
    /// An open step is escalated at most once per this many days (its processing time).
    pub processing_days: u32,
    /// Longest accepted gap between device time and receipt (offline decisions).
    pub max_offline_days: i64,
    /// How long a PENDING_PRECONDITION decision stays parked.
    pub pending_max_hours: i64,
    /// The ekonomienhet's group queue.
    pub default_queue: String,
    /// Steps when no flow rule matches.
    pub default_steps: Vec<StepKind>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            payment_lead_days: 3,
            remind_before_due_days: 5,
            processing_days: 2,
            max_offline_days: 7,
            pending_max_hours: 48,
            default_queue: "ekonomi".into(),
            default_steps: vec![StepKind::Granskning, StepKind::Beslut],
        }
    }
}

/// The timing of one attest kind (spec §1.5: per step `processing_days`,
/// `remind_before_due_days`, `escalate_to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTiming {
    /// An open step is escalated at most once per this many days.
    pub processing_days: u32,
    /// Reminders and escalation start this many days before the attest deadline.
    pub remind_before_due_days: u32,
    /// The group queue at the end of the escalation chain (ersättare → närmaste chef → queue).
    pub escalate_to: String,
}

impl Policy {
    /// This policy with the rule set's `Tidsfrister` row for every attest kind (`ALLA`) laid
    /// over it: payment lead time, reminder window, processing time, escalation queue. A
    /// workbook without that sheet leaves the policy as it is.
    pub fn under(&self, rules: &RuleSet) -> Policy {
        let mut p = self.clone();
        if let Some(all) = rules.tidsfrister.iter().find(|t| t.attesttyp.is_none()) {
            p.payment_lead_days = all.betalningsledtid_dagar.unwrap_or(p.payment_lead_days);
            p.remind_before_due_days = all.paminn_fore_dagar.unwrap_or(p.remind_before_due_days);
            p.processing_days = all.handlaggningsdagar.unwrap_or(p.processing_days);
            if let Some(q) = &all.eskalera_till_ko {
                p.default_queue = q.clone();
            }
        }
        p
    }

    /// The timing of steps of `kind` under `rules`: its `Tidsfrister` row, field by field, else
    /// the `ALLA` row ([`Policy::under`]), else this policy.
    pub fn timing(&self, rules: &RuleSet, kind: StepKind) -> StepTiming {
        let base = self.under(rules);
        let row = rules.tidsfrister.iter().find(|t| t.attesttyp == Some(kind));
        StepTiming {
            processing_days: row
                .and_then(|r| r.handlaggningsdagar)
                .unwrap_or(base.processing_days),
            remind_before_due_days: row
                .and_then(|r| r.paminn_fore_dagar)
                .unwrap_or(base.remind_before_due_days),
            escalate_to: row
                .and_then(|r| r.eskalera_till_ko.clone())
                .unwrap_or(base.default_queue),
        }
    }
}

/// The attest deadline: due date minus the payment lead time.
pub fn attest_deadline(due: Option<NaiveDate>, policy: &Policy) -> Option<NaiveDate> {
    due.and_then(|d| d.checked_sub_days(chrono::Days::new(policy.payment_lead_days as u64)))
}

/// How urgent an open step is, from its attest deadline (see [`reminder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// The deadline is within the reminder window: this many days are left (0 = today).
    DueSoon(i64),
    /// The deadline passed this many days ago.
    Overdue(i64),
}

/// The reminder an open step with attest deadline `deadline` deserves on `today`: none while the
/// deadline is further away than `policy.remind_before_due_days`, the days left inside that
/// window, and the days late once it has passed. Escalation ([`super::escalate`]) uses the same
/// window, with each step kind's own [`StepTiming::remind_before_due_days`].
pub fn reminder(deadline: NaiveDate, today: NaiveDate, policy: &Policy) -> Option<Reminder> {
    reminder_within(deadline, today, policy.remind_before_due_days)
}

/// [`reminder`] with a window of `window` days.
pub(super) fn reminder_within(
    deadline: NaiveDate,
    today: NaiveDate,
    window: u32,
) -> Option<Reminder> {
    let left = (deadline - today).num_days();
    if left < 0 {
        Some(Reminder::Overdue(-left))
    } else if left <= i64::from(window) {
        Some(Reminder::DueSoon(left))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_follow_the_deadline_window() {
        let policy = Policy {
            remind_before_due_days: 3,
            ..Policy::default()
        };
        let deadline = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap_or_default();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        let cases = [
            (day(1), None),
            (day(12), None),
            (day(13), Some(Reminder::DueSoon(3))),
            (day(16), Some(Reminder::DueSoon(0))),
            (day(18), Some(Reminder::Overdue(2))),
        ];
        for (today, expected) in cases {
            assert_eq!(reminder(deadline, today, &policy), expected, "{today}");
        }
    }
}
