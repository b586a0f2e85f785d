//! The PEPPOL and national rule families against the official OpenPeppol 2026.5 verdicts.
//!
//! `fixtures/peppol/*.xml` are complete, mutated UBL documents; each `.expected` lists the
//! firings of the official `PEPPOL-EN16931-UBL.xslt` (release 2026.5) under Saxon-HE (see the
//! folder's README). Under `peppol-2026.5` our rules must give exactly that multiset of
//! `id flag` pairs. Under `peppol-3.0.19` the same documents must never fire an id 3.0.19 does
//! not have, and DK-R-003 must be a warning there.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{RuleSetId, Severity, validate};
use digilyft_invoice::xml::Document;

type Firings = BTreeMap<String, usize>;

/// Ids OpenPeppol added after 3.0.19.
const NEW_IN_2026_5: &[&str] = &[
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

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peppol");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

fn expected(path: &Path) -> Firings {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Firings::new();
    let mut in_section = false;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_section = name == "peppol-2026.5";
            continue;
        }
        if !in_section {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(id), Some(flag), Some(n)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("{}: bad line {line:?}", path.display());
        };
        let n: usize = n
            .parse()
            .unwrap_or_else(|_| panic!("{}: bad count", path.display()));
        *out.entry(format!("{id} {flag}")).or_default() += n;
    }
    out
}

fn ours(doc: &Document, set: RuleSetId) -> Firings {
    let mut out = Firings::new();
    for f in validate(doc.root(), &[set]).fired {
        *out.entry(format!("{} {}", f.id, f.severity)).or_default() += 1;
    }
    out
}

#[test]
fn peppol_rules_agree_with_the_official_2026_5_stylesheet() {
    let files = fixtures();
    assert!(files.len() >= 100, "fixtures missing: {}", files.len());
    let mut failures = Vec::new();
    for xml in &files {
        let bytes = fs::read(xml).unwrap_or_else(|e| panic!("{}: {e}", xml.display()));
        let doc = Document::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", xml.display()));
        let want = expected(&xml.with_extension("expected"));
        let got = ours(&doc, RuleSetId::Peppol2026_5);
        if got != want {
            failures.push(format!(
                "{}:\n  official {want:?}\n  ours     {got:?}",
                xml.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn release_3_0_19_has_none_of_the_2026_5_additions() {
    let mut dk003 = 0;
    for xml in fixtures() {
        let bytes = fs::read(&xml).unwrap_or_else(|e| panic!("{}: {e}", xml.display()));
        let doc = Document::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", xml.display()));
        for f in validate(doc.root(), &[RuleSetId::Peppol3_0_19]).fired {
            assert!(
                !NEW_IN_2026_5.contains(&f.id),
                "{}: {} fired under 3.0.19",
                xml.display(),
                f.id
            );
            if f.id == "DK-R-003" {
                assert_eq!(f.severity, Severity::Warning, "{}", xml.display());
                dk003 += 1;
            }
        }
    }
    assert!(dk003 > 0, "no DK-R-003 fixture fired under 3.0.19");
}
