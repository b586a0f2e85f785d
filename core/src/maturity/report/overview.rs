//! The report's first sheets: the summary (indices, response, warnings) and the categories with
//! the radar chart.

use super::*;

pub(super) fn summary(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Sammanfattning", "Summary"))?;
    ws.text_fmt(
        0,
        0,
        format!("{} – {}", r.model.name, r.organisation),
        &cx.f.title,
    )?;
    let facts: Vec<(&str, String)> = vec![
        (
            cx.l("Modell", "Model"),
            format!("{} {}", r.model.id, r.model.version),
        ),
        (cx.l("Omgång", "Wave"), r.wave.clone()),
        (
            cx.l("Omgångar i underlaget", "Waves in the data"),
            r.waves.join(", "),
        ),
    ];
    let mut row = 2;
    for (k, v) in facts {
        ws.text_fmt(row, 0, k, &cx.f.bold)?;
        ws.text(row, 1, v)?;
        row += 1;
    }
    let nums: Vec<(&str, f64, &Format)> = vec![
        (
            cx.l("Svarsrader", "Answer rows"),
            r.respondents.rows as f64,
            &cx.f.int,
        ),
        (
            cx.l("Inkluderade svarande", "Included respondents"),
            r.respondents.included as f64,
            &cx.f.int,
        ),
        (
            cx.l("Uteslutna (för få svar)", "Excluded (too few answers)"),
            r.respondents.dropped_incomplete as f64,
            &cx.f.int,
        ),
        (
            cx.l("Anonymitetsgräns k", "Anonymity threshold k"),
            f64::from(r.settings.k),
            &cx.f.int,
        ),
        (
            cx.l("Konfidensnivå", "Confidence level"),
            r.settings.ci_level,
            &cx.f.pct,
        ),
        (
            cx.l("Målnivå", "Target level"),
            r.settings.target,
            &cx.f.score,
        ),
    ];
    for (k, v, f) in nums {
        ws.text_fmt(row, 0, k, &cx.f.bold)?;
        ws.write_number_with_format(row, 1, v, f)?;
        row += 1;
    }
    row += 1;
    cx.headers(
        ws,
        row,
        &[
            cx.l("Index", "Index"),
            cx.l("Medel", "Mean"),
            cx.l("KI låg", "CI low"),
            cx.l("KI hög", "CI high"),
            "n",
        ],
    )?;
    row += 1;
    let org = r.organisation_row();
    for (m, meas) in r
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind != MeasureKind::Category)
    {
        ws.text(row, 0, &meas.name)?;
        cx.stat4(ws, row, 1, &org.scores[m])?;
        row += 1;
    }
    row += 1;
    if let Some(p) = &org.quadrant {
        ws.text_fmt(row, 0, cx.l("Placering", "Placement"), &cx.f.bold)?;
        let text = if p.near_boundary {
            format!(
                "{} ({} {} {}; {})",
                cx.l("Nära gränsen", "Near the boundary"),
                cx.l("lutar mot", "leaning to"),
                p.leaning,
                p.name,
                cx.l(
                    "ett konfidensintervall korsar gränsen",
                    "an interval crosses the cut-off"
                )
            )
        } else {
            format!("{} – {}", p.leaning, p.name)
        };
        ws.text(row, 1, text)?;
        row += 1;
        ws.text_fmt(row, 0, cx.l("Råd", "Advice"), &cx.f.bold)?;
        ws.text_fmt(row, 1, &p.advice, &cx.f.wrap)?;
        ws.set_row_height(row, 45)?;
        row += 2;
    }
    for (label, kind) in [
        (cx.l("Styrkor", "Strengths"), RankLabel::Strength),
        (cx.l("Svagheter", "Weaknesses"), RankLabel::Weakness),
    ] {
        ws.text_fmt(row, 0, label, &cx.f.bold)?;
        for rk in r.ranking.iter().filter(|x| x.label == kind) {
            ws.text(row, 1, &rk.name)?;
            ws.write_number_with_format(row, 2, rk.mean, &cx.f.score)?;
            row += 1;
        }
        row += 1;
    }
    ws.text_fmt(
        row,
        0,
        cx.l(
            "Värden är 0–100 (procent av optimala förutsättningar). Grupper med färre än k svarande visas inte, och inte heller grupper som skulle avslöja en sådan grupp genom subtraktion.",
            "Values are 0–100 (percent of optimal conditions). Groups with fewer than k respondents are not shown, nor groups that would reveal such a group by subtraction.",
        ),
        &cx.f.muted,
    )?;
    if !r.warnings.is_empty() {
        row += 2;
        ws.text_fmt(row, 0, cx.l("Varningar", "Warnings"), &cx.f.bold)?;
        for w in &r.warnings {
            row += 1;
            ws.text(row, 1, &w.message)?;
        }
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 10)?;
    Ok(())
}

pub(super) fn categories(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    let name = cx.l("Kategorier", "Categories");
    ws.set_name(name)?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Kategori", "Category"),
            cx.l("Dimension", "Dimension"),
            cx.l("Medel", "Mean"),
            cx.l("KI låg", "CI low"),
            cx.l("KI hög", "CI high"),
            "n",
            cx.l("Föregående omgång", "Previous wave"),
            cx.l("Mål", "Target"),
            cx.l("Avstånd till mål", "Gap to target"),
            cx.l("Förändring", "Change"),
            cx.l("Andel vet ej", "Don't-know share"),
            cx.l("Rang", "Rank"),
        ],
    )?;
    let org = r.organisation_row();
    let prev = r
        .waves
        .iter()
        .position(|w| *w == r.wave)
        .filter(|&i| i > 0)
        .map(|i| &r.trend[i - 1]);
    let cats: Vec<usize> = r
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MeasureKind::Category)
        .map(|(i, _)| i)
        .collect();
    for (i, &m) in cats.iter().enumerate() {
        let row = i as u32 + 1;
        let meas = &r.measures[m];
        ws.text(row, 0, &meas.name)?;
        let dim = r
            .measures
            .iter()
            .find(|d| Some(&d.id) == meas.dimension.as_ref())
            .map_or("", |d| d.name.as_str());
        ws.text(row, 1, dim)?;
        cx.stat4(ws, row, 2, &org.scores[m])?;
        if let Some(p) = prev.and_then(|p| p.scores[m].shown()) {
            ws.write_number_with_format(row, 6, p.mean, &cx.f.score)?;
        }
        ws.write_number_with_format(row, 7, r.settings.target, &cx.f.score)?;
        if let Some(rk) = r.ranking.iter().find(|x| x.category == meas.id) {
            ws.write_number_with_format(row, 8, rk.gap_to_target, &cx.f.score)?;
            if let Some(c) = rk.change {
                ws.write_number_with_format(row, 9, c, &cx.f.score)?;
            }
            if let Some(d) = rk.dont_know_share {
                ws.write_number_with_format(row, 10, d, &cx.f.pct)?;
            }
            ws.write_number(row, 11, rk.rank as f64)?;
        }
    }
    let last = cats.len() as u32;
    if last > 0 {
        let mut chart = Chart::new(ChartType::RadarWithMarkers);
        chart.title().set_name(cx.l(
            "Kategorier jämfört med föregående omgång och mål",
            "Categories against previous wave and target",
        ));
        chart
            .add_series()
            .set_name(r.wave.as_str())
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, 2, last, 2));
        if prev.is_some() {
            chart
                .add_series()
                .set_name(cx.l("Föregående omgång", "Previous wave"))
                .set_categories((name, 1, 0, last, 0))
                .set_values((name, 1, 6, last, 6));
        }
        chart
            .add_series()
            .set_name(cx.l("Mål", "Target"))
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, 7, last, 7));
        chart.y_axis().set_min(0).set_max(100);
        chart.set_width(640).set_height(420);
        ws.insert_chart(last + 2, 0, &chart)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 22)?;
    for c in 2..12 {
        ws.set_column_width(c, 11)?;
    }
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}
