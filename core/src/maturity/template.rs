//! The answer-sheet template: one row per respondent, one column per question, drop-down lists
//! for role and every answer, the question texts on their own sheet and as notes on the headers.

use crate::spreadsheet::fit::FitText;
use digilyft_survey::model::ScaleKind;
use digilyft_survey::{Lang, Model};
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Note, Workbook,
    XlsxError,
};

use super::column_letters;

/// Rows prepared with drop-downs.
const ROWS: u32 = 2000;

/// Writes the answer template for `model` in `lang`.
pub fn write_template(model: &Model, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let l = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} – {}",
                l("Svarsmall", "Answer template"),
                model.name.get(lang)
            ))
            .set_author("Digilyft")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 1)?),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();

    // Lists used by the drop-downs (one column per scale, one for roles).
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    let roles: Vec<String> = model
        .roles
        .iter()
        .map(|r| r.name.get(lang).to_owned())
        .collect();
    lists.push((l("Roll", "Role").to_owned(), roles));
    for s in &model.scales {
        let mut v: Vec<String> = (s.min..=s.max).map(|p| p.to_string()).collect();
        v.extend(s.missing_codes.iter().map(|m| m.label(lang).to_owned()));
        lists.push((format!("{} {}", l("Skala", "Scale"), s.id), v));
    }

    let answers = wb.add_worksheet();
    answers.set_name(l("Svar", "Answers"))?;
    let fixed = [
        (
            "respondent",
            l(
                "Svars-id, unikt per omgång. Lämna tomt för radnummer.",
                "Respondent id, unique per wave. Leave empty to use the row number.",
            ),
        ),
        (
            l("enhet", "unit"),
            l(
                "Enhet i organisationsträdet, nivåer åtskilda med /, t.ex. Socialförvaltningen/Hemtjänst.",
                "Unit in the org tree, levels separated by /, e.g. Social services/Home care.",
            ),
        ),
        (
            l("roll", "role"),
            l("Välj roll i listan.", "Pick a role from the list."),
        ),
        (
            l("omgång", "wave"),
            l(
                "Mätomgång, normalt årtalet.",
                "Measurement wave, normally the year.",
            ),
        ),
    ];
    for (c, (name, note)) in fixed.iter().enumerate() {
        answers.text_fmt(0, c as u16, *name, &header)?;
        answers.insert_note(0, c as u16, &Note::new(*note).set_author("Digilyft"))?;
        answers.set_column_width(c as u16, if c == 1 { 34 } else { 14 })?;
    }
    if !model.roles.is_empty() {
        let n = model.roles.len() + 1;
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!("=Listor!$A$2:$A${n}")))
            .set_error_title(l("Okänd roll", "Unknown role"))?
            .set_error_message(l("Välj en roll i listan.", "Pick a role from the list."))?;
        answers.add_data_validation(1, 2, ROWS, 2, &dv)?;
    }
    for (q, question) in model.questions.iter().enumerate() {
        let c = (fixed.len() + q) as u16;
        answers.text_fmt(0, c, &question.id, &header)?;
        let scale = &model.scales[question.scale];
        let mut note = question.text.get(lang).to_owned();
        if let Some(a) = &question.anchors {
            note.push_str(&format!(
                "\n{} = {}\n{} = {}",
                scale.min,
                a.low.get(lang),
                scale.max,
                a.high.get(lang)
            ));
        }
        answers.insert_note(
            0,
            c,
            &Note::new(note)
                .set_author("Digilyft")
                .set_width(360)
                .set_height(140),
        )?;
        answers.set_column_width(c, 11)?;
        let list_col = column_letters(1 + question.scale);
        let n = lists[1 + question.scale].1.len() + 1;
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "=Listor!${list_col}$2:${list_col}${n}"
            )))
            .set_error_title(l("Värdet finns inte på skalan", "Value not on the scale"))?
            .set_error_message(l("Välj ett värde i listan.", "Pick a value from the list."))?;
        answers.add_data_validation(1, c, ROWS, c, &dv)?;
    }
    answers.set_freeze_panes(1, 1)?;

    let questions = wb.add_worksheet();
    questions.set_name(l("Frågor", "Questions"))?;
    let heads = [
        l("Id", "Id"),
        l("Dimension", "Dimension"),
        l("Kategori", "Category"),
        l("Fråga", "Question"),
        l("Skala", "Scale"),
        l("Lägsta värde betyder", "Lowest value means"),
        l("Högsta värde betyder", "Highest value means"),
    ];
    for (c, h) in heads.iter().enumerate() {
        questions.text_fmt(0, c as u16, *h, &header)?;
    }
    for (q, question) in model.questions.iter().enumerate() {
        let r = q as u32 + 1;
        let scale = &model.scales[question.scale];
        let (dim, cat) = match question.category {
            Some(c) => {
                let cat = &model.categories[c];
                (
                    model.dimensions[cat.dimension].name.get(lang),
                    cat.name.get(lang),
                )
            }
            None => ("", l("Utfall (nytta)", "Outcome (benefit)")),
        };
        questions.text(r, 0, &question.id)?;
        questions.text(r, 1, dim)?;
        questions.text(r, 2, cat)?;
        questions.text_fmt(r, 3, question.text.get(lang), &wrap)?;
        let kind = match scale.kind {
            ScaleKind::Likert => l("instämmande", "agreement"),
            ScaleKind::Implementation => l("genomförande", "implementation"),
            ScaleKind::Differential => l("från nuläge till mål", "from current state to goal"),
        };
        questions.text(r, 4, format!("{}–{} ({kind})", scale.min, scale.max))?;
        let (low, high) = match &question.anchors {
            Some(a) => (a.low.get(lang).to_owned(), a.high.get(lang).to_owned()),
            None => (
                scale.point_label(scale.min, lang).unwrap_or("").to_owned(),
                scale.point_label(scale.max, lang).unwrap_or("").to_owned(),
            ),
        };
        questions.text_fmt(r, 5, &low, &wrap)?;
        questions.text_fmt(r, 6, &high, &wrap)?;
    }
    questions.set_column_width(0, 13)?;
    questions.set_column_width(1, 22)?;
    questions.set_column_width(2, 26)?;
    questions.set_column_width(3, 70)?;
    questions.set_column_width(4, 22)?;
    questions.set_column_width(5, 34)?;
    questions.set_column_width(6, 34)?;
    questions.set_freeze_panes(1, 0)?;

    let info = wb.add_worksheet();
    info.set_name(l("Instruktioner", "Instructions"))?;
    let text = [
        format!("{} {} ({})", model.name.get(lang), model.version, model.id),
        model.description.get(lang).to_owned(),
        String::new(),
        l(
            "En rad per svarande på bladet Svar. Välj svar i listorna; lämna tomt om frågan inte besvarats.",
            "One row per respondent on the Answers sheet. Pick answers from the lists; leave empty if not answered.",
        )
        .to_owned(),
        l(
            "”Vet ej” och ”Ej relevant” räknas aldrig som ett värde på skalan.",
            "\"Don't know\" and \"Not applicable\" are never counted as a point on the scale.",
        )
        .to_owned(),
        l(
            "Resultat visas aldrig för grupper med färre än 5 svarande.",
            "Results are never shown for groups with fewer than 5 respondents.",
        )
        .to_owned(),
        l(
            "Läs in med: digilyft survey score --model <modell> <fil>.xlsx -o rapport.xlsx",
            "Score with: digilyft survey score --model <model> <file>.xlsx -o report.xlsx",
        )
        .to_owned(),
    ];
    for (r, t) in text.iter().enumerate() {
        info.text(r as u32, 0, t)?;
    }
    info.set_column_width(0, 110)?;

    let listor = wb.add_worksheet();
    listor.set_name("Listor")?;
    for (c, (name, values)) in lists.iter().enumerate() {
        listor.text_fmt(0, c as u16, name, &header)?;
        for (r, v) in values.iter().enumerate() {
            listor.text(r as u32 + 1, c as u16, v)?;
        }
    }
    listor.set_hidden(true);
    wb.save_to_buffer()
}
