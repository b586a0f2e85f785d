//! Snapshot images of the real window (eframe on OpenGL; under CI's `xvfb-run`, Mesa's software
//! renderer): three invoices, each drawn by the built `digilyft-view --screenshot`, compared with
//! the PNG kept in `tests/snapshots/`. `UPDATE_SNAPSHOTS=1` rewrites them.
//!
//! The comparison allows a few differing pixels (anti-aliasing of another Mesa build), not a
//! changed layout: at most 0.3 % of the pixels may differ by more than 24 in a channel.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn snapshot(name: &str, invoice: &Path) {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "the snapshot tests draw a real window: run them under a display (CI: xvfb-run)"
    );
    let out_dir = std::env::temp_dir().join(format!("digilyft-view-snap-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let got = out_dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&got);
    let mut child = Command::new(env!("CARGO_BIN_EXE_digilyft-view"))
        .arg("--screenshot")
        .arg(&got)
        .arg(invoice)
        .spawn()
        .expect("start digilyft-view");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{name}: digilyft-view did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{name}: digilyft-view failed: {status}");
    let expected = dir().join("snapshots").join(format!("{name}.png"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::copy(&got, &expected).expect("update snapshot");
        return;
    }
    let a = image::open(&expected)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", expected.display()))
        .to_rgba8();
    let b = image::open(&got).expect("screenshot").to_rgba8();
    assert_eq!(
        a.dimensions(),
        b.dimensions(),
        "{name}: window size changed ({})",
        got.display()
    );
    let differing = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let total = (a.width() * a.height()) as usize;
    assert!(
        differing * 1000 <= total * 3,
        "{name}: {differing} of {total} pixels differ from {}; the new picture is {}",
        expected.display(),
        got.display()
    );
    let _ = std::fs::remove_file(&got);
}

#[test]
fn swedish_invoice_with_bankgiro() {
    snapshot(
        "bankgiro",
        &dir().join("../../assets/samples/BIS_Billing_30-Telefoni.xml"),
    );
}

#[test]
fn credit_note() {
    snapshot(
        "kreditnota",
        &dir().join("../../assets/samples/BIS_Billing_30-Kreditering_med_kreditnota.xml"),
    );
}

#[test]
fn foreign_invoice_with_reverse_charge() {
    snapshot("omvand", &dir().join("fixtures/foreign-reverse-charge.xml"));
}
