//! End to end: the built app, started by `tauri-driver` (WebDriver for Tauri, over WebKitWebDriver),
//! shows the invoices of a seeded store in its inbox. The page text is read, not pixels.
//!
//! Needs a display (run under `xvfb-run -a`, as `.ci/run` does), `tauri-driver`
//! (`cargo install tauri-driver --version '^2' --locked`) and `WebKitWebDriver`
//! (Debian: `webkit2gtk-driver`). Without them the test fails with that advice: an end-to-end test
//! that skips itself would hide a desktop app that does not start.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// How long the app may take to start and show its first page.
const START_TIMEOUT: Duration = Duration::from_secs(90);
/// How long the inbox may take to fill once the page is there.
const RENDER_TIMEOUT: Duration = Duration::from_secs(30);

/// `tauri-driver` running on a free port; killed when dropped, even when the test fails.
struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Driver {
    /// Starts `tauri-driver` with `DIGILYFT_DATA` set, so the app it launches opens `data_dir`.
    fn start(data_dir: &Path, log: PathBuf) -> Driver {
        let program = tauri_driver();
        let port = free_port();
        let native_port = free_port();
        let log_file = std::fs::File::create(&log)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", log.display()));
        let log_err = log_file
            .try_clone()
            .unwrap_or_else(|err| panic!("cannot share the log file: {err}"));
        let child = Command::new(&program)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env(digilyft_core::paths::DATA_ENV, data_dir)
            // The webview keeps local storage (e.g. the chosen language) under the XDG
            // directories: give each run fresh ones so it starts as a first run does.
            .env("XDG_DATA_HOME", data_dir.join("xdg-data"))
            .env("XDG_CACHE_HOME", data_dir.join("xdg-cache"))
            .env("XDG_CONFIG_HOME", data_dir.join("xdg-config"))
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_err)
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "cannot start {}: {err}; install it with \
                     `cargo install tauri-driver --version '^2' --locked` or set TAURI_DRIVER",
                    program.display()
                )
            });
        Driver { child, port, log }
    }

    /// Waits until the driver accepts connections.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "tauri-driver exited with {status} before it listened:\n{}",
                    self.log()
                );
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "tauri-driver did not listen on port {} within 20 s:\n{}",
            self.port,
            self.log()
        );
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the driver (and WebKitWebDriver, and the app) printed so far.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The driver may already have exited; then there is nothing to stop.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `$TAURI_DRIVER`, else `tauri-driver` on `PATH`, else in `~/.cargo/bin` (where `cargo install`
/// puts it).
fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("tauri-driver"))
        .find(|candidate| candidate.is_file());
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"))
        .filter(|p| p.is_file());
    on_path
        .or(in_cargo_home)
        .unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|err| panic!("no free local port: {err}"))
}

/// Polls `probe` until it returns `Some`, or fails after `timeout` naming `what`.
async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn text_of(client: &Client, css: &str) -> Option<String> {
    let element = client.find(Locator::Css(css)).await.ok()?;
    element.text().await.ok()
}

async fn script(client: &Client, js: &str) -> Value {
    client
        .execute(js, Vec::new())
        .await
        .unwrap_or_else(|err| panic!("script failed: {err}\n{js}"))
}

#[tokio::test(flavor = "current_thread")]
async fn the_inbox_shows_the_seeded_invoices() {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "no display: run under `xvfb-run -a` (e.g. `xvfb-run -a cargo test -p digilyft-desktop \
         --test e2e`); `bash .ci/run` does this"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temp dir: {err}"));
    let data_dir = dir.path().join("data");
    let expected = support::seed(&data_dir, support::SEED);

    let mut driver = Driver::start(&data_dir, dir.path().join("tauri-driver.log"));
    driver.wait_ready();

    let app = PathBuf::from(env!("CARGO_BIN_EXE_digilyft-desktop"));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": app }));
    let url = driver.url();
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let connect = builder.connect(&url);
    let client = match tokio::time::timeout(START_TIMEOUT, connect).await {
        Ok(Ok(client)) => client,
        Ok(Err(err)) => panic!("the app did not start: {err}\n{}", driver.log()),
        Err(_) => panic!(
            "the app did not start within {START_TIMEOUT:?}\n{}",
            driver.log()
        ),
    };

    // The inbox fills with exactly the seeded invoices.
    let rows = eventually("two inbox rows", RENDER_TIMEOUT, || async {
        let rows = client
            .find_all(Locator::Css("#inbox tbody tr"))
            .await
            .ok()?;
        (rows.len() == expected.len()).then_some(rows)
    })
    .await;
    let inbox = text_of(&client, "#inbox").await.unwrap_or_default();
    for invoice in &expected {
        assert!(
            inbox.contains(&invoice.supplier),
            "{} missing in:\n{inbox}",
            invoice.supplier
        );
        assert!(
            inbox.contains(&invoice.number),
            "{} missing in:\n{inbox}",
            invoice.number
        );
        if let Some(due) = invoice.due_date {
            assert!(
                inbox.contains(&due.to_string()),
                "{due} missing in:\n{inbox}"
            );
        }
    }
    assert!(inbox.contains("Leverantör"), "Swedish by default:\n{inbox}");
    assert_eq!(
        script(&client, "return document.documentElement.lang").await,
        json!("sv")
    );
    let status = text_of(&client, "#status").await.unwrap_or_default();
    assert_eq!(status, format!("{} fakturor", expected.len()));

    // Keyboard: the first row is the list's tab stop, the arrow keys move between rows.
    let first_id = rows[0].attr("data-id").await.ok().flatten();
    let second_id = rows[1].attr("data-id").await.ok().flatten();
    script(
        &client,
        "document.querySelector('#inbox tbody tr').focus(); return null",
    )
    .await;
    let focused = script(&client, "return document.activeElement.dataset.id").await;
    assert_eq!(focused.as_str(), first_id.as_deref());
    rows[0]
        .send_keys("\u{E015}")
        .await
        .unwrap_or_else(|err| panic!("cannot press ArrowDown: {err}"));
    let focused = script(&client, "return document.activeElement.dataset.id").await;
    assert_eq!(
        focused.as_str(),
        second_id.as_deref(),
        "ArrowDown moves to the next row"
    );

    // Every control and column has an accessible name.
    let unnamed = script(
        &client,
        "return Array.from(document.querySelectorAll('button, a, th, input, select'))\
           .filter(e => !(e.getAttribute('aria-label') || e.textContent).trim())\
           .map(e => e.outerHTML)",
    )
    .await;
    assert_eq!(unnamed, json!([]), "controls without an accessible name");

    // The English switch.
    client
        .find(Locator::Id("language-switch"))
        .await
        .unwrap_or_else(|err| panic!("no language switch: {err}"))
        .click()
        .await
        .unwrap_or_else(|err| panic!("cannot click the language switch: {err}"));
    let header = eventually("English column headers", RENDER_TIMEOUT, || async {
        let text = text_of(&client, "#inbox thead").await?;
        text.contains("Supplier").then_some(text)
    })
    .await;
    assert!(header.contains("Due date"), "{header}");
    assert_eq!(
        script(&client, "return document.documentElement.lang").await,
        json!("en")
    );
    assert_eq!(
        text_of(&client, "#status").await.unwrap_or_default(),
        format!("{} invoices", expected.len())
    );

    client
        .close()
        .await
        .unwrap_or_else(|err| panic!("cannot end the WebDriver session: {err}"));
}
