//! Writes the FIT fixtures (the demo history's files in `fixtures/athlete/`, the bad-input
//! batch's in `fixtures/hostile/`, the others in `fixtures/fit/`) from the test encoder, so that they can be regenerated when the encoder
//! changes: `cargo run -p runlift-fit-testkit --bin make-fit-fixtures [DIR]` (default: the
//! workspace's `fixtures`).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"));
    for fixture in runlift_fit_testkit::fixtures::all() {
        let path = dir.join(fixture.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &fixture.bytes)?;
        eprintln!("wrote {} ({} bytes)", path.display(), fixture.bytes.len());
    }
    Ok(())
}
