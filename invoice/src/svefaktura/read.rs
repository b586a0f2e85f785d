//! Reads a Svefaktura 1.0 `Invoice` into the EN 16931 model, following the SFTI mapping guide
//! (see the module documentation of [`super`]).

use crate::model::{
    Address, Buyer, Contact, CountryCode, CreditTransfer, CurrencyCode, Delivery, DocumentKind,
    Identifier, Invoice, InvoiceLine, InvoiceTypeCode, Item, LineAllowanceCharge, LineVat, Note,
    Payee, PaymentInstructions, PaymentMeansCode, Period, PrecedingInvoice, PriceDetails, Seller,
    SupportingDocument, UnitCode, VatBreakdown, VatCategoryCode,
};
use crate::model::{AllowanceCharge, Decimal};
use crate::read::{Finding, FindingKind, Values, attr};
use crate::xml::{Element, ns};

use super::units::unit_code;

const ROOT: &str = ns::SFTI_INVOICE;
const CAC: &str = ns::SFTI_CAC;
const CBC: &str = ns::UBL1_CBC;

/// The prefix of an ATS reference that points into an ObjectEnvelope.
pub(crate) const OBJECT_URN: &str = "urn:sfti:documents:object:";

/// Texts that EN 16931 has no term for and that the guide places in the invoice note (BT-22).
struct Extra {
    header: Vec<String>,
}

/// Reads the Svefaktura `Invoice` element `root` into the model, appending findings.
pub fn read_invoice(root: Element<'_>, findings: &mut Vec<Finding>) -> Invoice {
    super::schema::check(root, findings);
    let mut v = Values { findings };
    let mut extra = Extra { header: Vec::new() };
    let mut inv = Invoice::default();
    let own = |name: &str| root.child(ROOT, name);

    inv.number = v.text(own("ID"));
    inv.issue_date = v.date(root.child(CBC, "IssueDate"));
    inv.type_code = v.text(own("InvoiceTypeCode")).map(InvoiceTypeCode);
    if inv.type_code.as_ref().is_some_and(|c| c.as_str() == "381") {
        inv.document = DocumentKind::CreditNote;
    }
    let note = v.text(root.child(CBC, "Note"));
    inv.tax_point_date = v.date(own("TaxPointDate"));
    inv.currency = v
        .text(own("InvoiceCurrencyCode"))
        .or_else(|| {
            root.descend(&[(CAC, "LegalTotal"), (CBC, "TaxInclusiveTotalAmount")])
                .and_then(|a| attr(a, "amountCurrencyID"))
        })
        .map(CurrencyCode);
    inv.tax_currency = v.text(own("TaxCurrencyCode")).map(CurrencyCode);

    for adr in root.children_named(ROOT, "AdditionalDocumentReference") {
        read_document_reference(&mut v, adr, &mut inv);
    }
    if let Some(p) = root.descend(&[(CAC, "BuyerParty"), (CAC, "Party")]) {
        inv.buyer = read_buyer(&mut v, p, &mut extra);
    }
    if let Some(sp) = root.child(CAC, "SellerParty") {
        inv.seller = read_seller(&mut v, sp, &mut extra);
    }
    if let Some(d) = root.child(CAC, "Delivery") {
        inv.delivery = Some(read_delivery(&mut v, d, &mut extra));
    }
    read_payment_means(&mut v, root, &mut inv);
    if let Some(terms) = root.child(CAC, "PaymentTerms") {
        let mut text = v.text(terms.child(CBC, "Note"));
        if let Some(p) = v.text(terms.child(CBC, "PenaltySurchargePercent")) {
            let penalty = format!("Dröjsmålsränta {p} %");
            text = Some(match text {
                Some(t) => format!("{t}. {penalty}"),
                None => penalty,
            });
        }
        inv.payment_terms = text;
    }
    for ac in root.children_named(ROOT, "AllowanceCharge") {
        read_allowance_charge(&mut v, ac, &mut inv);
    }
    if let Some(rate) = root.child(CAC, "ExchangeRate") {
        extra.header.push(exchange_rate_text(&v, rate));
    }
    read_tax_totals(&mut v, root, &mut inv);
    if let Some(t) = root.child(CAC, "LegalTotal") {
        inv.totals.line_net_total = v.decimal(t.child(CBC, "LineExtensionTotalAmount"));
        inv.totals.tax_exclusive = v.decimal(t.child(CBC, "TaxExclusiveTotalAmount"));
        // Guide: TaxInclusiveTotalAmount is the amount to pay, round-off included; it maps to
        // BT-115, and to BT-112 once the round-off (BT-114) is taken out again.
        let to_pay = v.decimal(t.child(CBC, "TaxInclusiveTotalAmount"));
        inv.totals.rounding = v.decimal(t.child(CAC, "RoundOffAmount"));
        inv.totals.amount_due = to_pay;
        inv.totals.tax_inclusive = to_pay.map(|p| p - inv.totals.rounding.unwrap_or_default());
    }
    // Guide: BT-107 / BT-108 are created whenever there are document allowances / charges.
    let sum = |items: &[AllowanceCharge]| -> Option<Decimal> {
        (!items.is_empty()).then(|| items.iter().filter_map(|a| a.amount).sum())
    };
    inv.totals.allowance_total = sum(&inv.allowances);
    inv.totals.charge_total = sum(&inv.charges);
    for line in root.children_named(CAC, "InvoiceLine") {
        let l = read_line(&mut v, line, &mut inv);
        inv.lines.push(l);
    }
    let mut requisitions = root
        .children_named(ROOT, "RequisitionistDocumentReference")
        .filter_map(|r| v.text(r.child(CAC, "ID")));
    inv.buyer_reference = requisitions.next();
    inv.buyer_accounting_reference = requisitions.next();
    for r in root.children_named(ROOT, "InitialInvoiceDocumentReference") {
        if let Some(reference) = v.text(r.child(CAC, "ID")) {
            inv.preceding_invoices.push(PrecedingInvoice {
                reference,
                issue_date: None,
            });
        }
    }
    if let Some(terms) = root
        .child(CAC, "DeliveryTerms")
        .and_then(|t| v.text(t.child(CBC, "SpecialTerms")))
    {
        extra.header.push(format!("Leveransvillkor: {terms}"));
    }
    if let Some(p) = own("InvoicingPeriod") {
        let start = p.child(CBC, "StartDateTime");
        let end = p.child(CBC, "EndDateTime");
        let period = Period {
            start: v.date(start),
            end: v.date(end),
        };
        for (label, e) in [("Fakturaperiod från", start), ("Fakturaperiod till", end)] {
            if let Some(t) = time_of_day(&v, e) {
                extra.header.push(format!("{label}: {t}"));
            }
        }
        if period != Period::default() {
            inv.invoicing_period = Some(period);
        }
    }

    let mut text = note.unwrap_or_default();
    for e in extra.header {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&e);
    }
    if !text.is_empty() {
        inv.notes.push(Note {
            subject_code: None,
            text,
        });
    }
    inv
}

/// The full date-time text when its time of day is not midnight (the guide puts it in a note).
fn time_of_day(v: &Values<'_>, e: Option<Element<'_>>) -> Option<String> {
    let t = v.text(e)?;
    let time = t.get(11..)?;
    (!time.starts_with("00:00:00")).then_some(t)
}

fn read_document_reference(v: &mut Values<'_>, adr: Element<'_>, inv: &mut Invoice) {
    let Some(id) = adr.child(CAC, "ID") else {
        return;
    };
    let Some(value) = v.text(Some(id)) else {
        return;
    };
    match attr(id, "identificationSchemeID").as_deref() {
        Some("CT") if inv.contract_reference.is_none() => inv.contract_reference = Some(value),
        Some("ACD") if inv.invoiced_object.is_none() => {
            inv.invoiced_object = Some(Identifier::new(value))
        }
        Some("DQ") => inv.supporting_documents.push(SupportingDocument {
            reference: value,
            description: Some("Följesedel".into()),
            ..SupportingDocument::default()
        }),
        Some("ATS") if value.starts_with("http://") || value.starts_with("https://") => {
            inv.supporting_documents.push(SupportingDocument {
                reference: value.clone(),
                external_location: Some(value),
                ..SupportingDocument::default()
            })
        }
        Some("ATS") => inv.supporting_documents.push(SupportingDocument {
            reference: value,
            ..SupportingDocument::default()
        }),
        other => v.findings.push(Finding::at(
            FindingKind::NotConverted,
            adr,
            format!(
                "document reference `{value}` with scheme {} has no EN 16931 mapping (SFTI \
                 publishes CT, ACD, DQ and ATS); it was left out",
                other.unwrap_or("(none)")
            ),
        )),
    }
}

/// Party names: `PartyName/Name` repetitions joined; the registration name (if it differs) is the
/// legal name and the party name becomes the trading name (guide: BT-27/BT-28, BT-44/BT-45).
fn names(v: &Values<'_>, p: Element<'_>) -> (Option<String>, Option<String>) {
    let party_name: Vec<String> = p
        .child(CAC, "PartyName")
        .map(|n| {
            n.children_named(CBC, "Name")
                .filter_map(|x| v.text(Some(x)))
                .collect()
        })
        .unwrap_or_default();
    let party_name = (!party_name.is_empty()).then(|| party_name.join(" "));
    let registration = p
        .children_named(CAC, "PartyTaxScheme")
        .find_map(|t| v.text(t.child(CBC, "RegistrationName")));
    match (registration, party_name) {
        (Some(r), Some(n)) if r != n => (Some(r), Some(n)),
        (Some(r), _) => (Some(r), None),
        (None, n) => (n, None),
    }
}

/// An SFTI party or address identifier; agency 9 (GS1) means GLN, scheme 0088.
fn sfti_id(v: &Values<'_>, e: Option<Element<'_>>) -> Option<Identifier> {
    let e = e?;
    let value = v.text(Some(e))?;
    let scheme = match attr(e, "identificationSchemeAgencyID").as_deref() {
        Some("9") => Some("0088".to_string()),
        _ => None,
    };
    Some(Identifier { value, scheme })
}

/// An organisation number with scheme 0007 when it has the Swedish form (10 digits, optionally
/// with a hyphen after the sixth).
fn org_number(value: String) -> Identifier {
    let digits: String = value.chars().filter(|c| *c != '-').collect();
    let swedish = digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit());
    Identifier {
        scheme: swedish.then(|| "0007".to_string()),
        value,
    }
}

struct TaxSchemes {
    vat: Option<String>,
    org: Option<Identifier>,
    f_tax: bool,
    seat: Option<String>,
}

fn tax_schemes(v: &Values<'_>, p: Element<'_>) -> TaxSchemes {
    let mut out = TaxSchemes {
        vat: None,
        org: None,
        f_tax: false,
        seat: None,
    };
    for ts in p.children_named(CAC, "PartyTaxScheme") {
        let scheme = ts
            .child(CAC, "TaxScheme")
            .and_then(|s| v.text(s.child(CAC, "ID")));
        let company = v.text(ts.child(CAC, "CompanyID"));
        match scheme.as_deref() {
            Some("VAT") => out.vat = out.vat.take().or(company),
            Some("SWT") => {
                out.org = out.org.take().or(company.map(org_number));
                let reason = v.text(ts.child(CBC, "ExemptionReason")).unwrap_or_default();
                out.f_tax |= reason.to_lowercase().contains("f-skatt");
                if let Some(a) = ts.child(CAC, "RegistrationAddress") {
                    let city = v.text(a.child(CBC, "CityName"));
                    let country = a
                        .child(CAC, "Country")
                        .and_then(|c| v.text(c.child(CAC, "IdentificationCode")));
                    out.seat = match (city, country) {
                        (Some(c), Some(cc)) => Some(format!("Säte {c}, {cc}")),
                        (Some(c), None) => Some(format!("Säte {c}")),
                        (None, Some(cc)) => Some(format!("Säte {cc}")),
                        (None, None) => None,
                    };
                }
            }
            _ => {}
        }
    }
    out
}

/// Address per guide appendix 3: Postbox → line 2, StreetName → line 1, Department → line 3;
/// text lines fill line 3 (or 2) after a semi-structured address, or lines 1–3 on their own.
/// The address `ID` is returned separately (BT-71 for delivery, a note for the parties).
fn address(v: &Values<'_>, a: Element<'_>) -> (Address, Option<Identifier>) {
    let mut out = Address {
        line1: v.text(a.child(CBC, "StreetName")),
        line2: v.text(a.child(CBC, "Postbox")),
        line3: v.text(a.child(CBC, "Department")),
        city: v.text(a.child(CBC, "CityName")),
        post_code: v.text(a.child(CBC, "PostalZone")),
        subdivision: None,
        country: a
            .child(CAC, "Country")
            .and_then(|c| v.text(c.child(CAC, "IdentificationCode")))
            .map(CountryCode),
    };
    let lines: Vec<String> = a
        .children_named(CAC, "AddressLine")
        .flat_map(|l| l.children().filter(|c| c.is(CBC, "Line")))
        .filter_map(|l| v.text(Some(l)))
        .collect();
    let structured = out.line1.is_some() || out.line2.is_some() || out.line3.is_some();
    for line in lines {
        let slots: [&mut Option<String>; 3] = if structured {
            [&mut out.line3, &mut out.line2, &mut out.line1]
        } else {
            [&mut out.line1, &mut out.line2, &mut out.line3]
        };
        if let Some(slot) = slots.into_iter().find(|s| s.is_none()) {
            *slot = Some(line);
        } else if let Some(last) = out.line3.as_mut() {
            last.push_str(", ");
            last.push_str(&line);
        }
    }
    (out, sfti_id(v, a.child(CAC, "ID")))
}

/// Contact, with a telefax number returned for the note.
fn contact(v: &Values<'_>, c: Element<'_>) -> (Contact, Option<String>) {
    (
        Contact {
            name: v.text(c.child(CBC, "Name")),
            telephone: v.text(c.child(CBC, "Telephone")),
            email: v.text(c.child(CBC, "ElectronicMail")),
        },
        v.text(c.child(CBC, "Telefax")),
    )
}

fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}, {b}")),
        (a, b) => a.or(b),
    }
}

fn read_seller(v: &mut Values<'_>, sp: Element<'_>, extra: &mut Extra) -> Seller {
    let mut seller = Seller::default();
    let accounts = sp.child(CAC, "AccountsContact").map(|c| contact(v, c));
    let Some(p) = sp.child(CAC, "Party") else {
        seller.contact = accounts.map(|(c, _)| c);
        return seller;
    };
    (seller.name, seller.trading_name) = names(v, p);
    seller.identifiers = p
        .children_named(CAC, "PartyIdentification")
        .filter_map(|i| sfti_id(v, i.child(CAC, "ID")))
        .collect();
    let tax = tax_schemes(v, p);
    seller.vat_id = tax.vat;
    seller.legal_registration = tax.org;
    if tax.f_tax {
        seller.tax_registration = Some(Identifier::with_scheme("Godkänd för F-skatt", "TAX"));
    }
    seller.additional_legal_info = tax.seat;
    if let Some(a) = p.child(CAC, "Address") {
        let (address, id) = address(v, a);
        seller.address = Some(address);
        if let Some(id) = id {
            extra
                .header
                .push(format!("Säljarens adress-id: {}", id.value));
        }
    }
    let own = p.child(CAC, "Contact").map(|c| contact(v, c));
    if let Some((_, Some(fax))) = &own {
        extra.header.push(format!("Säljarens fax: {fax}"));
    }
    seller.contact = match (own, accounts) {
        (Some((a, _)), Some((b, _))) => Some(Contact {
            name: join(a.name, b.name),
            telephone: join(a.telephone, b.telephone),
            email: join(a.email, b.email),
        }),
        (a, b) => a.or(b).map(|(c, _)| c),
    };
    seller
}

fn read_buyer(v: &mut Values<'_>, p: Element<'_>, extra: &mut Extra) -> Buyer {
    let mut buyer = Buyer::default();
    (buyer.name, buyer.trading_name) = names(v, p);
    let mut ids = p.children_named(CAC, "PartyIdentification");
    buyer.identifier = ids.next().and_then(|i| sfti_id(v, i.child(CAC, "ID")));
    for more in ids {
        if let Some(id) = sfti_id(v, more.child(CAC, "ID")) {
            extra.header.push(format!("Köparens id: {}", id.value));
        }
    }
    let tax = tax_schemes(v, p);
    buyer.vat_id = tax.vat;
    buyer.legal_registration = tax.org;
    if let Some(a) = p.child(CAC, "Address") {
        let (address, id) = address(v, a);
        buyer.address = Some(address);
        if let Some(id) = id {
            extra
                .header
                .push(format!("Köparens adress-id: {}", id.value));
        }
    }
    if let Some(c) = p.child(CAC, "Contact") {
        let (c, fax) = contact(v, c);
        buyer.contact = Some(c);
        if let Some(fax) = fax {
            extra.header.push(format!("Köparens fax: {fax}"));
        }
    }
    buyer
}

fn read_delivery(v: &mut Values<'_>, d: Element<'_>, extra: &mut Extra) -> Delivery {
    let when = d.child(CBC, "ActualDeliveryDateTime");
    if let Some(t) = time_of_day(v, when) {
        extra.header.push(format!("Leveranstidpunkt: {t}"));
    }
    let mut delivery = Delivery {
        actual_date: v.date(when),
        ..Delivery::default()
    };
    if let Some(a) = d.child(CAC, "DeliveryAddress") {
        let (address, id) = address(v, a);
        delivery.address = Some(address);
        delivery.location = id;
    }
    delivery
}

/// Up to three `PaymentMeans` (guide appendix 2): each account is a credit transfer, code 30
/// (58 when every account is a foreign IBAN); bankgiro and plusgiro BICs become the clearing
/// codes `SE:BANKGIRO` / `SE:PLUSGIRO`; the first due date is BT-9, the first payee name BG-10.
fn read_payment_means(v: &mut Values<'_>, root: Element<'_>, inv: &mut Invoice) {
    let means: Vec<Element<'_>> = root.children_named(CAC, "PaymentMeans").collect();
    let accounts: Vec<Option<String>> = means
        .iter()
        .map(|pm| {
            pm.child(CAC, "PayeeFinancialAccount")
                .and_then(|a| v.text(a.child(CAC, "ID")))
        })
        .collect();
    let foreign_iban = |a: &str| {
        a.len() > 4
            && a.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
            && a.as_bytes()[2..4].iter().all(u8::is_ascii_digit)
            && !a.starts_with("SE")
    };
    let sepa =
        accounts.iter().flatten().count() > 0 && accounts.iter().flatten().all(|a| foreign_iban(a));
    for (pm, account_id) in means.iter().zip(accounts) {
        let due = pm.child(CBC, "DuePaymentDate");
        match (inv.due_date, v.date(due)) {
            (None, d) => inv.due_date = d,
            (Some(first), Some(d)) if first != d => {
                if let Some(e) = due {
                    v.findings.push(Finding::at(
                        FindingKind::NotConverted,
                        e,
                        format!(
                            "due date {d} differs from the first one ({first}); BT-9 keeps {first}"
                        ),
                    ));
                }
            }
            _ => {}
        }
        if inv.payee.is_none()
            && let Some(name) = pm
                .child(CAC, "PayeePartyName")
                .and_then(|n| v.text(n.child(CBC, "Name")))
        {
            inv.payee = Some(Payee {
                name: Some(name),
                ..Payee::default()
            });
        }
        let account = pm.child(CAC, "PayeeFinancialAccount");
        let bic = account
            .and_then(|a| {
                a.descend(&[
                    (CAC, "FinancialInstitutionBranch"),
                    (CAC, "FinancialInstitution"),
                    (CAC, "ID"),
                ])
            })
            .and_then(|b| v.text(Some(b)));
        let provider = bic.map(|b| match b.as_str() {
            "BGABSESS" => "SE:BANKGIRO".to_string(),
            "PGSISESS" => "SE:PLUSGIRO".to_string(),
            _ => b,
        });
        let given_code = v.text(pm.child(CAC, "PaymentMeansTypeCode"));
        let code = match (&account_id, sepa) {
            (Some(_), true) => Some("58".to_string()),
            (Some(_), false) => Some("30".to_string()),
            (None, _) => given_code,
        };
        inv.payment_instructions.push(PaymentInstructions {
            means_code: code.map(PaymentMeansCode),
            means_text: None,
            remittance_information: account
                .and_then(|a| v.text(a.child(CAC, "PaymentInstructionID"))),
            credit_transfer: account.map(|_| CreditTransfer {
                account_id,
                account_name: None,
                service_provider_id: provider,
            }),
            card: None,
            direct_debit: None,
        });
    }
}

/// A header allowance or charge; `ReasonCode/@name` is the reason text, the code itself is kept
/// only when it is a valid UNTDID 5189 (allowance) or 7161 (charge) code other than `ZZZ`.
fn read_allowance_charge(v: &mut Values<'_>, ac: Element<'_>, inv: &mut Invoice) {
    let is_charge = v.boolean(ac.child(CBC, "ChargeIndicator")).unwrap_or(false);
    let reason_el = ac.child(CAC, "ReasonCode");
    let code = v.text(reason_el).filter(|c| c != "ZZZ").filter(|c| {
        if is_charge {
            crate::codes::is_charge_reason(c)
        } else {
            crate::codes::is_allowance_reason(c)
        }
    });
    let tax = ac.child(CAC, "TaxCategory");
    let item = AllowanceCharge {
        amount: v.decimal(ac.child(CBC, "Amount")),
        base_amount: v.decimal(ac.child(CAC, "AllowanceChargeBaseAmount")),
        percentage: v.decimal(ac.child(CBC, "MultiplierFactorNumeric")),
        vat_category: tax
            .and_then(|t| v.text(t.child(CAC, "ID")))
            .map(VatCategoryCode),
        vat_rate: tax.and_then(|t| v.decimal(t.child(CBC, "Percent"))),
        reason: reason_el.and_then(|r| attr(r, "name")),
        reason_code: code,
    };
    if is_charge {
        inv.charges.push(item);
    } else {
        inv.allowances.push(item);
    }
}

fn exchange_rate_text(v: &Values<'_>, rate: Element<'_>) -> String {
    let get = |ns: &str, name: &str| v.text(rate.child(ns, name)).unwrap_or_default();
    let mut text = format!(
        "Växelkurs {} → {}: {}",
        get(CAC, "SourceCurrencyCode"),
        get(CAC, "TargetCurrencyCode"),
        get(CBC, "CalculationRate")
    );
    let date = get(CBC, "Date");
    if !date.is_empty() {
        text.push_str(&format!(" ({date})"));
    }
    text
}

/// `TaxTotal` → BT-110 and BG-23; `TaxCurrencyTaxAmount` of the subtotals summed → BT-111.
fn read_tax_totals(v: &mut Values<'_>, root: Element<'_>, inv: &mut Invoice) {
    let mut tax_currency_total: Option<Decimal> = None;
    for tt in root.children_named(CAC, "TaxTotal") {
        let total = v.decimal(tt.child(CBC, "TotalTaxAmount"));
        inv.totals.vat_total = match (inv.totals.vat_total, total) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        for st in tt.children_named(CAC, "TaxSubTotal") {
            let cat = st.child(CAC, "TaxCategory");
            inv.vat_breakdown.push(VatBreakdown {
                taxable_amount: v.decimal(st.child(CBC, "TaxableAmount")),
                tax_amount: v.decimal(st.child(CBC, "TaxAmount")),
                category: cat
                    .and_then(|c| v.text(c.child(CAC, "ID")))
                    .map(VatCategoryCode),
                rate: cat.and_then(|c| v.decimal(c.child(CBC, "Percent"))),
                exemption_reason: cat.and_then(|c| v.text(c.child(CBC, "ExemptionReason"))),
                exemption_reason_code: None,
            });
            if let Some(amount) = v.decimal(st.child(CAC, "TaxCurrencyTaxAmount")) {
                tax_currency_total = Some(tax_currency_total.unwrap_or_default() + amount);
            }
        }
    }
    inv.totals.vat_total_accounting = tax_currency_total;
}

fn read_line(v: &mut Values<'_>, l: Element<'_>, inv: &mut Invoice) -> InvoiceLine {
    let quantity = l.child(CBC, "InvoicedQuantity");
    let mut notes: Vec<String> = v.text(l.child(CBC, "Note")).into_iter().collect();
    let mut line = InvoiceLine {
        id: v.text(l.child(CAC, "ID")),
        quantity: v.decimal(quantity),
        unit: quantity.and_then(|q| unit(v, q)),
        net_amount: v.decimal(l.child(CBC, "LineExtensionAmount")),
        ..InvoiceLine::default()
    };
    if let Some(r) = l.child(CAC, "OrderLineReference") {
        line.order_line_reference = v.text(r.child(CAC, "BuyersLineID"));
        if let Some(order) = r
            .child(CAC, "OrderReference")
            .and_then(|o| v.text(o.child(CAC, "BuyersID")))
        {
            match &inv.purchase_order_reference {
                None => inv.purchase_order_reference = Some(order),
                Some(first) if *first != order => notes.push(format!("Order: {order}")),
                Some(_) => {}
            }
        }
    }
    if let Some(r) = l.child(CAC, "DespatchLineReference") {
        let doc = r
            .child(CAC, "DocumentReference")
            .and_then(|d| v.text(d.child(CAC, "ID")));
        let line_id = v.text(r.child(CAC, "LineID"));
        let text = match (doc, line_id) {
            (Some(d), Some(l)) => Some(format!("Följesedel {d}, rad {l}")),
            (Some(d), None) => Some(format!("Följesedel {d}")),
            (None, Some(l)) => Some(format!("Följesedelsrad {l}")),
            (None, None) => None,
        };
        notes.extend(text);
    }
    if let Some(when) = l
        .child(CAC, "Delivery")
        .and_then(|d| v.text(d.child(CBC, "ActualDeliveryDateTime")))
    {
        notes.push(format!(
            "Leveransdatum: {}",
            when.strip_suffix("T00:00:00").unwrap_or(&when)
        ));
    }
    for ac in l.children_named(CAC, "AllowanceCharge") {
        let item = LineAllowanceCharge {
            amount: v.decimal(ac.child(CBC, "Amount")),
            base_amount: v.decimal(ac.child(CAC, "AllowanceChargeBaseAmount")),
            ..LineAllowanceCharge::default()
        };
        if v.boolean(ac.child(CBC, "ChargeIndicator")).unwrap_or(false) {
            line.charges.push(item);
        } else {
            line.allowances.push(item);
        }
    }
    if let Some(item) = l.child(CAC, "Item") {
        let id_of = |v: &Values<'_>, name: &str| {
            item.child(CAC, name)
                .and_then(|i| v.text(i.child(CAC, "ID")))
        };
        line.item = Item {
            name: v.text(item.child(CBC, "Description")),
            sellers_id: id_of(v, "SellersItemIdentification"),
            buyers_id: id_of(v, "BuyersItemIdentification"),
            standard_id: item
                .child(CAC, "StandardItemIdentification")
                .and_then(|s| s.child(CAC, "ID"))
                .and_then(|id| {
                    let gtin = attr(id, "identificationSchemeID").as_deref() == Some("9");
                    Some(Identifier {
                        value: v.text(Some(id))?,
                        scheme: gtin.then(|| "0160".to_string()),
                    })
                }),
            ..Item::default()
        };
        line.vat = item.child(CAC, "TaxCategory").map(|c| LineVat {
            category: v.text(c.child(CAC, "ID")).map(VatCategoryCode),
            rate: v.decimal(c.child(CBC, "Percent")),
        });
        if let Some(price) = item.child(CAC, "BasePrice") {
            let base = price.child(CBC, "BaseQuantity");
            line.price = Some(PriceDetails {
                net_price: v.decimal(price.child(CBC, "PriceAmount")),
                base_quantity: v.decimal(base),
                base_quantity_unit: base.and_then(|b| unit(v, b)),
                ..PriceDetails::default()
            });
        }
    }
    if !notes.is_empty() {
        line.note = Some(notes.join("\n"));
    }
    line
}

/// The unit of a quantity: its free-text `quantityUnitCode` mapped to Rec 20/21 when the meaning
/// is known; otherwise kept as given, with a finding.
fn unit(v: &mut Values<'_>, q: Element<'_>) -> Option<UnitCode> {
    let given = attr(q, "quantityUnitCode")?;
    match unit_code(&given) {
        Some(code) => Some(UnitCode(code.to_string())),
        None => {
            v.findings.push(Finding::at(
                FindingKind::NotConverted,
                q,
                format!("unit `{given}` has no known UN/ECE Rec 20 code; kept as given"),
            ));
            Some(UnitCode(given))
        }
    }
}
