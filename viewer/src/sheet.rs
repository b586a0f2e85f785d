//! The readable invoice: what the window (and the HTML export) shows, already formatted, built
//! from the EN 16931 model alone.
//!
//! A [`Sheet`] is laid out like a paper invoice: a title (invoice or credit note), the seller and
//! buyer blocks, the header fields (number, dates, references), the lines, the document level
//! allowances and charges, the VAT breakdown, the totals, the payment details and the notes. Every
//! shown value is a [`Field`] carrying the EN 16931 business term it shows (`BT-1`, …), so that a
//! validation finding naming a term can point at the place it concerns.
//!
//! Invariant: this module knows nothing of egui; it only reads the model and formats. Absent
//! terms are left out, never shown as empty or invented.

use digilyft_invoice::Format;
use digilyft_invoice::model::{
    Address, AllowanceCharge, Decimal, Identifier, Invoice, InvoiceLine, PaymentInstructions,
    VatCategory,
};

use crate::format;
use crate::i18n::{Lang, Tr, t};
use crate::units;

/// One shown value with its caption, its accessible name and the business term it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The caption shown beside or above the value.
    pub caption: String,
    /// The value as shown.
    pub value: String,
    /// The EN 16931 business term or group shown (`BT-1`, `BG-25`), for highlighting.
    pub term: &'static str,
    /// The name a screen reader announces (the caption, prefixed by its block where the caption
    /// alone would repeat, e.g. `Köpare: Organisationsnummer`).
    pub access_name: String,
}

/// A seller, buyer, payee, tax representative or delivery block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyBlock {
    /// The block's title (`Säljare`, `Köpare`, …).
    pub title: String,
    /// The business group of the block (`BG-4`, `BG-7`, …).
    pub group: &'static str,
    /// The name and the address lines, in postal order (name first).
    pub address: Vec<Field>,
    /// Identifiers and contact details.
    pub details: Vec<Field>,
}

/// One invoice line as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    /// 1-based position of the line in the document (for highlighting `InvoiceLine[n]`).
    pub position: usize,
    /// BT-126 line id.
    pub id: String,
    /// BT-153 item name (with the seller's item number, when given).
    pub item: String,
    /// BT-154 description, the line note and the period, each one line.
    pub details: Vec<String>,
    /// BT-129 quantity.
    pub quantity: String,
    /// BT-130 unit, by name.
    pub unit: String,
    /// BT-146 net price (per base quantity when one is given).
    pub price: String,
    /// BT-151/BT-152 VAT category and rate.
    pub vat: String,
    /// BT-131 line net amount.
    pub amount: String,
    /// Line allowances and charges, one line each.
    pub adjustments: Vec<String>,
}

/// One document level allowance or charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentRow {
    /// `Rabatt` or `Avgift`.
    pub kind: String,
    /// The reason (text and/or code).
    pub reason: String,
    /// The VAT category and rate it falls under.
    pub vat: String,
    /// The amount (with base and percentage when given).
    pub amount: String,
    /// True for a charge, false for an allowance.
    pub is_charge: bool,
}

/// One row of the VAT breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatRow {
    /// Category name and code, e.g. `Normalmoms (S)`.
    pub category: String,
    /// Rate, e.g. `25 %`.
    pub rate: String,
    /// Taxable amount.
    pub taxable: String,
    /// VAT amount.
    pub tax: String,
    /// Exemption reason (text and/or VATEX code).
    pub exemption: Option<String>,
}

/// One way to pay (one UBL `PaymentMeans`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentBlock {
    /// Fields in reading order: account (bankgiro, plusgiro, IBAN, …), BIC, reference, means.
    pub fields: Vec<Field>,
}

/// An attachment or referenced document, as listed (the content is shown by `attachments`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    /// Index into `Invoice::supporting_documents`.
    pub index: usize,
    /// File name, else the reference.
    pub title: String,
    /// Description, mime code and size, one line.
    pub summary: String,
    /// BT-124 external location, shown as text only.
    pub external: Option<String>,
    /// True when there is embedded content.
    pub embedded: bool,
}

/// The whole readable invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// `Faktura` or `Kreditnota` (with the type name when it is neither 380 nor 381).
    pub title: String,
    /// True for a credit note (UBL CreditNote or a credit note type code).
    pub is_credit_note: bool,
    /// Seller, buyer, then payee, tax representative and delivery when given.
    pub parties: Vec<PartyBlock>,
    /// Number, dates, references, currency, format.
    pub header: Vec<Field>,
    /// The lines.
    pub lines: Vec<LineRow>,
    /// Document level allowances and charges.
    pub adjustments: Vec<AdjustmentRow>,
    /// The VAT breakdown.
    pub vat: Vec<VatRow>,
    /// The totals, in EN 16931 order; the amount due last.
    pub totals: Vec<Field>,
    /// Payment terms and the ways to pay.
    pub payment_terms: Option<Field>,
    /// One block per way to pay.
    pub payments: Vec<PaymentBlock>,
    /// Invoice notes.
    pub notes: Vec<String>,
    /// Attachments and referenced documents.
    pub attachments: Vec<AttachmentRow>,
}

/// Builds the readable invoice from the model, in `lang`.
pub fn build(invoice: &Invoice, format: Format, lang: Lang) -> Sheet {
    let cur = invoice.currency.as_ref().map(|c| c.as_str().to_string());
    let money = |v: Option<Decimal>| v.map(|v| format::amount(v, cur.as_deref(), lang));
    let is_credit_note = invoice.is_credit_note();
    Sheet {
        title: title(invoice, lang),
        is_credit_note,
        parties: parties(invoice, lang),
        header: header(invoice, format, lang),
        lines: invoice
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| line(i + 1, l, cur.as_deref(), lang))
            .collect(),
        adjustments: invoice
            .allowances
            .iter()
            .map(|a| adjustment(a, false, cur.as_deref(), lang))
            .chain(
                invoice
                    .charges
                    .iter()
                    .map(|c| adjustment(c, true, cur.as_deref(), lang)),
            )
            .collect(),
        vat: invoice
            .vat_breakdown
            .iter()
            .map(|v| VatRow {
                category: vat_category(v.category.as_ref().map(|c| c.as_str()), lang),
                rate: v.rate.map(|r| format::percent(r, lang)).unwrap_or_default(),
                taxable: money(v.taxable_amount).unwrap_or_default(),
                tax: money(v.tax_amount).unwrap_or_default(),
                exemption: join_some(
                    [v.exemption_reason.clone(), v.exemption_reason_code.clone()],
                    " – ",
                ),
            })
            .collect(),
        totals: totals(invoice, &money, lang),
        payment_terms: invoice
            .payment_terms
            .as_ref()
            .map(|p| field(t::TERMS, p.clone(), "BT-20", lang)),
        payments: invoice
            .payment_instructions
            .iter()
            .map(|p| payment(p, invoice, lang))
            .collect(),
        notes: invoice
            .notes
            .iter()
            .map(|n| match &n.subject_code {
                Some(code) => format!("[{code}] {}", n.text),
                None => n.text.clone(),
            })
            .collect(),
        attachments: invoice
            .supporting_documents
            .iter()
            .enumerate()
            .map(|(index, d)| {
                let att = d.attachment.as_ref();
                let title = att
                    .and_then(|a| a.filename.clone())
                    .unwrap_or_else(|| d.reference.clone());
                let summary = [
                    d.description.clone(),
                    (!d.reference.is_empty() && att.and_then(|a| a.filename.as_ref()).is_some())
                        .then(|| d.reference.clone()),
                    att.and_then(|a| a.mime_code.clone()),
                    att.map(|a| format::size(a.content.len(), lang)),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
                AttachmentRow {
                    index,
                    title,
                    summary,
                    external: d.external_location.clone(),
                    embedded: att.is_some(),
                }
            })
            .collect(),
    }
}

fn field(caption: Tr, value: String, term: &'static str, lang: Lang) -> Field {
    Field {
        caption: caption.get(lang).to_string(),
        access_name: caption.get(lang).to_string(),
        value,
        term,
    }
}

fn join_some<const N: usize>(parts: [Option<String>; N], sep: &str) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(sep))
}

fn title(invoice: &Invoice, lang: Lang) -> String {
    let base = if invoice.is_credit_note() {
        t::CREDIT_NOTE
    } else {
        t::INVOICE
    };
    let code = invoice.type_code.as_ref().map(|c| c.as_str());
    match code {
        None | Some("380") | Some("381") => base.get(lang).to_string(),
        Some(code) => format!("{} ({})", base.get(lang), type_name(code, lang)),
    }
}

/// UNTDID 1001 names for the document types EN 16931 invoices use.
fn type_name(code: &str, lang: Lang) -> String {
    let name = match code {
        "380" => Some(Tr::new("Faktura", "Commercial invoice")),
        "381" => Some(Tr::new("Kreditnota", "Credit note")),
        "383" => Some(Tr::new("Debetnota", "Debit note")),
        "384" => Some(Tr::new("Rättad faktura", "Corrected invoice")),
        "386" => Some(Tr::new("Förskottsfaktura", "Prepayment invoice")),
        "389" => Some(Tr::new("Självfaktura", "Self-billed invoice")),
        "326" => Some(Tr::new("Delfaktura", "Partial invoice")),
        "393" => Some(Tr::new("Factoringfaktura", "Factored invoice")),
        "396" => Some(Tr::new("Factoringkreditnota", "Factored credit note")),
        "751" => Some(Tr::new(
            "Fakturainformation för bokföring",
            "Invoice information for accounting",
        )),
        _ => None,
    };
    match name {
        Some(n) => format!("{} {code}", n.get(lang)),
        None => code.to_string(),
    }
}

/// A VAT category as shown: its name and its code, e.g. `Omvänd betalningsskyldighet (AE)`.
pub fn vat_category(code: Option<&str>, lang: Lang) -> String {
    let Some(code) = code else {
        return String::new();
    };
    let name = VatCategory::parse(code).map(|c| match c {
        VatCategory::Standard => Tr::new("Normalmoms", "Standard rate"),
        VatCategory::ZeroRated => Tr::new("Nollskattesats", "Zero rated"),
        VatCategory::Exempt => Tr::new("Momsfri", "Exempt from VAT"),
        VatCategory::ReverseCharge => Tr::new("Omvänd betalningsskyldighet", "Reverse charge"),
        VatCategory::IntraCommunity => Tr::new("Unionsintern leverans", "Intra-community supply"),
        VatCategory::Export => Tr::new("Export utanför EU", "Export outside the EU"),
        VatCategory::OutsideScope => Tr::new(
            "Utanför momsens tillämpningsområde",
            "Outside the scope of VAT",
        ),
        VatCategory::CanaryIslands => Tr::new("IGIC (Kanarieöarna)", "IGIC (Canary Islands)"),
        VatCategory::CeutaMelilla => {
            Tr::new("IPSI (Ceuta och Melilla)", "IPSI (Ceuta and Melilla)")
        }
        VatCategory::Transferred => Tr::new("Överförd moms (Italien)", "Transferred VAT (Italy)"),
    });
    match name {
        Some(n) => format!("{} ({code})", n.get(lang)),
        None => code.to_string(),
    }
}

fn identifier(id: &Identifier) -> String {
    match id.scheme.as_deref() {
        // 0007: Swedish organisationsnummer, written NNNNNN-NNNN.
        Some("0007") if id.value.len() == 10 && id.value.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}", &id.value[..6], &id.value[6..])
        }
        Some(scheme) => format!("{} ({scheme})", id.value),
        None => id.value.clone(),
    }
}

fn address_lines(a: &Address, group: &'static str, block: &str, lang: Lang) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |v: &Option<String>, term: &'static str| {
        if let Some(v) = v {
            out.push(Field {
                caption: t::ADDRESS.get(lang).to_string(),
                value: v.clone(),
                term,
                access_name: format!("{block}: {}", t::ADDRESS.get(lang)),
            });
        }
    };
    let terms: [&'static str; 5] = match group {
        "BG-4" => ["BT-35", "BT-36", "BT-162", "BT-37", "BT-40"],
        "BG-7" => ["BT-50", "BT-51", "BT-163", "BT-52", "BT-55"],
        "BG-11" => ["BT-64", "BT-65", "BT-164", "BT-66", "BT-69"],
        _ => ["BT-75", "BT-76", "BT-165", "BT-77", "BT-80"],
    };
    push(&a.line1, terms[0]);
    push(&a.line2, terms[1]);
    push(&a.line3, terms[2]);
    let city = join_some([a.post_code.clone(), a.city.clone()], " ");
    push(&city, terms[3]);
    let country = join_some(
        [
            a.subdivision.clone(),
            a.country.as_ref().map(|c| c.as_str().to_string()),
        ],
        ", ",
    );
    push(&country, terms[4]);
    out
}

struct PartyBuilder {
    block: PartyBlock,
    lang: Lang,
}

impl PartyBuilder {
    fn new(title: Tr, group: &'static str, lang: Lang) -> PartyBuilder {
        PartyBuilder {
            block: PartyBlock {
                title: title.get(lang).to_string(),
                group,
                address: Vec::new(),
                details: Vec::new(),
            },
            lang,
        }
    }

    fn name(&mut self, value: Option<&String>, term: &'static str) {
        if let Some(v) = value {
            self.block.address.push(Field {
                caption: self.block.title.clone(),
                value: v.clone(),
                term,
                access_name: self.block.title.clone(),
            });
        }
    }

    fn address(&mut self, a: Option<&Address>) {
        if let Some(a) = a {
            let lines = address_lines(a, self.block.group, &self.block.title, self.lang);
            self.block.address.extend(lines);
        }
    }

    fn detail(&mut self, caption: Tr, value: Option<String>, term: &'static str) {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let caption = caption.get(self.lang);
            self.block.details.push(Field {
                caption: caption.to_string(),
                value: v,
                term,
                access_name: format!("{}: {caption}", self.block.title),
            });
        }
    }

    fn contact(&mut self, c: Option<&digilyft_invoice::model::Contact>, terms: [&'static str; 3]) {
        if let Some(c) = c {
            self.detail(t::CONTACT, c.name.clone(), terms[0]);
            self.detail(t::PHONE, c.telephone.clone(), terms[1]);
            self.detail(t::EMAIL, c.email.clone(), terms[2]);
        }
    }
}

fn legal_caption(id: &Identifier) -> Tr {
    if id.scheme.as_deref() == Some("0007") {
        t::ORG_NUMBER
    } else {
        t::LEGAL_ID
    }
}

fn parties(inv: &Invoice, lang: Lang) -> Vec<PartyBlock> {
    let mut out = Vec::new();
    let s = &inv.seller;
    let mut p = PartyBuilder::new(t::SELLER, "BG-4", lang);
    p.name(s.name.as_ref().or(s.trading_name.as_ref()), "BT-27");
    p.address(s.address.as_ref());
    if s.name.is_some() {
        p.detail(
            t::TRADING_NAME,
            s.trading_name
                .clone()
                .filter(|n| Some(n) != s.name.as_ref()),
            "BT-28",
        );
    }
    if let Some(id) = &s.legal_registration {
        p.detail(legal_caption(id), Some(identifier(id)), "BT-30");
    }
    p.detail(t::VAT_ID, s.vat_id.clone(), "BT-31");
    p.detail(
        t::TAX_REGISTRATION,
        s.tax_registration.as_ref().map(|i| i.value.clone()),
        "BT-32",
    );
    p.detail(t::LEGAL_INFO, s.additional_legal_info.clone(), "BT-33");
    for id in s
        .identifiers
        .iter()
        .filter(|i| i.scheme.as_deref() != Some("SEPA"))
    {
        p.detail(t::PARTY_ID, Some(identifier(id)), "BT-29");
    }
    p.detail(
        t::ELECTRONIC_ADDRESS,
        s.electronic_address.as_ref().map(identifier),
        "BT-34",
    );
    p.contact(s.contact.as_ref(), ["BT-41", "BT-42", "BT-43"]);
    out.push(p.block);

    let b = &inv.buyer;
    let mut p = PartyBuilder::new(t::BUYER, "BG-7", lang);
    p.name(b.name.as_ref().or(b.trading_name.as_ref()), "BT-44");
    p.address(b.address.as_ref());
    if b.name.is_some() {
        p.detail(
            t::TRADING_NAME,
            b.trading_name
                .clone()
                .filter(|n| Some(n) != b.name.as_ref()),
            "BT-45",
        );
    }
    if let Some(id) = &b.legal_registration {
        p.detail(legal_caption(id), Some(identifier(id)), "BT-47");
    }
    p.detail(t::VAT_ID, b.vat_id.clone(), "BT-48");
    p.detail(t::PARTY_ID, b.identifier.as_ref().map(identifier), "BT-46");
    p.detail(
        t::ELECTRONIC_ADDRESS,
        b.electronic_address.as_ref().map(identifier),
        "BT-49",
    );
    p.contact(b.contact.as_ref(), ["BT-56", "BT-57", "BT-58"]);
    out.push(p.block);

    if let Some(payee) = &inv.payee {
        let mut p = PartyBuilder::new(t::PAYEE, "BG-10", lang);
        p.name(payee.name.as_ref(), "BT-59");
        for id in payee
            .identifiers
            .iter()
            .filter(|i| i.scheme.as_deref() != Some("SEPA"))
        {
            p.detail(t::PARTY_ID, Some(identifier(id)), "BT-60");
        }
        if let Some(id) = &payee.legal_registration {
            p.detail(legal_caption(id), Some(identifier(id)), "BT-61");
        }
        out.push(p.block);
    }
    if let Some(rep) = &inv.tax_representative {
        let mut p = PartyBuilder::new(t::TAX_REPRESENTATIVE, "BG-11", lang);
        p.name(rep.name.as_ref(), "BT-62");
        p.address(rep.address.as_ref());
        p.detail(t::VAT_ID, rep.vat_id.clone(), "BT-63");
        out.push(p.block);
    }
    if let Some(d) = &inv.delivery {
        let mut p = PartyBuilder::new(t::DELIVERY, "BG-13", lang);
        p.name(d.party_name.as_ref(), "BT-70");
        p.address(d.address.as_ref());
        p.detail(
            t::DELIVERY_DATE,
            d.actual_date.map(|x| format::date(x, lang)),
            "BT-72",
        );
        p.detail(t::LOCATION, d.location.as_ref().map(identifier), "BT-71");
        if !p.block.address.is_empty() || !p.block.details.is_empty() {
            out.push(p.block);
        }
    }
    out
}

fn header(inv: &Invoice, format: Format, lang: Lang) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |caption: Tr, value: Option<String>, term: &'static str| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push(field(caption, v, term, lang));
        }
    };
    let number_caption = if inv.is_credit_note() {
        t::CREDIT_NUMBER
    } else {
        t::NUMBER
    };
    let date = |d: Option<digilyft_invoice::model::NaiveDate>| d.map(|d| format::date(d, lang));
    push(number_caption, inv.number.clone(), "BT-1");
    push(t::ISSUE_DATE, date(inv.issue_date), "BT-2");
    push(t::DUE_DATE, date(inv.due_date), "BT-9");
    push(
        t::TYPE,
        inv.type_code.as_ref().map(|c| type_name(c.as_str(), lang)),
        "BT-3",
    );
    push(
        t::CURRENCY,
        inv.currency.as_ref().map(|c| c.as_str().to_string()),
        "BT-5",
    );
    push(
        t::TAX_CURRENCY,
        inv.tax_currency.as_ref().map(|c| c.as_str().to_string()),
        "BT-6",
    );
    push(t::TAX_POINT_DATE, date(inv.tax_point_date), "BT-7");
    if let Some(p) = &inv.invoicing_period {
        let range = join_some([date(p.start), date(p.end)], " – ");
        push(t::PERIOD, range, "BG-14");
    }
    push(t::BUYER_REFERENCE, inv.buyer_reference.clone(), "BT-10");
    push(t::ORDER, inv.purchase_order_reference.clone(), "BT-13");
    push(t::SALES_ORDER, inv.sales_order_reference.clone(), "BT-14");
    push(t::CONTRACT, inv.contract_reference.clone(), "BT-12");
    push(t::PROJECT, inv.project_reference.clone(), "BT-11");
    push(
        t::RECEIVING_ADVICE,
        inv.receiving_advice_reference.clone(),
        "BT-15",
    );
    push(
        t::DESPATCH_ADVICE,
        inv.despatch_advice_reference.clone(),
        "BT-16",
    );
    push(t::TENDER, inv.tender_or_lot_reference.clone(), "BT-17");
    push(
        t::INVOICED_OBJECT,
        inv.invoiced_object.as_ref().map(identifier),
        "BT-18",
    );
    push(
        t::ACCOUNTING,
        inv.buyer_accounting_reference.clone(),
        "BT-19",
    );
    for p in &inv.preceding_invoices {
        let v = join_some([Some(p.reference.clone()), date(p.issue_date)], ", ");
        push(t::PRECEDING, v, "BT-25");
    }
    let format_name = match format {
        Format::PeppolBis3 => "PEPPOL BIS Billing 3.0 (UBL 2.1)",
        Format::Svefaktura1 => "Svefaktura 1.0",
        _ => format.name(),
    };
    push(t::FORMAT, Some(format_name.to_string()), "BT-24");
    out
}

fn line(position: usize, l: &InvoiceLine, cur: Option<&str>, lang: Lang) -> LineRow {
    let price = l.price.as_ref();
    let unit_of = |u: Option<&digilyft_invoice::model::UnitCode>| {
        u.map(|u| units::unit_label(u.as_str(), lang))
            .unwrap_or_default()
    };
    let mut price_text = price
        .and_then(|p| p.net_price)
        .map(|p| format::amount(p, cur, lang))
        .unwrap_or_default();
    if let Some(p) = price
        && let Some(base) = p.base_quantity
        && base != Decimal::ONE
    {
        let unit = unit_of(p.base_quantity_unit.as_ref().or(l.unit.as_ref()));
        price_text = format!(
            "{price_text} {} {} {unit}",
            t::PER.get(lang),
            format::number(base, lang)
        );
    }
    let mut details = Vec::new();
    if let Some(d) = &l.item.description
        && Some(d) != l.item.name.as_ref()
    {
        details.push(d.clone());
    }
    if let Some(n) = &l.note {
        details.push(n.clone());
    }
    if let Some(p) = &l.period {
        let range = join_some(
            [
                p.start.map(|d| format::date(d, lang)),
                p.end.map(|d| format::date(d, lang)),
            ],
            " – ",
        );
        if let Some(r) = range {
            details.push(format!("{}: {r}", t::PERIOD.get(lang)));
        }
    }
    if let Some(p) = price
        && let Some(gross) = p.gross_price
    {
        details.push(format!(
            "{}: {}",
            t::GROSS_PRICE.get(lang),
            format::amount(gross, cur, lang)
        ));
    }
    let item = match (&l.item.name, &l.item.sellers_id) {
        (Some(name), Some(id)) => format!("{name} ({} {id})", t::ARTICLE_NUMBER.get(lang)),
        (Some(name), None) => name.clone(),
        (None, Some(id)) => format!("{} {id}", t::ARTICLE_NUMBER.get(lang)),
        (None, None) => String::new(),
    };
    let adjust = |a: &digilyft_invoice::model::LineAllowanceCharge, kind: Tr| {
        let reason = join_some([a.reason.clone(), a.reason_code.clone()], " – ");
        let pct = a.percentage.map(|p| format::percent(p, lang));
        let amount = a.amount.map(|v| format::amount(v, cur, lang));
        format!(
            "{}{}: {}",
            kind.get(lang),
            reason.map(|r| format!(" ({r})")).unwrap_or_default(),
            join_some([amount, pct], ", ").unwrap_or_default()
        )
    };
    let mut adjustments: Vec<String> = l
        .allowances
        .iter()
        .map(|a| adjust(a, t::LINE_DISCOUNT))
        .collect();
    adjustments.extend(l.charges.iter().map(|c| adjust(c, t::LINE_CHARGE)));
    LineRow {
        position,
        id: l.id.clone().unwrap_or_default(),
        item,
        details,
        quantity: l
            .quantity
            .map(|q| format::number(q, lang))
            .unwrap_or_default(),
        unit: unit_of(l.unit.as_ref()),
        price: price_text,
        vat: l
            .vat
            .as_ref()
            .map(|v| {
                let cat = v.category.as_ref().map(|c| c.as_str().to_string());
                let rate = v.rate.map(|r| format::percent(r, lang));
                join_some([cat, rate], " ").unwrap_or_default()
            })
            .unwrap_or_default(),
        amount: l
            .net_amount
            .map(|a| format::amount(a, cur, lang))
            .unwrap_or_default(),
        adjustments,
    }
}

fn adjustment(
    a: &AllowanceCharge,
    is_charge: bool,
    cur: Option<&str>,
    lang: Lang,
) -> AdjustmentRow {
    let amount = a.amount.map(|v| format::amount(v, cur, lang));
    let basis = match (a.percentage, a.base_amount) {
        (Some(p), Some(b)) => Some(format!(
            "{} × {}",
            format::percent(p, lang),
            format::amount(b, cur, lang)
        )),
        (Some(p), None) => Some(format::percent(p, lang)),
        _ => None,
    };
    AdjustmentRow {
        kind: if is_charge { t::CHARGE } else { t::ALLOWANCE }
            .get(lang)
            .to_string(),
        reason: join_some([a.reason.clone(), a.reason_code.clone()], " – ").unwrap_or_default(),
        vat: join_some(
            [
                Some(vat_category(
                    a.vat_category.as_ref().map(|c| c.as_str()),
                    lang,
                )),
                a.vat_rate.map(|r| format::percent(r, lang)),
            ],
            " ",
        )
        .unwrap_or_default(),
        amount: join_some([amount, basis.map(|b| format!("({b})"))], " ").unwrap_or_default(),
        is_charge,
    }
}

fn totals(
    inv: &Invoice,
    money: &dyn Fn(Option<Decimal>) -> Option<String>,
    lang: Lang,
) -> Vec<Field> {
    let tt = &inv.totals;
    let due = if inv.is_credit_note() {
        t::AMOUNT_CREDITED
    } else {
        t::AMOUNT_DUE
    };
    let accounting = tt
        .vat_total_accounting
        .map(|v| format::amount(v, inv.tax_currency.as_ref().map(|c| c.as_str()), lang));
    [
        (t::LINE_TOTAL, money(tt.line_net_total), "BT-106"),
        (t::ALLOWANCE_TOTAL, money(tt.allowance_total), "BT-107"),
        (t::CHARGE_TOTAL, money(tt.charge_total), "BT-108"),
        (t::TAX_EXCLUSIVE, money(tt.tax_exclusive), "BT-109"),
        (t::VAT_TOTAL, money(tt.vat_total), "BT-110"),
        (t::VAT_TOTAL_ACCOUNTING, accounting, "BT-111"),
        (t::TAX_INCLUSIVE, money(tt.tax_inclusive), "BT-112"),
        (t::PAID, money(tt.paid), "BT-113"),
        (t::ROUNDING, money(tt.rounding), "BT-114"),
        (due, money(tt.amount_due), "BT-115"),
    ]
    .into_iter()
    .filter_map(|(caption, value, term)| value.map(|v| field(caption, v, term, lang)))
    .collect()
}

/// How a payment account is written, from the payment means code and the service provider id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// Bankgiro (`SE:BANKGIRO`, or the old means code 56).
    Bankgiro,
    /// Plusgiro (`SE:PLUSGIRO`, or the old means code 50).
    Plusgiro,
    /// An IBAN-shaped account.
    Iban,
    /// Anything else, shown as given.
    Other,
}

/// Decides how to write a BG-17 account.
pub fn account_kind(means: Option<&str>, provider: Option<&str>, account: &str) -> AccountKind {
    let provider = provider.map(|p| p.trim().to_ascii_uppercase());
    match (provider.as_deref(), means) {
        (Some("SE:BANKGIRO"), _) | (_, Some("56")) => AccountKind::Bankgiro,
        (Some("SE:PLUSGIRO"), _) | (_, Some("50")) => AccountKind::Plusgiro,
        _ if format::looks_like_iban(account) => AccountKind::Iban,
        _ => AccountKind::Other,
    }
}

fn payment(p: &PaymentInstructions, inv: &Invoice, lang: Lang) -> PaymentBlock {
    let mut fields = Vec::new();
    let means = p.means_code.as_ref().map(|c| c.as_str());
    if let Some(ct) = &p.credit_transfer {
        if let Some(account) = &ct.account_id {
            let provider = ct.service_provider_id.as_deref();
            let (caption, value) = match account_kind(means, provider, account) {
                AccountKind::Bankgiro => (t::BANKGIRO, format::bankgiro(account)),
                AccountKind::Plusgiro => (t::PLUSGIRO, format::plusgiro(account)),
                AccountKind::Iban => (t::IBAN, format::iban(account)),
                AccountKind::Other => (t::ACCOUNT, account.clone()),
            };
            fields.push(field(caption, value, "BT-84", lang));
            let is_clearing = provider.is_some_and(|p| p.to_ascii_uppercase().starts_with("SE:"));
            if let Some(bic) = provider.filter(|_| !is_clearing) {
                fields.push(field(t::BIC, bic.to_string(), "BT-86", lang));
            }
        }
        if let Some(name) = &ct.account_name {
            fields.push(field(t::ACCOUNT_NAME, name.clone(), "BT-85", lang));
        }
    }
    if let Some(r) = &p.remittance_information {
        fields.push(field(t::REFERENCE_OCR, r.clone(), "BT-83", lang));
    }
    let means_name = means.map(|code| {
        let name = p
            .means_text
            .clone()
            .or_else(|| means_name(code, lang).map(str::to_string));
        match name {
            Some(n) => format!("{n} ({code})"),
            None => code.to_string(),
        }
    });
    if let Some(m) = means_name {
        fields.push(field(t::MEANS, m, "BT-81", lang));
    }
    if let Some(card) = &p.card {
        let v = join_some(
            [
                card.primary_account_number.clone(),
                card.holder_name.clone(),
            ],
            ", ",
        );
        if let Some(v) = v {
            fields.push(field(t::CARD, v, "BG-18", lang));
        }
    }
    if let Some(dd) = &p.direct_debit {
        if let Some(m) = &dd.mandate_reference {
            fields.push(field(t::MANDATE, m.clone(), "BT-89", lang));
        }
        if let Some(a) = &dd.debited_account {
            fields.push(field(t::DEBITED_ACCOUNT, format::iban(a), "BT-91", lang));
        }
        if let Some(c) = inv.bank_assigned_creditor_id() {
            fields.push(field(t::CREDITOR_ID, c.to_string(), "BT-90", lang));
        }
    }
    PaymentBlock { fields }
}

/// UNCL 4461 names for the payment means Swedish and PEPPOL invoices use.
fn means_name(code: &str, lang: Lang) -> Option<&'static str> {
    let tr = match code {
        "1" => Tr::new("Ej angivet", "Not defined"),
        "10" => Tr::new("Kontant", "In cash"),
        "20" => Tr::new("Check", "Cheque"),
        "30" => Tr::new("Kontoöverföring", "Credit transfer"),
        "31" => Tr::new("Internationell överföring", "Debit transfer"),
        "42" => Tr::new("Betalning till bankkonto", "Payment to bank account"),
        "48" => Tr::new("Kortbetalning", "Bank card"),
        "49" => Tr::new("Autogiro", "Direct debit"),
        "50" => Tr::new("Plusgiro", "Payment by postgiro"),
        "54" => Tr::new("Kreditkort", "Credit card"),
        "55" => Tr::new("Betalkort", "Debit card"),
        "56" => Tr::new("Bankgiro", "Bankgiro"),
        "57" => Tr::new("Stående överenskommelse", "Standing agreement"),
        "58" => Tr::new("SEPA-överföring", "SEPA credit transfer"),
        "59" => Tr::new("SEPA-autogiro", "SEPA direct debit"),
        "97" => Tr::new("Avräkning mellan parterna", "Clearing between partners"),
        "ZZZ" => Tr::new("Enligt överenskommelse", "Mutually defined"),
        _ => return None,
    };
    Some(tr.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_kind_follows_provider_then_means_then_shape() {
        let cases = [
            (
                Some("30"),
                Some("SE:BANKGIRO"),
                "1234567",
                AccountKind::Bankgiro,
            ),
            (
                Some("30"),
                Some("se:plusgiro"),
                "9020019",
                AccountKind::Plusgiro,
            ),
            (Some("56"), None, "1234567", AccountKind::Bankgiro),
            (Some("50"), None, "9020019", AccountKind::Plusgiro),
            (
                Some("58"),
                Some("ESSESESS"),
                "SE4550000000058398257466",
                AccountKind::Iban,
            ),
            (Some("30"), None, "12345678901", AccountKind::Other),
        ];
        for (means, provider, account, expected) in cases {
            assert_eq!(
                account_kind(means, provider, account),
                expected,
                "{account}"
            );
        }
    }

    #[test]
    fn vat_categories_have_names_and_keep_their_code() {
        assert_eq!(
            vat_category(Some("AE"), Lang::Sv),
            "Omvänd betalningsskyldighet (AE)"
        );
        assert_eq!(vat_category(Some("S"), Lang::En), "Standard rate (S)");
        assert_eq!(vat_category(Some("Q"), Lang::Sv), "Q");
        assert_eq!(vat_category(None, Lang::Sv), "");
    }

    #[test]
    fn swedish_organisation_numbers_get_their_hyphen() {
        assert_eq!(
            identifier(&Identifier::with_scheme("5565624223", "0007")),
            "556562-4223"
        );
        assert_eq!(
            identifier(&Identifier::with_scheme("7300010000001", "0088")),
            "7300010000001 (0088)"
        );
        assert_eq!(identifier(&Identifier::new("abc")), "abc");
    }
}
