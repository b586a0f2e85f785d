//! The XML source with line numbers; only the lines on screen are drawn. The line of the
//! selected finding is highlighted and scrolled to.

use eframe::egui::{self, RichText, TextStyle, Ui};

use crate::i18n::{Lang, t};

use super::Ready;
use super::theme::Marks;

/// Draws the source of `ready`.
pub fn show(ui: &mut Ui, ready: &mut Ready, lang: Lang, marks: Marks) {
    let source = &ready.loaded.source;
    let marked = ready
        .target()
        .map(|t| t.source_line as usize)
        .filter(|l| *l > 0);
    let row_height = ui.text_style_height(&TextStyle::Monospace) + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::both()
        .id_salt("source")
        .auto_shrink([false, false]);
    if let Some(line) = ready.scroll_source_to.take().filter(|l| *l > 0) {
        let offset = (line as f32 - 4.0).max(0.0) * row_height;
        area = area.vertical_scroll_offset(offset);
    }
    let width = source.line_count().to_string().len();
    ui.label(
        RichText::new(format!(
            "{} – {}",
            t::VIEW_SOURCE.get(lang),
            ready.loaded.name
        ))
        .small(),
    );
    area.show_rows(ui, row_height, source.line_count(), |ui, range| {
        for n in range.start + 1..=range.end {
            let Some((text, cut)) = source.line(n) else {
                continue;
            };
            let mut shown = format!("{n:>width$}  {text}");
            if cut {
                shown.push_str(" …");
            }
            let mut rich = RichText::new(shown).monospace();
            if marked == Some(n) {
                rich = rich
                    .background_color(marks.highlight_bg)
                    .color(marks.highlight_fg);
            }
            ui.add(egui::Label::new(rich).extend());
        }
    });
}
