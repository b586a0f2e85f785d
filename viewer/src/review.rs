//! The validation panel's content: the verdict and one row per finding, with the rule id, the
//! flag, the message in the chosen language, the business terms (with the captions the invoice
//! view gives them) and the place, as a [`Target`] the invoice and source views can highlight.

use digilyft_invoice::validate::{Report, Severity};
use digilyft_invoice::{Finding, FindingKind};

use crate::i18n::{Lang, t};
use crate::sheet::Sheet;

/// The overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No rule fired with flag fatal or warning.
    Valid,
    /// Only warnings (or information).
    Warnings,
    /// At least one fatal rule fired.
    Rejected,
}

impl Verdict {
    /// The verdict of a report.
    pub fn of(report: &Report) -> Verdict {
        if report.has_fatal() {
            Verdict::Rejected
        } else if report.fired.iter().any(|f| f.severity == Severity::Warning) {
            Verdict::Warnings
        } else {
            Verdict::Valid
        }
    }

    /// The sentence shown.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Valid => t::VERDICT_OK,
            Verdict::Warnings => t::VERDICT_WARNINGS,
            Verdict::Rejected => t::VERDICT_FATAL,
        }
        .get(lang)
    }
}

/// What a selected finding points at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// Business terms concerned (fields showing them are highlighted).
    pub terms: Vec<&'static str>,
    /// The 1-based invoice line concerned, when the place is inside an invoice line.
    pub invoice_line: Option<usize>,
    /// The 1-based source line (0 when the finding has no place).
    pub source_line: u32,
    /// The 1-based source column (in bytes).
    pub source_column: u32,
    /// The party block the place lies in (`BG-4` seller, `BG-7` buyer, `BG-10` payee, `BG-11`
    /// tax representative, `BG-13` delivery), when it lies in one: only that block is
    /// highlighted, though a rule names the terms of several.
    pub party: Option<&'static str>,
}

impl Target {
    /// True when a field showing `term` is concerned.
    pub fn covers(&self, term: &str) -> bool {
        self.terms.contains(&term)
    }
}

/// One finding as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Official rule id (`BR-CO-10`, `SE-R-013`), or the reading finding's kind.
    pub id: String,
    /// The flag, as shown (`Fel`, `Varning`, `Information`).
    pub flag: String,
    /// The flag.
    pub severity: Severity,
    /// The message in the chosen language.
    pub message: String,
    /// `BT-1 Fakturanummer, …`: the terms with their captions.
    pub terms: String,
    /// XPath of the place (may be empty).
    pub location: String,
    /// Where it points.
    pub target: Target,
}

/// The flag's name.
pub fn flag(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Fatal => t::FATAL,
        Severity::Warning => t::WARNING,
        Severity::Information => t::INFORMATION,
    }
    .get(lang)
}

/// The party block an XPath lies in (UBL and Svefaktura element names).
pub fn party_of(xpath: &str) -> Option<&'static str> {
    const PARTIES: &[(&str, &str)] = &[
        ("AccountingSupplierParty", "BG-4"),
        ("SellerParty", "BG-4"),
        ("AccountingCustomerParty", "BG-7"),
        ("BuyerParty", "BG-7"),
        ("PayeeParty", "BG-10"),
        ("TaxRepresentativeParty", "BG-11"),
        ("Delivery", "BG-13"),
    ];
    xpath.split('/').find_map(|step| {
        let local = step.rsplit(':').next().unwrap_or(step);
        let name = local.split('[').next().unwrap_or(local);
        PARTIES.iter().find(|(n, _)| *n == name).map(|(_, g)| *g)
    })
}

/// The 1-based position of the invoice line an XPath lies in (`…/cac:InvoiceLine[3]/…` → 3; a
/// step without a predicate is the only such line, 1).
pub fn invoice_line_of(xpath: &str) -> Option<usize> {
    xpath.split('/').find_map(|step| {
        let local = step.rsplit(':').next().unwrap_or(step);
        let (name, predicate) = match local.split_once('[') {
            Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
            None => (local, None),
        };
        if name != "InvoiceLine" && name != "CreditNoteLine" {
            return None;
        }
        match predicate {
            None => Some(1),
            Some(p) => p.parse().ok(),
        }
    })
}

fn term_captions(terms: &[&'static str], sheet: &Sheet) -> String {
    terms
        .iter()
        .map(|term| {
            let caption = sheet
                .header
                .iter()
                .chain(sheet.totals.iter())
                .chain(sheet.payments.iter().flat_map(|p| p.fields.iter()))
                .chain(
                    sheet
                        .parties
                        .iter()
                        .flat_map(|p| p.address.iter().chain(p.details.iter())),
                )
                .find(|f| f.term == *term)
                .map(|f| f.access_name.as_str());
            match caption {
                Some(c) => format!("{term} {c}"),
                None => (*term).to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows: the rule firings (fatal first, then warnings, then information; in rule order
/// within a flag), then the reading findings as warnings.
pub fn rows(report: &Report, read_findings: &[Finding], sheet: &Sheet, lang: Lang) -> Vec<Row> {
    let mut fired: Vec<_> = report.fired.iter().collect();
    fired.sort_by_key(|f| f.severity);
    let mut out: Vec<Row> = fired
        .into_iter()
        .map(|f| Row {
            id: f.id.to_string(),
            flag: flag(f.severity, lang).to_string(),
            severity: f.severity,
            message: match lang {
                Lang::Sv => f.sv,
                Lang::En => f.en,
            }
            .to_string(),
            terms: term_captions(f.bt, sheet),
            location: f.location.clone(),
            target: Target {
                terms: f.bt.to_vec(),
                invoice_line: invoice_line_of(&f.location),
                source_line: f.position.line,
                source_column: f.position.column,
                party: party_of(&f.location),
            },
        })
        .collect();
    out.extend(read_findings.iter().map(|f| Row {
        id: finding_kind(f.kind).to_string(),
        flag: flag(Severity::Warning, lang).to_string(),
        severity: Severity::Warning,
        message: f.message.clone(),
        terms: String::new(),
        location: f.path.clone(),
        target: Target {
            terms: Vec::new(),
            invoice_line: invoice_line_of(&f.path),
            source_line: f.line,
            source_column: f.column,
            party: party_of(&f.path),
        },
    }));
    out
}

fn finding_kind(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::UnknownElement => "READ-UNKNOWN-ELEMENT",
        FindingKind::OutOfOrder => "READ-OUT-OF-ORDER",
        FindingKind::Repeated => "READ-REPEATED",
        FindingKind::InvalidValue => "READ-INVALID-VALUE",
        FindingKind::NotConverted => "READ-NOT-CONVERTED",
        _ => "READ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_blocks_are_found_in_xpaths() {
        let cases = [
            (
                "/Invoice/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID",
                Some("BG-4"),
            ),
            (
                "/Invoice/cac:AccountingCustomerParty/cac:Party",
                Some("BG-7"),
            ),
            (
                "/Invoice/cac:SellerParty/cac:Party/cac:PartyTaxScheme[2]",
                Some("BG-4"),
            ),
            ("/Invoice/cac:BuyerParty", Some("BG-7")),
            (
                "/Invoice/cac:PayeeParty/cac:PartyIdentification",
                Some("BG-10"),
            ),
            ("/Invoice/cac:Delivery/cac:DeliveryLocation", Some("BG-13")),
            ("/Invoice/cac:InvoiceLine[2]/cac:Item", None),
            ("/Invoice", None),
        ];
        for (xpath, expected) in cases {
            assert_eq!(party_of(xpath), expected, "{xpath}");
        }
    }

    #[test]
    fn invoice_lines_are_found_in_xpaths() {
        let cases = [
            ("/Invoice/cac:InvoiceLine[3]/cbc:ID", Some(3)),
            ("/Invoice/cac:InvoiceLine/cac:Item", Some(1)),
            ("/CreditNote/cac:CreditNoteLine[12]", Some(12)),
            ("/Invoice/InvoiceLine[2]", Some(2)),
            ("/Invoice/cac:AccountingSupplierParty", None),
            ("", None),
        ];
        for (xpath, expected) in cases {
            assert_eq!(invoice_line_of(xpath), expected, "{xpath}");
        }
    }
}
