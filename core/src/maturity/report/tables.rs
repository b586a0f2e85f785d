//! The detail sheets: items, reliability, priorities (importance × performance), the action plan
//! and the themes.

use super::*;

pub(super) fn items(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Frågor", "Items"))?;
    let heads = [
        cx.l("Id", "Id"),
        cx.l("Kategori", "Category"),
        cx.l("Fråga", "Question"),
        cx.l("Omvänd", "Reversed"),
        "n",
        cx.l("Medel (skala)", "Mean (scale)"),
        cx.l("Poäng 0–100", "Score 0–100"),
        cx.l("KI låg", "CI low"),
        cx.l("KI hög", "CI high"),
        cx.l("Andel vet ej", "Don't-know share"),
        cx.l("Andel ej relevant", "Not-applicable share"),
    ];
    cx.headers(ws, 0, &heads)?;
    for (i, it) in r.items.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &it.id)?;
        let cat = it
            .category
            .as_ref()
            .and_then(|c| r.measures.iter().find(|m| &m.id == c))
            .map_or(cx.l("Utfall (nytta)", "Outcome (benefit)"), |m| {
                m.name.as_str()
            });
        ws.text(row, 1, cat)?;
        ws.text(row, 2, &it.text)?;
        if it.reverse {
            ws.text(row, 3, cx.l("ja", "yes"))?;
        }
        if !it.disclosure.shown() {
            ws.text_fmt(row, 4, cx.disclosure(it.disclosure), &cx.f.muted)?;
            continue;
        }
        if let Some(n) = it.n {
            ws.write_number_with_format(row, 4, n as f64, &cx.f.int)?;
        }
        if let Some(m) = it.mean_point {
            ws.write_number_with_format(row, 5, m, &cx.f.two)?;
        }
        if let Some(x) = it.score.shown() {
            ws.write_number_with_format(row, 6, x.mean, &cx.f.score)?;
            ws.write_number_with_format(row, 7, x.ci_low.max(0.0), &cx.f.score)?;
            ws.write_number_with_format(row, 8, x.ci_high.min(100.0), &cx.f.score)?;
        }
        if let Some(d) = it.dont_know_share {
            ws.write_number_with_format(row, 9, d, &cx.f.pct)?;
        }
        if let Some(d) = it.not_applicable_share {
            ws.write_number_with_format(row, 10, d, &cx.f.pct)?;
        }
    }
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 26)?;
    ws.set_column_width(2, 80)?;
    for c in 3..11 {
        ws.set_column_width(c, 11)?;
    }
    ws.autofilter(0, 0, r.items.len() as u32, 10)?;
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

pub(super) fn reliability(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Reliabilitet", "Reliability"))?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Kategori", "Category"),
            cx.l("Kompletta svar (n)", "Complete cases (n)"),
            cx.l("Cronbachs alfa", "Cronbach's alpha"),
            cx.l("Bedömning", "Assessment"),
        ],
    )?;
    for (i, c) in r.reliability.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &c.name)?;
        ws.write_number_with_format(row, 1, c.n as f64, &cx.f.int)?;
        if let Some(a) = c.alpha {
            ws.write_number_with_format(row, 2, a, &cx.f.two)?;
        }
        let t = match c.status {
            ReliabilityStatus::Ok => cx.l("god", "good"),
            ReliabilityStatus::Low => cx.l(
                "låg (< 0,70): se över frågorna",
                "low (< 0.70): review the items",
            ),
            ReliabilityStatus::High => cx.l(
                "mycket hög (> 0,95): möjligen överlappande frågor",
                "very high (> 0.95): possibly redundant items",
            ),
            ReliabilityStatus::InsufficientData => {
                cx.l("för få kompletta svar", "too few complete cases")
            }
        };
        ws.text(row, 3, t)?;
    }
    let mut row = r.reliability.len() as u32 + 2;
    cx.headers(
        ws,
        row,
        &[
            cx.l("Kategori", "Category"),
            cx.l("Fråga", "Item"),
            cx.l(
                "Korrigerad item–total-korrelation",
                "Corrected item–total correlation",
            ),
            cx.l("Alfa om frågan tas bort", "Alpha if item deleted"),
        ],
    )?;
    for c in &r.reliability {
        for it in &c.items {
            row += 1;
            ws.text(row, 0, &c.name)?;
            ws.text(row, 1, &it.item)?;
            if let Some(x) = it.item_total {
                ws.write_number_with_format(row, 2, x, &cx.f.two)?;
            }
            if let Some(x) = it.alpha_if_deleted {
                ws.write_number_with_format(row, 3, x, &cx.f.two)?;
            }
        }
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 40)?;
    Ok(())
}

pub(super) fn priorities(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    let name = cx.l("Prioritering", "Priorities");
    ws.set_name(name)?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Kategori", "Category"),
            cx.l("Nivå (0–100)", "Performance (0–100)"),
            cx.l(
                "Betydelse (korrelation med nytta)",
                "Importance (correlation with benefit)",
            ),
            "n",
            cx.l("Slutsats", "Conclusion"),
        ],
    )?;
    if r.priorities.is_empty() {
        ws.text_fmt(
            1,
            0,
            cx.l(
                "Ingen prioritering: modellen saknar utfallsfråga eller underlaget är för litet.",
                "No priorities: the model has no outcome question or the data is too small.",
            ),
            &cx.f.muted,
        )?;
    }
    for (i, p) in r.priorities.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &p.name)?;
        ws.write_number_with_format(row, 1, p.performance, &cx.f.score)?;
        ws.write_number_with_format(row, 2, p.importance, &cx.f.two)?;
        ws.write_number_with_format(row, 3, p.n as f64, &cx.f.int)?;
        ws.text(row, 4, &p.class_label)?;
    }
    if r.priorities.len() >= 2 {
        let last = r.priorities.len() as u32;
        let mut chart = Chart::new(ChartType::Scatter);
        chart
            .title()
            .set_name(cx.l("Betydelse × nivå", "Importance × performance"));
        chart
            .add_series()
            .set_name(cx.l("Kategorier", "Categories"))
            .set_categories((name, 1, 1, last, 1))
            .set_values((name, 1, 2, last, 2));
        chart
            .x_axis()
            .set_name(cx.l("Nivå (0–100)", "Performance (0–100)"));
        chart
            .y_axis()
            .set_name(cx.l("Betydelse (r)", "Importance (r)"));
        chart.legend().set_hidden();
        chart.set_width(560).set_height(360);
        ws.insert_chart(last + 2, 0, &chart)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(4, 22)?;
    Ok(())
}

pub(super) fn action_plan(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Handlingsplan", "Action plan"))?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Kategori", "Category"),
            cx.l("Utgångsläge", "Baseline"),
            cx.l("Åtgärd", "Action"),
            cx.l("Beskrivning", "Description"),
            cx.l("Ansvarig", "Owner"),
            cx.l("Start", "Start"),
            cx.l("Klart", "Due"),
            cx.l("Förväntad förändring (poäng)", "Expected change (points)"),
            cx.l("Följs upp i omgång", "Followed up in wave"),
            cx.l("Motiv", "Reason"),
        ],
    )?;
    for (i, a) in r.action_plan.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &a.category_name)?;
        ws.write_number_with_format(row, 1, a.baseline, &cx.f.score)?;
        ws.text_fmt(row, 2, &a.action, &cx.f.wrap)?;
        ws.text_fmt(row, 3, &a.detail, &cx.f.wrap)?;
        ws.text(row, 8, &a.follow_up_wave)?;
        ws.text(row, 9, &a.reason)?;
    }
    ws.set_column_format(5, &cx.f.date)?;
    ws.set_column_format(6, &cx.f.date)?;
    ws.set_column_format(7, &cx.f.score)?;
    for (c, w) in [
        (0u16, 26.0),
        (1, 11.0),
        (2, 40.0),
        (3, 60.0),
        (4, 18.0),
        (5, 12.0),
        (6, 12.0),
        (7, 14.0),
        (8, 12.0),
        (9, 36.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

pub(super) fn themes(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Teman", "Themes"))?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Tema", "Theme"),
            cx.l("Medel", "Mean"),
            cx.l("KI låg", "CI low"),
            cx.l("KI hög", "CI high"),
            "n",
        ],
    )?;
    for (i, t) in r.themes.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &t.name)?;
        cx.stat4(ws, row, 1, &t.score)?;
    }
    ws.set_column_width(0, 60)?;
    Ok(())
}
