//! A store written by an older Digilyft still opens and reads identically.
//!
//! `tests/fixtures/store-f98a1ec/` holds a store written by commit f98a1ec and the text of every
//! public read of it made by that commit (`reads.txt`, see its README). This test opens a copy
//! (the fixture itself is never opened: opening switches the journal mode and may migrate) and
//! compares today's reads with that text, so a changed table layout, row mapper or storage record
//! that reads old rows differently fails here.

use std::path::Path;

use digilyft_core::store::Store;

use crate::store_dump;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store-f98a1ec");

#[test]
fn a_store_written_by_f98a1ec_reads_as_it_did() {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["digilyft.sqlite", "digilyft.audit-anchor.json"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).expect("copy fixture");
    }
    let want = std::fs::read_to_string(Path::new(FIXTURE).join("reads.txt")).expect("golden");
    let store = Store::open(&dir.path().join("digilyft.sqlite")).expect("opens");
    let got = store_dump::dump(&store);
    if got != want {
        let (n, (g, w)) = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (g, w))| g != w)
            .unwrap_or((
                got.lines().count().min(want.lines().count()),
                ("<end>", "<end>"),
            ));
        panic!(
            "reads differ from tests/fixtures/store-f98a1ec/reads.txt first at line {}:\n  now:    {g}\n  golden: {w}\n({} vs {} lines)",
            n + 1,
            got.lines().count(),
            want.lines().count()
        );
    }
}
