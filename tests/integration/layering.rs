//! The crate graph docs/architecture.md draws, enforced: every dependency between runlift's
//! crates (normal, build or dev) must be an edge of [`ALLOWED`], read from the manifests with
//! `cargo metadata`. A new edge fails this test until the table (and the drawing) say it
//! belongs.

use std::collections::BTreeSet;

use serde_json::Value;

/// Every dependency one runlift crate may have on another, by kind: `normal` (also allows
/// build), `dev` (tests, benches, examples only).
///
/// ```text
///            runlift (binary) ── everything below
///           /        |        \
///      report       import        store
///        |       /  |   |   \       |
///   analysis  fit  xml  csv  json    |
///        \      \   |   |   /       /
///         ───────── model ──────────
/// ```
/// `fit-testkit` and `corpus` are dev-only helpers that depend on nothing; `bench` may depend on
/// everything and nothing depends on it.
const ALLOWED: &[(&str, &str, Kind)] = &[
    ("runlift-fit", "runlift-model", Kind::Normal),
    ("runlift-fit", "runlift-fit-testkit", Kind::Dev),
    ("runlift-xml", "runlift-model", Kind::Normal),
    ("runlift-csv", "runlift-model", Kind::Normal),
    ("runlift-json", "runlift-model", Kind::Normal),
    ("runlift-import", "runlift-model", Kind::Normal),
    ("runlift-import", "runlift-fit", Kind::Normal),
    ("runlift-import", "runlift-xml", Kind::Normal),
    ("runlift-import", "runlift-csv", Kind::Normal),
    ("runlift-import", "runlift-json", Kind::Normal),
    ("runlift-import", "runlift-fit-testkit", Kind::Dev),
    ("runlift-store", "runlift-model", Kind::Normal),
    ("runlift-analysis", "runlift-model", Kind::Normal),
    ("runlift-report", "runlift-model", Kind::Normal),
    ("runlift-report", "runlift-analysis", Kind::Normal),
    // The HTML report ends with the coming week's plan.
    ("runlift-report", "runlift-plan", Kind::Normal),
    ("runlift-plan", "runlift-model", Kind::Normal),
    ("runlift-plan", "runlift-analysis", Kind::Normal),
    ("runlift", "runlift-model", Kind::Normal),
    ("runlift", "runlift-fit", Kind::Normal),
    ("runlift", "runlift-xml", Kind::Normal),
    ("runlift", "runlift-csv", Kind::Normal),
    ("runlift", "runlift-import", Kind::Normal),
    ("runlift", "runlift-store", Kind::Normal),
    ("runlift", "runlift-analysis", Kind::Normal),
    ("runlift", "runlift-report", Kind::Normal),
    ("runlift", "runlift-plan", Kind::Normal),
    ("runlift", "runlift-fit-testkit", Kind::Dev),
    ("runlift-fit", "runlift-corpus", Kind::Dev),
    ("runlift-xml", "runlift-corpus", Kind::Dev),
    ("runlift-csv", "runlift-corpus", Kind::Dev),
    ("runlift-import", "runlift-corpus", Kind::Dev),
    ("runlift", "runlift-corpus", Kind::Dev),
];

/// The crate that may depend on every other one (and on which none may depend).
const ABOVE_ALL: &str = "runlift-bench";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A normal or build dependency: part of what the crate is.
    Normal,
    /// A dev-dependency: only its tests, benches and examples use it.
    Dev,
}

/// One dependency of one workspace crate on another.
type Edge = (String, String, Kind);

/// The edges of `graph` that [`ALLOWED`] does not hold, as readable lines. A normal edge
/// also allows the same edge as a dev-dependency (a test may use what the crate uses).
fn violations(graph: &[Edge]) -> Vec<String> {
    graph
        .iter()
        .filter(|(from, to, kind)| {
            if from == ABOVE_ALL {
                return false;
            }
            !ALLOWED.iter().any(|(f, t, k)| {
                f == from && t == to && (k == kind || (*k == Kind::Normal && *kind == Kind::Dev))
            })
        })
        .map(|(from, to, kind)| format!("{from} -> {to} ({kind:?})"))
        .collect()
}

/// The dependencies between the workspace's crates, from `cargo metadata`.
fn workspace_graph() -> Vec<Edge> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata writes JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let names: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut edges = Vec::new();
    for package in packages {
        let from = package["name"].as_str().expect("a package has a name");
        for dependency in package["dependencies"].as_array().expect("dependencies") {
            let to = dependency["name"].as_str().expect("a dependency has a name");
            if !names.contains(to) {
                continue;
            }
            let kind = match dependency["kind"].as_str() {
                Some("dev") => Kind::Dev,
                _ => Kind::Normal,
            };
            edges.push((from.to_owned(), to.to_owned(), kind));
        }
    }
    edges
}

#[test]
fn every_dependency_between_runlifts_crates_is_one_the_architecture_allows() {
    let graph = workspace_graph();
    // The graph was really read: the binary depends on the pipeline and the store.
    assert!(
        graph.contains(&("runlift".into(), "runlift-import".into(), Kind::Normal)),
        "{graph:?}"
    );
    assert!(
        graph.iter().any(|(from, ..)| from == "runlift-store"),
        "{graph:?}"
    );
    let wrong = violations(&graph);
    assert!(
        wrong.is_empty(),
        "dependencies against the layering of docs/architecture.md:\n{}",
        wrong.join("\n")
    );
    assert!(
        !graph.iter().any(|(_, to, _)| to == ABOVE_ALL),
        "nothing may depend on {ABOVE_ALL}"
    );
}

fn edge(from: &str, to: &str, kind: Kind) -> Edge {
    (from.to_owned(), to.to_owned(), kind)
}

#[test]
fn an_edge_against_the_layering_is_found_whatever_its_kind() {
    let allowed = vec![
        edge("runlift-report", "runlift-analysis", Kind::Normal),
        edge("runlift-report", "runlift-model", Kind::Dev),
        edge("runlift-fit", "runlift-fit-testkit", Kind::Dev),
        edge("runlift-bench", "runlift-store", Kind::Normal),
    ];
    assert!(violations(&allowed).is_empty(), "{:?}", violations(&allowed));

    let mut graph = allowed;
    graph.push(edge("runlift-report", "runlift-import", Kind::Normal));
    graph.push(edge("runlift-store", "runlift-import", Kind::Dev));
    graph.push(edge("runlift-fit", "runlift-fit-testkit", Kind::Normal));
    graph.push(edge("runlift-xml", "runlift-bench", Kind::Dev));
    assert_eq!(
        violations(&graph),
        [
            "runlift-report -> runlift-import (Normal)",
            "runlift-store -> runlift-import (Dev)",
            "runlift-fit -> runlift-fit-testkit (Normal)",
            "runlift-xml -> runlift-bench (Dev)",
        ]
    );
}
