//! A small RFC 4180 CSV reader: quoted fields with doubled quotes and embedded newlines, a UTF-8
//! byte-order mark, and the delimiter (`,`, `;` or tab) detected from the header line — Swedish
//! Excel writes `;`.

use digilyft_survey::Cell;

/// Splits `text` into records of text cells. Returns the error with its 1-based line on an
/// unterminated quote.
pub(crate) fn parse(text: &str) -> Result<Vec<Vec<Cell>>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delim = [';', '\t', ',']
        .into_iter()
        .max_by_key(|d| first_line.matches(*d).count())
        .filter(|d| first_line.contains(*d))
        .unwrap_or(',');
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut quoted = false;
    let mut line = 1usize;
    let mut quote_line = 0usize;
    let mut chars = text.chars().peekable();
    let push_field = |row: &mut Vec<Cell>, field: &mut String, quoted: bool| {
        let f = std::mem::take(field);
        if f.is_empty() && !quoted {
            row.push(Cell::Empty);
        } else {
            row.push(Cell::Text(f));
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quoted = true;
                quote_line = line;
            }
            '\r' => {}
            '\n' => {
                line += 1;
                push_field(&mut row, &mut field, quoted);
                quoted = false;
                rows.push(std::mem::take(&mut row));
            }
            c if c == delim => {
                push_field(&mut row, &mut field, quoted);
                quoted = false;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err((quote_line, "a quoted field is never closed".into()));
    }
    if !field.is_empty() || quoted || !row.is_empty() {
        push_field(&mut row, &mut field, quoted);
        rows.push(row);
    }
    Ok(rows)
}

/// Quotes a field when needed.
pub(crate) fn field(s: &str, delim: char) -> String {
    if s.contains(delim) || s.contains('"') || s.contains('\n') || s.contains('\r') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn semicolons_quotes_and_bom() {
        let rows = parse("\u{feff}id;text\r\n1;\"a;b \"\"c\"\"\"\n2;\n").expect("valid");
        assert_eq!(
            rows,
            vec![
                vec![t("id"), t("text")],
                vec![t("1"), t("a;b \"c\"")],
                vec![t("2"), Cell::Empty]
            ]
        );
    }

    #[test]
    fn unterminated_quote_names_the_line() {
        assert_eq!(parse("a,b\n1,\"x\n").expect_err("bad").0, 2);
    }

    #[test]
    fn quoting_round_trips() {
        let f = field("a;\"b\"", ';');
        let rows = parse(&format!("x;{f}\n")).expect("valid");
        assert_eq!(rows[0][1], t("a;\"b\""));
    }
}
