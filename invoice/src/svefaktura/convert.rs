//! Svefaktura 1.0 → PEPPOL BIS Billing 3.0: completes a model read from Svefaktura with what
//! BIS 3 requires and Svefaktura cannot carry, following the SFTI mapping guide.
//!
//! * `CustomizationID` / `ProfileID` (BT-24, BT-23) are set to PEPPOL BIS Billing 3.0.
//! * Electronic addresses (BT-34, BT-49; PEPPOL-EN16931-R020/R010) come **only** from the supplied
//!   [`Registry`]; a party the registry does not know is reported, never guessed.
//! * BT-5 defaults to SEK (guide: the home currency of the issuer) only for a Swedish or
//!   country-less seller, and the default is reported.
//! * Totals: BT-109 is computed when absent (BT-106 − BT-107 + BT-108). Every BIS 3 total is then
//!   checked exactly (BR-CO-10, -11, -12, -13, -14, -15, -16). Svefaktura accepts ±0.50 on its
//!   totals (SFTI R-67/69/70), BIS 3 none: a stated total that differs from the exact figure by at
//!   most 0.50 is replaced by the exact figure, a larger difference is kept as stated; both are
//!   reported with the amounts, so no difference is ever hidden.
//! * VAT: a line without a VAT category takes the invoice's only category and rate (guide: the
//!   only derivable case); an invoice without any VAT information gets one BG-23 "not subject to
//!   VAT" (category O) as guide appendix 1 case 3 prescribes. Both are reported.
//! * Anything else BIS 3 requires that is missing (country codes, item names, quantities, units
//!   outside Rec 20, attachment objects without their ObjectEnvelope) is reported, not invented.

use rust_decimal::Decimal;

use crate::model::{
    CountryCode, CurrencyCode, Identifier, Invoice, LineVat, VatBreakdown, VatCategoryCode,
};
use crate::read::{Finding, FindingKind};

use super::read::OBJECT_URN;

/// `CustomizationID` of PEPPOL BIS Billing 3.0 (BT-24).
pub const PEPPOL_BIS3_CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// `ProfileID` of PEPPOL BIS Billing 3.0 (BT-23).
pub const PEPPOL_BIS3_PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// Svefaktura's tolerance on totals (SFTI ).
const TOLERANCE: Decimal = Decimal::from_parts(50, 0, 0, false, 2);

/// Electronic addresses (PEPPOL participant ids) of trading partners, keyed by what the
/// Svefaktura carries: organisation number, VAT number, party identifier or, last, the party's
/// name (useful for the receiving municipality itself, often named without any identifier).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    entries: Vec<(String, Partner)>,
}

/// What the registry knows about one trading partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// The PEPPOL electronic address (BT-34 / BT-49), with its EAS scheme.
    pub endpoint: Identifier,
    /// The partner's country (BT-40 / BT-55), for addresses that lack it.
    pub country: Option<String>,
}

/// A registry line that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("registry line {line}: {message}")]
pub struct RegistryError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase()
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds the electronic address `endpoint` for the party known by `key` (organisation number,
    /// VAT number, party identifier or name; compared without white space and hyphens,
    /// case-insensitively).
    pub fn insert(&mut self, key: &str, endpoint: Identifier, country: Option<&str>) {
        let partner = Partner {
            endpoint,
            country: country.map(str::to_string),
        };
        self.entries.push((normalise_key(key), partner));
    }

    /// Parses the text form: one entry per line, `KEY;SCHEME;ENDPOINT[;COUNTRY]` (`,` also
    /// separates), e.g. `556562-4223;0007;5565624223;SE`; empty lines and lines starting with `#`
    /// are skipped.
    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let mut registry = Registry::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split([';', ',']).map(str::trim).collect();
            match fields.as_slice() {
                [key, scheme, value, rest @ ..]
                    if !key.is_empty()
                        && !scheme.is_empty()
                        && !value.is_empty()
                        && rest.len() <= 1 =>
                {
                    let country = rest.first().copied().filter(|c| !c.is_empty());
                    registry.insert(key, Identifier::with_scheme(*value, *scheme), country);
                }
                _ => {
                    return Err(RegistryError {
                        line: i + 1,
                        message: format!("expected KEY;SCHEME;ENDPOINT[;COUNTRY], found `{line}`"),
                    });
                }
            }
        }
        Ok(registry)
    }

    /// The partner registered under the first of `keys` that the registry knows.
    pub fn lookup<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Option<&Partner> {
        keys.into_iter().find_map(|k| {
            let k = normalise_key(k);
            self.entries
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, e)| e)
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the registry has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The result of a conversion: the completed model and what was changed, derived or is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// The model, ready for [`crate::ubl::write_invoice`].
    pub invoice: Invoice,
    /// One finding per derived value, corrected total and missing requirement.
    pub findings: Vec<Finding>,
}

impl Conversion {
    /// True when something BIS 3 requires is still missing or a total differs beyond tolerance.
    pub fn is_complete(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::NotConverted)
    }
}

fn note(findings: &mut Vec<Finding>, kind: FindingKind, message: String) {
    findings.push(Finding::general(kind, message));
}

/// Completes `source` (read from Svefaktura 1.0) for PEPPOL BIS Billing 3.0. Findings of kind
/// [`FindingKind::NotConverted`] mean the result still lacks something BIS 3 requires; findings of
/// kind [`FindingKind::InvalidValue`] report a value that was derived or corrected.
pub fn convert(source: &Invoice, registry: &Registry) -> Conversion {
    let mut inv = source.clone();
    let mut findings = Vec::new();
    let f = &mut findings;
    inv.process.specification = Some(PEPPOL_BIS3_CUSTOMIZATION.to_string());
    inv.process.business_process = Some(PEPPOL_BIS3_PROFILE.to_string());

    endpoints(&mut inv, registry, f);
    countries(&mut inv, registry, f);
    delivery_country(&mut inv, f);
    if inv.currency.is_none() {
        let seller_country = inv
            .seller
            .address
            .as_ref()
            .and_then(|a| a.country.as_ref())
            .map(|c| c.as_str().to_string());
        if seller_country.as_deref().is_none_or(|c| c == "SE") {
            inv.currency = Some(CurrencyCode("SEK".into()));
            note(
                f,
                FindingKind::InvalidValue,
                "BT-5 invoice currency absent: SEK, the Swedish seller's home currency, was used"
                    .into(),
            );
        } else {
            note(
                f,
                FindingKind::NotConverted,
                "BT-5 invoice currency absent and the seller is not Swedish".into(),
            );
        }
    }
    vat(&mut inv, f);
    totals(&mut inv, f);
    lines(&inv, f);
    if inv.buyer_reference.is_none() && inv.purchase_order_reference.is_none() {
        note(
            f,
            FindingKind::NotConverted,
            "neither BT-10 buyer reference nor BT-13 order reference (PEPPOL-EN16931-R003)".into(),
        );
    }
    for doc in &inv.supporting_documents {
        if doc.attachment.is_none() && doc.reference.starts_with(OBJECT_URN) {
            note(
                f,
                FindingKind::NotConverted,
                format!(
                    "attachment {} is referenced but its ObjectEnvelope was not supplied",
                    doc.reference
                ),
            );
        }
    }
    Conversion {
        invoice: inv,
        findings,
    }
}

/// BT-80 deliver-to country (BR-57): when absent, the country of the buyer's or the seller's
/// address if the delivery address is that same address (street, post code and city agree);
/// else reported.
fn delivery_country(inv: &mut Invoice, f: &mut Vec<Finding>) {
    let same = |a: &crate::model::Address, b: &crate::model::Address| {
        a.line1 == b.line1 && a.post_code == b.post_code && a.city == b.city
    };
    let buyer = inv.buyer.address.clone();
    let seller = inv.seller.address.clone();
    let Some(address) = inv.delivery.as_mut().and_then(|d| d.address.as_mut()) else {
        return;
    };
    if address.country.is_some() {
        return;
    }
    let from = [("buyer", buyer), ("seller", seller)]
        .into_iter()
        .find_map(|(who, a)| {
            let a = a?;
            (same(address, &a) && a.country.is_some()).then_some((who, a.country?))
        });
    match from {
        Some((who, country)) => {
            note(
                f,
                FindingKind::InvalidValue,
                format!(
                    "BT-80 deliver-to country code absent: {country} taken from the {who}'s \
                     address, which is the same address"
                ),
            );
            address.country = Some(country);
        }
        None => note(
            f,
            FindingKind::NotConverted,
            "BT-80 deliver-to country code absent and not derivable (BR-57)".into(),
        ),
    }
}

/// The registry keys of the seller, most specific first.
fn seller_keys(inv: &Invoice) -> Vec<&str> {
    let s = &inv.seller;
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(s.legal_registration.iter().map(|i| i.value.as_str()));
    keys.extend(s.vat_id.as_deref());
    keys.extend(s.identifiers.iter().map(|i| i.value.as_str()));
    keys.extend(s.name.as_deref());
    keys
}

/// The registry keys of the buyer, most specific first.
fn buyer_keys(inv: &Invoice) -> Vec<&str> {
    let b = &inv.buyer;
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(b.legal_registration.iter().map(|i| i.value.as_str()));
    keys.extend(b.vat_id.as_deref());
    keys.extend(b.identifier.iter().map(|i| i.value.as_str()));
    keys.extend(b.name.as_deref());
    keys
}

/// Country codes (BT-40, BT-55) are mandatory in BIS 3: taken from a VAT number's prefix or from
/// the registry when absent, else reported.
fn countries(inv: &mut Invoice, registry: &Registry, f: &mut Vec<Finding>) {
    let prefix = |vat: Option<&str>| {
        vat.and_then(|v| v.get(..2))
            .filter(|p| crate::codes::is_country(p))
            .map(|p| (p.to_string(), "the VAT number"))
    };
    let listed = |keys: Vec<&str>| {
        registry
            .lookup(keys)
            .and_then(|p| p.country.clone())
            .map(|c| (c, "the registry"))
    };
    let seller = prefix(inv.seller.vat_id.as_deref()).or_else(|| listed(seller_keys(inv)));
    let buyer = prefix(inv.buyer.vat_id.as_deref()).or_else(|| listed(buyer_keys(inv)));
    for (who, bt, address, derived) in [
        ("seller", "BT-40", &mut inv.seller.address, seller),
        ("buyer", "BT-55", &mut inv.buyer.address, buyer),
    ] {
        let address = address.get_or_insert_with(Default::default);
        if address.country.is_some() {
            continue;
        }
        match derived {
            Some((cc, source)) => {
                note(
                    f,
                    FindingKind::InvalidValue,
                    format!("{bt} {who} country code absent: {cc} taken from {source}"),
                );
                address.country = Some(CountryCode(cc));
            }
            None => note(
                f,
                FindingKind::NotConverted,
                format!("{bt} {who} country code absent and not derivable"),
            ),
        }
    }
}

fn endpoints(inv: &mut Invoice, registry: &Registry, f: &mut Vec<Finding>) {
    if inv.seller.electronic_address.is_none() {
        match registry.lookup(seller_keys(inv)) {
            Some(p) => inv.seller.electronic_address = Some(p.endpoint.clone()),
            None => note(
                f,
                FindingKind::NotConverted,
                format!(
                    "BT-34 seller electronic address: {} is not in the registry \
                     (PEPPOL-EN16931-R020)",
                    party_label(
                        inv.seller.name.as_deref(),
                        inv.seller.legal_registration.as_ref()
                    )
                ),
            ),
        }
    }
    if inv.buyer.electronic_address.is_none() {
        match registry.lookup(buyer_keys(inv)) {
            Some(p) => inv.buyer.electronic_address = Some(p.endpoint.clone()),
            None => note(
                f,
                FindingKind::NotConverted,
                format!(
                    "BT-49 buyer electronic address: {} is not in the registry \
                     (PEPPOL-EN16931-R010)",
                    party_label(
                        inv.buyer.name.as_deref(),
                        inv.buyer.legal_registration.as_ref()
                    )
                ),
            ),
        }
    }
}

fn party_label(name: Option<&str>, reg: Option<&Identifier>) -> String {
    match (name, reg) {
        (Some(n), Some(r)) => format!("{n} ({})", r.value),
        (Some(n), None) => n.to_string(),
        (None, Some(r)) => r.value.clone(),
        (None, None) => "the party".to_string(),
    }
}

fn vat(inv: &mut Invoice, f: &mut Vec<Finding>) {
    let any_line_vat = inv.lines.iter().any(|l| l.vat.is_some());
    if inv.vat_breakdown.is_empty()
        && !any_line_vat
        && inv.totals.vat_total.unwrap_or_default().is_zero()
    {
        let taxable = inv
            .totals
            .tax_exclusive
            .or(inv.totals.line_net_total)
            .unwrap_or_default();
        inv.vat_breakdown.push(VatBreakdown {
            taxable_amount: Some(taxable),
            tax_amount: Some(Decimal::ZERO),
            category: Some(VatCategoryCode("O".into())),
            rate: None,
            exemption_reason: Some("Ej föremål för mervärdesskatt (ML är inte tillämplig)".into()),
            exemption_reason_code: Some("VATEX-EU-O".into()),
        });
        inv.totals.vat_total.get_or_insert(Decimal::ZERO);
        for line in &mut inv.lines {
            line.vat = Some(LineVat {
                category: Some(VatCategoryCode("O".into())),
                rate: None,
            });
        }
        note(
            f,
            FindingKind::InvalidValue,
            "no VAT information: one VAT breakdown 'not subject to VAT' (O) was created as the \
             SFTI mapping guide prescribes (appendix 1, case 3)"
                .into(),
        );
        return;
    }
    let single = match inv.vat_breakdown.as_slice() {
        [only] => Some((only.category.clone(), only.rate)),
        _ => None,
    };
    for line in &mut inv.lines {
        if line.vat.as_ref().is_some_and(|v| v.category.is_some()) {
            continue;
        }
        let id = line.id.clone().unwrap_or_default();
        match &single {
            Some((Some(category), rate)) => {
                line.vat = Some(LineVat {
                    category: Some(category.clone()),
                    rate: *rate,
                });
                note(
                    f,
                    FindingKind::InvalidValue,
                    format!(
                        "line {id}: BT-151 VAT category absent; the invoice's only category {} \
                         was used",
                        category.as_str()
                    ),
                );
            }
            _ => note(
                f,
                FindingKind::NotConverted,
                format!("line {id}: BT-151 VAT category absent and not derivable"),
            ),
        }
    }
    for b in &inv.vat_breakdown {
        let exempt = b.category.as_ref().is_some_and(|c| c.as_str() == "E");
        if exempt && b.exemption_reason.is_none() && b.exemption_reason_code.is_none() {
            note(
                f,
                FindingKind::NotConverted,
                "VAT category E without BT-120/BT-121 exemption reason (BR-E-10)".into(),
            );
        }
    }
}

/// Sets `stated` to `exact` when they differ by at most the Svefaktura tolerance, and reports
/// every difference.
fn settle(stated: &mut Option<Decimal>, exact: Decimal, what: &str, f: &mut Vec<Finding>) {
    match *stated {
        None => *stated = Some(exact),
        Some(s) if s == exact => {}
        Some(s) if (s - exact).abs() <= TOLERANCE => {
            note(
                f,
                FindingKind::InvalidValue,
                format!(
                    "{what}: stated {s}, exact {exact}; written as {exact} (difference {} within \
                     the Svefaktura tolerance of 0.50)",
                    s - exact
                ),
            );
            *stated = Some(exact);
        }
        Some(s) => note(
            f,
            FindingKind::NotConverted,
            format!(
                "{what}: stated {s}, exact {exact}; difference {} exceeds the Svefaktura \
                 tolerance and was kept",
                s - exact
            ),
        ),
    }
}

fn totals(inv: &mut Invoice, f: &mut Vec<Finding>) {
    let sum =
        |items: &mut dyn Iterator<Item = Option<Decimal>>| -> Decimal { items.flatten().sum() };
    let lines = sum(&mut inv.lines.iter().map(|l| l.net_amount));
    let allowances = sum(&mut inv.allowances.iter().map(|a| a.amount));
    let charges = sum(&mut inv.charges.iter().map(|a| a.amount));
    let t = &mut inv.totals;
    settle(
        &mut t.line_net_total,
        lines,
        "BT-106 sum of line net amounts (BR-CO-10)",
        f,
    );
    if !inv.allowances.is_empty() {
        settle(
            &mut t.allowance_total,
            allowances,
            "BT-107 sum of allowances (BR-CO-11)",
            f,
        );
    }
    if !inv.charges.is_empty() {
        settle(
            &mut t.charge_total,
            charges,
            "BT-108 sum of charges (BR-CO-12)",
            f,
        );
    }
    let net = t.line_net_total.unwrap_or_default() - t.allowance_total.unwrap_or_default()
        + t.charge_total.unwrap_or_default();
    settle(
        &mut t.tax_exclusive,
        net,
        "BT-109 total without VAT (BR-CO-13)",
        f,
    );
    let vat_sum: Decimal = inv.vat_breakdown.iter().filter_map(|b| b.tax_amount).sum();
    if !inv.vat_breakdown.is_empty() {
        settle(&mut t.vat_total, vat_sum, "BT-110 total VAT (BR-CO-14)", f);
    }
    let gross = t.tax_exclusive.unwrap_or_default() + t.vat_total.unwrap_or_default();
    settle(
        &mut t.tax_inclusive,
        gross,
        "BT-112 total with VAT (BR-CO-15)",
        f,
    );
    let due = t.tax_inclusive.unwrap_or_default() - t.paid.unwrap_or_default()
        + t.rounding.unwrap_or_default();
    settle(&mut t.amount_due, due, "BT-115 amount due (BR-CO-16)", f);
}

fn lines(inv: &Invoice, f: &mut Vec<Finding>) {
    for line in &inv.lines {
        let id = line.id.clone().unwrap_or_default();
        let mut missing = Vec::new();
        if line.item.name.is_none() {
            missing.push("BT-153 item name");
        }
        if line.quantity.is_none() {
            missing.push("BT-129 quantity");
        }
        if line.unit.is_none() {
            missing.push("BT-130 unit");
        }
        if line.price.as_ref().and_then(|p| p.net_price).is_none() {
            missing.push("BT-146 net price");
        }
        if !missing.is_empty() {
            note(
                f,
                FindingKind::NotConverted,
                format!("line {id}: {} absent in the Svefaktura", missing.join(", ")),
            );
        }
        if let Some(unit) = &line.unit
            && unit.known().is_none()
        {
            note(
                f,
                FindingKind::NotConverted,
                format!("line {id}: unit `{unit}` is not a UN/ECE Rec 20/21 code (BR-CL-23)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_parses_and_looks_up_normalised_keys() {
        let reg = Registry::parse(
            "# partners\n556562-4223;0007;5565624223\n\nSE5565624223 01 , 9955 , SE556562422301\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reg.len(), 2);
        assert_eq!(
            reg.lookup(["5565624223"]).map(|p| &p.endpoint),
            Some(&Identifier::with_scheme("5565624223", "0007"))
        );
        let with_country = Registry::parse("Kommunen;0088;7300010000001;SE").unwrap_or_default();
        assert_eq!(
            with_country
                .lookup(["kommunen"])
                .and_then(|p| p.country.as_deref()),
            Some("SE")
        );
        assert_eq!(
            reg.lookup(["nope", "se556562422301"])
                .map(|p| p.endpoint.value.as_str()),
            Some("SE556562422301")
        );
        let err = Registry::parse("ok;0007;1\nbroken line\n").expect_err("bad line");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn totals_within_tolerance_are_corrected_and_reported_beyond_are_kept() {
        let d = |s: &str| crate::read::parse_decimal(s);
        let mut f = Vec::new();
        let mut stated = d("100.30");
        settle(&mut stated, Decimal::from(100), "x", &mut f);
        assert_eq!(stated, d("100"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FindingKind::InvalidValue);
        let mut stated = d("101");
        settle(&mut stated, Decimal::from(100), "x", &mut f);
        assert_eq!(stated, d("101"));
        assert_eq!(f[1].kind, FindingKind::NotConverted);
        let mut absent = None;
        settle(&mut absent, Decimal::from(7), "x", &mut f);
        assert_eq!(absent, d("7"));
        assert_eq!(f.len(), 2);
    }
}
