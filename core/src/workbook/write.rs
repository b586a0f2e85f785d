//! Writing the workbook: the empty template (headers, column notes, drop-down validation) or a
//! filled one (the sample). Output is reproducible: fixed document properties.

use crate::spreadsheet::fit::FitText;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError,
};

use super::sheets::{self, Sheet};
use crate::approval::StepKind;
use crate::approval::ruleset::*;

/// A cell value.
enum V {
    T(String),
    N(Decimal),
    D(Option<NaiveDate>),
}

fn t(s: &str) -> V {
    V::T(s.to_string())
}

fn o(s: &Option<String>) -> V {
    V::T(s.clone().unwrap_or_default())
}

fn n(d: Decimal) -> V {
    V::N(d)
}

fn on(d: Option<Decimal>) -> V {
    d.map_or(V::T(String::new()), V::N)
}

fn kind(k: StepKind) -> V {
    t(k.as_str())
}

/// Writes `rules` (or an empty template when `rules` is empty) as an .xlsx workbook.
pub fn write(rules: &RuleSet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Attestförteckning")
            .set_subject("Digilyft attestförteckning")
            .set_author("Digilyft")
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let money_fmt = Format::new().set_num_format("# ##0.00");
    for sheet in sheets::SHEETS.iter() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name)?;
        write_header(ws, sheet, &header)?;
        let rows: Vec<Vec<V>> = rows_of(sheet.name, rules);
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    V::T(s) if s.is_empty() => {}
                    V::T(s) => match s.parse::<i64>() {
                        Ok(i) if !s.starts_with('0') && s.len() < 10 => {
                            ws.write_number(r, c, i as f64)?;
                        }
                        _ => {
                            ws.text(r, c, s)?;
                        }
                    },
                    V::N(d) => {
                        ws.write_number_with_format(
                            r,
                            c,
                            d.to_f64().unwrap_or_default(),
                            &money_fmt,
                        )?;
                    }
                    V::D(Some(d)) => {
                        let x = ExcelDateTime::from_ymd(
                            d.format("%Y").to_string().parse().unwrap_or(1900),
                            d.format("%m").to_string().parse().unwrap_or(1),
                            d.format("%d").to_string().parse().unwrap_or(1),
                        )?;
                        ws.write_date_with_format(r, c, &x, &date_fmt)?;
                    }
                    V::D(None) => {}
                }
            }
        }
        // Date formatting for empty template rows too.
        for (c, col) in sheet.columns.iter().enumerate() {
            if col.date {
                ws.set_column_format(c as u16, &date_fmt)?;
            }
        }
    }
    wb.save_to_buffer()
}

fn write_header(ws: &mut Worksheet, sheet: &Sheet, header: &Format) -> Result<(), XlsxError> {
    for (c, col) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.text_fmt(0, c, col.header, header)?;
        ws.set_column_width(c, (col.header.chars().count() as f64 + 4.0).max(12.0))?;
        if !col.note.is_empty() {
            let note = Note::new(col.note).set_author("Digilyft");
            ws.insert_note(0, c, &note)?;
        }
        if !col.list.is_empty() {
            let dv = DataValidation::new()
                .allow_list_strings(col.list)?
                .set_error_title("Ogiltigt värde")?;
            ws.add_data_validation(1, c, 5000, c, &dv)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, 0, sheet.columns.len() as u16 - 1)?;
    Ok(())
}

fn rows_of(sheet: &str, r: &RuleSet) -> Vec<Vec<V>> {
    match sheet {
        "Nämnder" => r
            .namnder
            .iter()
            .map(|x| {
                vec![
                    t(&x.namnd),
                    on(x.tak_per_rad),
                    on(x.tak_per_faktura),
                    on(x.tak_tva_i_forening),
                    t(if x.en_ordinarie_per_kod { "J" } else { "N" }),
                    t(&x.beslut_ref),
                    t(&x.kommentar),
                ]
            })
            .collect(),
        "Attesträtt" => r
            .grants
            .iter()
            .map(|g| {
                vec![
                    t(&g.rad_id),
                    t(&g.namnd),
                    kind(g.attesttyp),
                    t(&g.person_id),
                    t(&g.namn),
                    t(&g.befattning),
                    t(match g.grund {
                        Basis::Ordinarie => "ORDINARIE",
                        Basis::Ersattare => "ERSÄTTARE",
                    }),
                    o(&g.ersatter_person_id),
                    t(g.ansvar.as_str()),
                    t(g.verksamhet.as_str()),
                    t(g.aktivitet.as_str()),
                    t(g.projekt.as_str()),
                    t(g.objekt.as_str()),
                    t(g.konto.as_str()),
                    t(g.undantag_konto.as_str()),
                    o(&g.leverantor_orgnr),
                    n(g.grans_per_rad),
                    n(g.grans_per_faktura),
                    t(match g.belopp_bas {
                        AmountBasis::ExklMoms => "EXKL_MOMS",
                        AmountBasis::InklMoms => "INKL_MOMS",
                    }),
                    n(g.tva_i_forening_over),
                    n(g.far_granska_och_besluta_under),
                    V::D(Some(g.giltig_fran)),
                    V::D(g.giltig_till),
                    t(&g.beslut_ref),
                    t(&g.kommentar),
                ]
            })
            .collect(),
        "Frånvaro" => r
            .absences
            .iter()
            .map(|a| {
                vec![
                    t(&a.person_id),
                    t(&a.ersattare_person_id),
                    V::D(Some(a.fran)),
                    V::D(Some(a.till)),
                    t(if a.omfattning.is_empty() {
                        "ALLA"
                    } else {
                        a.omfattning.as_str()
                    }),
                    t(&a.orsak),
                    t(&a.registrerad_av),
                ]
            })
            .collect(),
        "Chef" => r
            .managers
            .iter()
            .map(|m| {
                vec![
                    t(&m.person_id),
                    t(&m.chef_person_id),
                    V::D(Some(m.giltig_fran)),
                    V::D(m.giltig_till),
                ]
            })
            .collect(),
        "Jäv" => r
            .conflicts
            .iter()
            .map(|c| {
                vec![
                    t(&c.person_id),
                    t(match c.typ {
                        ConflictKind::EgenUtgift => "EGEN_UTGIFT",
                        ConflictKind::NarstaendeLeverantor => "NÄRSTÅENDE_LEVERANTÖR",
                        ConflictKind::Bisyssla => "BISYSSLA",
                        ConflictKind::OverordnadKostnad => "ÖVERORDNAD_KOSTNAD",
                    }),
                    o(&c.leverantor_orgnr),
                    V::D(Some(c.giltig_fran)),
                    V::D(c.giltig_till),
                    t(&c.beslut_ref),
                ]
            })
            .collect(),
        "Flödesregler" => r
            .flows
            .iter()
            .map(|f| {
                let steg = match &f.steg {
                    Flow::Auto => "AUTO".to_string(),
                    Flow::Steps(k) => k.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(">"),
                };
                vec![
                    t(&f.prio.to_string()),
                    t(match f.dokumenttyp {
                        DocFilter::Faktura => "FAKTURA",
                        DocFilter::Kredit => "KREDIT",
                        DocFilter::Alla => "ALLA",
                    }),
                    o(&f.leverantor_orgnr),
                    t(f.referenskod.as_str()),
                    t(if f.orderref_kravs { "J" } else { "N" }),
                    o(&f.kontrakt_id),
                    on(f.belopp_min),
                    on(f.belopp_max),
                    on(f.forvantat_belopp),
                    on(f.tolerans_pct),
                    on(f.tolerans_sek),
                    t(&f.max_per_manad
                        .map(|m| format!("{m} per månad"))
                        .unwrap_or_default()),
                    t(match f.matchning {
                        Matching::Ingen => "INGEN",
                        Matching::TwoWay => "2-VÄG",
                        Matching::ThreeWay => "3-VÄG",
                    }),
                    t(&steg),
                    o(&f.granskare_person_id),
                    o(&f.ko),
                    o(&f.auto_attest_av_person_id),
                    o(&f.konteringsforslag_id),
                    V::D(f.giltig_fran),
                    V::D(f.giltig_till),
                    t(&f.beslut_ref),
                ]
            })
            .collect(),
        "Tidsfrister" => r
            .tidsfrister
            .iter()
            .map(|x| {
                let days = |d: Option<u32>| t(&d.map(|d| d.to_string()).unwrap_or_default());
                vec![
                    t(x.attesttyp.map_or("ALLA", |k| k.as_str())),
                    days(x.handlaggningsdagar),
                    days(x.paminn_fore_dagar),
                    o(&x.eskalera_till_ko),
                    days(x.betalningsledtid_dagar),
                ]
            })
            .collect(),
        "Konteringsförslag" => r
            .templates
            .iter()
            .map(|k| {
                vec![
                    t(&k.kf_id),
                    t(&k.rad.to_string()),
                    n(k.andel_pct),
                    t(&k.konto),
                    t(&k.ansvar),
                    t(&k.verksamhet),
                    t(&k.aktivitet),
                    t(&k.projekt),
                    t(&k.objekt),
                    t(&k.motpart),
                    t(&k.momskod),
                ]
            })
            .collect(),
        _ => Vec::new(),
    }
}
