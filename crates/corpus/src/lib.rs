//! Where runlift's conformance tests find the shared corpus of real exports, and what they do
//! when it is not there.
//!
//! The corpus lives beside the repository, in `../shared/corpus` (it holds other people's
//! exports, so it is not committed). Every test that reads it asks [`corpus`] or
//! [`corpus_path`] first:
//!
//! - when the corpus is there, the test gets its path and runs;
//! - when it is absent and the environment variable [`REQUIRE`] (`RUNLIFT_REQUIRE_CORPUS`) is
//!   set to anything but `0` or nothing, as `.ci/run` sets it, the test panics, naming the path
//!   it looked for, so that a CI run without the corpus fails instead of passing without
//!   checking anything;
//! - otherwise the test is skipped, and says so on the process's standard error, which the test
//!   harness does not capture, so a person running `cargo test` sees which tests checked
//!   nothing.
//!
//! ```
//! if let Some(reference) = runlift_corpus::corpus_path("reference/fit.json") {
//!     assert!(reference.is_file());
//! }
//! ```
#![deny(missing_docs)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that makes an absent corpus a test failure: `.ci/run` sets it to
/// `1`.
pub const REQUIRE: &str = "RUNLIFT_REQUIRE_CORPUS";

/// Where the shared corpus is expected: `../shared/corpus` beside the repository.
pub fn location() -> PathBuf {
    // This crate is `crates/corpus` in the repository: up three is the repository's parent.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The shared corpus folder, or `None` when it is absent and not required (the skip is told on
/// standard error).
///
/// # Panics
///
/// When the corpus is absent and [`REQUIRE`] is set.
pub fn corpus() -> Option<PathBuf> {
    let dir = location();
    if dir.is_dir() { Some(dir) } else { absent(&dir) }
}

/// A file or folder of the shared corpus, by its path relative to the corpus
/// (`reference/fit.json`, `csv/strong.csv`), or `None` when it is absent and not required.
///
/// # Panics
///
/// When it is absent and [`REQUIRE`] is set.
pub fn corpus_path(relative: &str) -> Option<PathBuf> {
    let path = location().join(relative);
    if path.exists() { Some(path) } else { absent(&path) }
}

/// Whether an absent corpus fails the tests: [`REQUIRE`] is set and neither empty nor `0`.
pub fn required() -> bool {
    requires(std::env::var_os(REQUIRE).as_deref())
}

fn requires(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty() && value != "0")
}

fn required_but_absent(path: &Path) -> String {
    format!(
        "the shared corpus is required ({REQUIRE} is set) but {} is absent",
        path.display()
    )
}

fn absent(path: &Path) -> Option<PathBuf> {
    if required() {
        panic!("{}", required_but_absent(path));
    }
    let test = std::thread::current()
        .name()
        .map_or_else(|| "a corpus test".to_owned(), str::to_owned);
    // Straight to the process's standard error: `eprintln!` would be captured by the test
    // harness and shown only for failing tests, and a skip must not go unseen.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: the shared corpus is not at {} (set {REQUIRE}=1 to make this a failure)",
        path.display()
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_looked_for_beside_the_repository() {
        let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(repository.join("Cargo.toml").is_file());
        assert_eq!(location(), repository.join("../shared/corpus"));
    }

    #[test]
    fn only_a_set_variable_other_than_0_requires_the_corpus() {
        assert!(requires(Some("1".as_ref())));
        assert!(requires(Some("yes".as_ref())));
        assert!(!requires(Some("0".as_ref())));
        assert!(!requires(Some("".as_ref())));
        assert!(!requires(None));
    }

    #[test]
    fn a_required_corpus_that_is_absent_fails_naming_the_path() {
        let missing = location().join("no/such/file.json");
        let message = required_but_absent(&missing);
        assert!(
            message.ends_with("shared/corpus/no/such/file.json is absent"),
            "{message}"
        );
        assert!(message.contains("RUNLIFT_REQUIRE_CORPUS is set"), "{message}");
        if required() {
            let panic = std::panic::catch_unwind(|| corpus_path("no/such/file.json")).unwrap_err();
            assert_eq!(panic.downcast_ref::<String>(), Some(&message));
        }
    }
}
