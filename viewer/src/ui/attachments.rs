//! The attachments view: a list of the invoice's supporting documents; the chosen one shown in
//! place (PDF pages rendered on a background thread, images decoded there too), or, for other
//! kinds, a note; "Spara som…" with a path field, and "Öppna med standardprogram".
//!
//! "Spara som" uses a path text field, not a native file dialog: a dialog crate (`rfd`) would
//! bring in a D-Bus portal stack (or GTK) for one dialog, and a text field is reachable by
//! keyboard and screen reader alike.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use eframe::egui::{self, ColorImage, RichText, TextureHandle, TextureOptions, Ui};

use crate::attachments::{self as files, AttachmentError, Kind, Raster};
use crate::format;
use crate::i18n::{Lang, t};

use super::Ready;
use super::theme::Marks;

enum Rendered {
    Pdf(Vec<Raster>, usize),
    Image(Raster),
}

/// What is shown for one attachment.
enum Shown {
    Pending(Receiver<Result<Rendered, AttachmentError>>),
    Pictures {
        textures: Vec<TextureHandle>,
        total: usize,
    },
    Failed(AttachmentError),
}

impl std::fmt::Debug for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Pending(_) => f.write_str("Pending"),
            Shown::Pictures { textures, total } => {
                write!(f, "Pictures({}/{total})", textures.len())
            }
            Shown::Failed(e) => write!(f, "Failed({e:?})"),
        }
    }
}

/// The view's state for one document.
#[derive(Debug, Default)]
pub struct State {
    selected: Option<usize>,
    shown: HashMap<usize, Shown>,
    save_path: Option<(usize, String)>,
}

fn start(
    content: Vec<u8>,
    kind: Kind,
    ctx: egui::Context,
) -> Receiver<Result<Rendered, AttachmentError>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // A panic inside a renderer (a bug there, on a hostile file) drops `tx`: the view then
        // reports the attachment as unreadable instead of the window crashing.
        let result = match kind {
            Kind::Pdf => files::render_pdf(&content).map(|(p, n)| Rendered::Pdf(p, n)),
            _ => files::decode_image(&content).map(Rendered::Image),
        };
        let _ = tx.send(result);
        ctx.request_repaint();
    });
    rx
}

fn texture(ctx: &egui::Context, name: String, r: &Raster) -> TextureHandle {
    let image = ColorImage::from_rgba_premultiplied([r.width, r.height], &r.rgba);
    ctx.load_texture(name, image, TextureOptions::LINEAR)
}

/// Draws the view; returns a sentence for the status line when something was saved or failed.
pub fn show(ui: &mut Ui, ready: &mut Ready, lang: Lang, marks: Marks) -> Option<String> {
    let mut status = None;
    let docs = &ready.loaded.invoice.supporting_documents;
    let state = &mut ready.attachments;
    if ready.sheet.attachments.is_empty() {
        ui.label(t::NO_ATTACHMENTS.get(lang));
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        for row in &ready.sheet.attachments {
            let label = row.title.clone();
            let r = ui.add(egui::Button::selectable(
                state.selected == Some(row.index),
                label,
            ));
            let name = format!("{}: {}", t::ATTACHMENT.get(lang), row.title);
            ui.ctx().accesskit_node_builder(r.id, |n| n.set_label(name));
            if r.clicked() {
                state.selected = Some(row.index);
            }
        }
    });
    let index = match state.selected {
        Some(i) => i,
        None => {
            let first = ready
                .sheet
                .attachments
                .iter()
                .find(|a| a.embedded)
                .map(|a| a.index);
            state.selected = first;
            first?
        }
    };
    let (Some(doc), Some(row)) = (
        docs.get(index),
        ready.sheet.attachments.iter().find(|a| a.index == index),
    ) else {
        return None;
    };
    ui.separator();
    ui.label(RichText::new(&row.title).strong());
    if !row.summary.is_empty() {
        ui.label(RichText::new(&row.summary).small());
    }
    if let Some(url) = &row.external {
        ui.label(format!("{}: {url}", t::EXTERNAL_LINK.get(lang)));
    }
    let Some(att) = &doc.attachment else {
        return None;
    };

    // Save as / open with.
    ui.horizontal(|ui| {
        if ui.button(t::SAVE_AS.get(lang)).clicked() {
            let dir = ready
                .loaded
                .path
                .as_deref()
                .and_then(|p| p.parent())
                .map(PathBuf::from)
                .unwrap_or_default();
            let path = dir.join(files::suggested_name(att, index));
            state.save_path = Some((index, path.display().to_string()));
        }
        if ui.button(t::OPEN_WITH.get(lang)).clicked() {
            status = Some(open_with(att, index, lang));
        }
    });
    if let Some((i, path)) = &mut state.save_path
        && *i == index
    {
        let mut save = false;
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label(t::SAVE_PATH.get(lang));
            let edit = ui
                .add(egui::TextEdit::singleline(path).desired_width(420.0))
                .labelled_by(label.id);
            save = ui.button(t::SAVE.get(lang)).clicked()
                || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
            close = ui.button(t::CLOSE.get(lang)).clicked();
        });
        if save {
            let target = PathBuf::from(path.trim());
            status = Some(match files::save_new(&target, &att.content) {
                Ok(()) => format!("{}: {}", t::SAVED.get(lang), target.display()),
                Err(e) => e.message(lang),
            });
            state.save_path = None;
        } else if close {
            state.save_path = None;
        }
    }
    ui.separator();

    let kind = files::kind(att);
    if kind == Kind::Other {
        ui.label(t::NOT_SHOWN.get(lang));
        return status;
    }
    let ctx = ui.ctx().clone();
    let shown = state
        .shown
        .entry(index)
        .or_insert_with(|| Shown::Pending(start(att.content.clone(), kind, ctx.clone())));
    if let Shown::Pending(rx) = shown {
        match rx.try_recv() {
            Ok(Ok(rendered)) => {
                let (rasters, total) = match rendered {
                    Rendered::Pdf(pages, total) => (pages, total),
                    Rendered::Image(img) => (vec![img], 1),
                };
                let textures = rasters
                    .iter()
                    .enumerate()
                    .map(|(p, r)| texture(&ctx, format!("attachment-{index}-{p}"), r))
                    .collect();
                *shown = Shown::Pictures { textures, total };
            }
            Ok(Err(e)) => *shown = Shown::Failed(e),
            Err(TryRecvError::Disconnected) => {
                *shown = Shown::Failed(AttachmentError::Unreadable("the renderer failed".into()));
            }
            Err(TryRecvError::Empty) => {}
        }
    }
    match shown {
        Shown::Pending(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t::RENDERING.get(lang));
            });
        }
        Shown::Failed(e) => {
            ui.label(
                RichText::new(t::CANNOT_RENDER.get(lang))
                    .color(marks.fatal)
                    .strong(),
            );
            ui.label(e.message(lang));
        }
        Shown::Pictures { textures, total } => {
            let size_text = format::size(att.content.len(), lang);
            let (textures, total) = (&*textures, *total);
            egui::ScrollArea::vertical()
                .id_salt("attachment")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for (p, tex) in textures.iter().enumerate() {
                        let name = match kind {
                            Kind::Pdf => {
                                format!("{}, {} {} / {total}", row.title, t::PAGE.get(lang), p + 1)
                            }
                            _ => format!("{} ({size_text})", row.title),
                        };
                        let width = ui.available_width().min(tex.size_vec2().x);
                        ui.add(egui::Image::new(tex).max_width(width))
                            .accessible_name(name);
                        ui.add_space(8.0);
                    }
                    if total > textures.len() {
                        ui.label(format!(
                            "{} {}",
                            total - textures.len(),
                            t::MORE_PAGES.get(lang)
                        ));
                    }
                });
        }
    }
    status
}

/// Saves the attachment to a new file in the temporary folder and hands it to the desktop's
/// default program (`xdg-open`).
fn open_with(att: &digilyft_invoice::model::Attachment, index: usize, lang: Lang) -> String {
    let dir = std::env::temp_dir().join(format!("digilyft-view-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return AttachmentError::Io(e.to_string()).message(lang);
    }
    let path = dir.join(files::suggested_name(att, index));
    if !path.exists()
        && let Err(e) = files::save_new(&path, &att.content)
    {
        return e.message(lang);
    }
    match std::process::Command::new("xdg-open").arg(&path).spawn() {
        Ok(_) => path.display().to_string(),
        Err(e) => AttachmentError::Io(format!("xdg-open: {e}")).message(lang),
    }
}
