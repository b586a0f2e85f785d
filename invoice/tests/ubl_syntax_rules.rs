//! The UBL syntax rules (`UBL-CR-*`, `UBL-SR-*`, `UBL-DT-*`) against the official stylesheet's
//! verdicts, one folder per rule under `fixtures/rules/` (see its README).
//!
//! Each `<case>.xml` must give exactly the firings listed in `<case>.expected` for the families
//! `UBL-*` and `BR-<VAT category>-*` — no missing, extra or re-flagged firing — under CEN 1.3.16,
//! or the release named in the folder's `release.txt`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;

/// `ID flag` → count.
type Firings = BTreeMap<String, usize>;

const VAT_FAMILIES: [&str; 10] = [
    "BR-S-", "BR-Z-", "BR-E-", "BR-AE-", "BR-IC-", "BR-G-", "BR-O-", "BR-AF-", "BR-AG-", "BR-B-",
];

fn judged(id: &str) -> bool {
    id.starts_with("UBL-") || VAT_FAMILIES.iter().any(|f| id.starts_with(f))
}

fn firings(path: &Path, set: RuleSetId) -> Result<Firings, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = Document::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Firings::new();
    for f in validate(doc.root(), &[set])
        .fired
        .iter()
        .filter(|f| judged(f.id))
    {
        *out.entry(format!("{} {}", f.id, f.severity)).or_default() += 1;
    }
    Ok(out)
}

fn expected(path: &Path) -> Result<Firings, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Firings::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        *out.entry(line.to_string()).or_default() += 1;
    }
    Ok(out)
}

fn rule_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

#[test]
fn every_syntax_rule_fixture_gives_the_official_firings() {
    let dirs = rule_dirs();
    assert!(
        dirs.len() >= 750,
        "expected one folder per UBL syntax rule, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    let mut cases = 0;
    for dir in &dirs {
        let set = match fs::read_to_string(dir.join("release.txt")) {
            Ok(name) => match name.trim().parse::<RuleSetId>() {
                Ok(set) => set,
                Err(e) => {
                    failures.push(format!("{}: {e}", dir.display()));
                    continue;
                }
            },
            Err(_) => RuleSetId::Cen1_3_16,
        };
        let mut xmls: Vec<_> = fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "xml"))
                    .collect()
            })
            .unwrap_or_default();
        xmls.sort();
        assert!(!xmls.is_empty(), "{}: no cases", dir.display());
        for xml in xmls {
            cases += 1;
            let want = expected(&xml.with_extension("expected"));
            let got = firings(&xml, set);
            match (want, got) {
                (Ok(want), Ok(got)) if want == got => {}
                (Ok(want), Ok(got)) => {
                    failures.push(format!("{}: expected {want:?}, got {got:?}", xml.display()))
                }
                (Err(e), _) | (_, Err(e)) => failures.push(e),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_fixtures_can_fail() {
    // A case whose rule is missing from the expectation must be caught by the comparison.
    let dir = rule_dirs()
        .into_iter()
        .find(|d| d.ends_with("UBL-CR-515"))
        .expect("UBL-CR-515 fixture folder");
    let got = firings(&dir.join("fail.xml"), RuleSetId::Cen1_3_16).expect("fixture parses");
    assert_eq!(got.get("UBL-CR-515 warning"), Some(&1));
    let pass = firings(&dir.join("fail.xml"), RuleSetId::Peppol3_0_19).expect("fixture parses");
    assert_ne!(got, pass, "the PEPPOL set has no UBL syntax rules");
}
