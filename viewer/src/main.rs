//! `digilyft-view FILE…`: opens the given invoice files (or none, to drop files onto the window).
//!
//! `--exit-after-draw` (or `DIGILYFT_VIEW_EXIT_AFTER_DRAW=1`) closes the window as soon as the
//! first invoice has been drawn: the start-up benchmark times the whole process with it.
//! `--screenshot PNG` saves a picture of the window once the invoice is drawn, then exits (the
//! snapshot tests). `--english` starts in English, `--high-contrast` with the contrast theme, `--large-text` at 150 %
//! text size. Exit codes: 0 normal, 2 the window could not be started.

use std::path::PathBuf;

use anyhow::Context as _;
use digilyft_viewer::i18n::{Lang, t};
use digilyft_viewer::load::Source;
use digilyft_viewer::{Settings, Viewer};
use eframe::egui;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("digilyft-view: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut files = Vec::new();
    let mut exit_after_draw =
        std::env::var_os("DIGILYFT_VIEW_EXIT_AFTER_DRAW").is_some_and(|v| v == "1");
    let mut settings = Settings::default();
    let mut screenshot = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--screenshot") => {
                let path = args.next().context("--screenshot needs a PNG file name")?;
                screenshot = Some(PathBuf::from(path));
            }
            Some("--exit-after-draw") => exit_after_draw = true,
            Some("--english") => settings.lang = Lang::En,
            Some("--high-contrast") => settings.high_contrast = true,
            Some("--large-text") => settings.zoom = 1.5,
            Some("--help" | "-h") => {
                println!(
                    "digilyft-view [--english] [--high-contrast] [--large-text] [--exit-after-draw] [--screenshot PNG] [FILE…]"
                );
                return Ok(());
            }
            _ => files.push(Source::Path(PathBuf::from(arg))),
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(t::APP_TITLE.get(settings.lang))
            .with_app_id("digilyft-view")
            .with_inner_size([1280.0, 900.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "digilyft-view",
        options,
        Box::new(move |cc| {
            let mut viewer = Viewer::new(settings);
            viewer.exit_when_drawn = exit_after_draw;
            viewer.screenshot_to = screenshot;
            viewer.open(files, &cc.egui_ctx);
            Ok(Box::new(App(viewer)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("starting the window (is a display available?)")
}

struct App(Viewer);

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }
}
