//! Tidy checks on the workspace's shape, read from `cargo metadata`.
//!
//! Dependencies point inward only:
//!
//! ```text
//! desktop    server    cli        front ends: nothing of ours depends on them
//!      \       |       /          (viewer: a front end on invoice alone, no store)
//!            core                 application layer
//!          /      \
//!    invoice      survey          pure domain: depend on no crate of ours
//! ```
//!
//! Front ends may use `invoice`/`survey` types directly besides `core`; nothing depends on
//! `digilyft-tests`. Every dependency kind counts (normal, build and dev), so a test helper cannot
//! smuggle an upward edge in either. A new member crate must be added to [`LAYERS`] before it
//! passes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Each crate of ours and the crates of ours it may depend on.
const LAYERS: &[(&str, &[&str])] = &[
    ("digilyft-invoice", &[]),
    ("digilyft-survey", &[]),
    // core names itself as a dev-dependency, to give its own tests the `test-support` feature.
    (
        "digilyft-core",
        &["digilyft-invoice", "digilyft-survey", "digilyft-core"],
    ),
    (
        "digilyft-desktop",
        &["digilyft-core", "digilyft-invoice", "digilyft-survey"],
    ),
    (
        "digilyft-server",
        &["digilyft-core", "digilyft-invoice", "digilyft-survey"],
    ),
    (
        "digilyft-cli",
        &["digilyft-core", "digilyft-invoice", "digilyft-survey"],
    ),
    // The e-invoice viewer reads files only: the domain crate is all it needs (core::api would
    // be its one door to the store, should it ever need one).
    ("digilyft-viewer", &["digilyft-invoice", "digilyft-core"]),
    // A test-only tool (the sync fault suite's HTTP fault proxy): depends on no crate of ours.
    ("digilyft-faultproxy", &[]),
    (
        "digilyft-tests",
        &[
            "digilyft-core",
            "digilyft-invoice",
            "digilyft-survey",
            "digilyft-desktop",
            "digilyft-server",
            "digilyft-cli",
            "digilyft-faultproxy",
        ],
    ),
];

/// Front ends that must be built on `digilyft-core` (not on the domain crates alone).
const FRONT_ENDS: &[&str] = &["digilyft-desktop", "digilyft-server", "digilyft-cli"];

/// Library crates stay free of UI, HTTP-serving, argument-parsing and async-runtime frameworks.
const LIBRARIES: &[&str] = &["digilyft-invoice", "digilyft-survey", "digilyft-core"];
const FRONT_END_FRAMEWORKS: &[&str] = &[
    "tauri",
    "tauri-build",
    "axum",
    "clap",
    "tokio",
    "eframe",
    "egui",
];

/// Workspace members and the package names each depends on (all dependency kinds), as
/// `cargo metadata` reports them.
type Graph = BTreeMap<String, Vec<String>>;

/// Edges to add to a tidy graph: (from, [to…]).
type Edges<'a> = &'a [(&'a str, &'a [&'a str])];

/// Reads the workspace graph with `cargo metadata --no-deps`.
fn workspace_graph() -> Graph {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo metadata: {err}"));
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("cargo metadata printed invalid JSON: {err}"));
    graph_from_metadata(&json)
}

/// Extracts the members and their dependency names from `cargo metadata` JSON.
fn graph_from_metadata(json: &Value) -> Graph {
    let packages = json["packages"].as_array().cloned().unwrap_or_default();
    packages
        .iter()
        .filter_map(|pkg| {
            let name = pkg["name"].as_str()?.to_owned();
            let deps = pkg["dependencies"]
                .as_array()
                .map(|deps| {
                    deps.iter()
                        .filter_map(|d| d["name"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            Some((name, deps))
        })
        .collect()
}

/// Every rule the graph breaks, one sentence each; empty when the graph is tidy.
fn violations(graph: &Graph) -> Vec<String> {
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut found = Vec::new();
    for (krate, deps) in graph {
        let Some(allowed) = layers.get(krate.as_str()) else {
            found.push(format!(
                "{krate} is a workspace member missing from LAYERS in tests/tests/tidy.rs: \
                 decide which crates of ours it may depend on"
            ));
            continue;
        };
        for dep in deps {
            let ours = layers.contains_key(dep.as_str()) || graph.contains_key(dep);
            if ours && !allowed.contains(&dep.as_str()) {
                found.push(format!(
                    "{krate} depends on {dep}, but may only depend on {allowed:?}"
                ));
            }
            if LIBRARIES.contains(&krate.as_str()) && FRONT_END_FRAMEWORKS.contains(&dep.as_str()) {
                found.push(format!(
                    "library {krate} depends on {dep}: frameworks belong in the front ends"
                ));
            }
        }
        if FRONT_ENDS.contains(&krate.as_str()) && !deps.iter().any(|d| d == "digilyft-core") {
            found.push(format!("front end {krate} must be built on digilyft-core"));
        }
    }
    for (name, _) in LAYERS {
        if !graph.contains_key(*name) {
            found.push(format!(
                "{name} is listed in LAYERS but is not a workspace member"
            ));
        }
    }
    found
}

#[test]
fn dependencies_point_inward() {
    let graph = workspace_graph();
    let found = violations(&graph);
    assert!(
        found.is_empty(),
        "dependency direction broken:\n{}",
        found.join("\n")
    );
}

/// The checker itself: a tidy graph passes and each kind of wrong edge is named.
#[test]
fn checker_names_every_wrong_edge() {
    fn graph(edges: Edges<'_>) -> Graph {
        let mut g: Graph = LAYERS
            .iter()
            .map(|(name, _)| ((*name).to_owned(), Vec::new()))
            .collect();
        for name in FRONT_ENDS {
            g.insert((*name).to_owned(), vec!["digilyft-core".to_owned()]);
        }
        for (from, to) in edges {
            let deps = g.entry((*from).to_owned()).or_default();
            deps.extend(to.iter().map(|d| (*d).to_owned()));
        }
        g
    }

    let cases: &[(Edges<'_>, &str)] = &[
        (&[], ""),
        (&[("digilyft-core", &["digilyft-invoice", "serde"])], ""),
        (
            &[("digilyft-invoice", &["digilyft-core"])],
            "digilyft-invoice depends on digilyft-core",
        ),
        (
            &[("digilyft-invoice", &["digilyft-survey"])],
            "digilyft-invoice depends on digilyft-survey",
        ),
        (
            &[("digilyft-core", &["digilyft-desktop"])],
            "digilyft-core depends on digilyft-desktop",
        ),
        (
            &[("digilyft-cli", &["digilyft-server"])],
            "digilyft-cli depends on digilyft-server",
        ),
        (
            &[("digilyft-core", &["digilyft-tests"])],
            "digilyft-core depends on digilyft-tests",
        ),
        (
            &[("digilyft-core", &["tauri"])],
            "library digilyft-core depends on tauri",
        ),
        (
            &[("digilyft-survey", &["tokio"])],
            "library digilyft-survey depends on tokio",
        ),
        (
            &[("digilyft-invoice", &["eframe"])],
            "library digilyft-invoice depends on eframe",
        ),
        (
            &[("digilyft-viewer", &["digilyft-survey"])],
            "digilyft-viewer depends on digilyft-survey",
        ),
        (
            &[("digilyft-viewer", &["digilyft-cli"])],
            "digilyft-viewer depends on digilyft-cli",
        ),
        (&[("digilyft-viewer", &["digilyft-invoice", "eframe"])], ""),
        (
            &[("digilyft-extra", &[])],
            "digilyft-extra is a workspace member missing from LAYERS",
        ),
    ];
    for (edges, expected) in cases {
        let found = violations(&graph(edges)).join("\n");
        if expected.is_empty() {
            assert!(found.is_empty(), "{edges:?} should be tidy, got: {found}");
        } else {
            assert!(
                found.contains(expected),
                "{edges:?}: expected `{expected}`, got: {found}"
            );
        }
    }

    let mut headless = graph(&[]);
    headless.insert(
        "digilyft-server".to_owned(),
        vec!["digilyft-invoice".to_owned()],
    );
    assert!(
        violations(&headless)
            .join("\n")
            .contains("front end digilyft-server must be built on digilyft-core")
    );
}
