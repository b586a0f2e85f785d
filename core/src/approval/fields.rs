//! The kontering fields and their names: the one list every reader and writer of kontering rows
//! uses (the `--rad` syntax, JSON, the workbook's Konteringsförslag columns use the same words).

use super::model::CodingRow;

/// One field of a kontering row, in kodsträng order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodingField {
    /// Amount excluding VAT.
    Belopp,
    /// Kommun-Bas account.
    Konto,
    /// Responsibility code.
    Ansvar,
    /// Activity (SCB split).
    Verksamhet,
    /// Aktivitet.
    Aktivitet,
    /// Projekt.
    Projekt,
    /// Objekt.
    Objekt,
    /// Motpart.
    Motpart,
    /// Momskod.
    Momskod,
}

impl CodingField {
    /// Every field, in kodsträng order.
    pub const ALL: [CodingField; 9] = [
        CodingField::Belopp,
        CodingField::Konto,
        CodingField::Ansvar,
        CodingField::Verksamhet,
        CodingField::Aktivitet,
        CodingField::Projekt,
        CodingField::Objekt,
        CodingField::Motpart,
        CodingField::Momskod,
    ];

    /// The field's name (`belopp`, `konto`, …): a contract of the `--rad` syntax and the JSON.
    pub fn name(self) -> &'static str {
        match self {
            CodingField::Belopp => "belopp",
            CodingField::Konto => "konto",
            CodingField::Ansvar => "ansvar",
            CodingField::Verksamhet => "verksamhet",
            CodingField::Aktivitet => "aktivitet",
            CodingField::Projekt => "projekt",
            CodingField::Objekt => "objekt",
            CodingField::Motpart => "motpart",
            CodingField::Momskod => "momskod",
        }
    }

    /// The field named `name` (case-insensitive).
    pub fn parse(name: &str) -> Option<CodingField> {
        let name = name.trim().to_lowercase();
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field's value in `row` as text (the amount as a decimal string).
    pub fn get(self, row: &CodingRow) -> String {
        match self {
            CodingField::Belopp => row.amount.to_string(),
            code => code.text(row).to_string(),
        }
    }

    fn text(self, row: &CodingRow) -> &str {
        match self {
            CodingField::Belopp => "",
            CodingField::Konto => &row.konto,
            CodingField::Ansvar => &row.ansvar,
            CodingField::Verksamhet => &row.verksamhet,
            CodingField::Aktivitet => &row.aktivitet,
            CodingField::Projekt => &row.projekt,
            CodingField::Objekt => &row.objekt,
            CodingField::Motpart => &row.motpart,
            CodingField::Momskod => &row.momskod,
        }
    }

    /// Sets the field in `row` from `value`. An amount is read by [`super::parse_amount`] (a
    /// decimal comma or point, at most two decimals, spaces only between groups of three); a
    /// momskod is upper-cased. `Err` says why an amount is not one.
    pub fn set(self, row: &mut CodingRow, value: &str) -> Result<(), String> {
        let value = value.trim().to_string();
        match self {
            CodingField::Belopp => {
                row.amount = super::parse_amount(&value).map_err(|e| format!("belopp: {e}"))?;
            }
            CodingField::Konto => row.konto = value,
            CodingField::Ansvar => row.ansvar = value,
            CodingField::Verksamhet => row.verksamhet = value,
            CodingField::Aktivitet => row.aktivitet = value,
            CodingField::Projekt => row.projekt = value,
            CodingField::Objekt => row.objekt = value,
            CodingField::Motpart => row.motpart = value,
            CodingField::Momskod => row.momskod = value.to_uppercase(),
        }
        Ok(())
    }

    /// The names of every field, comma separated (for messages).
    pub fn names() -> String {
        Self::ALL.map(CodingField::name).join(", ")
    }
}

/// The row's eight codes (everything but the amount), in kodsträng order: what the content hash
/// certifies and what the ledger lists.
pub fn codes(row: &CodingRow) -> [&str; 8] {
    [
        &row.konto,
        &row.ansvar,
        &row.verksamhet,
        &row.aktivitet,
        &row.projekt,
        &row.objekt,
        &row.motpart,
        &row.momskod,
    ]
}

/// Reads one row written as `fält=värde` pairs separated by `;` (`belopp=1 234,50;konto=4620`).
/// Unknown fields, a field given twice, an unreadable amount and a missing `belopp` are errors;
/// fields left out are empty ([`super::check_coding`] says which are required).
pub fn parse_row(text: &str) -> Result<CodingRow, String> {
    let mut row = CodingRow::default();
    let mut seen: Vec<CodingField> = Vec::new();
    for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!("{pair:?} is not fält=värde"));
        };
        let Some(field) = CodingField::parse(key) else {
            return Err(format!(
                "unknown field {:?} ({})",
                key.trim().to_lowercase(),
                CodingField::names()
            ));
        };
        if seen.contains(&field) {
            return Err(format!("{} is given twice", field.name()));
        }
        seen.push(field);
        field.set(&mut row, value)?;
    }
    if !seen.contains(&CodingField::Belopp) {
        return Err("belopp is required".into());
    }
    Ok(row)
}

/// Writes `row` back in the syntax [`parse_row`] reads, every field named.
pub fn format_row(row: &CodingRow) -> String {
    CodingField::ALL
        .map(|f| format!("{}={}", f.name(), f.get(row)))
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn rows_parse_with_swedish_amounts_and_name_their_problems() {
        let r =
            parse_row("belopp=1 234,50; konto=4620;ansvar=4110;momskod=avdragsgill").expect("row");
        assert_eq!(r.amount, "1234.50".parse::<Decimal>().expect("d"));
        assert_eq!(
            (r.konto.as_str(), r.momskod.as_str()),
            ("4620", "AVDRAGSGILL")
        );
        let cases = [
            ("konto=4620", "belopp is required"),
            ("belopp=12;belopp=13", "belopp is given twice"),
            ("belopp=tolv", "is not an amount"),
            ("belopp=12;kst=41", "unknown field \"kst\""),
            ("belopp 12", "is not fält=värde"),
        ];
        for (bad, why) in cases {
            let e = parse_row(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn the_codes_are_the_fields_after_the_amount_in_order() {
        let mut row = CodingRow::default();
        for (i, f) in CodingField::ALL.into_iter().skip(1).enumerate() {
            f.set(&mut row, &format!("C{i}")).expect("set");
        }
        let want: Vec<String> = (0..8).map(|i| format!("C{i}")).collect();
        assert_eq!(codes(&row).to_vec(), want);
    }

    #[test]
    fn every_field_round_trips_through_the_text_syntax() {
        let mut row = CodingRow::default();
        for (i, f) in CodingField::ALL.into_iter().enumerate() {
            let value = if f == CodingField::Belopp {
                "12.50".to_string()
            } else {
                format!("V{i}")
            };
            f.set(&mut row, &value).expect("set");
            assert_eq!(CodingField::parse(&f.name().to_uppercase()), Some(f));
        }
        assert_eq!(parse_row(&format_row(&row)).expect("again"), row);
    }
}
