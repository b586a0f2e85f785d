//! The report workbook: every table of a [`ScoreReport`] as numbers with number formats, and
//! native Excel charts (radar of categories against the previous wave and the target, bars per
//! unit and role, columns per wave, importance × performance scatter).
//!
//! Hidden statistics are written as a short text saying why ("hidden: fewer than k"); the
//! report never receives their values, because the survey crate never puts them in a
//! [`ScoreReport`].
//!
//! One sheet per function: `overview` (summary, categories), `groups` (units, roles, waves,
//! comparisons) and `tables` (items, reliability, priorities, action plan, themes); this module
//! holds the shared formats and the language helper.

mod groups;
mod overview;
mod tables;

use groups::{comparisons, groups, waves};
use overview::{categories, summary};
use tables::{action_plan, items, priorities, reliability, themes};

use crate::spreadsheet::fit::FitText;
use digilyft_survey::Lang;
use digilyft_survey::anonymity::Disclosure;
use digilyft_survey::report::{
    ComparisonKind, GroupResult, MeasureKind, RankLabel, ReliabilityStatus, ScoreReport, Stat,
};
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

struct Fmt {
    title: Format,
    header: Format,
    bold: Format,
    score: Format,
    pct: Format,
    two: Format,
    int: Format,
    wrap: Format,
    muted: Format,
    date: Format,
}

impl Fmt {
    fn new() -> Fmt {
        Fmt {
            title: Format::new().set_bold().set_font_size(16),
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap(),
            bold: Format::new().set_bold(),
            score: Format::new().set_num_format("0.0"),
            pct: Format::new().set_num_format("0%"),
            two: Format::new().set_num_format("0.00"),
            int: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap(),
            muted: Format::new().set_font_color("#7F7F7F").set_italic(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

struct Ctx<'a> {
    r: &'a ScoreReport,
    lang: Lang,
    f: Fmt,
}

impl Ctx<'_> {
    fn l(&self, sv: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(sv, en)
    }

    fn hidden(&self, s: &Stat) -> &'static str {
        match s {
            Stat::BelowK => self.l(
                "dold: färre än k svarande",
                "hidden: fewer than k respondents",
            ),
            Stat::Complementary => self.l(
                "dold: skyddar en mindre grupp",
                "hidden: protects a smaller group",
            ),
            _ => "–",
        }
    }

    fn disclosure(&self, d: Disclosure) -> &'static str {
        match d {
            Disclosure::Shown => "",
            Disclosure::BelowK => self.l(
                "dold: färre än k svarande",
                "hidden: fewer than k respondents",
            ),
            Disclosure::Complementary => self.l(
                "dold: skyddar en mindre grupp",
                "hidden: protects a smaller group",
            ),
            Disclosure::Empty => "–",
        }
    }

    fn headers(&self, ws: &mut Worksheet, row: u32, heads: &[&str]) -> Result<(), XlsxError> {
        for (c, h) in heads.iter().enumerate() {
            ws.text_fmt(row, c as u16, *h, &self.f.header)?;
        }
        Ok(())
    }

    /// Writes mean, CI low, CI high, n in four cells (or the reason in the first).
    fn stat4(&self, ws: &mut Worksheet, row: u32, col: u16, s: &Stat) -> Result<(), XlsxError> {
        match s.shown() {
            Some(x) => {
                ws.write_number_with_format(row, col, x.mean, &self.f.score)?;
                ws.write_number_with_format(row, col + 1, x.ci_low.max(0.0), &self.f.score)?;
                ws.write_number_with_format(row, col + 2, x.ci_high.min(100.0), &self.f.score)?;
                ws.write_number_with_format(row, col + 3, x.n as f64, &self.f.int)?;
            }
            None => {
                ws.text_fmt(row, col, self.hidden(s), &self.f.muted)?;
            }
        }
        Ok(())
    }

    fn mean(&self, ws: &mut Worksheet, row: u32, col: u16, s: &Stat) -> Result<(), XlsxError> {
        match s.shown() {
            Some(x) => ws.write_number_with_format(row, col, x.mean, &self.f.score)?,
            None => ws.text_fmt(row, col, self.hidden(s), &self.f.muted)?,
        };
        Ok(())
    }
}

/// Writes the report workbook.
/// The texts of `report` longer than an Excel cell holds, which [`write_report`] writes cut
/// (`crate::spreadsheet::fit`): one line each naming the unit, role, wave or field.
pub fn cut_texts(report: &ScoreReport) -> Vec<String> {
    use crate::spreadsheet::fit::too_long;
    let short = |t: &str| t.chars().take(40).collect::<String>();
    let mut out = Vec::new();
    if too_long(&report.organisation) {
        out.push(format!(
            "organisation {:?}…: {} characters",
            short(&report.organisation),
            report.organisation.chars().count()
        ));
    }
    for (what, groups) in [("unit", &report.units), ("role", &report.roles)] {
        for g in groups.iter() {
            if too_long(&g.name) || too_long(&g.key) {
                out.push(format!(
                    "{what} {:?}…: {} characters",
                    short(&g.name),
                    g.name.chars().count().max(g.key.chars().count())
                ));
            }
        }
    }
    for w in report.waves.iter().filter(|w| too_long(w)) {
        out.push(format!(
            "wave {:?}…: {} characters",
            short(w),
            w.chars().count()
        ));
    }
    out
}

/// Writes the report workbook. A text longer than an Excel cell holds is cut with a marker
/// ([`cut_texts`] lists them), never a reason to fail.
pub fn write_report(report: &ScoreReport) -> Result<Vec<u8>, XlsxError> {
    let cx = Ctx {
        r: report,
        lang: report.language,
        f: Fmt::new(),
    };
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} – {}", report.model.name, report.organisation))
            .set_author("Digilyft")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 1)?),
    );
    summary(&cx, wb.add_worksheet())?;
    categories(&cx, wb.add_worksheet())?;
    groups(&cx, wb.add_worksheet(), true)?;
    groups(&cx, wb.add_worksheet(), false)?;
    waves(&cx, wb.add_worksheet())?;
    items(&cx, wb.add_worksheet())?;
    reliability(&cx, wb.add_worksheet())?;
    priorities(&cx, wb.add_worksheet())?;
    action_plan(&cx, wb.add_worksheet())?;
    comparisons(&cx, wb.add_worksheet())?;
    if !report.themes.is_empty() {
        themes(&cx, wb.add_worksheet())?;
    }
    wb.save_to_buffer()
}
