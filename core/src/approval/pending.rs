//! How long a parked decision may wait for its precondition.
//!
//! A decision that arrives before an earlier step is attested is parked as
//! PENDING_PRECONDITION (spec §4.3) and re-validated each time a step of its invoice lands. It does
//! not wait for ever: once more than [`Policy::pending_max_hours`] have passed since the store
//! received it, the next re-validation resolves it as STALE instead ("pending-timeout"), and the
//! decider must decide again on what the invoice has become.
//!
//! Invariants: pure (time comes in as arguments); the limit is exclusive, so a decision exactly
//! `pending_max_hours` old is still re-validated; a receipt time after `now` (clock skew between
//! store processes) is never timed out.

use chrono::{DateTime, Duration, Utc};

use super::Policy;

/// The reason recorded in the audit log when a parked decision is resolved as STALE because it
/// waited too long (its first word is the stable code).
pub const TIMEOUT_REASON: &str = "pending-timeout: precondition not met in time";

/// True when a decision parked since `received` has waited longer than the policy allows at
/// `now`, and must be resolved as STALE rather than re-validated.
pub fn timed_out(received: DateTime<Utc>, now: DateTime<Utc>, policy: &Policy) -> bool {
    now - received > Duration::hours(policy.pending_max_hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn parked_decisions_time_out_after_the_policy_limit_only() {
        let received = Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time");
        let policy = |hours| Policy {
            pending_max_hours: hours,
            ..Policy::default()
        };
        // (pending_max_hours, seconds after receipt, timed out?)
        let table: &[(i64, i64, bool)] = &[
            (48, 0, false),
            (48, 47 * 3600, false),
            (48, 48 * 3600, false),
            (48, 48 * 3600 + 1, true),
            (48, 30 * 24 * 3600, true),
            (1, 3600, false),
            (1, 3601, true),
            (0, 0, false),
            (0, 1, true),
            (48, -3600, false),
        ];
        for &(hours, after, want) in table {
            let now = received + Duration::seconds(after);
            assert_eq!(
                timed_out(received, now, &policy(hours)),
                want,
                "limit {hours} h, {after} s after receipt"
            );
        }
    }
}
