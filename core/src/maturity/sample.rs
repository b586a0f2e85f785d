//! Writing answer sets back out, in the same layout the importer reads: `respondent`, `enhet`,
//! `roll`, `omgång`, then one column per question id. Used for the bundled sample answers
//! (`assets/samples/survey-*.csv|xlsx`), which are generated reproducibly from
//! `digilyft_survey::synth` and checked byte for byte by a test.

use crate::spreadsheet::fit::FitText;
use digilyft_survey::{Answer, AnswerSet, Lang, Model};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

use super::csv::field;

fn header(model: &Model) -> Vec<String> {
    let mut h: Vec<String> = ["respondent", "enhet", "roll", "omgång"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    h.extend(model.questions.iter().map(|q| q.id.clone()));
    h
}

fn meta(model: &Model, set: &AnswerSet, i: usize) -> [String; 4] {
    let r = &set.respondents[i];
    [
        r.id.clone(),
        set.units[r.unit].join("/"),
        r.role
            .map(|x| model.roles[x].id.clone())
            .unwrap_or_default(),
        set.waves[r.wave].clone(),
    ]
}

/// Writes the answers as CSV with `;` as delimiter (as Swedish Excel does), missing codes by
/// their Swedish label.
pub fn write_answers_csv(model: &Model, set: &AnswerSet) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| field(c, ';'))
            .collect::<Vec<_>>()
            .join(";")
    };
    out.push_str(&line(header(model)));
    out.push('\n');
    for (i, r) in set.respondents.iter().enumerate() {
        let mut cells: Vec<String> = meta(model, set, i).into();
        cells.extend(r.answers.iter().map(|a| match a {
            Answer::Blank => String::new(),
            Answer::Missing(m) => m.label(Lang::Sv).to_owned(),
            Answer::Point(p) => p.to_string(),
        }));
        out.push_str(&line(cells));
        out.push('\n');
    }
    out
}

/// Writes the answers as an .xlsx workbook (sheet `Svar`), points as numbers.
pub fn write_answers_xlsx(model: &Model, set: &AnswerSet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Svar – {}", model.name.get(Lang::Sv)))
            .set_comment("Syntetiska exempelsvar (inte verkliga data), genererade av Digilyft.")
            .set_author("Digilyft")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 1)?),
    );
    let bold = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name("Svar")?;
    for (c, h) in header(model).iter().enumerate() {
        ws.text_fmt(0, c as u16, h, &bold)?;
    }
    for (i, r) in set.respondents.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in meta(model, set, i).iter().enumerate() {
            if !v.is_empty() {
                ws.text(row, c as u16, v)?;
            }
        }
        for (q, a) in r.answers.iter().enumerate() {
            let c = (4 + q) as u16;
            match a {
                Answer::Blank => {}
                Answer::Missing(m) => {
                    ws.text(row, c, m.label(Lang::Sv))?;
                }
                Answer::Point(p) => {
                    ws.write_number(row, c, f64::from(*p))?;
                }
            }
        }
    }
    ws.set_column_width(1, 40)?;
    ws.set_freeze_panes(1, 1)?;
    wb.save_to_buffer()
}
