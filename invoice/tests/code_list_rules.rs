//! The BR-CL code-list rules against the official CEN stylesheets' verdicts, per release.
//!
//! `fixtures/code_lists/*.xml` are full UBL invoices and credit notes from the official examples,
//! mutated around code values (codes, schemes, units, currencies, whitespace, charge indicators,
//! note subject codes, ...). Each `.expected` lists the BR-CL firings the official
//! `EN16931-UBL-validation.xslt` of CEN 1.3.16 and of CEN 1.3.14.1 produced under Saxon-HE 9.9;
//! our rules must give exactly those multisets (other families are judged elsewhere).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;

type Firings = BTreeMap<String, usize>;

fn ours(doc: &Document, set: RuleSetId) -> Firings {
    let mut out = Firings::new();
    for f in validate(doc.root(), &[set])
        .fired
        .iter()
        .filter(|f| f.id.starts_with("BR-CL-"))
    {
        *out.entry(format!("{} {}", f.id, f.severity)).or_default() += 1;
    }
    out
}

/// The `[release]` sections of an `.expected` file.
fn expected(path: &Path) -> Result<BTreeMap<String, Firings>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out: BTreeMap<String, Firings> = BTreeMap::new();
    let mut section = None;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(name.to_string());
            out.entry(name.to_string()).or_default();
        } else if let Some(s) = &section {
            *out.entry(s.clone())
                .or_default()
                .entry(line.to_string())
                .or_default() += 1;
        } else {
            return Err(format!(
                "{}: firing outside a [release] section",
                path.display()
            ));
        }
    }
    Ok(out)
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/code_lists");
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    out.sort();
    out
}

#[test]
fn mutated_invoices_fire_exactly_the_official_br_cl_rules_per_release() {
    let cases = cases();
    assert!(cases.len() >= 40, "found {} cases", cases.len());
    let mut failures = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    let mut release_differs = 0;
    for xml in &cases {
        let want = match expected(&xml.with_extension("expected")) {
            Ok(w) => w,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let bytes = fs::read(xml).unwrap_or_default();
        let doc = match Document::parse(&bytes) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: {e}", xml.display()));
                continue;
            }
        };
        if want.get("cen-1.3.16") != want.get("cen-1.3.14.1") {
            release_differs += 1;
        }
        for (release, firings) in &want {
            let set: RuleSetId = match release.parse() {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{}: {e}", xml.display()));
                    continue;
                }
            };
            ids.extend(
                firings
                    .keys()
                    .filter_map(|k| k.split(' ').next().map(str::to_string)),
            );
            let got = ours(&doc, set);
            if &got != firings {
                failures.push(format!(
                    "{} [{release}]\n  official: {firings:?}\n  ours:     {got:?}",
                    xml.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(ids.len(), 23, "every BR-CL id is exercised: {ids:?}");
    assert!(
        release_differs >= 3,
        "cases where 1.3.16 and 1.3.14.1 differ: {release_differs}"
    );
}
