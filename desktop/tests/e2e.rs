//! End to end: the built app, started by `tauri-driver` (WebDriver for Tauri, over WebKitWebDriver),
//! on a demo-like store (the sample attestförteckning active, the sample invoices routed): the
//! inbox lists them, the clerk says who they are, opens an invoice from their inbox, approves it
//! and switches to English; the administrator saves the sample workbook, compares it with the
//! active version and imports it. The page text is read, not pixels; screenshots of the main views are
//! taken on the way (into `docs/screenshots/` with `UPDATE_SCREENSHOTS=1`, else into the test's
//! temporary directory). The test ends every process it starts: tauri-driver runs in its own
//! process group, which is stopped as a whole (WebKitWebDriver and the app with it) and checked
//! to be gone.
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

/// `tauri-driver` running on a free port in its own process group; the whole group
/// (tauri-driver, WebKitWebDriver, the app) is stopped when dropped, even when the test fails.
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
        let mut command = Command::new(&program);
        // Its own process group, so WebKitWebDriver and the app it starts can be ended with it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
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

impl Driver {
    /// Stops the whole process group: TERM, a moment to exit, then KILL. Idempotent.
    fn stop(&mut self) {
        #[cfg(unix)]
        {
            let group = format!("-{}", self.child.id());
            for signal in ["-TERM", "-KILL"] {
                if !group_alive(self.child.id()) {
                    break;
                }
                // `kill` fails once the group is gone: nothing left to stop.
                let _ = Command::new("kill")
                    .args([signal, "--", &group])
                    .stderr(Stdio::null())
                    .status();
                let deadline = Instant::now() + Duration::from_secs(3);
                while group_alive(self.child.id()) && Instant::now() < deadline {
                    let _ = self.child.try_wait();
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
        // The driver itself may already have exited; then there is nothing to stop.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether any process of group `pgid` is still running (`kill -0` succeeds). Zombies of the
/// group leader are reaped by `try_wait` in [`Driver::stop`].
#[cfg(unix)]
fn group_alive(pgid: u32) -> bool {
    Command::new("kill")
        .args(["-0", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
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

/// How many elements match `css` (None when the page cannot be asked).
async fn count(client: &Client, css: &str) -> Option<usize> {
    client
        .find_all(Locator::Css(css))
        .await
        .ok()
        .map(|e| e.len())
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

/// Clicks the element `css`.
async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|err| panic!("no {css}: {err}"))
        .click()
        .await
        .unwrap_or_else(|err| panic!("cannot click {css}: {err}"));
}

/// Types `text` into the field `css`.
async fn type_into(client: &Client, css: &str, text: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|err| panic!("no {css}: {err}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|err| panic!("cannot type into {css}: {err}"));
}

/// Waits until the text of `css` contains `want`; returns it.
async fn wait_text(client: &Client, css: &str, want: &str) -> String {
    eventually(
        &format!("{css} to contain {want:?}"),
        RENDER_TIMEOUT,
        || async { text_of(client, css).await.filter(|t| t.contains(want)) },
    )
    .await
}

/// Where screenshots go: `docs/screenshots/` when `UPDATE_SCREENSHOTS=1`, else `fallback`.
fn screenshot_dir(fallback: &Path) -> PathBuf {
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|v| v == "1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots")
    } else {
        fallback.to_path_buf()
    }
}

/// Saves a PNG of the window as `dir/name.png`, once the page has painted what the test saw
/// (WebKit under Xvfb otherwise hands out the previous frame).
async fn screenshot(client: &Client, dir: &Path, name: &str) {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|err| panic!("the page did not paint {name}: {err}"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let png = client
        .screenshot()
        .await
        .unwrap_or_else(|err| panic!("cannot take a screenshot of {name}: {err}"));
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    std::fs::create_dir_all(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    let file = dir.join(format!("{name}.png"));
    std::fs::write(&file, png).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
}

#[tokio::test(flavor = "current_thread")]
async fn a_clerk_approves_an_invoice_switches_to_english_and_an_admin_imports_a_workbook() {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "no display: run under `xvfb-run -a` (e.g. `xvfb-run -a cargo test -p digilyft-desktop \
         --test e2e`); `bash .ci/run` does this"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temp dir: {err}"));
    let data_dir = dir.path().join("data");
    // The app runs on the system clock, so the demo invoices are dated around today, as
    // `digilyft demo` dates them.
    let expected = support::seed_demo(&data_dir, chrono::Utc::now().date_naive());
    let shots = screenshot_dir(&dir.path().join("screenshots"));

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

    // Nobody chosen yet: the inbox shows every invoice of the store, in Swedish.
    eventually(
        "every demo invoice in the inbox",
        RENDER_TIMEOUT,
        || async { (count(&client, "#inbox tbody tr").await? == expected.len()).then_some(()) },
    )
    .await;
    let inbox = text_of(&client, "#inbox").await.unwrap_or_default();
    for invoice in &expected {
        assert!(
            inbox.contains(&invoice.number),
            "{} missing in:\n{inbox}",
            invoice.number
        );
    }
    assert!(inbox.contains("Leverantör"), "Swedish by default:\n{inbox}");
    assert_eq!(
        script(&client, "return document.documentElement.lang").await,
        json!("sv")
    );
    wait_text(&client, "#status", &format!("{} fakturor", expected.len())).await;

    // Every control and column has an accessible name.
    let unnamed = script(
        &client,
        "return Array.from(document.querySelectorAll('button, a, th, input, select'))\
           .filter(e => !String(e.getAttribute('aria-label') || (e.labels && e.labels.length ? 'label' : '') || e.textContent).trim())\
           .map(e => e.outerHTML)",
    )
    .await;
    assert_eq!(unnamed, json!([]), "controls without an accessible name");
    screenshot(&client, &shots, "inkorg-alla").await;

    // Who am I: the first grant holder who has an open step.
    click(&client, "[data-nav=settings]").await;
    wait_text(&client, "#settings-heading", "Inställningar").await;
    eventually(
        "the people of the attestförteckning",
        RENDER_TIMEOUT,
        || async { (count(&client, "#user-select option").await? > 1).then_some(()) },
    )
    .await;
    screenshot(&client, &shots, "installningar").await;
    script(
        &client,
        "const s = document.getElementById('user-select'); s.value = 'u230'; \
         s.dispatchEvent(new Event('change')); return null",
    )
    .await;
    wait_text(&client, "#status", "Du arbetar nu som u230.").await;
    click(&client, "[data-nav=inbox]").await;
    let rows = eventually("u230's open steps", RENDER_TIMEOUT, || async {
        let rows = client
            .find_all(Locator::Css("#inbox tbody tr"))
            .await
            .ok()?;
        let mine = script(
            &client,
            "return document.querySelector('input[value=mine]')?.checked === true",
        )
        .await;
        (mine == json!(true) && !rows.is_empty()).then_some(rows)
    })
    .await;
    screenshot(&client, &shots, "inkorg").await;

    // Open the first invoice from the keyboard and approve it.
    let number = rows[0]
        .find(Locator::Css("td:nth-child(2)"))
        .await
        .unwrap_or_else(|err| panic!("no number cell: {err}"))
        .text()
        .await
        .unwrap_or_default();
    script(
        &client,
        "document.querySelector('#inbox tbody tr').focus(); return null",
    )
    .await;
    rows[0]
        .send_keys("\u{E007}")
        .await
        .unwrap_or_else(|err| panic!("cannot press Enter: {err}"));
    let heading = wait_text(&client, "#invoice-heading", &number).await;
    assert!(heading.starts_with("Faktura"), "{heading}");
    wait_text(&client, "#view-invoice", "Säljare").await;
    screenshot(&client, &shots, "faktura").await;
    click(&client, "#decide-attest").await;
    wait_text(&client, "#status", "godkänt").await;
    wait_text(&client, "#decisions", "u230").await;

    // The English switch.
    click(&client, "#language-switch").await;
    wait_text(&client, "#invoice-heading", "Invoice").await;
    assert_eq!(
        script(&client, "return document.documentElement.lang").await,
        json!("en")
    );
    wait_text(&client, "#status", "The language is now English.").await;
    click(&client, "[data-nav=admin]").await;
    wait_text(&client, "#admin-heading", "Attestförteckning").await;
    wait_text(&client, "#rules-versions", "KS 1").await;
    screenshot(&client, &shots, "attestforteckning").await;

    // The administrator saves the sample workbook, compares it with the active version (the same
    // one) and imports it as version 2.
    let workbook = dir
        .path()
        .join("attestforteckning-2.xlsx")
        .display()
        .to_string();
    type_into(&client, "#template-path", &workbook).await;
    click(&client, "#template-sample").await;
    click(&client, "#template-button").await;
    wait_text(&client, "#status", &format!("Saved: {workbook}")).await;
    type_into(&client, "#rules-path", &workbook).await;
    type_into(&client, "#rules-decision", "KS 2").await;
    click(&client, "#rules-compare").await;
    wait_text(
        &client,
        "#status",
        "No differences from the active version.",
    )
    .await;
    click(&client, "#rules-import").await;
    wait_text(&client, "#status", "Version 2 is stored").await;
    wait_text(&client, "#rules-versions", "KS 2").await;

    client
        .close()
        .await
        .unwrap_or_else(|err| panic!("cannot end the WebDriver session: {err}"));
    let pgid = driver.child.id();
    driver.stop();
    #[cfg(unix)]
    assert!(
        !group_alive(pgid),
        "tauri-driver, WebKitWebDriver or the app is still running after the test"
    );
    let _ = pgid;
}
