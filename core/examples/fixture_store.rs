//! Writes the fixture store of `core/tests/fixtures/store-f98a1ec/` and its golden read.
//!
//! Run from the workspace root: `cargo run -p digilyft-core --example fixture_store -- <dir>`.
//! It creates `<dir>/digilyft.sqlite` (with its sidecar `digilyft.audit-anchor.json`) and
//! `<dir>/reads.txt`, the text of every public read of that store (`tests/it/store_dump.rs`).
//! What the store holds is `tests/it/fixture_build.rs`. The committed fixture was made once, with
//! the code of commit f98a1ec, so that later code can be checked to open and read a store written
//! before it (`tests/it/store_fixture.rs`). Re-running it on newer code makes a store in today's
//! format (which must read the same): replace the committed fixture only on purpose, saying so in
//! its README.

#[path = "../tests/it/common.rs"]
mod common;
#[path = "../tests/it/fixture_build.rs"]
mod fixture_build;
#[path = "../tests/it/store_dump.rs"]
mod store_dump;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: fixture_store <dir>")?
        .into();
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("digilyft.sqlite");
    let store = fixture_build::build(&path)?;
    let reads = store_dump::dump(&store);
    drop(store);
    // Fold the WAL into the file so the fixture is one file (plus its anchor).
    let conn = rusqlite::Connection::open(&path)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    drop(conn);
    std::fs::write(dir.join("reads.txt"), reads)?;
    println!("wrote {}", dir.display());
    Ok(())
}
