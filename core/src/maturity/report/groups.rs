//! The comparison sheets: scores per unit and per role (bar charts), per wave (columns), and the
//! comparisons with effect sizes.

use super::*;

pub(super) fn groups(cx: &Ctx, ws: &mut Worksheet, units: bool) -> Result<(), XlsxError> {
    let r = cx.r;
    let name = if units {
        cx.l("Enheter", "Units")
    } else {
        cx.l("Roller", "Roles")
    };
    ws.set_name(name)?;
    let list: &[GroupResult] = if units { &r.units } else { &r.roles };
    let overall = r.measures.len() - 1;
    let mut heads: Vec<String> = vec![
        if units {
            cx.l("Enhet", "Unit")
        } else {
            cx.l("Roll", "Role")
        }
        .to_owned(),
        "n".to_owned(),
        cx.l("Svarsfrekvens", "Response rate").to_owned(),
        cx.l("Placering", "Placement").to_owned(),
        format!("{} {}", r.measures[overall].name, cx.l("KI låg", "CI low")),
        format!("{} {}", r.measures[overall].name, cx.l("KI hög", "CI high")),
    ];
    heads.extend(r.measures.iter().map(|m| m.name.clone()));
    let refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    cx.headers(ws, 0, &refs)?;
    ws.set_row_height(0, 45)?;
    let fixed = 6u16;
    for (i, g) in list.iter().enumerate() {
        let row = i as u32 + 1;
        let indent =
            Format::new().set_indent(g.depth.saturating_sub(if units { 0 } else { 1 }) as u8);
        ws.text_fmt(row, 0, &g.name, &indent)?;
        match g.n {
            Some(n) => ws.write_number_with_format(row, 1, n as f64, &cx.f.int)?,
            None => ws.text_fmt(row, 1, cx.disclosure(g.disclosure), &cx.f.muted)?,
        };
        if let Some(rate) = g.response_rate {
            ws.write_number_with_format(row, 2, rate, &cx.f.pct)?;
        }
        if let Some(p) = &g.quadrant {
            let t = if p.near_boundary {
                format!(
                    "{} ({})",
                    cx.l("nära gränsen", "near the boundary"),
                    p.leaning
                )
            } else {
                p.leaning.clone()
            };
            ws.text(row, 3, t)?;
        }
        if let Some(x) = g.scores[overall].shown() {
            ws.write_number_with_format(row, 4, x.ci_low.max(0.0), &cx.f.score)?;
            ws.write_number_with_format(row, 5, x.ci_high.min(100.0), &cx.f.score)?;
        }
        for (m, s) in g.scores.iter().enumerate() {
            cx.mean(ws, row, fixed + m as u16, s)?;
        }
    }
    // Chart data: shown groups only (the organisation row is the first unit; skip it for bars).
    let skip = usize::from(units);
    let shown: Vec<&GroupResult> = list
        .iter()
        .skip(skip)
        .filter(|g| g.scores[overall].shown().is_some())
        .collect();
    let top = list.len() as u32 + 3;
    let series: Vec<usize> = r
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind != MeasureKind::Category)
        .map(|(i, _)| i)
        .collect();
    ws.text_fmt(
        top,
        0,
        cx.l("Diagramdata (visade grupper)", "Chart data (shown groups)"),
        &cx.f.bold,
    )?;
    for (j, &m) in series.iter().enumerate() {
        ws.text_fmt(top + 1, 1 + j as u16, &r.measures[m].name, &cx.f.header)?;
    }
    for (i, g) in shown.iter().enumerate() {
        let row = top + 2 + i as u32;
        ws.text(row, 0, &g.name)?;
        for (j, &m) in series.iter().enumerate() {
            if let Some(x) = g.scores[m].shown() {
                ws.write_number_with_format(row, 1 + j as u16, x.mean, &cx.f.score)?;
            }
        }
    }
    if !shown.is_empty() {
        let first = top + 2;
        let last = top + 1 + shown.len() as u32;
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name(if units {
            cx.l("Index per enhet", "Indices per unit")
        } else {
            cx.l("Index per roll", "Indices per role")
        });
        for j in 0..series.len() {
            let c = 1 + j as u16;
            chart
                .add_series()
                .set_name((name, top + 1, c))
                .set_categories((name, first, 0, last, 0))
                .set_values((name, first, c, last, c));
        }
        chart.x_axis().set_min(0).set_max(100);
        chart.y_axis().set_reverse();
        chart
            .set_width(720)
            .set_height((240 + 40 * shown.len() as u32).min(900));
        ws.insert_chart(last + 2, 0, &chart)?;
    }
    // The 2×2 chart: capability × legacy of the organisation and every placed unit.
    let placed: Vec<&GroupResult> = list
        .iter()
        .filter(|g| g.quadrant.is_some())
        .take(20)
        .collect();
    if units && !placed.is_empty() {
        let col = 2 + series.len() as u16;
        ws.text_fmt(
            top + 1,
            col,
            cx.l("Placering x", "Placement x"),
            &cx.f.header,
        )?;
        ws.text_fmt(
            top + 1,
            col + 1,
            cx.l("Placering y", "Placement y"),
            &cx.f.header,
        )?;
        let mut chart = Chart::new(ChartType::Scatter);
        chart
            .title()
            .set_name(cx.l("Placering: förmåga × arv", "Placement: capability × legacy"));
        for (i, g) in placed.iter().enumerate() {
            let row = top + 2 + i as u32;
            if let Some(p) = &g.quadrant {
                ws.text(row, col - 1, &g.name)?;
                ws.write_number_with_format(row, col, p.x, &cx.f.score)?;
                ws.write_number_with_format(row, col + 1, p.y, &cx.f.score)?;
                chart
                    .add_series()
                    .set_name((name, row, col - 1))
                    .set_categories((name, row, col, row, col))
                    .set_values((name, row, col + 1, row, col + 1));
            }
        }
        let (xn, yn) = r
            .axes
            .as_ref()
            .map_or(("x", "y"), |a| (a.x.as_str(), a.y.as_str()));
        chart.x_axis().set_min(0).set_max(100).set_name(xn);
        chart.y_axis().set_min(0).set_max(100).set_name(yn);
        chart.set_width(560).set_height(420);
        ws.insert_chart(top + 2, col + 3, &chart)?;
    }
    ws.set_column_width(0, 38)?;
    for c in 1..(fixed + r.measures.len() as u16) {
        ws.set_column_width(c, 12)?;
    }
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

pub(super) fn waves(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    let name = cx.l("Omgångar", "Waves");
    ws.set_name(name)?;
    let mut heads: Vec<String> = vec![cx.l("Omgång", "Wave").to_owned(), "n".to_owned()];
    heads.extend(r.measures.iter().map(|m| m.name.clone()));
    let refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    cx.headers(ws, 0, &refs)?;
    ws.set_row_height(0, 45)?;
    for (i, w) in r.trend.iter().enumerate() {
        let row = i as u32 + 1;
        ws.text(row, 0, &w.wave)?;
        ws.write_number_with_format(row, 1, w.n as f64, &cx.f.int)?;
        for (m, s) in w.scores.iter().enumerate() {
            cx.mean(ws, row, 2 + m as u16, s)?;
        }
    }
    let last = r.trend.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name(cx.l("Index per omgång", "Indices per wave"));
    for (m, meas) in r
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind != MeasureKind::Category)
    {
        let c = 2 + m as u16;
        chart
            .add_series()
            .set_name(meas.name.as_str())
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, c, last, c));
    }
    chart.y_axis().set_min(0).set_max(100);
    chart.set_width(640).set_height(360);
    ws.insert_chart(last + 2, 0, &chart)?;
    let mut row = last + 22;
    ws.text_fmt(
        row,
        0,
        cx.l(
            "Förändring från föregående omgång",
            "Change from the previous wave",
        ),
        &cx.f.bold,
    )?;
    row += 1;
    cx.headers(
        ws,
        row,
        &[
            cx.l("Mått", "Measure"),
            cx.l("Jämförbar", "Comparable"),
            cx.l("Förändring", "Change"),
            cx.l("KI låg", "CI low"),
            cx.l("KI hög", "CI high"),
            "Cohens d",
            cx.l("Enhet", "Unit"),
        ],
    )?;
    for ch in &r.changes {
        row += 1;
        let mname = r
            .measures
            .iter()
            .find(|m| m.id == ch.measure)
            .map_or(ch.measure.as_str(), |m| m.name.as_str());
        ws.text(row, 0, mname)?;
        let unit = r
            .units
            .iter()
            .find(|u| u.key == ch.unit)
            .map_or(ch.unit.as_str(), |u| u.name.as_str());
        ws.text(row, 6, unit)?;
        ws.text(
            row,
            1,
            if ch.comparable {
                cx.l("ja", "yes")
            } else {
                cx.l("nej: frågorna har ändrats", "no: the items changed")
            },
        )?;
        if let Some(d) = ch.difference {
            ws.write_number_with_format(row, 2, d.diff, &cx.f.score)?;
            ws.write_number_with_format(row, 3, d.ci_low, &cx.f.score)?;
            ws.write_number_with_format(row, 4, d.ci_high, &cx.f.score)?;
            if let Some(e) = d.cohens_d {
                ws.write_number_with_format(row, 5, e, &cx.f.two)?;
            }
        }
    }
    ws.set_column_width(0, 30)?;
    for c in 1..(2 + r.measures.len() as u16) {
        ws.set_column_width(c, 12)?;
    }
    Ok(())
}

pub(super) fn comparisons(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Jämförelser", "Comparisons"))?;
    cx.headers(
        ws,
        0,
        &[
            cx.l("Typ", "Kind"),
            "A",
            "B",
            cx.l("Mått", "Measure"),
            cx.l("Skillnad A − B", "Difference A − B"),
            cx.l("KI låg", "CI low"),
            cx.l("KI hög", "CI high"),
            "Cohens d",
            cx.l("Anmärkningsvärd (≥ 10 poäng)", "Notable (≥ 10 points)"),
        ],
    )?;
    let group_name = |kind: ComparisonKind, key: &str| -> String {
        let list = if kind == ComparisonKind::Roles {
            &r.roles
        } else {
            &r.units
        };
        list.iter()
            .find(|g| g.key == key)
            .map_or(key.to_owned(), |g| g.name.clone())
    };
    let mut sorted: Vec<_> = r.comparisons.iter().collect();
    sorted.sort_by(|a, b| {
        b.notable
            .cmp(&a.notable)
            .then(b.difference.diff.abs().total_cmp(&a.difference.diff.abs()))
    });
    for (i, c) in sorted.iter().enumerate() {
        let row = i as u32 + 1;
        let kind = match c.kind {
            ComparisonKind::Roles => cx.l("roller", "roles"),
            ComparisonKind::Units => cx.l("enheter", "units"),
            ComparisonKind::Waves => cx.l("omgångar", "waves"),
        };
        ws.text(row, 0, kind)?;
        ws.text(row, 1, group_name(c.kind, &c.a))?;
        ws.text(row, 2, group_name(c.kind, &c.b))?;
        let mname = r
            .measures
            .iter()
            .find(|m| m.id == c.measure)
            .map_or(c.measure.as_str(), |m| m.name.as_str());
        ws.text(row, 3, mname)?;
        ws.write_number_with_format(row, 4, c.difference.diff, &cx.f.score)?;
        ws.write_number_with_format(row, 5, c.difference.ci_low, &cx.f.score)?;
        ws.write_number_with_format(row, 6, c.difference.ci_high, &cx.f.score)?;
        if let Some(d) = c.difference.cohens_d {
            ws.write_number_with_format(row, 7, d, &cx.f.two)?;
        }
        if c.notable {
            ws.text(row, 8, cx.l("ja", "yes"))?;
        }
    }
    ws.autofilter(0, 0, sorted.len() as u32, 8)?;
    for (c, w) in [
        (0u16, 10.0),
        (1, 30.0),
        (2, 30.0),
        (3, 26.0),
        (4, 12.0),
        (5, 10.0),
        (6, 10.0),
        (7, 10.0),
        (8, 14.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
