//! The SFTI Svefaktura 1.0 rules against the official stylesheet's verdicts.
//!
//! `fixtures/sfti/<rule>/<case>.xml` are Svefaktura documents mutated from the official samples so
//! that `<rule>` fires; `<case>.expected` lists every firing (id and flag, one per line) that the
//! official `svenfaktura-1.0-sch.xslt` produced on that document under Saxon-HE 9.9. Each case
//! must give exactly that multiset — no missing, extra or re-flagged firing. The official samples
//! are checked against their known outcomes too.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;

/// `ID flag` → count, for the SFTI firings of one document.
type Firings = BTreeMap<String, usize>;

fn sfti_firings(path: &Path) -> Result<Firings, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = Document::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let report = validate(doc.root(), &[RuleSetId::SftiSvefaktura1]);
    let mut out = Firings::new();
    for f in report.fired.iter().filter(|f| f.id.starts_with("R-")) {
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

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sfti");
    let mut out = Vec::new();
    for dir in fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let p = file.path();
            if p.extension().is_some_and(|e| e == "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mutated_documents_fire_exactly_what_the_official_stylesheet_fires() {
    let cases = cases();
    assert!(
        cases.len() >= 101,
        "expected a case per SFTI rule id, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for xml in &cases {
        let want = expected(&xml.with_extension("expected"));
        let got = sfti_firings(xml);
        match (want, got) {
            (Ok(w), Ok(g)) if w == g => {}
            (w, g) => failures.push(format!(
                "{}\n  official: {w:?}\n  ours:     {g:?}",
                xml.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_id_has_a_case_that_fires_it() {
    let mut seen = std::collections::BTreeSet::new();
    for xml in cases() {
        for key in expected(&xml.with_extension("expected"))
            .unwrap_or_default()
            .keys()
        {
            seen.insert(key.split(' ').next().unwrap_or_default().to_string());
        }
    }
    assert_eq!(seen.len(), 101, "ids covered: {seen:?}");
    assert!(seen.contains("R-29") && seen.contains("R-106"));
}

#[test]
fn official_samples_give_their_known_outcomes() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/official/svefaktura/samples");
    let known: [(&str, &[&str]); 3] = [
        ("svefaktura.xml", &["R-47 warning"]),
        ("svefaktura_bas.xml", &["R-47 warning"]),
        (
            "svefaktura_moms.xml",
            &["R-33 information", "R-34 information", "R-99 information"],
        ),
    ];
    for (file, ids) in known {
        let got = sfti_firings(&dir.join(file));
        let want: Firings = ids.iter().map(|i| (i.to_string(), 1)).collect();
        assert_eq!(got, Ok(want), "{file}");
    }
}

/// The `SFTI-XSD-*` ids fired on a document.
fn schema_firings(path: &Path) -> Result<Vec<&'static str>, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = Document::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let report = validate(doc.root(), &[RuleSetId::SftiSvefaktura1]);
    Ok(report
        .fired
        .iter()
        .map(|f| f.id)
        .filter(|id| id.starts_with("SFTI-XSD-"))
        .collect())
}

/// `fixtures/sfti-schema/*.xml`: structurally mutated samples, each labelled `valid` or `invalid`
/// by a W3C XML Schema validator against `SFTI-BasicInvoice-1.0.xsd`. Our structural checks
/// must fire on exactly the invalid ones.
#[test]
fn schema_checks_agree_with_a_schema_validator() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sfti-schema");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "found {} cases", files.len());
    let mut kinds = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for xml in &files {
        let label = fs::read_to_string(xml.with_extension("expected")).unwrap_or_default();
        let invalid = label.lines().any(|l| l.trim() == "invalid");
        let valid = label.lines().any(|l| l.trim() == "valid");
        let fired = schema_firings(xml);
        match &fired {
            Ok(ids) if (valid && ids.is_empty()) || (invalid && !ids.is_empty()) => {
                kinds.extend(ids.iter().copied());
            }
            _ => failures.push(format!(
                "{}: label {label:?}, ours {fired:?}",
                xml.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(kinds.len(), 6, "every SFTI-XSD id is exercised: {kinds:?}");
    let samples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/official/svefaktura/samples");
    for file in [
        "svefaktura.xml",
        "svefaktura_bas.xml",
        "svefaktura_moms.xml",
    ] {
        assert_eq!(
            schema_firings(&samples.join(file)),
            Ok(vec![]),
            "{file} is schema-valid"
        );
    }
}
