//! Rule releases as data: which rules each named release runs, and with which flag.
//!
//! A release is its family's full rule list minus the ids it does not have, with the flags it
//! changes. Adding a release means adding its row here, never editing another release's.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use super::{
    RuleDef, Severity, cen, code_lists, national, peppol, sfti, ubl_syntax, vat_categories,
};

/// A named, versioned rule release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleSetId {
    /// CEN EN 16931 UBL validation artefacts 1.3.16 (the CEN part of OpenPeppol 2026.5).
    Cen1_3_16,
    /// CEN EN 16931 UBL validation artefacts 1.3.14.1 (the CEN part of PEPPOL BIS 3.0.19).
    Cen1_3_14_1,
    /// PEPPOL BIS Billing 3.0.19 (2025-05-29): PEPPOL and national rules.
    Peppol3_0_19,
    /// OpenPeppol release 2026.5: PEPPOL and national rules.
    Peppol2026_5,
    /// SFTI Svefaktura 1.0 rules (2016-10-25).
    SftiSvefaktura1,
}

impl RuleSetId {
    /// Every release, in a stable order.
    pub const ALL: [RuleSetId; 5] = [
        RuleSetId::Cen1_3_16,
        RuleSetId::Cen1_3_14_1,
        RuleSetId::Peppol3_0_19,
        RuleSetId::Peppol2026_5,
        RuleSetId::SftiSvefaktura1,
    ];

    /// The release's name as used on the command line and in reports, e.g. `cen-1.3.16`.
    pub fn name(self) -> &'static str {
        match self {
            RuleSetId::Cen1_3_16 => "cen-1.3.16",
            RuleSetId::Cen1_3_14_1 => "cen-1.3.14.1",
            RuleSetId::Peppol3_0_19 => "peppol-3.0.19",
            RuleSetId::Peppol2026_5 => "peppol-2026.5",
            RuleSetId::SftiSvefaktura1 => "sfti-svefaktura1",
        }
    }

    /// The default for a received UBL invoice: the current PEPPOL release and the CEN set it
    /// ships with.
    pub fn default_ubl() -> [RuleSetId; 2] {
        [RuleSetId::Cen1_3_16, RuleSetId::Peppol2026_5]
    }
}

impl fmt::Display for RuleSetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A release name that is not one of [`RuleSetId::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown rule set `{0}` (known: cen-1.3.16, cen-1.3.14.1, peppol-3.0.19, peppol-2026.5, sfti-svefaktura1)"
)]
pub struct UnknownRuleSet(pub String);

impl FromStr for RuleSetId {
    type Err = UnknownRuleSet;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleSetId::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| UnknownRuleSet(s.to_string()))
    }
}

/// Ids in CEN 1.3.14.1 that CEN 1.3.16 dropped.
const CEN_ONLY_1_3_14_1: &[&str] = &["BR-66", "BR-67", "BR-CO-25", "UBL-CR-631"];
/// Ids CEN 1.3.16 added.
const CEN_NEW_IN_1_3_16: &[&str] = &["UBL-SR-54", "UBL-SR-55", "UBL-SR-56"];
/// Ids OpenPeppol 2025.11/2026.5 added over 3.0.19.
const PEPPOL_NEW_IN_2026_5: &[&str] = &[
    "PEPPOL-COMMON-R052",
    "PEPPOL-COMMON-R053",
    "PEPPOL-COMMON-R054",
    "PEPPOL-COMMON-R055",
    "PEPPOL-COMMON-R056-1",
    "PEPPOL-COMMON-R056-2",
    "PEPPOL-COMMON-R057",
    "DK-R-017",
    "DE-R-T02",
];
/// Flags OpenPeppol 2026.5 changed.
const PEPPOL_2026_5_FLAGS: &[(&str, Severity)] = &[("DK-R-003", Severity::Fatal)];

type RuleList = Vec<(&'static RuleDef, Severity)>;

fn compose<'a>(
    families: impl IntoIterator<Item = &'static [RuleDef]>,
    without: &'a [&'a str],
    flags: &'a [(&'a str, Severity)],
) -> RuleList {
    families
        .into_iter()
        .flatten()
        .filter(|r| !without.contains(&r.id))
        .map(|r| {
            let flag = flags
                .iter()
                .find(|(id, _)| *id == r.id)
                .map_or(r.severity, |(_, s)| *s);
            (r, flag)
        })
        .collect()
}

/// The rules a release runs, each with its flag in that release. Built once per process.
pub fn rules_of(set: RuleSetId) -> &'static [(&'static RuleDef, Severity)] {
    static LISTS: OnceLock<[RuleList; 5]> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let cen = || {
            [
                cen::RULES,
                vat_categories::RULES,
                ubl_syntax::RULES,
                ubl_syntax::FORBIDDEN,
                code_lists::RULES,
            ]
        };
        let peppol = || [peppol::RULES, national::RULES];
        [
            compose(cen(), CEN_ONLY_1_3_14_1, &[]),
            compose(cen(), CEN_NEW_IN_1_3_16, &[]),
            compose(peppol(), PEPPOL_NEW_IN_2026_5, &[]),
            compose(peppol(), &[], PEPPOL_2026_5_FLAGS),
            compose([sfti::RULES], &[], &[]),
        ]
    });
    let index = RuleSetId::ALL.iter().position(|r| *r == set).unwrap_or(0);
    &lists[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for set in RuleSetId::ALL {
            assert_eq!(set.name().parse::<RuleSetId>(), Ok(set));
        }
        assert!("cen-9".parse::<RuleSetId>().is_err());
    }

    #[test]
    fn rule_ids_are_unique_within_each_release() {
        for set in RuleSetId::ALL {
            let mut ids: Vec<_> = rules_of(set).iter().map(|(r, _)| r.id).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "duplicate rule id in {set}");
        }
    }
}
