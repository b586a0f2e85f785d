//! The official rule unit tests (vefa-validator `testSet` files) judged against our validator.
//!
//! Reads every testSet file under `fixtures/official/cen-en16931/test/*-unit-UBL/` and
//! `fixtures/official/peppol-bis3/rules/unit-UBL-*/`, validates each embedded `Invoice` /
//! `CreditNote` element as its own document with the rule sets the file's `configuration` names,
//! and judges the firings the way vefa-validator does (see `judge`):
//!
//! * `tc434-ubl*` → CEN only, judged with `cen-1.3.16`;
//! * `peppolbis-en16931-base-3.0-ubl` → PEPPOL only, `peppol-3.0.19`;
//! * `peppolbis-en16931-01-3.0-ubl-invoice|creditnote` → both, `cen-1.3.14.1` + `peppol-3.0.19`.
//!
//! The test prints a table of passed/failed expectations per rule family and every failing case
//! (file, test index, expected vs fired). Set `RULES` to a comma-separated list of filters to
//! measure some families only: a filter matches a rule id when it equals the id, equals the id's
//! family (`BR-CO`, `BR`, `BR-AE`, `UBL-SR`, `PEPPOL-EN16931-R`, `SE-R`, …), or ends with `-` and
//! prefixes the id. With `RULES` set, only the matching expectations are asserted.
//!
//! `judge_can_fail` proves the judge is not vacuous: perfect firings built from the expectations
//! pass, and dropping every seventh of them, adding a stray in-scope firing, or flipping a flag
//! makes cases fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{RuleSetId, Severity, validate};
use digilyft_invoice::xml::{Document, Element};

const VEFA_NS: &str = "http://difi.no/xsd/vefa/validator/1.0";

/// The flag an expectation asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Error,
    Warning,
}

/// One expectation of a test: `success` (must not fire) or `error`/`warning` ×`number`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Success(String),
    Fires(String, Flag, usize),
}

impl Expect {
    fn id(&self) -> &str {
        match self {
            Expect::Success(id) | Expect::Fires(id, _, _) => id,
        }
    }
}

/// One `<test>` of a testSet file, with the file-level scope merged in.
#[derive(Debug, Clone)]
struct Case {
    file: PathBuf,
    /// 1-based index of the `<test>` in its file.
    index: usize,
    /// The `id` attribute of the `<test>`, if any.
    test_id: Option<String>,
    sets: Vec<RuleSetId>,
    scope: Vec<String>,
    expects: Vec<Expect>,
}

/// A firing as the judge sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Firing {
    id: String,
    flag: Flag,
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/official")
}

/// Every testSet file, in a stable order.
fn testset_files() -> Vec<PathBuf> {
    let root = fixtures_root();
    let mut dirs = Vec::new();
    for (base, prefix_ok) in [
        (
            root.join("cen-en16931/test"),
            (|n: &str| n.ends_with("-unit-UBL")) as fn(&str) -> bool,
        ),
        (
            root.join("peppol-bis3/rules"),
            (|n: &str| n.starts_with("unit-UBL-")) as fn(&str) -> bool,
        ),
    ] {
        let entries = std::fs::read_dir(&base)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", base.display()));
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && prefix_ok(&name) {
                dirs.push(entry.path());
            }
        }
    }
    let mut files = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The rule sets a `configuration` attribute names.
fn sets_for(configuration: &str) -> Option<Vec<RuleSetId>> {
    if configuration.starts_with("tc434-ubl") {
        Some(vec![RuleSetId::Cen1_3_16])
    } else if configuration == "peppolbis-en16931-base-3.0-ubl" {
        Some(vec![RuleSetId::Peppol3_0_19])
    } else if configuration.starts_with("peppolbis-en16931-01-3.0-ubl") {
        Some(vec![RuleSetId::Cen1_3_14_1, RuleSetId::Peppol3_0_19])
    } else {
        None
    }
}

fn vefa_children<'d>(e: Element<'d>, local: &'static str) -> impl Iterator<Item = Element<'d>> {
    e.children().filter(move |c| c.is(VEFA_NS, local))
}

/// Scope ids and expectations of one `<assert>` element.
fn read_assert(a: Element<'_>, scope: &mut Vec<String>, expects: &mut Vec<Expect>) {
    for c in a.children().filter(|c| c.namespace() == VEFA_NS) {
        let id = c.text().trim().to_string();
        let number = || {
            c.attr("number")
                .map(|n| {
                    n.trim()
                        .parse::<usize>()
                        .unwrap_or_else(|_| panic!("bad number attribute `{n}`"))
                })
                .unwrap_or(1)
        };
        match c.local_name() {
            "scope" => scope.push(id),
            "success" => expects.push(Expect::Success(id)),
            "error" => expects.push(Expect::Fires(id, Flag::Error, number())),
            "warning" => expects.push(Expect::Fires(id, Flag::Warning, number())),
            _ => {}
        }
    }
}

/// Runs `f` on every test case of every testSet file, with the parsed embedded document's root.
fn for_each_case(mut f: impl FnMut(&Case, Element<'_>)) {
    let files = testset_files();
    assert!(
        files.len() > 250,
        "expected the official unit-test files, found {}",
        files.len()
    );
    for path in files {
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let doc = Document::parse(&bytes)
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", path.display()));
        let root = doc.root();
        assert!(
            root.is(VEFA_NS, "testSet"),
            "{}: not a testSet",
            path.display()
        );
        let configuration = root.attr("configuration").unwrap_or("");
        let sets = sets_for(configuration).unwrap_or_else(|| {
            panic!(
                "{}: unknown configuration `{configuration}`",
                path.display()
            )
        });
        let mut file_scope = Vec::new();
        let mut file_expects = Vec::new();
        for a in vefa_children(root, "assert") {
            read_assert(a, &mut file_scope, &mut file_expects);
        }
        for (i, test) in vefa_children(root, "test").enumerate() {
            let mut scope = file_scope.clone();
            let mut expects = file_expects.clone();
            for a in vefa_children(test, "assert") {
                read_assert(a, &mut scope, &mut expects);
            }
            let Some(invoice) = test.children().find(|c| c.namespace() != VEFA_NS) else {
                panic!("{} test {}: no embedded document", path.display(), i + 1);
            };
            let case = Case {
                file: path.clone(),
                index: i + 1,
                test_id: test.attr("id").map(str::to_string),
                sets: sets.clone(),
                scope,
                expects,
            };
            f(&case, invoice);
        }
    }
}

/// Judges one case. Returns the expectations that failed (by index into `case.expects`) and the
/// unexpected firings (ids fired that no expectation mentions, within the scope when there is
/// one). vefa-validator semantics: `fatal` counts as error; `success` fails on any firing of the
/// id; `error`/`warning` need exactly `number` firings with that flag; without a scope any other
/// firing fails the case, with a scope firings of rules outside it are ignored.
fn judge(case: &Case, fired: &[Firing]) -> (Vec<usize>, Vec<String>) {
    let in_scope = |id: &str| case.scope.is_empty() || case.scope.iter().any(|s| s == id);
    let mut failed = Vec::new();
    for (i, e) in case.expects.iter().enumerate() {
        let ok = match e {
            Expect::Success(id) => !fired.iter().any(|f| &f.id == id),
            Expect::Fires(id, flag, n) => {
                fired
                    .iter()
                    .filter(|f| &f.id == id && f.flag == *flag)
                    .count()
                    == *n
            }
        };
        if !ok {
            failed.push(i);
        }
    }
    let mut unexpected: Vec<String> = fired
        .iter()
        .filter(|f| in_scope(&f.id) && !case.expects.iter().any(|e| e.id() == f.id))
        .map(|f| f.id.clone())
        .collect();
    unexpected.sort();
    unexpected.dedup();
    (failed, unexpected)
}

/// The family of a rule id: the id without its trailing number (`BR-CO-10` → `BR-CO`,
/// `BR-01` → `BR`, `PEPPOL-EN16931-R001` → `PEPPOL-EN16931-R`, `PEPPOL-COMMON-R056-1` →
/// `PEPPOL-COMMON-R`).
fn family(id: &str) -> &str {
    id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
}

/// The `RULES` filter: `None` means everything.
fn filters() -> Option<Vec<String>> {
    let v = std::env::var("RULES").ok()?;
    let list: Vec<String> = v
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then_some(list)
}

fn selected(filters: &Option<Vec<String>>, id: &str) -> bool {
    match filters {
        None => true,
        Some(list) => list.iter().any(|f| {
            f == id || f == family(id) || (f.ends_with('-') && id.starts_with(f.as_str()))
        }),
    }
}

fn flag_of(severity: Severity) -> Flag {
    match severity {
        Severity::Fatal => Flag::Error,
        Severity::Warning | Severity::Information => Flag::Warning,
    }
}

fn describe(case: &Case) -> String {
    let file = case
        .file
        .strip_prefix(fixtures_root())
        .unwrap_or(&case.file)
        .display()
        .to_string();
    match &case.test_id {
        Some(id) => format!("{file} test #{} (id {id})", case.index),
        None => format!("{file} test #{}", case.index),
    }
}

fn show_expect(e: &Expect) -> String {
    match e {
        Expect::Success(id) => format!("success {id}"),
        Expect::Fires(id, Flag::Error, n) => format!("error {id} ×{n}"),
        Expect::Fires(id, Flag::Warning, n) => format!("warning {id} ×{n}"),
    }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    unexpected: usize,
}

#[test]
fn official_unit_tests_pass() {
    let filters = filters();
    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = String::new();
    let mut cases = 0usize;
    let mut failing_cases = 0usize;
    for_each_case(|case, invoice| {
        let report = validate(invoice, &case.sets);
        let fired: Vec<Firing> = report
            .fired
            .iter()
            .map(|f| Firing {
                id: f.id.to_string(),
                flag: flag_of(f.severity),
            })
            .collect();
        let (failed, unexpected) = judge(case, &fired);
        let mut case_failed = false;
        for (i, e) in case.expects.iter().enumerate() {
            if !selected(&filters, e.id()) {
                continue;
            }
            let t = families.entry(family(e.id()).to_string()).or_default();
            if failed.contains(&i) {
                t.failed += 1;
                case_failed = true;
            } else {
                t.passed += 1;
            }
        }
        for id in &unexpected {
            if selected(&filters, id) {
                families
                    .entry(family(id).to_string())
                    .or_default()
                    .unexpected += 1;
                case_failed = true;
            }
        }
        let relevant = case.expects.iter().any(|e| selected(&filters, e.id()))
            || unexpected.iter().any(|id| selected(&filters, id));
        if relevant {
            cases += 1;
        }
        if case_failed {
            failing_cases += 1;
            let expected: Vec<String> = case.expects.iter().map(show_expect).collect();
            let mut got: Vec<String> = fired
                .iter()
                .filter(|f| case.scope.is_empty() || case.scope.contains(&f.id))
                .map(|f| match f.flag {
                    Flag::Error => format!("error {}", f.id),
                    Flag::Warning => format!("warning {}", f.id),
                })
                .collect();
            got.sort();
            let mut counted: Vec<String> = Vec::new();
            for g in got {
                match counted.last_mut() {
                    Some(last) if last.split(" ×").next() == Some(g.as_str()) => {
                        let n: usize = last
                            .rsplit('×')
                            .next()
                            .and_then(|n| n.parse().ok())
                            .unwrap_or(1);
                        *last = format!("{g} ×{}", n + 1);
                    }
                    _ => counted.push(format!("{g} ×1")),
                }
            }
            let failed_list: Vec<String> = failed
                .iter()
                .map(|i| show_expect(&case.expects[*i]))
                .collect();
            let _ = writeln!(
                failures,
                "FAIL {} [{}]\n     expected: {}\n     fired (in scope): {}\n     failed: {}{}",
                describe(case),
                case.sets
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join("+"),
                expected.join(", "),
                if counted.is_empty() {
                    "nothing".to_string()
                } else {
                    counted.join(", ")
                },
                failed_list.join(", "),
                if unexpected.is_empty() {
                    String::new()
                } else {
                    format!("; unexpected: {}", unexpected.join(", "))
                }
            );
        }
    });

    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<20} {:>7} {:>7} {:>11}",
        "family", "passed", "failed", "unexpected"
    );
    let (mut p, mut fl, mut u) = (0, 0, 0);
    for (fam, t) in &families {
        let _ = writeln!(
            table,
            "{fam:<20} {:>7} {:>7} {:>11}",
            t.passed, t.failed, t.unexpected
        );
        p += t.passed;
        fl += t.failed;
        u += t.unexpected;
    }
    let _ = writeln!(
        table,
        "{:<20} {p:>7} {fl:>7} {u:>11}",
        "TOTAL (expectations)"
    );
    let _ = writeln!(
        table,
        "cases: {cases} judged, {} passed, {failing_cases} failed{}",
        cases - failing_cases,
        match &filters {
            Some(f) => format!(" (RULES={})", f.join(",")),
            None => String::new(),
        }
    );
    println!("{failures}");
    println!("{table}");
    assert!(cases > 0, "no case matched the RULES filter");
    assert_eq!(
        failing_cases, 0,
        "{failing_cases} official unit-test cases fail (see the list above)\n{table}"
    );
}

/// Perfect firings for a case: exactly what its expectations ask for.
fn perfect_firings(case: &Case) -> Vec<Firing> {
    let mut out = Vec::new();
    for e in &case.expects {
        if let Expect::Fires(id, flag, n) = e {
            for _ in 0..*n {
                out.push(Firing {
                    id: id.clone(),
                    flag: *flag,
                });
            }
        }
    }
    out
}

#[test]
fn judge_can_fail() {
    let mut total = 0usize;
    let mut perfect_failures = 0usize;
    let mut dropped_failures = 0usize;
    let mut stray_failures = 0usize;
    let mut flipped_failures = 0usize;
    let mut with_firings = 0usize;
    let mut counter = 0usize;
    for_each_case(|case, _| {
        total += 1;
        let perfect = perfect_firings(case);
        let (f, u) = judge(case, &perfect);
        if !f.is_empty() || !u.is_empty() {
            perfect_failures += 1;
        }
        // Drop every seventh firing, counted across the whole suite.
        let dropped: Vec<Firing> = perfect
            .iter()
            .filter(|_| {
                counter += 1;
                !counter.is_multiple_of(7)
            })
            .cloned()
            .collect();
        let (f, u) = judge(case, &dropped);
        if !f.is_empty() || !u.is_empty() {
            dropped_failures += 1;
        }
        // A firing of every `success` id must fail the case.
        for e in &case.expects {
            if let Expect::Success(id) = e {
                let mut stray = perfect.clone();
                stray.push(Firing {
                    id: id.clone(),
                    flag: Flag::Error,
                });
                let (f, _) = judge(case, &stray);
                if !f.is_empty() {
                    stray_failures += 1;
                }
            }
        }
        // Flipping the flag of a firing fails the case.
        if let Some(first) = perfect.first() {
            with_firings += 1;
            let mut flipped = perfect.clone();
            flipped[0].flag = match first.flag {
                Flag::Error => Flag::Warning,
                Flag::Warning => Flag::Error,
            };
            let (f, _) = judge(case, &flipped);
            if !f.is_empty() {
                flipped_failures += 1;
            }
        }
    });
    let successes = {
        let mut n = 0;
        for_each_case(|case, _| {
            n += case
                .expects
                .iter()
                .filter(|e| matches!(e, Expect::Success(_)))
                .count();
        });
        n
    };
    println!(
        "{total} cases; dropping every 7th expected firing fails {dropped_failures}; \
         stray firings caught {stray_failures}/{successes}; flipped flags caught \
         {flipped_failures}/{with_firings}"
    );
    assert_eq!(perfect_failures, 0, "perfect firings must pass every case");
    assert!(dropped_failures > 50, "dropping firings must fail cases");
    assert_eq!(
        stray_failures, successes,
        "every success expectation must catch a firing"
    );
    assert_eq!(
        flipped_failures, with_firings,
        "a wrong flag must fail the case"
    );
}

#[test]
fn families_group_rule_ids() {
    assert_eq!(family("BR-CO-10"), "BR-CO");
    assert_eq!(family("BR-01"), "BR");
    assert_eq!(family("BR-AE-08"), "BR-AE");
    assert_eq!(family("PEPPOL-EN16931-R001"), "PEPPOL-EN16931-R");
    assert_eq!(family("PEPPOL-COMMON-R056-1"), "PEPPOL-COMMON-R");
    assert_eq!(family("SE-R-013"), "SE-R");
    assert_eq!(family("UBL-SR-54"), "UBL-SR");
    let f = Some(vec!["BR".to_string(), "SE-R-".to_string()]);
    assert!(selected(&f, "BR-01"));
    assert!(!selected(&f, "BR-CO-10"));
    assert!(selected(&f, "SE-R-001"));
    assert!(!selected(&f, "PEPPOL-EN16931-R001"));
}
