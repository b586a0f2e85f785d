//! The egui window: the toolbar (open, language, contrast, text size, export), one tab per open
//! file, and for the chosen file the invoice, the validation panel beside it, the XML source and
//! the attachments.
//!
//! All state lives in [`Viewer`]; [`Viewer::ui`] draws one frame and is what both eframe (see
//! `main.rs`) and the `egui_kittest` tests call. Reading happens on a background thread
//! (`load::spawn`); a frame only polls for results, so the window stays responsive while a
//! large file is read.
//!
//! Keyboard: Tab / Shift+Tab move between controls, Space/Enter press them; Ctrl+1…4 choose the
//! view (invoice, validation, source, attachments), Ctrl+L switches the language, Ctrl+K the
//! contrast, Ctrl+Plus/Minus the text size, Ctrl+PageDown/PageUp the open file.

mod attachments;
mod invoice;
mod review;
mod source;
pub mod theme;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

use digilyft_invoice::Format;
use digilyft_invoice::svefaktura::{self, ObjectEnvelope};

use crate::i18n::{Lang, t};
use crate::load::{self, LoadError, Loaded, Opened, Source};
use crate::review::{Row, Verdict};
use crate::sheet::{self, Sheet};

/// Which view of the chosen file is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The readable invoice.
    Invoice,
    /// The XML source.
    Source,
    /// The attachments.
    Attachments,
}

/// One open file.
#[derive(Debug)]
pub enum Doc {
    /// A document that was read.
    Ready(Box<Ready>),
    /// A file that could not be shown, with the reason.
    Failed {
        /// The file name.
        name: String,
        /// Why.
        error: LoadError,
    },
}

impl Doc {
    fn name(&self) -> &str {
        match self {
            Doc::Ready(r) => &r.loaded.name,
            Doc::Failed { name, .. } => name,
        }
    }
}

/// A document that was read, with what the views need.
#[derive(Debug)]
pub struct Ready {
    /// What reading gave.
    pub loaded: Loaded,
    /// The readable invoice in the current language.
    pub sheet: Sheet,
    /// The validation rows in the current language.
    pub rows: Vec<Row>,
    /// The verdict.
    pub verdict: Verdict,
    /// The language `sheet` and `rows` were built in.
    lang: Lang,
    /// The selected finding (index into `rows`).
    pub selected: Option<usize>,
    /// A source line to scroll to on the next frame.
    scroll_source_to: Option<u32>,
    /// Whether the invoice view should scroll to the highlighted place on the next frame.
    scroll_invoice: bool,
    /// How many lines the invoice view draws (more on request).
    lines_shown: usize,
    attachments: attachments::State,
}

impl Ready {
    fn new(loaded: Loaded, lang: Lang) -> Ready {
        let sheet = sheet::build(&loaded.invoice, loaded.format, lang);
        let rows = crate::review::rows(&loaded.report, &loaded.read_findings, &sheet, lang);
        Ready {
            verdict: Verdict::of(&loaded.report),
            loaded,
            sheet,
            rows,
            lang,
            selected: None,
            scroll_source_to: None,
            scroll_invoice: false,
            lines_shown: invoice::LINES_PER_PAGE,
            attachments: attachments::State::default(),
        }
    }

    /// Rebuilds the shown texts (after a language switch or new attachments).
    fn rebuild(&mut self, lang: Lang) {
        self.sheet = sheet::build(&self.loaded.invoice, self.loaded.format, lang);
        self.rows = crate::review::rows(
            &self.loaded.report,
            &self.loaded.read_findings,
            &self.sheet,
            lang,
        );
        self.lang = lang;
    }

    /// The place of the selected finding.
    fn target(&self) -> Option<&crate::review::Target> {
        self.selected
            .and_then(|i| self.rows.get(i))
            .map(|r| &r.target)
    }
}

/// Settings a person chooses in the toolbar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The language (Swedish by default).
    pub lang: Lang,
    /// The high-contrast theme.
    pub high_contrast: bool,
    /// Text size (egui zoom factor).
    pub zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Sv,
            high_contrast: false,
            zoom: 1.0,
        }
    }
}

/// The whole window's state.
#[derive(Debug)]
pub struct Viewer {
    /// The toolbar settings.
    pub settings: Settings,
    /// Open files, in the order they were opened.
    pub docs: Vec<Doc>,
    /// The chosen file.
    pub active: usize,
    /// The chosen view.
    pub view: View,
    /// Whether the validation panel is shown beside the invoice.
    pub show_review: bool,
    /// Envelopes waiting for their invoice.
    orphan_envelopes: Vec<(String, ObjectEnvelope)>,
    loading: Vec<(usize, Receiver<Opened>)>,
    open_path: String,
    export_path: Option<String>,
    status: Option<String>,
    applied: Option<(bool, f32)>,
    /// Close the window as soon as a frame has drawn an invoice (for the start-up benchmark).
    pub exit_when_drawn: bool,
    /// True once a frame has drawn an invoice.
    pub drawn_invoice: bool,
    /// Save a PNG of the window here once the invoice is drawn, then close (the snapshot tests).
    pub screenshot_to: Option<PathBuf>,
    frames_since_drawn: u32,
}

impl Viewer {
    /// A window with nothing open yet.
    pub fn new(settings: Settings) -> Viewer {
        Viewer {
            settings,
            docs: Vec::new(),
            active: 0,
            view: View::Invoice,
            show_review: true,
            orphan_envelopes: Vec::new(),
            loading: Vec::new(),
            open_path: String::new(),
            export_path: None,
            status: None,
            applied: None,
            exit_when_drawn: false,
            drawn_invoice: false,
            screenshot_to: None,
            frames_since_drawn: 0,
        }
    }

    /// Starts reading `sources` in the background; `ctx` is asked to repaint as each is ready.
    pub fn open(&mut self, sources: Vec<Source>, ctx: &egui::Context) {
        if sources.is_empty() {
            return;
        }
        let count = sources.len();
        let ctx = ctx.clone();
        let rx = load::spawn(sources, move || ctx.request_repaint());
        self.loading.push((count, rx));
    }

    /// True while files are still being read.
    pub fn is_loading(&self) -> bool {
        !self.loading.is_empty()
    }

    fn receive(&mut self) {
        let mut still = Vec::new();
        for (mut left, rx) in std::mem::take(&mut self.loading) {
            loop {
                match rx.try_recv() {
                    Ok(opened) => {
                        left = left.saturating_sub(1);
                        self.add(opened);
                    }
                    Err(TryRecvError::Empty) => {
                        if left > 0 {
                            still.push((left, rx));
                        }
                        break;
                    }
                    Err(TryRecvError::Disconnected) => break,
                }
            }
        }
        self.loading = still;
    }

    fn add(&mut self, opened: Opened) {
        match opened {
            Opened::Invoice(loaded) => {
                let mut ready = Ready::new(*loaded, self.settings.lang);
                // Envelopes that arrived before their invoice.
                if ready.loaded.format == Format::Svefaktura1 {
                    let waiting = std::mem::take(&mut self.orphan_envelopes);
                    for (name, env) in waiting {
                        if envelope_fits(&env, &ready) {
                            self.status = Some(attach(&mut ready, &name, &env, self.settings.lang));
                        } else {
                            self.orphan_envelopes.push((name, env));
                        }
                    }
                }
                self.docs.push(Doc::Ready(Box::new(ready)));
                self.active = self.docs.len() - 1;
            }
            Opened::Envelope { name, envelope } => {
                let lang = self.settings.lang;
                let target = self.docs.iter().rposition(|d| match d {
                    Doc::Ready(r) => envelope_fits(&envelope, r),
                    Doc::Failed { .. } => false,
                });
                match target {
                    Some(i) => {
                        if let Doc::Ready(r) = &mut self.docs[i] {
                            self.status = Some(attach(r, &name, &envelope, lang));
                            self.active = i;
                        }
                    }
                    None => {
                        self.status = Some(match lang {
                            Lang::Sv => format!(
                                "{name}: ett ObjectEnvelope (bilagor till en Svefaktura); bilagorna visas när faktura {} öppnas.",
                                envelope.document_id.as_deref().unwrap_or("?")
                            ),
                            Lang::En => format!(
                                "{name}: an ObjectEnvelope (attachments of a Svefaktura); they are shown when invoice {} is opened.",
                                envelope.document_id.as_deref().unwrap_or("?")
                            ),
                        });
                        self.orphan_envelopes.push((name, *envelope));
                    }
                }
            }
            Opened::Failed { name, error } => {
                self.docs.push(Doc::Failed { name, error });
                self.active = self.docs.len() - 1;
            }
        }
    }

    /// The chosen document, when it was read.
    pub fn active_ready(&mut self) -> Option<&mut Ready> {
        match self.docs.get_mut(self.active) {
            Some(Doc::Ready(r)) => Some(r),
            _ => None,
        }
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.receive();
        self.apply_settings(&ctx);
        self.dropped_files(&ctx);
        self.shortcuts(&ctx);
        let lang = self.settings.lang;
        for doc in &mut self.docs {
            if let Doc::Ready(r) = doc
                && r.lang != lang
            {
                r.rebuild(lang);
            }
        }

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_line(ui));
        if self.docs.len() > 1 {
            egui::Panel::top("documents").show(ui, |ui| self.doc_tabs(ui));
        }
        let show_review = self.show_review && self.view == View::Invoice;
        let marks = theme::marks(self.settings.high_contrast);
        let high_contrast = self.settings.high_contrast;
        let active = self.active;
        match self.docs.get_mut(active) {
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.add_space(40.0);
                    ui.vertical_centered(|ui| {
                        ui.heading(t::APP_TITLE.get(lang));
                        ui.add_space(12.0);
                        ui.label(t::DROP_HINT.get(lang));
                    });
                });
            }
            Some(Doc::Failed { name, error }) => {
                let (name, message) = (name.clone(), error.message(lang));
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.heading(RichText::new(t::CANNOT_OPEN.get(lang)).color(marks.fatal));
                    ui.label(RichText::new(&name).strong());
                    ui.add_space(8.0);
                    ui.label(message);
                });
            }
            Some(Doc::Ready(ready)) => {
                let mut go_to_source = false;
                if show_review {
                    egui::Panel::right("review")
                        .resizable(true)
                        .default_size(380.0)
                        .show(ui, |ui| {
                            go_to_source =
                                review::show(ui, ready, lang, marks) == review::Action::GoToSource;
                        });
                }
                egui::CentralPanel::default().show(ui, |ui| {
                    self.view_tabs(ui, lang);
                    let ready = match self.docs.get_mut(active) {
                        Some(Doc::Ready(r)) => r,
                        _ => return,
                    };
                    ui.separator();
                    match self.view {
                        View::Invoice => {
                            invoice::show(ui, ready, lang, marks, high_contrast);
                            self.drawn_invoice = true;
                        }
                        View::Source => source::show(ui, ready, lang, marks),
                        View::Attachments => {
                            if let Some(msg) = attachments::show(ui, ready, lang, marks) {
                                self.status = Some(msg);
                            }
                        }
                    }
                });
                if go_to_source {
                    self.view = View::Source;
                }
            }
        }
        if self.drawn_invoice {
            self.frames_since_drawn += 1;
        }
        if self.screenshot_to.is_some() {
            // A few frames first, so that the grids have settled their column widths.
            if self.frames_since_drawn < 4 {
                ctx.request_repaint();
            } else if let Some(path) = self.screenshot_to.take() {
                let closer = ctx.clone();
                ctx.request_screenshot(move |image| {
                    if let Err(e) = write_png(&path, &image) {
                        eprintln!("digilyft-view: {}: {e}", path.display());
                    }
                    closer.send_viewport_cmd(egui::ViewportCommand::Close);
                    closer.request_repaint();
                });
                ctx.request_repaint();
            }
            return;
        }
        if self.exit_when_drawn
            && (self.drawn_invoice
                || (!self.is_loading() && !self.docs.is_empty() && self.active_ready().is_none()))
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        // egui's own Ctrl+Plus/Minus changes the zoom: keep the setting in step with it.
        let current = ctx.zoom_factor();
        if self
            .applied
            .is_some_and(|(_, z)| (z - current).abs() > f32::EPSILON)
        {
            self.settings.zoom = current;
        }
        self.settings.zoom = self.settings.zoom.clamp(theme::ZOOM_MIN, theme::ZOOM_MAX);
        let wanted = (self.settings.high_contrast, self.settings.zoom);
        if self.applied != Some(wanted) {
            theme::apply(ctx, wanted.0);
            ctx.set_zoom_factor(wanted.1);
            self.applied = Some(wanted);
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let sources: Vec<Source> = dropped
            .iter()
            .filter(|f| !f.path().as_os_str().is_empty())
            .map(|f| Source::Path(f.path().to_path_buf()))
            .collect();
        self.open(sources, ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&cmd(Key::L)) {
                self.settings.lang = self.settings.lang.other();
            }
            if i.consume_shortcut(&cmd(Key::K)) {
                self.settings.high_contrast = !self.settings.high_contrast;
            }
            if i.consume_shortcut(&cmd(Key::Num1)) {
                self.view = View::Invoice;
            }
            if i.consume_shortcut(&cmd(Key::Num2)) {
                self.view = View::Invoice;
                self.show_review = !self.show_review;
            }
            if i.consume_shortcut(&cmd(Key::Num3)) {
                self.view = View::Source;
            }
            if i.consume_shortcut(&cmd(Key::Num4)) {
                self.view = View::Attachments;
            }
            if !self.docs.is_empty() {
                if i.consume_shortcut(&cmd(Key::PageDown)) {
                    self.active = (self.active + 1) % self.docs.len();
                }
                if i.consume_shortcut(&cmd(Key::PageUp)) {
                    self.active = (self.active + self.docs.len() - 1) % self.docs.len();
                }
            }
        });
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(t::OPEN.get(lang));
            let edit = ui
                .add(egui::TextEdit::singleline(&mut self.open_path).desired_width(260.0))
                .labelled_by(label.id);
            let pressed = ui.button(t::OPEN_BUTTON.get(lang)).clicked()
                || (edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)));
            if pressed && !self.open_path.trim().is_empty() {
                let path = PathBuf::from(self.open_path.trim());
                self.open_path.clear();
                let ctx = ui.ctx().clone();
                self.open(vec![Source::Path(path)], &ctx);
            }
            ui.separator();
            if ui
                .button(t::LANGUAGE_SWITCH.get(lang))
                .on_hover_text("Ctrl+L")
                .accessible_name(t::LANGUAGE_SWITCH_NAME.get(lang))
                .clicked()
            {
                self.settings.lang = lang.other();
            }
            ui.checkbox(&mut self.settings.high_contrast, t::HIGH_CONTRAST.get(lang))
                .on_hover_text("Ctrl+K");
            ui.label(t::ZOOM.get(lang));
            if ui
                .button("A−")
                .accessible_name(t::ZOOM_OUT.get(lang))
                .clicked()
            {
                self.settings.zoom -= theme::ZOOM_STEP;
            }
            ui.label(format!("{:.0} %", self.settings.zoom * 100.0));
            if ui
                .button("A+")
                .accessible_name(t::ZOOM_IN.get(lang))
                .clicked()
            {
                self.settings.zoom += theme::ZOOM_STEP;
            }
            let has_ready = matches!(self.docs.get(self.active), Some(Doc::Ready(_)));
            if has_ready {
                ui.separator();
                if ui.button(t::EXPORT_HTML.get(lang)).clicked() {
                    self.export_path = Some(self.default_export_path());
                }
            }
        });
        if let Some(path) = &mut self.export_path {
            let mut save = false;
            let mut cancel = false;
            ui.horizontal(|ui| {
                let label = ui.label(t::EXPORT_PATH.get(lang));
                let edit = ui
                    .add(egui::TextEdit::singleline(path).desired_width(420.0))
                    .labelled_by(label.id);
                save = ui.button(t::SAVE.get(lang)).clicked()
                    || (edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)));
                cancel = ui.button(t::CLOSE.get(lang)).clicked();
            });
            if save {
                let path = PathBuf::from(path.trim());
                self.status = Some(self.export_to(&path));
                self.export_path = None;
            } else if cancel {
                self.export_path = None;
            }
        }
    }

    fn default_export_path(&self) -> String {
        let Some(Doc::Ready(r)) = self.docs.get(self.active) else {
            return String::new();
        };
        let stem = std::path::Path::new(&r.loaded.name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "faktura".to_string());
        let dir = r
            .loaded
            .path
            .as_deref()
            .and_then(|p| p.parent())
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        dir.join(format!("{stem}.html")).display().to_string()
    }

    /// Writes the chosen document's readable view as HTML to `path` (never over an existing
    /// file); returns the sentence for the status line.
    pub fn export_to(&self, path: &std::path::Path) -> String {
        let lang = self.settings.lang;
        let Some(Doc::Ready(r)) = self.docs.get(self.active) else {
            return String::new();
        };
        let html = crate::export::html(&r.sheet, &r.loaded.name, r.verdict, &r.rows, lang);
        match crate::attachments::save_new(path, html.as_bytes()) {
            Ok(()) => format!("{}: {}", t::SAVED.get(lang), path.display()),
            Err(e) => e.message(lang),
        }
    }

    fn doc_tabs(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            ui.label(t::DOCUMENTS.get(lang));
            for i in 0..self.docs.len() {
                let name = self.docs[i].name().to_string();
                if ui.selectable_label(self.active == i, name).clicked() {
                    self.active = i;
                }
            }
        });
    }

    fn view_tabs(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal(|ui| {
            for (view, label) in [
                (View::Invoice, t::VIEW_INVOICE),
                (View::Source, t::VIEW_SOURCE),
                (View::Attachments, t::VIEW_ATTACHMENTS),
            ] {
                if ui
                    .selectable_label(self.view == view, label.get(lang))
                    .clicked()
                {
                    self.view = view;
                }
            }
            ui.separator();
            let label = t::VIEW_VALIDATION.get(lang);
            if ui.selectable_label(self.show_review, label).clicked() {
                self.show_review = !self.show_review;
                self.view = View::Invoice;
            }
        });
    }

    fn status_line(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal(|ui| {
            if self.is_loading() {
                ui.spinner();
                ui.label(format!("{}…", t::LOADING.get(lang)));
            }
            if let Some(s) = &self.status {
                ui.label(s);
            }
        });
    }
}

/// Writes a screenshot as an opaque PNG to a new file (never over an existing one).
fn write_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut rgba = Vec::with_capacity(w * h * 4);
    for p in &image.pixels {
        let [r, g, b, _] = p.to_array();
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "screenshot has an impossible size".to_string())?;
    let mut png = Vec::new();
    buffer
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    crate::attachments::save_new(path, &png).map_err(|e| e.message(Lang::En))
}

/// Exposes the widget `id` to screen readers (and to the tests) as a named value: role
/// `Definition` (a term's value in a description list), name `name`, value `value`. A plain egui
/// label would announce its text as its name; a field must announce "Fakturanummer, 12345".
pub(crate) fn name_value(ctx: &egui::Context, id: egui::Id, name: String, value: String) {
    ctx.accesskit_node_builder(id, |node| {
        node.set_role(egui::accesskit::Role::Definition);
        node.set_label(name);
        node.set_value(value);
    });
}

/// Tells screen readers (and the tests) that widget `id` is the place of the selected finding.
pub(crate) fn mark_highlighted(ctx: &egui::Context, id: egui::Id, lang: Lang) {
    ctx.accesskit_node_builder(id, |node| {
        node.set_description(t::HIGHLIGHTED.get(lang));
    });
}

/// Marks the caption `id` as the term a [`name_value`] widget is labelled by.
pub(crate) fn term(ctx: &egui::Context, id: egui::Id, caption: &str) {
    let caption = caption.to_string();
    ctx.accesskit_node_builder(id, |node| {
        node.set_role(egui::accesskit::Role::Term);
        node.set_label(caption);
    });
}

/// True when `env` belongs to the Svefaktura invoice `r` (same number, or no number to compare).
fn envelope_fits(env: &ObjectEnvelope, r: &Ready) -> bool {
    r.loaded.format == Format::Svefaktura1
        && match (&env.document_id, &r.loaded.invoice.number) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// Joins the envelope's objects to the invoice as attachments; returns the status sentence.
fn attach(ready: &mut Ready, name: &str, env: &ObjectEnvelope, lang: Lang) -> String {
    let findings = svefaktura::attach_envelope(&mut ready.loaded.invoice, env);
    ready
        .loaded
        .read_findings
        .extend(env.findings.iter().cloned());
    ready.loaded.read_findings.extend(findings);
    ready.rebuild(lang);
    match lang {
        Lang::Sv => format!(
            "{name}: {} bilagor fogade till {}",
            env.objects.len(),
            ready.loaded.name
        ),
        Lang::En => format!(
            "{name}: {} attachments joined to {}",
            env.objects.len(),
            ready.loaded.name
        ),
    }
}
