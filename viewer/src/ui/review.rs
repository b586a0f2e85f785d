//! The validation panel: the verdict, the rule sets that judged, and one selectable row per
//! finding (flag, rule id, message, business terms, line and column). Selecting a row highlights
//! the place in the invoice view and marks the line in the source view.

use eframe::egui::{self, RichText, Ui};

use digilyft_invoice::validate::Severity;

use crate::i18n::{Lang, t};
use crate::review::Verdict;

use super::Ready;
use super::theme::Marks;

/// What the panel asks the window to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Show the XML source at the selected finding.
    GoToSource,
}

/// Draws the panel for `ready`.
pub fn show(ui: &mut Ui, ready: &mut Ready, lang: Lang, marks: Marks) -> Action {
    let mut action = Action::None;
    ui.heading(t::VIEW_VALIDATION.get(lang));
    let colour = match ready.verdict {
        Verdict::Valid => marks.ok,
        Verdict::Warnings => marks.warning,
        Verdict::Rejected => marks.fatal,
    };
    let verdict = ready.verdict.text(lang);
    let r = ui.label(RichText::new(verdict).strong().size(18.0).color(colour));
    let verdict_name = format!("{}: {verdict}", t::VIEW_VALIDATION.get(lang));
    super::name_value(ui.ctx(), r.id, verdict_name, verdict.to_string());
    let sets: Vec<&str> = ready.loaded.report.sets.iter().map(|s| s.name()).collect();
    ui.label(RichText::new(format!("{}: {}", t::RULE_SETS.get(lang), sets.join(", "))).small());
    let count = |s: Severity| ready.rows.iter().filter(|r| r.severity == s).count();
    ui.label(format!(
        "{}: {} · {}: {} · {}: {}",
        t::FATAL.get(lang),
        count(Severity::Fatal),
        t::WARNING.get(lang),
        count(Severity::Warning),
        t::INFORMATION.get(lang),
        count(Severity::Information)
    ));
    ui.separator();
    if ready.rows.is_empty() {
        ui.label(t::NO_FINDINGS.get(lang));
        return action;
    }
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, row) in ready.rows.iter().enumerate() {
                let colour = match row.severity {
                    Severity::Fatal => marks.fatal,
                    Severity::Warning => marks.warning,
                    Severity::Information => marks.caption,
                };
                let selected = ready.selected == Some(i);
                let title = format!("{} · {}", row.flag, row.id);
                let button = egui::Button::selectable(
                    selected,
                    RichText::new(&title).strong().color(colour),
                );
                let r = ui.add(button);
                let place = if row.target.source_line > 0 {
                    t::LINE_COLUMN
                        .get(lang)
                        .replace("{line}", &row.target.source_line.to_string())
                        .replace("{column}", &row.target.source_column.to_string())
                } else {
                    String::new()
                };
                let name = format!("{title}: {}", row.message);
                ui.ctx().accesskit_node_builder(r.id, |n| n.set_label(name));
                if r.clicked() {
                    ready.selected = if selected { None } else { Some(i) };
                    ready.scroll_invoice = true;
                    ready.scroll_source_to = Some(row.target.source_line);
                }
                ui.label(&row.message);
                if !row.terms.is_empty() {
                    ui.label(
                        RichText::new(format!("{}: {}", t::TERM.get(lang), row.terms)).small(),
                    );
                }
                if !place.is_empty() {
                    ui.label(RichText::new(format!("{}: {place}", t::PLACE.get(lang))).small());
                }
                if selected
                    && row.target.source_line > 0
                    && ui.button(t::VIEW_SOURCE.get(lang)).clicked()
                {
                    ready.scroll_source_to = Some(row.target.source_line);
                    action = Action::GoToSource;
                }
                ui.add_space(6.0);
            }
        });
    action
}
