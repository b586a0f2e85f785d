//! The report workbook: every table of a [`ScoreReport`] as numbers with number formats, and
//! native Excel charts (radar of categories against the previous wave and the target, bars per
//! unit and role, columns per wave, importance × performance scatter).
//!
//! Hidden statistics are written as a short text saying why ("hidden: fewer than k"); the
//! report never receives their values, because the survey crate never puts them in a
//! [`ScoreReport`].

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
            ws.write_string_with_format(row, c as u16, *h, &self.f.header)?;
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
                ws.write_string_with_format(row, col, self.hidden(s), &self.f.muted)?;
            }
        }
        Ok(())
    }

    fn mean(&self, ws: &mut Worksheet, row: u32, col: u16, s: &Stat) -> Result<(), XlsxError> {
        match s.shown() {
            Some(x) => ws.write_number_with_format(row, col, x.mean, &self.f.score)?,
            None => ws.write_string_with_format(row, col, self.hidden(s), &self.f.muted)?,
        };
        Ok(())
    }
}

/// Writes the report workbook.
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

fn summary(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let r = cx.r;
    ws.set_name(cx.l("Sammanfattning", "Summary"))?;
    ws.write_string_with_format(
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
        ws.write_string_with_format(row, 0, k, &cx.f.bold)?;
        ws.write_string(row, 1, v)?;
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
        ws.write_string_with_format(row, 0, k, &cx.f.bold)?;
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
        ws.write_string(row, 0, &meas.name)?;
        cx.stat4(ws, row, 1, &org.scores[m])?;
        row += 1;
    }
    row += 1;
    if let Some(p) = &org.quadrant {
        ws.write_string_with_format(row, 0, cx.l("Placering", "Placement"), &cx.f.bold)?;
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
        ws.write_string(row, 1, text)?;
        row += 1;
        ws.write_string_with_format(row, 0, cx.l("Råd", "Advice"), &cx.f.bold)?;
        ws.write_string_with_format(row, 1, &p.advice, &cx.f.wrap)?;
        ws.set_row_height(row, 45)?;
        row += 2;
    }
    for (label, kind) in [
        (cx.l("Styrkor", "Strengths"), RankLabel::Strength),
        (cx.l("Svagheter", "Weaknesses"), RankLabel::Weakness),
    ] {
        ws.write_string_with_format(row, 0, label, &cx.f.bold)?;
        for rk in r.ranking.iter().filter(|x| x.label == kind) {
            ws.write_string(row, 1, &rk.name)?;
            ws.write_number_with_format(row, 2, rk.mean, &cx.f.score)?;
            row += 1;
        }
        row += 1;
    }
    ws.write_string_with_format(
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
        ws.write_string_with_format(row, 0, cx.l("Varningar", "Warnings"), &cx.f.bold)?;
        for w in &r.warnings {
            row += 1;
            ws.write_string(row, 1, &w.message)?;
        }
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 10)?;
    Ok(())
}

fn categories(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &meas.name)?;
        let dim = r
            .measures
            .iter()
            .find(|d| Some(&d.id) == meas.dimension.as_ref())
            .map_or("", |d| d.name.as_str());
        ws.write_string(row, 1, dim)?;
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

fn groups(cx: &Ctx, ws: &mut Worksheet, units: bool) -> Result<(), XlsxError> {
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
        ws.write_string_with_format(row, 0, &g.name, &indent)?;
        match g.n {
            Some(n) => ws.write_number_with_format(row, 1, n as f64, &cx.f.int)?,
            None => {
                ws.write_string_with_format(row, 1, cx.disclosure(g.disclosure), &cx.f.muted)?
            }
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
            ws.write_string(row, 3, t)?;
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
    ws.write_string_with_format(
        top,
        0,
        cx.l("Diagramdata (visade grupper)", "Chart data (shown groups)"),
        &cx.f.bold,
    )?;
    for (j, &m) in series.iter().enumerate() {
        ws.write_string_with_format(top + 1, 1 + j as u16, &r.measures[m].name, &cx.f.header)?;
    }
    for (i, g) in shown.iter().enumerate() {
        let row = top + 2 + i as u32;
        ws.write_string(row, 0, &g.name)?;
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
        ws.write_string_with_format(
            top + 1,
            col,
            cx.l("Placering x", "Placement x"),
            &cx.f.header,
        )?;
        ws.write_string_with_format(
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
                ws.write_string(row, col - 1, &g.name)?;
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

fn waves(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &w.wave)?;
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
    ws.write_string_with_format(
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
        ws.write_string(row, 0, mname)?;
        let unit = r
            .units
            .iter()
            .find(|u| u.key == ch.unit)
            .map_or(ch.unit.as_str(), |u| u.name.as_str());
        ws.write_string(row, 6, unit)?;
        ws.write_string(
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

fn items(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &it.id)?;
        let cat = it
            .category
            .as_ref()
            .and_then(|c| r.measures.iter().find(|m| &m.id == c))
            .map_or(cx.l("Utfall (nytta)", "Outcome (benefit)"), |m| {
                m.name.as_str()
            });
        ws.write_string(row, 1, cat)?;
        ws.write_string(row, 2, &it.text)?;
        if it.reverse {
            ws.write_string(row, 3, cx.l("ja", "yes"))?;
        }
        if !it.disclosure.shown() {
            ws.write_string_with_format(row, 4, cx.disclosure(it.disclosure), &cx.f.muted)?;
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

fn reliability(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &c.name)?;
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
        ws.write_string(row, 3, t)?;
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
            ws.write_string(row, 0, &c.name)?;
            ws.write_string(row, 1, &it.item)?;
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

fn priorities(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string_with_format(
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
        ws.write_string(row, 0, &p.name)?;
        ws.write_number_with_format(row, 1, p.performance, &cx.f.score)?;
        ws.write_number_with_format(row, 2, p.importance, &cx.f.two)?;
        ws.write_number_with_format(row, 3, p.n as f64, &cx.f.int)?;
        ws.write_string(row, 4, &p.class_label)?;
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

fn action_plan(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &a.category_name)?;
        ws.write_number_with_format(row, 1, a.baseline, &cx.f.score)?;
        ws.write_string_with_format(row, 2, &a.action, &cx.f.wrap)?;
        ws.write_string_with_format(row, 3, &a.detail, &cx.f.wrap)?;
        ws.write_string(row, 8, &a.follow_up_wave)?;
        ws.write_string(row, 9, &a.reason)?;
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

fn comparisons(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, group_name(c.kind, &c.a))?;
        ws.write_string(row, 2, group_name(c.kind, &c.b))?;
        let mname = r
            .measures
            .iter()
            .find(|m| m.id == c.measure)
            .map_or(c.measure.as_str(), |m| m.name.as_str());
        ws.write_string(row, 3, mname)?;
        ws.write_number_with_format(row, 4, c.difference.diff, &cx.f.score)?;
        ws.write_number_with_format(row, 5, c.difference.ci_low, &cx.f.score)?;
        ws.write_number_with_format(row, 6, c.difference.ci_high, &cx.f.score)?;
        if let Some(d) = c.difference.cohens_d {
            ws.write_number_with_format(row, 7, d, &cx.f.two)?;
        }
        if c.notable {
            ws.write_string(row, 8, cx.l("ja", "yes"))?;
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

fn themes(cx: &Ctx, ws: &mut Worksheet) -> Result<(), XlsxError> {
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
        ws.write_string(row, 0, &t.name)?;
        cx.stat4(ws, row, 1, &t.score)?;
    }
    ws.set_column_width(0, 60)?;
    Ok(())
}
