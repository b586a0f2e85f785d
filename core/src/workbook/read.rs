//! Reading an attestförteckning workbook (calamine) into a [`RuleSet`], reporting every problem
//! with sheet, cell and reason.

use std::collections::BTreeMap;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::sheets::{self, Sheet};
use super::{Problem, Severity};
use crate::approval::StepKind;
use crate::approval::ruleset::*;
use crate::spreadsheet::{self, SheetRow, names};

/// Column letters of a 0-based index (`0` → `A`, `27` → `AB`).
pub fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

struct Row<'a> {
    sheet: &'static Sheet,
    map: &'a [Option<usize>],
    cells: &'a [Data],
    uncalculated: &'a [u32],
    row: u32,
    problems: &'a mut Vec<Problem>,
    ids: &'a mut PersonIds,
}

impl Row<'_> {
    fn cell_ref(&self, header: &str) -> String {
        let idx = self
            .sheet
            .index(header)
            .and_then(|i| self.map[i])
            .unwrap_or(0);
        format!("{}{}", column_letters(idx), self.row)
    }

    fn error(&mut self, header: &str, msg: String) {
        let cell = self.cell_ref(header);
        self.problems.push(Problem {
            severity: Severity::Error,
            sheet: self.sheet.name,
            cell,
            column: header.to_string(),
            message: msg,
        });
    }

    /// Is the header's cell a formula without a computed value?
    fn is_uncalculated(&self, header: &str) -> bool {
        self.sheet
            .index(header)
            .and_then(|i| self.map[i])
            .is_some_and(|c| self.uncalculated.contains(&(c as u32)))
    }

    /// One error per cell of a known column holding a formula without a computed value: the
    /// value is unknown, so it is neither "missing" nor silently empty.
    fn report_uncalculated(&mut self) {
        let headers: Vec<&'static str> = self
            .sheet
            .columns
            .iter()
            .map(|c| c.header)
            .filter(|h| self.is_uncalculated(h))
            .collect();
        for h in headers {
            self.error(
                h,
                "formula without a computed value (open and save the file in Excel)".into(),
            );
        }
    }

    /// A required value is absent: an error, unless the cell is an uncalculated formula
    /// (reported already by [`Row::report_uncalculated`]).
    fn missing(&mut self, header: &str) {
        if !self.is_uncalculated(header) {
            self.error(header, format!("{header} is required"));
        }
    }

    fn raw(&self, header: &str) -> Option<&Data> {
        let i = self.sheet.index(header)?;
        let c = self.map[i]?;
        self.cells.get(c).filter(|d| !matches!(d, Data::Empty))
    }

    fn text(&self, header: &str) -> String {
        match self.raw(header) {
            None => String::new(),
            Some(Data::String(s)) => s.trim().to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Bool(b)) => {
                if *b {
                    "J".into()
                } else {
                    "N".into()
                }
            }
            Some(Data::DateTime(d)) => serial_to_date(d.as_f64())
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
            Some(Data::Error(e)) => format!("#{e:?}"),
            Some(Data::Empty) => String::new(),
        }
    }

    fn opt_text(&self, header: &str) -> Option<String> {
        Some(self.text(header)).filter(|s| !s.is_empty())
    }

    fn required(&mut self, header: &str) -> String {
        let t = self.text(header);
        if t.is_empty() {
            self.missing(header);
        }
        t
    }

    /// A required person id, normalised ([`crate::person_id::normalise`]); its spelling is
    /// kept for the lookalike check.
    fn person(&mut self, header: &str) -> String {
        let raw = self.raw_text(header);
        if raw.trim().is_empty() {
            self.missing(header);
            return String::new();
        }
        self.note_person(header, &raw)
    }

    /// An optional person id, normalised.
    fn opt_person(&mut self, header: &str) -> Option<String> {
        let raw = self.raw_text(header);
        (!raw.trim().is_empty()).then(|| self.note_person(header, &raw))
    }

    fn note_person(&mut self, header: &str, raw: &str) -> String {
        let id = crate::person_id::normalise(raw);
        let place = format!("{}!{}", self.sheet.name, self.cell_ref(header));
        self.ids.add(raw, &id, place);
        id
    }

    /// The cell's text exactly as written (not trimmed).
    fn raw_text(&self, header: &str) -> String {
        match self.raw(header) {
            Some(Data::String(s)) => s.clone(),
            _ => self.text(header),
        }
    }

    fn opt_money(&mut self, header: &str) -> Option<Decimal> {
        // Numbers as Excel stores them, text by the one amount rule (`approval::parse_amount`):
        // more than two decimals is an error either way, never rounded.
        let d: Result<Decimal, String> = match self.raw(header)? {
            Data::Int(i) => Ok(Decimal::from(*i)),
            Data::Float(f) => match f.to_string().parse::<Decimal>() {
                Ok(d) if d.normalize().scale() <= 2 => Ok(d),
                Ok(d) => Err(format!(
                    "{d} has more than two decimals (öre); nothing is rounded"
                )),
                Err(_) => Err(format!("{f} is not an amount")),
            },
            Data::String(s) if s.trim().is_empty() => return None,
            Data::String(s) => crate::approval::parse_amount(s).map_err(|e| e.to_string()),
            _ => Err(format!("{:?} is not an amount", self.text(header))),
        };
        let d = match d {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(header, why);
                None
            }
        };
        if d.is_some_and(|d| d < Decimal::ZERO) {
            self.error(header, "amounts must not be negative".into());
        }
        d
    }

    fn money(&mut self, header: &str) -> Decimal {
        match self.opt_money(header) {
            Some(d) => d,
            None => {
                if self.raw(header).is_none()
                    && self
                        .sheet
                        .columns
                        .iter()
                        .any(|c| c.header == header && c.required)
                {
                    self.missing(header);
                }
                Decimal::ZERO
            }
        }
    }

    /// A whole number of days, or None when empty.
    fn opt_days(&mut self, header: &str) -> Option<u32> {
        let d = self.opt_money(header)?;
        let days = u32::try_from(d.trunc().mantissa())
            .ok()
            .filter(|_| d.fract().is_zero());
        if days.is_none() {
            self.error(header, format!("{d} is not a whole number of days"));
        }
        days
    }

    fn opt_date(&mut self, header: &str) -> Option<NaiveDate> {
        let d = match self.raw(header)? {
            Data::DateTime(d) => serial_to_date(d.as_f64()),
            Data::Float(f) => serial_to_date(*f),
            Data::Int(i) => serial_to_date(*i as f64),
            Data::String(s) if s.trim().is_empty() => return None,
            Data::String(s) | Data::DateTimeIso(s) => {
                NaiveDate::parse_from_str(s.trim().get(..10).unwrap_or(s.trim()), "%Y-%m-%d").ok()
            }
            _ => None,
        };
        if d.is_none() {
            let t = self.text(header);
            self.error(header, format!("{t:?} is not a date (ÅÅÅÅ-MM-DD)"));
        }
        d
    }

    fn date(&mut self, header: &str) -> NaiveDate {
        match self.opt_date(header) {
            Some(d) => d,
            None => {
                if self.raw(header).is_none() {
                    self.missing(header);
                }
                NaiveDate::MIN
            }
        }
    }

    fn pattern(&mut self, header: &str) -> CodePattern {
        let t = self.text(header);
        let t = if t.eq_ignore_ascii_case("ALLA") {
            String::new()
        } else {
            t
        };
        match CodePattern::parse(&t) {
            Ok(p) => p,
            Err(e) => {
                self.error(header, format!("bad code pattern {e}"));
                CodePattern::default()
            }
        }
    }

    fn choice<T: Copy>(&mut self, header: &str, options: &[(&str, T)]) -> Option<T> {
        let t = self.text(header).to_uppercase();
        if t.is_empty() {
            return None;
        }
        match options.iter().find(|(n, _)| *n == t) {
            Some((_, v)) => Some(*v),
            None => {
                let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
                self.error(header, format!("{t:?} is not one of {}", names.join(", ")));
                None
            }
        }
    }
}

/// Excel serial day (1900 system) to a date.
fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Reads and checks the structure of every sheet; returns the rules and all problems found
/// while reading (use [`super::validate`] for the cross-sheet rules). The file is called "the
/// workbook" in messages; [`read_named`] names it.
pub fn read(bytes: &[u8]) -> Result<(RuleSet, Vec<Problem>), Problem> {
    read_named("the workbook", bytes)
}

/// [`read`] for the file the user named `file`. The bytes go through the spreadsheet guard
/// first (`crate::spreadsheet`: limits checked before calamine allocates); sheets are streamed
/// row by row, so memory follows the rules read, not the sheet's rectangle. Sheet names and
/// headers match NFC-normalised, ignoring case and surrounding spaces; person ids are
/// normalised (`crate::person_id`), and two spellings of one id are an error naming both cells.
pub fn read_named(file: &str, bytes: &[u8]) -> Result<(RuleSet, Vec<Problem>), Problem> {
    let whole_file = |message: String| Problem {
        severity: Severity::Error,
        sheet: "",
        cell: String::new(),
        column: String::new(),
        message,
    };
    let mut wb = spreadsheet::open_xlsx(file, bytes).map_err(|e| whole_file(e.to_string()))?;
    let mut problems = Vec::new();
    let mut rules = RuleSet::default();
    let mut ids = PersonIds::default();
    let names = wb.sheet_names();
    for sheet in sheets::SHEETS.iter() {
        let Some(actual) = names::find_sheet(&names, sheet.name).cloned() else {
            if sheet.optional {
                continue;
            }
            problems.push(Problem {
                severity: Severity::Error,
                sheet: sheet.name,
                cell: String::new(),
                column: String::new(),
                message: format!("the sheet {} is missing", sheet.name),
            });
            continue;
        };
        let mut map: Option<Vec<Option<usize>>> = None;
        let mut skip = false;
        let streamed = spreadsheet::xlsx_rows(&mut wb, &actual, |row| {
            if skip {
                return;
            }
            let Some(map) = &map else {
                let (m, missing) = header_map(sheet, row, &mut problems);
                skip = missing;
                map = Some(m);
                return;
            };
            let blank = row.uncalculated.is_empty()
                && row.cells.iter().all(|d| {
                    matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.trim().is_empty())
                });
            if blank {
                return;
            }
            let mut r = Row {
                sheet,
                map,
                cells: &row.cells,
                uncalculated: &row.uncalculated,
                row: row.row + 1,
                problems: &mut problems,
                ids: &mut ids,
            };
            r.report_uncalculated();
            read_row(sheet.name, &mut r, &mut rules);
        });
        if let Err(e) = streamed {
            problems.push(Problem {
                severity: Severity::Error,
                sheet: sheet.name,
                cell: String::new(),
                column: String::new(),
                message: format!("unreadable sheet: {e}"),
            });
        }
    }
    problems.extend(ids.lookalikes());
    rules.flows.sort_by_key(|f| f.prio);
    Ok((rules, problems))
}

/// The header row: where each of the sheet's columns is (absolute 0-based column), and whether
/// a required column is missing (then the sheet's rows are not read).
fn header_map(
    sheet: &'static Sheet,
    header: &SheetRow,
    problems: &mut Vec<Problem>,
) -> (Vec<Option<usize>>, bool) {
    let found: Vec<String> = header
        .cells
        .iter()
        .map(|d| match d {
            Data::String(s) => names::name_key(s),
            _ => String::new(),
        })
        .collect();
    let first = found.iter().position(|h| !h.is_empty()).unwrap_or(0);
    let map: Vec<Option<usize>> = sheet
        .columns
        .iter()
        .map(|c| {
            let key = names::name_key(c.header);
            found.iter().position(|h| *h == key)
        })
        .collect();
    let mut missing = false;
    for (c, m) in sheet.columns.iter().zip(&map) {
        if m.is_none() && c.required {
            missing = true;
            problems.push(Problem {
                severity: Severity::Error,
                sheet: sheet.name,
                cell: format!("{}{}", column_letters(first), header.row + 1),
                column: c.header.to_string(),
                message: format!(
                    "required column {} is missing from the header row",
                    c.header
                ),
            });
        }
    }
    (map, missing)
}

/// Every person id read, by normalised form, with the spellings and cells it was read from.
#[derive(Default)]
struct PersonIds {
    /// normalised id → (spelling as in the cell → first cell, e.g. `Jäv!A2`).
    seen: BTreeMap<String, BTreeMap<String, String>>,
}

impl PersonIds {
    fn add(&mut self, raw: &str, normalised: &str, place: String) {
        self.seen
            .entry(normalised.to_string())
            .or_default()
            .entry(raw.to_string())
            .or_insert(place);
    }

    /// One error per id written in more than one way, and per pair of ids that differ only in
    /// inner spacing or compatibility forms.
    fn lookalikes(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let problem = |spellings: Vec<(&String, &String)>, why: &str| {
            let list: Vec<String> = spellings
                .iter()
                .take(4)
                .map(|(raw, place)| format!("{raw:?} ({place})"))
                .collect();
            let more = spellings.len().saturating_sub(4);
            let (_, first) = spellings[0];
            let (sheet, cell) = first.split_once('!').unwrap_or(("", first));
            Problem {
                severity: Severity::Error,
                sheet: sheets::SHEETS
                    .iter()
                    .map(|s| s.name)
                    .find(|n| *n == sheet)
                    .unwrap_or(""),
                cell: cell.to_string(),
                column: "person_id".into(),
                message: format!(
                    "the person ids {}{} {why}: one person would count as two for jäv, \
                     duality and rights; write the id the same way everywhere",
                    list.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    },
                ),
            }
        };
        for spellings in self.seen.values() {
            if spellings.len() > 1 {
                out.push(problem(
                    spellings.iter().collect(),
                    "differ only in letter case, surrounding spaces or Unicode form",
                ));
            }
        }
        let mut by_key: BTreeMap<String, Vec<(&String, &String)>> = BTreeMap::new();
        for spellings in self.seen.values() {
            if let Some((raw, place)) = spellings.iter().next() {
                by_key
                    .entry(crate::person_id::lookalike_key(raw))
                    .or_default()
                    .push((raw, place));
            }
        }
        for group in by_key.into_values().filter(|g| g.len() > 1) {
            out.push(problem(
                group,
                "differ only in inner spaces or character width",
            ));
        }
        out
    }
}

fn read_row(name: &str, r: &mut Row<'_>, rules: &mut RuleSet) {
    let row = r.row;
    match name {
        "Nämnder" => {
            let n = Namnd {
                namnd: r.required("nämnd"),
                tak_per_rad: r.opt_money("tak_per_rad_sek"),
                tak_per_faktura: r.opt_money("tak_per_faktura_sek"),
                tak_tva_i_forening: r.opt_money("tak_två_i_förening_sek"),
                en_ordinarie_per_kod: r
                    .choice("en_ordinarie_per_kod", &[("J", true), ("N", false)])
                    .unwrap_or(false),
                beslut_ref: r.text("beslut_ref"),
                kommentar: r.text("kommentar"),
                row,
            };
            rules.namnder.push(n);
        }
        "Attesträtt" => {
            let kinds = [
                ("MOTTAGNING", StepKind::Mottagning),
                ("GRANSKNING", StepKind::Granskning),
                ("BESLUT", StepKind::Beslut),
            ];
            let grant = Grant {
                rad_id: r.required("rad_id"),
                namnd: r.required("nämnd"),
                attesttyp: r.choice("attesttyp", &kinds).unwrap_or(StepKind::Beslut),
                person_id: r.person("person_id"),
                namn: r.text("namn"),
                befattning: r.text("befattning"),
                grund: r
                    .choice(
                        "grund",
                        &[
                            ("ORDINARIE", Basis::Ordinarie),
                            ("ERSÄTTARE", Basis::Ersattare),
                        ],
                    )
                    .unwrap_or(Basis::Ordinarie),
                ersatter_person_id: r.opt_person("ersätter_person_id"),
                ansvar: r.pattern("ansvar"),
                verksamhet: r.pattern("verksamhet"),
                aktivitet: r.pattern("aktivitet"),
                projekt: r.pattern("projekt"),
                objekt: r.pattern("objekt"),
                konto: r.pattern("konto"),
                undantag_konto: r.pattern("undantag_konto"),
                leverantor_orgnr: r
                    .opt_text("leverantör_orgnr")
                    .map(|o| crate::facts::normalise_party_id(&o)),
                grans_per_rad: r.money("gräns_per_rad_sek"),
                grans_per_faktura: r.money("gräns_per_faktura_sek"),
                belopp_bas: r
                    .choice(
                        "belopp_bas",
                        &[
                            ("EXKL_MOMS", AmountBasis::ExklMoms),
                            ("INKL_MOMS", AmountBasis::InklMoms),
                        ],
                    )
                    .unwrap_or(AmountBasis::ExklMoms),
                tva_i_forening_over: r.opt_money("två_i_förening_över_sek").unwrap_or_default(),
                far_granska_och_besluta_under: r
                    .opt_money("får_granska_och_besluta_under_sek")
                    .unwrap_or_default(),
                giltig_fran: r.date("giltig_från"),
                giltig_till: r.opt_date("giltig_till"),
                beslut_ref: r.required("beslut_ref"),
                kommentar: r.text("kommentar"),
                row,
            };
            rules.grants.push(grant);
        }
        "Frånvaro" => {
            let a = Absence {
                person_id: r.person("person_id"),
                ersattare_person_id: r.person("ersättare_person_id"),
                fran: r.date("från"),
                till: r.date("till"),
                omfattning: r.pattern("omfattning"),
                orsak: r.text("orsak"),
                registrerad_av: r.person("registrerad_av"),
                row,
            };
            rules.absences.push(a);
        }
        "Chef" => {
            let m = ManagerLink {
                person_id: r.person("person_id"),
                chef_person_id: r.person("närmaste_chef_person_id"),
                giltig_fran: r.date("giltig_från"),
                giltig_till: r.opt_date("giltig_till"),
                row,
            };
            rules.managers.push(m);
        }
        "Jäv" => {
            let kinds = [
                ("EGEN_UTGIFT", ConflictKind::EgenUtgift),
                ("NÄRSTÅENDE_LEVERANTÖR", ConflictKind::NarstaendeLeverantor),
                ("BISYSSLA", ConflictKind::Bisyssla),
                ("ÖVERORDNAD_KOSTNAD", ConflictKind::OverordnadKostnad),
            ];
            let c = Conflict {
                person_id: r.person("person_id"),
                typ: r.choice("typ", &kinds).unwrap_or(ConflictKind::EgenUtgift),
                leverantor_orgnr: r
                    .opt_text("leverantör_orgnr")
                    .map(|o| crate::facts::normalise_party_id(&o)),
                giltig_fran: r.date("giltig_från"),
                giltig_till: r.opt_date("giltig_till"),
                beslut_ref: r.text("beslut_ref"),
                row,
            };
            rules.conflicts.push(c);
        }
        "Flödesregler" => {
            let prio_text = r.required("prio");
            let prio = prio_text.parse::<i64>().unwrap_or_else(|_| {
                if !prio_text.is_empty() {
                    r.error("prio", format!("{prio_text:?} is not a whole number"));
                }
                0
            });
            let steg_text = r.required("steg").to_uppercase();
            let steg = if steg_text == "AUTO" {
                Flow::Auto
            } else {
                let mut kinds = Vec::new();
                for part in steg_text
                    .split('>')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    match StepKind::parse(part) {
                        Some(k) => kinds.push(k),
                        None => r.error(
                            "steg",
                            format!(
                                "{part:?} is not a step (MOTTAGNING, GRANSKNING, BESLUT) nor AUTO"
                            ),
                        ),
                    }
                }
                if !steg_text.is_empty() && kinds.last() != Some(&StepKind::Beslut) {
                    r.error("steg", "a flow must end with BESLUT (beslutsattest)".into());
                }
                Flow::Steps(kinds)
            };
            let max_text = r.text("max_per_period");
            let max_per_manad = if max_text.is_empty() {
                None
            } else {
                let n = max_text
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u32>().ok());
                let per_month = max_text.to_lowercase().contains("mån")
                    || max_text.split_whitespace().count() == 1;
                if n.is_none() || !per_month {
                    r.error(
                        "max_per_period",
                        format!("{max_text:?}: write e.g. \"1 per månad\""),
                    );
                }
                n
            };
            let f = FlowRule {
                prio,
                dokumenttyp: r
                    .choice(
                        "dokumenttyp",
                        &[
                            ("FAKTURA", DocFilter::Faktura),
                            ("KREDIT", DocFilter::Kredit),
                            ("ALLA", DocFilter::Alla),
                        ],
                    )
                    .unwrap_or(DocFilter::Alla),
                leverantor_orgnr: r
                    .opt_text("leverantör_orgnr")
                    .map(|o| crate::facts::normalise_party_id(&o)),
                referenskod: r.pattern("referenskod"),
                orderref_kravs: r
                    .choice("orderref_krävs", &[("J", true), ("N", false)])
                    .unwrap_or(false),
                kontrakt_id: r.opt_text("kontrakt_eller_abonnemang_id"),
                belopp_min: r.opt_money("belopp_min_sek"),
                belopp_max: r.opt_money("belopp_max_sek"),
                forvantat_belopp: r.opt_money("förväntat_belopp_sek"),
                tolerans_pct: r.opt_money("tolerans_pct"),
                tolerans_sek: r.opt_money("tolerans_sek"),
                max_per_manad,
                matchning: r
                    .choice(
                        "matchning",
                        &[
                            ("INGEN", Matching::Ingen),
                            ("2-VÄG", Matching::TwoWay),
                            ("3-VÄG", Matching::ThreeWay),
                        ],
                    )
                    .unwrap_or(Matching::Ingen),
                steg,
                granskare_person_id: r.opt_person("granskare_person_id"),
                ko: r.opt_text("kö"),
                auto_attest_av_person_id: r.opt_person("auto_attest_av_person_id"),
                konteringsforslag_id: r.opt_text("konteringsförslag_id"),
                giltig_fran: r.opt_date("giltig_från"),
                giltig_till: r.opt_date("giltig_till"),
                beslut_ref: r.text("beslut_ref"),
                row,
            };
            rules.flows.push(f);
        }
        "Tidsfrister" => {
            let kinds = [
                ("ALLA", None),
                ("MOTTAGNING", Some(StepKind::Mottagning)),
                ("GRANSKNING", Some(StepKind::Granskning)),
                ("BESLUT", Some(StepKind::Beslut)),
            ];
            let present = !r.text("attesttyp").is_empty();
            let attesttyp = r.choice("attesttyp", &kinds).flatten();
            if !present {
                r.required("attesttyp");
            }
            let t = Tidsfrist {
                attesttyp,
                handlaggningsdagar: r.opt_days("handläggningsdagar"),
                paminn_fore_dagar: r.opt_days("påminn_före_dagar"),
                eskalera_till_ko: r.opt_text("eskalera_till_kö"),
                betalningsledtid_dagar: r.opt_days("betalningsledtid_dagar"),
                row,
            };
            rules.tidsfrister.push(t);
        }
        "Konteringsförslag" => {
            let rad_text = r.required("rad");
            let rad = rad_text.parse::<u32>().unwrap_or_else(|_| {
                if !rad_text.is_empty() {
                    r.error("rad", format!("{rad_text:?} is not a row number"));
                }
                0
            });
            let moms = r.required("momskod").to_uppercase();
            if !moms.is_empty() && !crate::approval::MOMSKODER.contains(&moms.as_str()) {
                r.error("momskod", format!("{moms:?} is not a known momskod"));
            }
            let t = TemplateRow {
                kf_id: r.required("kf_id"),
                rad,
                andel_pct: r.money("andel_pct"),
                konto: r.required("konto"),
                ansvar: r.required("ansvar"),
                verksamhet: r.text("verksamhet"),
                aktivitet: r.text("aktivitet"),
                projekt: r.text("projekt"),
                objekt: r.text("objekt"),
                motpart: r.text("motpart"),
                momskod: moms,
                row,
            };
            rules.templates.push(t);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
