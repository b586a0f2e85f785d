//! The invoice drawn like a paper invoice: title and credit-note banner, seller and buyer side
//! by side, the header fields, the lines, allowances and charges, the VAT breakdown, the totals
//! with the amount due, the payment details, the notes and the list of attachments.
//!
//! Every value is a label whose accessible name is its caption (`Fakturanummer`, `Köpare:
//! Organisationsnummer`) and whose accessible value is the shown text, so a screen reader reads
//! "Fakturanummer, 12345". The place of the selected finding is highlighted and scrolled to.

use eframe::egui::{self, Align, Grid, RichText, Ui};

use crate::i18n::{Lang, t};
use crate::review::Target;
use crate::sheet::Field;

use super::Ready;
use super::theme::Marks;

/// Lines drawn at first (and added per "show more"): keeps a frame fast on huge invoices.
pub const LINES_PER_PAGE: usize = 300;

struct Painter<'a> {
    lang: Lang,
    target: Option<&'a Target>,
    marks: Marks,
    scroll: bool,
    scrolled: bool,
}

impl Painter<'_> {
    fn text(&self, text: &str, highlighted: bool) -> RichText {
        let t = RichText::new(text);
        if highlighted {
            t.background_color(self.marks.highlight_bg)
                .color(self.marks.highlight_fg)
                .strong()
        } else {
            t
        }
    }

    fn covers(&self, term: &str) -> bool {
        self.target.is_some_and(|t| t.covers(term))
    }

    /// The value of `f`, announced with `f.access_name`; the caption (if drawn) names it.
    fn value(&mut self, ui: &mut Ui, f: &Field, caption: Option<egui::Id>, strong: bool) {
        let hl = self.covers(f.term);
        let mut text = self.text(&f.value, hl);
        if strong {
            text = text
                .strong()
                .size(ui.style().text_styles[&egui::TextStyle::Body].size * 1.3);
        }
        let mut r = ui.label(text);
        if let Some(id) = caption {
            r = r.labelled_by(id);
        }
        super::name_value(ui.ctx(), r.id, f.access_name.clone(), f.value.clone());
        if hl {
            super::mark_highlighted(ui.ctx(), r.id, self.lang);
        }
        if hl && self.scroll && !self.scrolled {
            r.scroll_to_me(Some(Align::Center));
            self.scrolled = true;
        }
    }

    fn caption(&self, ui: &mut Ui, f: &Field) -> egui::Id {
        let id = ui
            .label(RichText::new(&f.caption).color(self.marks.caption))
            .id;
        super::term(ui.ctx(), id, &f.caption);
        id
    }

    fn grid(&mut self, ui: &mut Ui, id: &str, fields: &[Field]) {
        if fields.is_empty() {
            return;
        }
        Grid::new(id)
            .num_columns(2)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for f in fields {
                    let c = self.caption(ui, f);
                    self.value(ui, f, Some(c), false);
                    ui.end_row();
                }
            });
    }
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(text).heading().strong());
    ui.separator();
}

/// Draws the invoice of `ready`.
pub fn show(ui: &mut Ui, ready: &mut Ready, lang: Lang, marks: Marks, high_contrast: bool) {
    let scroll = std::mem::take(&mut ready.scroll_invoice);
    let target = ready.target().cloned();
    let mut p = Painter {
        lang,
        target: target.as_ref(),
        marks,
        scroll,
        scrolled: false,
    };
    let sheet = &ready.sheet;
    let mut lines_shown = ready.lines_shown;
    egui::ScrollArea::vertical()
        .id_salt("invoice")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let frame = egui::Frame::new()
                .fill(marks.paper)
                .stroke(egui::Stroke::new(
                    if high_contrast { 2.0 } else { 1.0 },
                    marks.caption,
                ))
                .inner_margin(24.0)
                .corner_radius(2.0);
            frame.show(ui, |ui| {
                ui.set_max_width(960.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&sheet.title).size(30.0).strong());
                    if let Some(n) = sheet.header.iter().find(|f| f.term == "BT-1") {
                        ui.label(RichText::new(format!("  {}", n.value)).size(24.0));
                    }
                });
                if sheet.is_credit_note {
                    let banner = RichText::new(t::CREDIT_NOTE_BANNER.get(lang))
                        .strong()
                        .size(18.0)
                        .color(marks.fatal);
                    egui::Frame::new()
                        .stroke(egui::Stroke::new(3.0, marks.fatal))
                        .inner_margin(8.0)
                        .show(ui, |ui| ui.label(banner));
                }
                ui.add_space(12.0);

                // Seller and buyer side by side, the others below.
                // (On a narrow window, or with large text, one below the other.)
                let (main, rest) = sheet.parties.split_at(sheet.parties.len().min(2));
                if ui.available_width() >= 820.0 {
                    ui.columns(main.len().max(1), |cols| {
                        for (col, party) in cols.iter_mut().zip(main) {
                            party_block(col, &mut p, party);
                        }
                    });
                    if !rest.is_empty() {
                        ui.add_space(8.0);
                        ui.columns(rest.len(), |cols| {
                            for (col, party) in cols.iter_mut().zip(rest) {
                                party_block(col, &mut p, party);
                            }
                        });
                    }
                } else {
                    for party in &sheet.parties {
                        party_block(ui, &mut p, party);
                        ui.add_space(8.0);
                    }
                }
                ui.add_space(12.0);
                p.grid(ui, "header", &sheet.header);

                if !sheet.lines.is_empty() {
                    heading(ui, t::LINES.get(lang));
                    lines(ui, &mut p, ready_lines(sheet, lines_shown), lang);
                    let total = sheet.lines.len();
                    if total > lines_shown {
                        let more = match lang {
                            Lang::Sv => format!("Visa fler rader ({lines_shown} av {total} visas)"),
                            Lang::En => format!("Show more lines ({lines_shown} of {total} shown)"),
                        };
                        if ui.button(more).clicked() {
                            lines_shown += LINES_PER_PAGE;
                        }
                    }
                }
                if !sheet.adjustments.is_empty() {
                    heading(ui, t::ALLOWANCES_CHARGES.get(lang));
                    let hl = p.covers("BG-20") || p.covers("BG-21");
                    Grid::new("adjustments")
                        .striped(true)
                        .spacing([16.0, 4.0])
                        .show(ui, |ui| {
                            for a in &sheet.adjustments {
                                ui.label(p.text(&a.kind, hl));
                                ui.label(&a.reason);
                                ui.label(&a.vat);
                                ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                                    ui.label(&a.amount)
                                });
                                ui.end_row();
                            }
                        });
                }
                if !sheet.vat.is_empty() {
                    heading(ui, t::VAT_BREAKDOWN.get(lang));
                    let hl = p.covers("BG-23") || p.covers("BT-116") || p.covers("BT-117");
                    Grid::new("vat")
                        .striped(true)
                        .spacing([16.0, 4.0])
                        .show(ui, |ui| {
                            for h in [
                                t::VAT_CATEGORY,
                                t::VAT_RATE,
                                t::TAXABLE,
                                t::VAT_AMOUNT,
                                t::EXEMPTION,
                            ] {
                                ui.label(RichText::new(h.get(lang)).color(marks.caption));
                            }
                            ui.end_row();
                            for v in &sheet.vat {
                                ui.label(p.text(&v.category, hl));
                                ui.label(&v.rate);
                                ui.label(&v.taxable);
                                ui.label(&v.tax);
                                ui.label(v.exemption.as_deref().unwrap_or(""));
                                ui.end_row();
                            }
                        });
                }
                if !sheet.totals.is_empty() {
                    heading(ui, t::TOTALS.get(lang));
                    Grid::new("totals")
                        .num_columns(2)
                        .spacing([24.0, 4.0])
                        .show(ui, |ui| {
                            for f in &sheet.totals {
                                let due = f.term == "BT-115";
                                let c = ui
                                    .label(RichText::new(&f.caption).color(marks.caption).strong())
                                    .id;
                                super::term(ui.ctx(), c, &f.caption);
                                ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                                    p.value(ui, f, Some(c), due);
                                });
                                ui.end_row();
                            }
                        });
                }
                if sheet.payment_terms.is_some() || !sheet.payments.is_empty() {
                    heading(ui, t::PAYMENT.get(lang));
                    if let Some(terms) = &sheet.payment_terms {
                        p.grid(ui, "terms", std::slice::from_ref(terms));
                    }
                    for (i, pay) in sheet.payments.iter().enumerate() {
                        if i > 0 {
                            ui.add_space(6.0);
                        }
                        p.grid(ui, &format!("payment-{i}"), &pay.fields);
                    }
                }
                if !sheet.notes.is_empty() {
                    heading(ui, t::NOTES.get(lang));
                    let hl = p.covers("BG-1") || p.covers("BT-22");
                    for n in &sheet.notes {
                        ui.label(p.text(n, hl));
                    }
                }
                if !sheet.attachments.is_empty() {
                    heading(ui, t::VIEW_ATTACHMENTS.get(lang));
                    for a in &sheet.attachments {
                        ui.label(format!("{} – {}", a.title, a.summary));
                    }
                }
            });
        });
    ready.lines_shown = lines_shown;
}

fn ready_lines(sheet: &crate::sheet::Sheet, shown: usize) -> &[crate::sheet::LineRow] {
    &sheet.lines[..sheet.lines.len().min(shown)]
}

fn party_block(ui: &mut Ui, p: &mut Painter<'_>, party: &crate::sheet::PartyBlock) {
    ui.label(RichText::new(&party.title).color(p.marks.caption).strong());
    // A finding placed inside another party's block does not highlight this one.
    let elsewhere = p
        .target
        .is_some_and(|t| t.party.is_some_and(|g| g != party.group));
    if elsewhere {
        let saved = p.target.take();
        draw_party(ui, p, party);
        p.target = saved;
    } else {
        draw_party(ui, p, party);
    }
}

fn draw_party(ui: &mut Ui, p: &mut Painter<'_>, party: &crate::sheet::PartyBlock) {
    let group_hl = p.covers(party.group);
    for (i, f) in party.address.iter().enumerate() {
        let hl = group_hl || p.covers(f.term);
        let mut text = p.text(&f.value, hl);
        if i == 0 {
            text = text.strong();
        }
        let r = ui.label(text);
        super::name_value(ui.ctx(), r.id, f.access_name.clone(), f.value.clone());
        if hl {
            super::mark_highlighted(ui.ctx(), r.id, p.lang);
        }
        if hl && p.scroll && !p.scrolled {
            r.scroll_to_me(Some(Align::Center));
            p.scrolled = true;
        }
    }
    ui.add_space(4.0);
    p.grid(ui, &format!("party-{}", party.group), &party.details);
}

fn lines(ui: &mut Ui, p: &mut Painter<'_>, rows: &[crate::sheet::LineRow], lang: Lang) {
    Grid::new("lines")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in [
                t::COL_ID,
                t::COL_ITEM,
                t::COL_QUANTITY,
                t::COL_UNIT,
                t::COL_PRICE,
                t::COL_VAT,
                t::COL_AMOUNT,
            ] {
                ui.label(RichText::new(h.get(lang)).color(p.marks.caption).strong());
            }
            ui.end_row();
            for l in rows {
                let hl = p.target.is_some_and(|t| t.invoice_line == Some(l.position));
                let r = ui.label(p.text(&l.id, hl));
                if hl && p.scroll && !p.scrolled {
                    r.scroll_to_me(Some(Align::Center));
                    p.scrolled = true;
                }
                ui.vertical(|ui| {
                    ui.set_min_width(280.0);
                    ui.set_max_width(420.0);
                    ui.label(p.text(&l.item, hl));
                    for d in l.details.iter().chain(l.adjustments.iter()) {
                        ui.label(RichText::new(d).small().color(p.marks.caption));
                    }
                });
                for (col, value) in [
                    (t::COL_QUANTITY, &l.quantity),
                    (t::COL_UNIT, &l.unit),
                    (t::COL_PRICE, &l.price),
                    (t::COL_VAT, &l.vat),
                    (t::COL_AMOUNT, &l.amount),
                ] {
                    let r = ui.label(p.text(value, hl));
                    let name = format!("{} {}: {}", t::COL_ID.get(lang), l.position, col.get(lang));
                    super::name_value(ui.ctx(), r.id, name, value.clone());
                    if hl {
                        super::mark_highlighted(ui.ctx(), r.id, lang);
                    }
                }
                ui.end_row();
            }
        });
}
