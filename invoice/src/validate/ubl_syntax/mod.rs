//! UBL syntax rules of the CEN EN 16931 UBL binding: `UBL-SR-*` cardinalities (fatal), `UBL-DT-*`
//! data types (DT-01/06/07 fatal, the attribute bans warnings) and the `UBL-CR-*` "should not
//! include" rules ([`forbidden`]; warnings except the fatal UBL-CR-666 and UBL-CR-673).
//!
//! All these rules live in one Schematron pattern, `UBL-syntax`, whose contexts never overlap
//! except for `cac:AllowanceCharge[cbc:ChargeIndicator = false()]` before `[… = true()]`: an
//! allowance-charge whose indicators read both ways is judged by UBL-SR-30 only.
//!
//! Releases: UBL-SR-54/55/56 exist only in CEN 1.3.16 and UBL-CR-631 only in 1.3.14.1 (the
//! release lists in `ruleset.rs` drop them); UBL-SR-23 and UBL-CR-674 changed their test, and
//! their checks ask [`Sink::release`] which text applies.
//!
//! Speed: one pass over the document ([`SyntaxIndex`]) collects every context element and marks
//! every forbidden path found, so the ~760 rules together cost one tree walk. The index is shared
//! through [`Ctx::memo`]: built once per validation run.

mod forbidden;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::{Rc, Weak};
use std::sync::OnceLock;

use super::vat_categories::SameUri;
use super::xpath::{self, select};
use super::{Ctx, RuleDef, RuleSetId, Severity, Sink};
use crate::xml::{Element, ns};

// ---------------------------------------------------------------------------------------------
// Compiled forbidden paths
// ---------------------------------------------------------------------------------------------

/// A predicate some `UBL-CR` paths put on their `cac:AdditionalDocumentReference` step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pred {
    /// `[cbc:DocumentTypeCode != '130' or not(cbc:DocumentTypeCode)]`
    NotInvoiceObject,
    /// `[cbc:DocumentTypeCode = '130']`
    InvoiceObject,
}

impl Pred {
    fn holds(self, e: Element<'_>) -> bool {
        let mut codes = e
            .children()
            .filter(|c| c.is(ns::CBC, "DocumentTypeCode"))
            .peekable();
        match self {
            Pred::NotInvoiceObject => {
                codes.peek().is_none() || codes.any(|c| c.string_value() != "130")
            }
            Pred::InvoiceObject => codes.any(|c| c.string_value() == "130"),
        }
    }
}

/// One child step of a path.
#[derive(Debug, Clone, Copy)]
struct Step {
    ns: Uri,
    local: &'static str,
    pred: Option<Pred>,
}

/// A forbidden path compiled for matching from its last element upwards.
#[derive(Debug)]
struct Pattern {
    /// What a match does.
    target: Target,
    /// `//…`: the first step may be anywhere; otherwise it is a child of the root.
    anywhere: bool,
    steps: Vec<Step>,
    /// A final `@name` step.
    attr: Option<&'static str>,
}

/// What a matching pattern records.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// Marks a `UBL-CR` row (`forbidden::TABLE.len()` for the 1.3.14.1 UBL-CR-674 text).
    Row(usize),
    /// Counts a match of `COUNTED[k]`.
    Count(usize),
}

/// Root-relative paths whose number of matches the document-level `UBL-SR` rules compare.
const COUNTED: [&str; 22] = [
    "cac:ContractDocumentReference/cbc:ID",
    "cac:ReceiptDocumentReference/cbc:ID",
    "cac:DespatchDocumentReference/cbc:ID",
    "cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID",
    "cac:PaymentTerms/cbc:Note",
    "cac:InvoicePeriod",
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name",
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm",
    "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID",
    "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
    "cac:Delivery",
    "cac:ProjectReference/cbc:ID",
    "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name",
    "cac:PaymentMeans/cbc:PaymentDueDate",
    "cac:PaymentMeans/cbc:PaymentMeansCode/@name",
    "cac:InvoicePeriod/cbc:DescriptionCode",
    "cac:PaymentMeans/cac:CardAccount",
    "cac:PaymentMeans/cac:PaymentMandate",
    "cac:OriginatorDocumentReference/cbc:ID",
];

/// A fast hash for the short element names used as keys.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    /// Mixes the length and the first and last eight bytes: constant time, and distinct enough
    /// for the few hundred element names of the table.
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(w)
        };
        let head = word(&bytes[..n.min(8)]);
        let tail = word(&bytes[n.saturating_sub(8)..]);
        let h = (self.0 ^ head ^ (n as u64).rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = (h ^ tail).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Every forbidden path, compiled.
struct Compiled {
    patterns: Vec<Pattern>,
    /// Patterns by the local name of their last element step.
    /// Patterns of two or more element steps by their last two local names; single-step
    /// root-anchored patterns under the key `("", name)`.
    by_pair: FastMap<(&'static str, &'static str), Vec<usize>>,
    /// The few single-step `//name` and `//name/@attr` patterns.
    singles: Vec<usize>,
    /// Rows of the attribute-only paths `//@name`, by attribute name (one today).
    attr_only: Vec<(&'static str, Vec<usize>)>,
}

/// The three namespaces the paths use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Uri {
    Cac,
    Cbc,
    Ext,
}

fn prefix_ns(prefix: &str) -> Option<Uri> {
    match prefix {
        "cac" => Some(Uri::Cac),
        "cbc" => Some(Uri::Cbc),
        "ext" => Some(Uri::Ext),
        _ => None,
    }
}

/// Recognises the three namespaces of one document by address after the first comparison.
struct Uris<'d> {
    cac: SameUri<'d>,
    cbc: SameUri<'d>,
    ext: SameUri<'d>,
}

impl<'d> Uris<'d> {
    fn new() -> Uris<'d> {
        Uris {
            cac: SameUri::new(ns::CAC),
            cbc: SameUri::new(ns::CBC),
            ext: SameUri::new(ns::EXT),
        }
    }

    fn kind(&mut self, uri: &'d str) -> Option<Uri> {
        if self.cbc.is(uri) {
            Some(Uri::Cbc)
        } else if self.cac.is(uri) {
            Some(Uri::Cac)
        } else if self.ext.is(uri) {
            Some(Uri::Ext)
        } else {
            None
        }
    }

    fn is(&mut self, e: Element<'d>, ns: Uri, local: &str) -> bool {
        e.local_name() == local && self.kind(e.namespace()) == Some(ns)
    }
}

fn parse_step(step: &'static str) -> Option<Step> {
    let (name, pred) = match step.split_once('[') {
        Some((name, rest)) => {
            let pred = match rest.trim_end_matches(']').trim() {
                "cbc:DocumentTypeCode != '130' or not(cbc:DocumentTypeCode)" => {
                    Pred::NotInvoiceObject
                }
                "cbc:DocumentTypeCode = '130'" | "cbc:DocumentTypeCode  = '130'" => {
                    Pred::InvoiceObject
                }
                _ => return None,
            };
            (name, Some(pred))
        }
        None => (step, None),
    };
    let (prefix, local) = name.split_once(':')?;
    Some(Step {
        ns: prefix_ns(prefix)?,
        local,
        pred,
    })
}

/// Compiles one path into one or two patterns (a leading union gives two). `None` for a syntax
/// this matcher does not know (a test guards that every row compiles).
fn compile(target: Target, path: &'static str) -> Option<Vec<Pattern>> {
    let (anywhere, rest) = match path.strip_prefix("//") {
        Some(rest) => (true, rest),
        None => (false, path),
    };
    let (firsts, rest): (Vec<&'static str>, &'static str) = match rest.strip_prefix('(') {
        Some(r) => {
            let (alts, tail) = r.split_once(")/")?;
            (alts.split('|').collect(), tail)
        }
        None => (vec![""], rest),
    };
    let mut out = Vec::new();
    for first in firsts {
        let mut steps = Vec::new();
        if !first.is_empty() {
            steps.push(parse_step(first)?);
        }
        let mut attr = None;
        for part in split_steps(rest) {
            if let Some(a) = part.strip_prefix('@') {
                attr = Some(a);
            } else {
                steps.push(parse_step(part)?);
            }
        }
        out.push(Pattern {
            target,
            anywhere,
            steps,
            attr,
        });
    }
    Some(out)
}

/// Splits a path at the `/` that are not inside a predicate.
fn split_steps(path: &'static str) -> Vec<&'static str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => {
                parts.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&path[start..]);
    parts
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let rows = forbidden::TABLE
            .iter()
            .map(|r| r.path)
            .chain(std::iter::once(forbidden::CR_674_CEN_1_3_14_1));
        let mut patterns = Vec::new();
        for (row, path) in rows.enumerate() {
            // A path that does not compile simply marks nothing; `every_forbidden_path_compiles`
            // keeps the table honest.
            patterns.extend(compile(Target::Row(row), path).unwrap_or_default());
        }
        for (k, path) in COUNTED.iter().enumerate() {
            patterns.extend(compile(Target::Count(k), path).unwrap_or_default());
        }
        let mut by_pair: FastMap<(&'static str, &'static str), Vec<usize>> = FastMap::default();
        let mut singles = Vec::new();
        let mut attr_only: Vec<(&'static str, Vec<usize>)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            match (p.steps.last(), p.attr) {
                (Some(last), _) => match p.steps.len() {
                    1 if p.anywhere => singles.push(i),
                    1 => by_pair.entry(("", last.local)).or_default().push(i),
                    n => by_pair
                        .entry((p.steps[n - 2].local, last.local))
                        .or_default()
                        .push(i),
                },
                (None, Some(a)) => {
                    if let Target::Row(row) = p.target {
                        match attr_only.iter_mut().find(|(n, _)| *n == a) {
                            Some((_, rows)) => rows.push(row),
                            None => attr_only.push((a, vec![row])),
                        }
                    }
                }
                (None, None) => {}
            }
        }
        Compiled {
            patterns,
            by_pair,
            singles,
            attr_only,
        }
    })
}

/// Whether `e` (already known to match the last step's name) completes pattern `p`.
fn completes<'d>(p: &Pattern, e: Element<'d>, root: Element<'d>, uris: &mut Uris<'d>) -> bool {
    let Some((last, before)) = p.steps.split_last() else {
        return false;
    };
    if uris.kind(e.namespace()) != Some(last.ns) || last.pred.is_some_and(|pr| !pr.holds(e)) {
        return false;
    }
    if let Some(a) = p.attr
        && e.attr(a).is_none()
    {
        return false;
    }
    let mut at = e;
    for step in before.iter().rev() {
        if at.id() <= root.id() {
            return false;
        }
        let Some(parent) = at.parent() else {
            return false;
        };
        if !uris.is(parent, step.ns, step.local) || step.pred.is_some_and(|pr| !pr.holds(parent)) {
            return false;
        }
        at = parent;
    }
    if p.anywhere {
        at.id() >= root.id()
    } else {
        at.parent() == Some(root)
    }
}

// ---------------------------------------------------------------------------------------------
// Per-document index
// ---------------------------------------------------------------------------------------------

/// The attribute names banned by UBL-DT-08…28 (except DT-18, `name`, which has its own test), in
/// the order of `banned_index` (which the rules use; this list keeps the test honest).
#[cfg(test)]
const BANNED_ATTRIBUTES: [&str; 20] = [
    "schemeName",
    "schemeAgencyName",
    "schemeDataURI",
    "schemeURI",
    "format",
    "unitCodeListIdentifier",
    "unitCodeListAgencyIdentifier",
    "unitCodeListAgencyName",
    "listAgencyName",
    "listName",
    "languageID",
    "listURI",
    "listSchemeURI",
    "languageLocaleID",
    "uri",
    "currencyCodeListVersionID",
    "characterSetCode",
    "encodingCode",
    "schemeAgencyID",
    "listAgencyID",
];

/// The index of an attribute banned by UBL-DT-08…28 (except DT-18): DT-08 is 0, …, DT-28 is 19,
/// skipping DT-18.
fn banned_index(name: &str) -> Option<usize> {
    Some(match name {
        "schemeName" => 0,
        "schemeAgencyName" => 1,
        "schemeDataURI" => 2,
        "schemeURI" => 3,
        "format" => 4,
        "unitCodeListIdentifier" => 5,
        "unitCodeListAgencyIdentifier" => 6,
        "unitCodeListAgencyName" => 7,
        "listAgencyName" => 8,
        "listName" => 9,
        "languageID" => 10,
        "listURI" => 11,
        "listSchemeURI" => 12,
        "languageLocaleID" => 13,
        "uri" => 14,
        "currencyCodeListVersionID" => 15,
        "characterSetCode" => 16,
        "encodingCode" => 17,
        "schemeAgencyID" => 18,
        "listAgencyID" => 19,
        _ => return None,
    })
}

/// Everything the family needs from one document, collected in one pass.
///
#[derive(Debug, Default)]
struct SyntaxIndex {
    /// One mark per `forbidden::TABLE` row, plus the 1.3.14.1 UBL-CR-674 row at the end.
    forbidden: Vec<bool>,
    /// Matches of each [`COUNTED`] path.
    counted: [u32; 22],
    /// `cac:AccountingSupplierParty/cac:Party` and `cac:AccountingCustomerParty/cac:Party` of
    /// the root.
    root_seller_parties: Vec<u32>,
    root_buyer_parties: Vec<u32>,
    /// One mark per `banned_index` entry.
    banned_attributes: [bool; 20],
    /// Some `@name` sits on an element other than `cbc:PaymentMeansCode` (UBL-DT-18).
    stray_name_attribute: bool,
    /// Context elements, in document order, by rule context.
    addresses: Vec<u32>,
    supplier_parties: Vec<u32>,
    additional_references: Vec<u32>,
    amounts: Vec<u32>,
    binary_objects: Vec<u32>,
    deliveries: Vec<u32>,
    allowances: Vec<u32>,
    charges: Vec<u32>,
    party_tax_schemes: Vec<u32>,
    lines: Vec<u32>,
    payees: Vec<u32>,
    payment_means: Vec<u32>,
    billing_references: Vec<u32>,
    tax_representatives: Vec<u32>,
    tax_subtotals: Vec<u32>,
    /// `//cac:PartyIdentification/cbc:ID`, `//cbc:PaymentID`, `//cbc:PaymentMeansCode`.
    party_identification_ids: Vec<u32>,
    payment_ids: Vec<u32>,
    payment_means_codes: Vec<u32>,
}

impl SyntaxIndex {
    fn clear(&mut self) {
        let table = forbidden::TABLE.len() + 1;
        self.forbidden.clear();
        self.forbidden.resize(table, false);
        self.banned_attributes = [false; 20];
        self.counted = [0; 22];
        self.stray_name_attribute = false;
        for list in [
            &mut self.addresses,
            &mut self.supplier_parties,
            &mut self.root_seller_parties,
            &mut self.root_buyer_parties,
            &mut self.additional_references,
            &mut self.amounts,
            &mut self.binary_objects,
            &mut self.deliveries,
            &mut self.allowances,
            &mut self.charges,
            &mut self.party_tax_schemes,
            &mut self.lines,
            &mut self.payees,
            &mut self.payment_means,
            &mut self.billing_references,
            &mut self.tax_representatives,
            &mut self.tax_subtotals,
            &mut self.party_identification_ids,
            &mut self.payment_ids,
            &mut self.payment_means_codes,
        ] {
            list.clear();
        }
    }

    fn build(&mut self, cx: &Ctx<'_>) {
        self.clear();
        let c = compiled();
        let root = cx.root;
        let ubl = cx.is_ubl();
        let mut uris = Uris::new();
        for e in cx.all() {
            let id = e.id() as u32;
            let local = e.local_name();
            let kind = uris.kind(e.namespace());
            let in_cac = kind == Some(Uri::Cac);
            let in_cbc = kind == Some(Uri::Cbc);
            // Forbidden and counted paths ending at this element.
            if ubl && kind.is_some() {
                let parent = e.parent();
                let key = match parent {
                    Some(p) if p == root => "",
                    Some(p) => p.local_name(),
                    None => "\u{0}",
                };
                let pairs = c.by_pair.get(&(key, local)).map(Vec::as_slice);
                let singles = c
                    .singles
                    .iter()
                    .filter(|i| c.patterns[**i].steps[0].local == local);
                for &i in pairs.unwrap_or(&[]).iter().chain(singles) {
                    let p = &c.patterns[i];
                    match p.target {
                        Target::Row(row) => {
                            if !self.forbidden[row] && completes(p, e, root, &mut uris) {
                                self.forbidden[row] = true;
                            }
                        }
                        Target::Count(k) => {
                            if completes(p, e, root, &mut uris) {
                                self.counted[k] += 1;
                            }
                        }
                    }
                }
            }
            // Attributes anywhere (`//@…`).
            for a in e.attributes() {
                if !a.namespace.is_empty() {
                    continue;
                }
                if a.local_name == "name" && !e.is(ns::CBC, "PaymentMeansCode") {
                    self.stray_name_attribute = true;
                }
                if let Some(i) = banned_index(a.local_name) {
                    self.banned_attributes[i] = true;
                }
                for (name, rows) in &c.attr_only {
                    if *name == a.local_name {
                        for &r in rows {
                            self.forbidden[r] = true;
                        }
                    }
                }
            }
            // Rule contexts (any namespace for the data-type contexts, which test `name()`).
            if local.ends_with("Amount")
                && !local.ends_with("PriceAmount")
                && !under_price_allowance(e)
            {
                self.amounts.push(id);
            }
            if local.ends_with("BinaryObject") {
                self.binary_objects.push(id);
            }
            if in_cac {
                let list = match local {
                    "PostalAddress" | "Address" => Some(&mut self.addresses),
                    "Party" => {
                        let parent = e.parent();
                        let at_root = parent.is_some_and(|p| p.parent() == Some(root));
                        if parent.is_some_and(|p| p.is(ns::CAC, "AccountingSupplierParty")) {
                            if at_root {
                                self.root_seller_parties.push(id);
                            }
                            Some(&mut self.supplier_parties)
                        } else {
                            if at_root
                                && parent.is_some_and(|p| p.is(ns::CAC, "AccountingCustomerParty"))
                            {
                                self.root_buyer_parties.push(id);
                            }
                            None
                        }
                    }
                    "AdditionalDocumentReference" => Some(&mut self.additional_references),
                    "Delivery" => Some(&mut self.deliveries),
                    "AllowanceCharge" => {
                        if charge_indicator_is(e, false) {
                            Some(&mut self.allowances)
                        } else if charge_indicator_is(e, true) {
                            Some(&mut self.charges)
                        } else {
                            None
                        }
                    }
                    "PartyTaxScheme" => Some(&mut self.party_tax_schemes),
                    "InvoiceLine" | "CreditNoteLine" => Some(&mut self.lines),
                    "PayeeParty" => Some(&mut self.payees),
                    "PaymentMeans" => Some(&mut self.payment_means),
                    "BillingReference" => Some(&mut self.billing_references),
                    "TaxRepresentativeParty" => Some(&mut self.tax_representatives),
                    "TaxSubtotal" => Some(&mut self.tax_subtotals),
                    _ => None,
                };
                if let Some(list) = list {
                    list.push(id);
                }
            } else if in_cbc {
                match local {
                    "ID" if e
                        .parent()
                        .is_some_and(|p| p.is(ns::CAC, "PartyIdentification")) =>
                    {
                        self.party_identification_ids.push(id);
                    }
                    "PaymentID" => self.payment_ids.push(id),
                    "PaymentMeansCode" => self.payment_means_codes.push(id),
                    _ => {}
                }
            }
        }
    }
}

/// `ancestor::cac:Price/cac:AllowanceCharge`: some ancestor `cac:Price` has an allowance-charge.
fn under_price_allowance(e: Element<'_>) -> bool {
    let mut at = e.parent();
    while let Some(a) = at {
        if a.is(ns::CAC, "Price") && a.children().any(|c| c.is(ns::CAC, "AllowanceCharge")) {
            return true;
        }
        at = a.parent();
    }
    false
}

/// `cbc:ChargeIndicator = true()` / `false()`.
fn charge_indicator_is(e: Element<'_>, want: bool) -> bool {
    e.children()
        .filter(|c| c.is(ns::CBC, "ChargeIndicator"))
        .any(|c| xpath::boolean(&c.string_value()) == Some(want))
}

/// Words of the per-row bit set (one bit per `forbidden::TABLE` row plus the 1.3.14.1 row).
const FORBIDDEN_WORDS: usize = (forbidden::TABLE.len() + 1).div_ceil(64);

/// The index last fetched on this thread, the address of its context, and its forbidden-row
/// marks as bits (read by the 679 `UBL-CR` rules without touching the index).
struct Last {
    ctx: usize,
    index: Weak<SyntaxIndex>,
    forbidden: [u64; FORBIDDEN_WORDS],
}

thread_local! {
    /// The index last fetched from [`Ctx::memo`], with the address of its context: a fast path
    /// for the ~760 rules that read it (see [`index`]).
    static LAST: RefCell<Last> = const {
        RefCell::new(Last {
            ctx: 0,
            index: Weak::new(),
            forbidden: [0; FORBIDDEN_WORDS],
        })
    };
}

/// The document's index, built once per validation run and shared through [`Ctx::memo`].
///
/// Fast path: the index last fetched on this thread is reused when it was fetched for a context
/// at the same address *and* is still alive. It lives exactly as long as the context that
/// memoised it (nothing else keeps a strong reference), and two live contexts cannot share an
/// address, so a successful upgrade always yields this context's own index.
fn index(cx: &Ctx<'_>) -> Rc<SyntaxIndex> {
    let addr = std::ptr::from_ref(cx) as usize;
    let fast = LAST.with(|last| {
        let last = last.try_borrow().ok()?;
        if last.ctx == addr {
            last.index.upgrade()
        } else {
            None
        }
    });
    if let Some(ix) = fast {
        return ix;
    }
    let ix = cx.memo(|cx| {
        let mut ix = SyntaxIndex::default();
        ix.build(cx);
        ix
    });
    LAST.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            let mut bits = [0u64; FORBIDDEN_WORDS];
            for (row, _) in ix.forbidden.iter().enumerate().filter(|(_, m)| **m) {
                bits[row / 64] |= 1 << (row % 64);
            }
            *last = Last {
                ctx: addr,
                index: Rc::downgrade(&ix),
                forbidden: bits,
            };
        }
    });
    ix
}

/// Runs `f` on the document's index.
fn with_index<R>(cx: &Ctx<'_>, f: impl FnOnce(&SyntaxIndex) -> R) -> R {
    f(&index(cx))
}

/// Fires on every element of the index list `pick` for which `ok` is false.
fn each(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    pick: fn(&SyntaxIndex) -> &Vec<u32>,
    ok: impl Fn(Element<'_>) -> bool,
) {
    let doc = cx.root.document();
    let ix = index(cx);
    for id in pick(&ix) {
        if let Some(e) = doc.element(*id as usize)
            && !ok(e)
        {
            s.fire(e);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the cardinality tests
// ---------------------------------------------------------------------------------------------

const CAC: &str = ns::CAC;
const CBC: &str = ns::CBC;

/// `count(path)` from `from`.
fn count(from: Element<'_>, path: &[(&str, &str)]) -> usize {
    select(from, path).count()
}

/// A root-context rule: judged once on UBL documents.
fn on_root(cx: &Ctx<'_>, s: &mut Sink<'_>, ok: impl FnOnce(Element<'_>) -> bool) {
    if cx.is_ubl() {
        s.check(cx.root, ok(cx.root));
    }
}

/// `upper-case(cbc:ID)` of a tax scheme: the empty string when absent, `None` when it has
/// several ids (a dynamic error officially).
fn scheme_id_upper(ts: Element<'_>) -> Option<String> {
    let mut ids = ts.children().filter(|c| c.is(CBC, "ID"));
    let first = ids.next();
    if ids.next().is_some() {
        return None;
    }
    Some(first.map_or_else(String::new, |id| id.string_value().to_uppercase()))
}

/// `count(<parties>/cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID) = 'VAT']/cbc:CompanyID)`
/// (or `!=` with `vat = false`).
fn tax_scheme_company_ids<'d>(parties: impl Iterator<Item = Element<'d>>, vat: bool) -> usize {
    parties
        .flat_map(|party| party.children().filter(|c| c.is(CAC, "PartyTaxScheme")))
        .filter(|pts| {
            pts.children()
                .filter(|c| c.is(CAC, "TaxScheme"))
                .any(|ts| scheme_id_upper(ts).is_some_and(|u| (u == "VAT") == vat))
        })
        .map(|pts| pts.children().filter(|c| c.is(CBC, "CompanyID")).count())
        .sum()
}

/// How many distinct string values the elements of `ids` have (`count(//x[not(preceding::x/. =
/// .)])`).
fn distinct_values(cx: &Ctx<'_>, ids: &[u32]) -> usize {
    let doc = cx.root.document();
    let mut seen: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for id in ids {
        if let Some(e) = doc.element(*id as usize) {
            let v = e.string_value();
            if !seen.contains(&v) {
                seen.push(v);
            }
        }
    }
    seen.len()
}

// ---------------------------------------------------------------------------------------------
// UBL-SR: cardinalities, document level
// ---------------------------------------------------------------------------------------------

/// A document-level count rule: `count(COUNTED[k]) <= max`.
fn counted_at_most(cx: &Ctx<'_>, s: &mut Sink<'_>, k: usize, max: u32) {
    if cx.is_ubl() {
        let n = with_index(cx, |ix| ix.counted[k]);
        s.check(cx.root, n <= max);
    }
}

fn ubl_sr_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 0, 1);
}

fn ubl_sr_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 1, 1);
}

fn ubl_sr_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 2, 1);
}

fn ubl_sr_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 3, 1);
}

fn ubl_sr_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 4, 1);
}

fn ubl_sr_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 5, 1);
}

fn ubl_sr_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 6, 1);
}

fn ubl_sr_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 7, 1);
}

fn ubl_sr_11(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 8, 1);
}

/// `count(<root party>/cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID) = 'VAT']/
/// cbc:CompanyID) <= 1` (or `!=` with `vat = false`).
fn party_tax_ids_at_most_one(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    pick: fn(&SyntaxIndex) -> &Vec<u32>,
    vat: bool,
) {
    if !cx.is_ubl() {
        return;
    }
    let doc = cx.root.document();
    let n = with_index(cx, |ix| {
        tax_scheme_company_ids(
            pick(ix).iter().filter_map(|id| doc.element(*id as usize)),
            vat,
        )
    });
    s.check(cx.root, n <= 1);
}

fn ubl_sr_12(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    party_tax_ids_at_most_one(cx, s, |ix| &ix.root_seller_parties, true);
}

fn ubl_sr_13(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    party_tax_ids_at_most_one(cx, s, |ix| &ix.root_seller_parties, false);
}

fn ubl_sr_14(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 9, 1);
}

fn ubl_sr_15(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 10, 1);
}

fn ubl_sr_16(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 11, 1);
}

fn ubl_sr_17(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 12, 1);
}

fn ubl_sr_18(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    party_tax_ids_at_most_one(cx, s, |ix| &ix.root_buyer_parties, true);
}

fn ubl_sr_24(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 13, 1);
}

fn ubl_sr_29(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let doc = cx.root.document();
    let n = with_index(cx, |ix| {
        ix.party_identification_ids
            .iter()
            .filter_map(|id| doc.element(*id as usize))
            .filter(|e| {
                e.attr("schemeID")
                    .is_some_and(|v| v.to_uppercase() == "SEPA")
            })
            .count()
    });
    s.check(cx.root, n <= 1);
}

fn ubl_sr_39(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 14, 1);
}

fn ubl_sr_40(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 15, 1);
}

fn ubl_sr_44(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let n = with_index(cx, |ix| distinct_values(cx, &ix.payment_ids));
    s.check(cx.root, n <= 1);
}

fn ubl_sr_45(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 16, 1);
}

fn ubl_sr_46(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 17, 1);
}

fn ubl_sr_47(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let n = with_index(cx, |ix| distinct_values(cx, &ix.payment_means_codes));
    s.check(cx.root, n <= 1);
}

fn ubl_sr_49(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 18, 1);
}

fn ubl_sr_54(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 19, 1);
}

fn ubl_sr_55(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 20, 1);
}

fn ubl_sr_56(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    counted_at_most(cx, s, 21, 1);
}

// ---------------------------------------------------------------------------------------------
// UBL-SR: cardinalities in other contexts
// ---------------------------------------------------------------------------------------------

fn ubl_sr_51(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.addresses,
        |a| count(a, &[(CAC, "AddressLine")]) <= 1,
    );
}

fn ubl_sr_42(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.supplier_parties,
        |p| count(p, &[(CAC, "PartyTaxScheme")]) <= 2,
    );
}

fn ubl_sr_33(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.additional_references,
        |a| count(a, &[(CBC, "DocumentDescription")]) <= 1,
    );
}

fn ubl_sr_43(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    let credit_note = cx.root.local_name() == "CreditNote";
    each(
        cx,
        s,
        |ix| &ix.additional_references,
        |a| {
            let code_is = |v: &str| {
                a.children()
                    .filter(|c| c.is(CBC, "DocumentTypeCode"))
                    .any(|c| c.string_value() == v)
            };
            let has_code = a.children().any(|c| c.is(CBC, "DocumentTypeCode"));
            let scheme = a
                .children()
                .filter(|c| c.is(CBC, "ID"))
                .any(|id| id.attr("schemeID").is_some());
            code_is("130") || (credit_note && code_is("50")) || (!scheme && !has_code)
        },
    );
}

fn ubl_sr_25(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.deliveries,
        |d| {
            count(
                d,
                &[(CAC, "DeliveryParty"), (CAC, "PartyName"), (CBC, "Name")],
            ) <= 1
        },
    );
}

fn ubl_sr_30(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.allowances,
        |a| count(a, &[(CBC, "AllowanceChargeReason")]) <= 1,
    );
}

fn ubl_sr_31(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.charges,
        |a| count(a, &[(CBC, "AllowanceChargeReason")]) <= 1,
    );
}

fn ubl_sr_53(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.party_tax_schemes,
        |p| count(p, &[(CAC, "TaxScheme"), (CBC, "ID")]) > 0 && count(p, &[(CBC, "CompanyID")]) > 0,
    );
}

fn ubl_sr_34(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(cx, s, |ix| &ix.lines, |l| count(l, &[(CBC, "Note")]) <= 1);
}

fn ubl_sr_35(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| count(l, &[(CAC, "OrderLineReference"), (CBC, "LineID")]) <= 1,
    );
}

fn ubl_sr_36(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| count(l, &[(CAC, "InvoicePeriod")]) <= 1,
    );
}

fn ubl_sr_37(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| {
            count(
                l,
                &[(CAC, "Price"), (CAC, "AllowanceCharge"), (CBC, "Amount")],
            ) <= 1
        },
    );
}

fn ubl_sr_48(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| count(l, &[(CAC, "Item"), (CAC, "ClassifiedTaxCategory")]) == 1,
    );
}

fn ubl_sr_50(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| count(l, &[(CAC, "Item"), (CBC, "Description")]) <= 1,
    );
}

fn ubl_sr_52(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.lines,
        |l| count(l, &[(CAC, "DocumentReference")]) <= 1,
    );
}

/// The second half of UBL-SR-19/20/21: `(cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty
/// /cac:Party/cac:PartyLegalEntity/cbc:RegistrationName)` — some pair of values differs (false
/// when either side is absent).
fn payee_differs_from_seller(payee: Element<'_>) -> bool {
    let Some(parent) = payee.parent() else {
        return false;
    };
    let sellers: Vec<_> = select(
        parent,
        &[
            (CAC, "AccountingSupplierParty"),
            (CAC, "Party"),
            (CAC, "PartyLegalEntity"),
            (CBC, "RegistrationName"),
        ],
    )
    .map(|e| e.string_value())
    .collect();
    select(payee, &[(CAC, "PartyName"), (CBC, "Name")])
        .any(|n| sellers.iter().any(|s| *s != n.string_value()))
}

fn ubl_sr_19(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payees,
        |p| count(p, &[(CAC, "PartyName"), (CBC, "Name")]) <= 1 && payee_differs_from_seller(p),
    );
}

fn ubl_sr_20(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payees,
        |p| {
            let ids = select(p, &[(CAC, "PartyIdentification"), (CBC, "ID")])
                .filter(|id| id.attr("schemeID").unwrap_or("").to_uppercase() != "SEPA")
                .count();
            ids <= 1 && payee_differs_from_seller(p)
        },
    );
}

fn ubl_sr_21(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payees,
        |p| {
            count(p, &[(CAC, "PartyLegalEntity"), (CBC, "CompanyID")]) <= 1
                && payee_differs_from_seller(p)
        },
    );
}

fn ubl_sr_26(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payment_means,
        |p| count(p, &[(CBC, "PaymentID")]) <= 1,
    );
}

fn ubl_sr_27(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payment_means,
        |p| count(p, &[(CBC, "PaymentMeansCode")]) <= 1,
    );
}

fn ubl_sr_28(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.payment_means,
        |p| count(p, &[(CAC, "PaymentMandate"), (CBC, "ID")]) <= 1,
    );
}

fn ubl_sr_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.billing_references,
        |b| count(b, &[(CAC, "InvoiceDocumentReference")]) <= 1,
    );
}

fn ubl_sr_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.billing_references,
        |b| count(b, &[(CAC, "InvoiceDocumentReference"), (CBC, "ID")]) > 0,
    );
}

fn ubl_sr_22(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.tax_representatives,
        |t| count(t, &[(CAC, "PartyName"), (CBC, "Name")]) <= 1,
    );
}

/// UBL-SR-23; CEN 1.3.14.1 counted `cac:Party/cac:PartyTaxScheme/cbc:CompanyID` (which a tax
/// representative never has), 1.3.16 counts `cac:PartyTaxScheme/cbc:CompanyID`.
fn ubl_sr_23(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if s.release() == RuleSetId::Cen1_3_14_1 {
        each(
            cx,
            s,
            |ix| &ix.tax_representatives,
            |t| {
                count(
                    t,
                    &[(CAC, "Party"), (CAC, "PartyTaxScheme"), (CBC, "CompanyID")],
                ) <= 1
            },
        );
    } else {
        each(
            cx,
            s,
            |ix| &ix.tax_representatives,
            |t| count(t, &[(CAC, "PartyTaxScheme"), (CBC, "CompanyID")]) <= 1,
        );
    }
}

fn ubl_sr_32(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.tax_subtotals,
        |t| count(t, &[(CAC, "TaxCategory"), (CBC, "TaxExemptionReason")]) <= 1,
    );
}

// ---------------------------------------------------------------------------------------------
// UBL-DT: data types
// ---------------------------------------------------------------------------------------------

fn ubl_dt_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.amounts,
        |a| {
            let v = a.string_value();
            v.split_once('.')
                .is_none_or(|(_, frac)| frac.chars().count() <= 2)
        },
    );
}

fn ubl_dt_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.binary_objects,
        |b| b.attr("mimeCode").is_some(),
    );
}

fn ubl_dt_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    each(
        cx,
        s,
        |ix| &ix.binary_objects,
        |b| b.attr("filename").is_some(),
    );
}

/// UBL-DT-08…28 (except 18): the attribute `BANNED_ATTRIBUTES[N]` appears nowhere.
fn banned_attribute<const N: usize>(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let found = with_index(cx, |ix| ix.banned_attributes[N]);
    s.check(cx.root, !found);
}

fn ubl_dt_18(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let found = with_index(cx, |ix| ix.stray_name_attribute);
    s.check(cx.root, !found);
}

// ---------------------------------------------------------------------------------------------
// UBL-CR: checks the table refers to
// ---------------------------------------------------------------------------------------------

/// The generic `UBL-CR` check: fires when the row's path was found.
fn forbidden_row<const ROW: usize>(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    s.check(cx.root, !forbidden_found(cx, ROW));
}

/// Whether the path of `row` was found: from the thread's bit set when it belongs to this
/// context's live index (see [`index`]), else from the index.
fn forbidden_found(cx: &Ctx<'_>, row: usize) -> bool {
    let addr = std::ptr::from_ref(cx) as usize;
    let fast = LAST.with(|last| {
        let last = last.try_borrow().ok()?;
        (last.ctx == addr && last.index.strong_count() > 0).then(|| {
            last.forbidden
                .get(row / 64)
                .is_some_and(|w| w >> (row % 64) & 1 == 1)
        })
    });
    match fast {
        Some(found) => found,
        None => with_index(cx, |ix| ix.forbidden.get(row).copied().unwrap_or(false)),
    }
}

/// UBL-CR-002: `not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1'`.
fn ubl_cr_002(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    on_root(cx, s, |r| {
        let mut versions = r
            .children()
            .filter(|c| c.is(CBC, "UBLVersionID"))
            .peekable();
        versions.peek().is_none() || versions.any(|v| v.string_value() == "2.1")
    });
}

/// UBL-CR-412: `not(cac:PaymentMeans/cbc:PaymentDueDate) or ../cn:CreditNote` — allowed in a
/// credit note.
fn ubl_cr_412(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if cx.is_ubl() {
        let due_date = with_index(cx, |ix| ix.counted[16] > 0);
        s.check(
            cx.root,
            cx.root.is(ns::UBL_CREDIT_NOTE, "CreditNote") || !due_date,
        );
    }
}

/// The table row of UBL-CR-674 (checked by a test).
const CR_674_ROW: usize = 670;

/// UBL-CR-674: the card number's `schemeID`; CEN 1.3.14.1 named the element
/// `cbc:PrimaryAccountNumber`, 1.3.16 `cbc:PrimaryAccountNumberID`.
fn ubl_cr_674(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let row = if s.release() == RuleSetId::Cen1_3_14_1 {
        forbidden::TABLE.len()
    } else {
        CR_674_ROW
    };
    s.check(cx.root, !forbidden_found(cx, row));
}

// ---------------------------------------------------------------------------------------------
// Rule tables
// ---------------------------------------------------------------------------------------------

macro_rules! rule {
    ($check:expr, $id:literal, $sev:ident, [$($bt:literal),*], $en:literal, $sv:literal) => {
        RuleDef {
            id: $id,
            severity: Severity::$sev,
            bt: &[$($bt),*],
            en: $en,
            sv: $sv,
            check: $check,
        }
    };
}

/// `UBL-SR-*` and `UBL-DT-*`.
pub(crate) const RULES: &[RuleDef] = &[
    rule!(
        ubl_sr_01,
        "UBL-SR-01",
        Fatal,
        ["BT-12"],
        "The contract reference (BT-12) shall occur at most once.",
        "Avtalsreferensen (BT-12) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_02,
        "UBL-SR-02",
        Fatal,
        ["BT-15"],
        "The receiving advice reference (BT-15) shall occur at most once.",
        "Mottagningsavisens referens (BT-15) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_03,
        "UBL-SR-03",
        Fatal,
        ["BT-16"],
        "The despatch advice reference (BT-16) shall occur at most once.",
        "Följesedelns referens (BT-16) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_04,
        "UBL-SR-04",
        Fatal,
        ["BT-18"],
        "The invoiced object identifier (BT-18, document type code 130) shall occur at most once.",
        "Fakturerat objekt (BT-18, dokumenttypkod 130) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_05,
        "UBL-SR-05",
        Fatal,
        ["BT-20"],
        "The payment terms (BT-20) shall occur at most once.",
        "Betalningsvillkoren (BT-20) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_06,
        "UBL-SR-06",
        Fatal,
        ["BG-3"],
        "A billing reference shall refer to at most one preceding invoice (BG-3).",
        "En fakturareferens får hänvisa till högst en tidigare faktura (BG-3)."
    ),
    rule!(
        ubl_sr_07,
        "UBL-SR-07",
        Fatal,
        ["BG-3", "BT-25"],
        "A preceding invoice reference (BG-3) shall give the preceding invoice number (BT-25).",
        "En referens till tidigare faktura (BG-3) ska ange den tidigare fakturans nummer (BT-25)."
    ),
    rule!(
        ubl_sr_08,
        "UBL-SR-08",
        Fatal,
        ["BG-14"],
        "The invoicing period (BG-14) shall occur at most once.",
        "Faktureringsperioden (BG-14) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_09,
        "UBL-SR-09",
        Fatal,
        ["BT-27"],
        "The seller name (BT-27) shall occur at most once.",
        "Säljarens namn (BT-27) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_10,
        "UBL-SR-10",
        Fatal,
        ["BT-28"],
        "The seller trading name (BT-28) shall occur at most once.",
        "Säljarens handelsnamn (BT-28) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_11,
        "UBL-SR-11",
        Fatal,
        ["BT-30"],
        "The seller legal registration identifier (BT-30) shall occur at most once.",
        "Säljarens organisationsnummer (BT-30) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_12,
        "UBL-SR-12",
        Fatal,
        ["BT-31"],
        "The seller VAT identifier (BT-31) shall occur at most once.",
        "Säljarens momsregistreringsnummer (BT-31) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_13,
        "UBL-SR-13",
        Fatal,
        ["BT-32"],
        "The seller tax registration identifier (BT-32) shall occur at most once.",
        "Säljarens skatteregistreringsnummer (BT-32) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_14,
        "UBL-SR-14",
        Fatal,
        ["BT-33"],
        "The seller additional legal information (BT-33) shall occur at most once.",
        "Säljarens kompletterande juridiska information (BT-33) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_15,
        "UBL-SR-15",
        Fatal,
        ["BT-44"],
        "The buyer name (BT-44) shall occur at most once.",
        "Köparens namn (BT-44) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_16,
        "UBL-SR-16",
        Fatal,
        ["BT-46"],
        "The buyer identifier (BT-46) shall occur at most once.",
        "Köparens identifierare (BT-46) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_17,
        "UBL-SR-17",
        Fatal,
        ["BT-47"],
        "The buyer legal registration identifier (BT-47) shall occur at most once.",
        "Köparens organisationsnummer (BT-47) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_18,
        "UBL-SR-18",
        Fatal,
        ["BT-48"],
        "The buyer VAT identifier (BT-48) shall occur at most once.",
        "Köparens momsregistreringsnummer (BT-48) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_19,
        "UBL-SR-19",
        Fatal,
        ["BT-59"],
        "The payee name (BT-59) shall occur at most once, and the payee shall differ from the seller.",
        "Betalningsmottagarens namn (BT-59) får förekomma högst en gång, och mottagaren ska skilja sig från säljaren."
    ),
    rule!(
        ubl_sr_20,
        "UBL-SR-20",
        Fatal,
        ["BT-60"],
        "The payee identifier (BT-60) shall occur at most once, and the payee shall differ from the seller.",
        "Betalningsmottagarens identifierare (BT-60) får förekomma högst en gång, och mottagaren ska skilja sig från säljaren."
    ),
    rule!(
        ubl_sr_21,
        "UBL-SR-21",
        Fatal,
        ["BT-61"],
        "The payee legal registration identifier (BT-61) shall occur at most once, and the payee shall differ from the seller.",
        "Betalningsmottagarens organisationsnummer (BT-61) får förekomma högst en gång, och mottagaren ska skilja sig från säljaren."
    ),
    rule!(
        ubl_sr_22,
        "UBL-SR-22",
        Fatal,
        ["BT-62"],
        "The seller tax representative name (BT-62) shall occur at most once.",
        "Skatteombudets namn (BT-62) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_23,
        "UBL-SR-23",
        Fatal,
        ["BT-63"],
        "The seller tax representative VAT identifier (BT-63) shall occur at most once.",
        "Skatteombudets momsregistreringsnummer (BT-63) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_24,
        "UBL-SR-24",
        Fatal,
        ["BG-13"],
        "The delivery information (BG-13) shall occur at most once.",
        "Leveransinformationen (BG-13) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_25,
        "UBL-SR-25",
        Fatal,
        ["BT-70"],
        "The deliver-to party name (BT-70) shall occur at most once.",
        "Leveransmottagarens namn (BT-70) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_26,
        "UBL-SR-26",
        Fatal,
        ["BT-83"],
        "The remittance information (BT-83) shall occur at most once per payment means.",
        "Betalningsreferensen (BT-83) får förekomma högst en gång per betalningssätt."
    ),
    rule!(
        ubl_sr_27,
        "UBL-SR-27",
        Fatal,
        ["BT-81"],
        "The payment means type code (BT-81) shall occur at most once per payment means.",
        "Betalningssättets kod (BT-81) får förekomma högst en gång per betalningssätt."
    ),
    rule!(
        ubl_sr_28,
        "UBL-SR-28",
        Fatal,
        ["BT-89"],
        "The mandate reference identifier (BT-89) shall occur at most once.",
        "Mandatreferensen (BT-89) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_29,
        "UBL-SR-29",
        Fatal,
        ["BT-90"],
        "The bank assigned creditor identifier (BT-90, scheme SEPA) shall occur at most once.",
        "Borgenärsidentiteten (BT-90, schema SEPA) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_30,
        "UBL-SR-30",
        Fatal,
        ["BT-97"],
        "An allowance reason (BT-97) shall occur at most once per allowance.",
        "Rabattorsaken (BT-97) får förekomma högst en gång per rabatt."
    ),
    rule!(
        ubl_sr_31,
        "UBL-SR-31",
        Fatal,
        ["BT-104"],
        "A charge reason (BT-104) shall occur at most once per charge.",
        "Avgiftsorsaken (BT-104) får förekomma högst en gång per avgift."
    ),
    rule!(
        ubl_sr_32,
        "UBL-SR-32",
        Fatal,
        ["BT-120"],
        "The VAT exemption reason text (BT-120) shall occur at most once per VAT breakdown.",
        "Undantagsorsaken (BT-120) får förekomma högst en gång per momsspecifikation."
    ),
    rule!(
        ubl_sr_33,
        "UBL-SR-33",
        Fatal,
        ["BT-123"],
        "A supporting document description (BT-123) shall occur at most once per document.",
        "Beskrivningen av ett bilagt dokument (BT-123) får förekomma högst en gång per dokument."
    ),
    rule!(
        ubl_sr_34,
        "UBL-SR-34",
        Fatal,
        ["BT-127"],
        "An invoice line note (BT-127) shall occur at most once per line.",
        "Radkommentaren (BT-127) får förekomma högst en gång per rad."
    ),
    rule!(
        ubl_sr_35,
        "UBL-SR-35",
        Fatal,
        ["BT-132"],
        "The referenced purchase order line (BT-132) shall occur at most once per line.",
        "Referensen till orderrad (BT-132) får förekomma högst en gång per rad."
    ),
    rule!(
        ubl_sr_36,
        "UBL-SR-36",
        Fatal,
        ["BG-26"],
        "The invoice line period (BG-26) shall occur at most once per line.",
        "Radens period (BG-26) får förekomma högst en gång per rad."
    ),
    rule!(
        ubl_sr_37,
        "UBL-SR-37",
        Fatal,
        ["BT-147"],
        "The item price discount (BT-147) shall occur at most once per line.",
        "Prisrabatten (BT-147) får förekomma högst en gång per rad."
    ),
    rule!(
        ubl_sr_39,
        "UBL-SR-39",
        Fatal,
        ["BT-11"],
        "The project reference (BT-11) shall occur at most once.",
        "Projektreferensen (BT-11) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_40,
        "UBL-SR-40",
        Fatal,
        ["BT-45"],
        "The buyer trading name (BT-45) shall occur at most once.",
        "Köparens handelsnamn (BT-45) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_42,
        "UBL-SR-42",
        Fatal,
        ["BT-31", "BT-32"],
        "The seller shall have at most two party tax schemes (BT-31, BT-32).",
        "Säljaren får ha högst två skatteregistreringar (BT-31, BT-32)."
    ),
    rule!(
        ubl_sr_43,
        "UBL-SR-43",
        Fatal,
        ["BT-18", "BT-122"],
        "A scheme identifier is only allowed on an invoiced object identifier (document type code 130, or 50 in a credit note).",
        "Schemaidentifierare får bara anges för fakturerat objekt (dokumenttypkod 130, eller 50 i en kreditnota)."
    ),
    rule!(
        ubl_sr_44,
        "UBL-SR-44",
        Fatal,
        ["BT-83"],
        "An invoice may have only one distinct payment identifier (BT-83), though it may repeat over payment means.",
        "En faktura får bara ha en unik betalningsreferens (BT-83), även om den upprepas för flera betalningssätt."
    ),
    rule!(
        ubl_sr_45,
        "UBL-SR-45",
        Fatal,
        ["BT-9"],
        "The payment due date (BT-9) shall occur at most once.",
        "Förfallodagen (BT-9) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_46,
        "UBL-SR-46",
        Fatal,
        ["BT-82"],
        "The payment means text (BT-82) shall occur at most once.",
        "Betalningssättets text (BT-82) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_47,
        "UBL-SR-47",
        Fatal,
        ["BT-81"],
        "All payment means type codes (BT-81) shall be equal.",
        "Alla betalningssättskoder (BT-81) ska vara lika."
    ),
    rule!(
        ubl_sr_48,
        "UBL-SR-48",
        Fatal,
        ["BG-30"],
        "Every invoice line shall have exactly one line VAT information (BG-30).",
        "Varje fakturarad ska ha exakt en momsuppgift (BG-30)."
    ),
    rule!(
        ubl_sr_49,
        "UBL-SR-49",
        Fatal,
        ["BT-8"],
        "The value added tax point date code (BT-8) shall occur at most once.",
        "Koden för skattskyldighetsdatum (BT-8) får förekomma högst en gång."
    ),
    rule!(
        ubl_sr_50,
        "UBL-SR-50",
        Fatal,
        ["BT-154"],
        "The item description (BT-154) shall occur at most once per line.",
        "Artikelbeskrivningen (BT-154) får förekomma högst en gång per rad."
    ),
    rule!(
        ubl_sr_51,
        "UBL-SR-51",
        Fatal,
        ["BT-163", "BT-165"],
        "An address shall have at most one third address line (BT-163, BT-165).",
        "En adress får ha högst en tredje adressrad (BT-163, BT-165)."
    ),
    rule!(
        ubl_sr_52,
        "UBL-SR-52",
        Fatal,
        ["BT-128"],
        "An invoice line shall have at most one object identifier (BT-128).",
        "En fakturarad får ha högst en objektidentifierare (BT-128)."
    ),
    rule!(
        ubl_sr_53,
        "UBL-SR-53",
        Fatal,
        ["BT-31", "BT-63", "BT-48"],
        "A party tax scheme shall give both the tax scheme identifier and the VAT identifier (CompanyID).",
        "En skatteregistrering ska ange både skatteschema och momsregistreringsnummer (CompanyID)."
    ),
    rule!(
        ubl_sr_54,
        "UBL-SR-54",
        Fatal,
        ["BG-18"],
        "An invoice shall have at most one payment card account (BG-18).",
        "En faktura får ha högst ett betalkort (BG-18)."
    ),
    rule!(
        ubl_sr_55,
        "UBL-SR-55",
        Fatal,
        ["BG-19"],
        "An invoice shall have at most one payment mandate (BG-19).",
        "En faktura får ha högst ett autogiromandat (BG-19)."
    ),
    rule!(
        ubl_sr_56,
        "UBL-SR-56",
        Fatal,
        ["BT-17"],
        "An invoice shall have at most one originator document reference (BT-17).",
        "En faktura får ha högst en anbudsreferens (BT-17)."
    ),
    rule!(
        ubl_dt_01,
        "UBL-DT-01",
        Fatal,
        [],
        "An amount shall have at most two decimals.",
        "Ett belopp får ha högst två decimaler."
    ),
    rule!(
        ubl_dt_06,
        "UBL-DT-06",
        Fatal,
        ["BT-125"],
        "An attached binary object (BT-125) shall have a MIME code attribute.",
        "En bifogad fil (BT-125) ska ha attributet för MIME-typ."
    ),
    rule!(
        ubl_dt_07,
        "UBL-DT-07",
        Fatal,
        ["BT-125"],
        "An attached binary object (BT-125) shall have a file name attribute.",
        "En bifogad fil (BT-125) ska ha attributet för filnamn."
    ),
    rule!(
        banned_attribute::<0>,
        "UBL-DT-08",
        Warning,
        [],
        "The attribute schemeName should not be used.",
        "Attributet schemeName bör inte användas."
    ),
    rule!(
        banned_attribute::<1>,
        "UBL-DT-09",
        Warning,
        [],
        "The attribute schemeAgencyName should not be used.",
        "Attributet schemeAgencyName bör inte användas."
    ),
    rule!(
        banned_attribute::<2>,
        "UBL-DT-10",
        Warning,
        [],
        "The attribute schemeDataURI should not be used.",
        "Attributet schemeDataURI bör inte användas."
    ),
    rule!(
        banned_attribute::<3>,
        "UBL-DT-11",
        Warning,
        [],
        "The attribute schemeURI should not be used.",
        "Attributet schemeURI bör inte användas."
    ),
    rule!(
        banned_attribute::<4>,
        "UBL-DT-12",
        Warning,
        [],
        "The attribute format should not be used.",
        "Attributet format bör inte användas."
    ),
    rule!(
        banned_attribute::<5>,
        "UBL-DT-13",
        Warning,
        [],
        "The attribute unitCodeListIdentifier should not be used.",
        "Attributet unitCodeListIdentifier bör inte användas."
    ),
    rule!(
        banned_attribute::<6>,
        "UBL-DT-14",
        Warning,
        [],
        "The attribute unitCodeListAgencyIdentifier should not be used.",
        "Attributet unitCodeListAgencyIdentifier bör inte användas."
    ),
    rule!(
        banned_attribute::<7>,
        "UBL-DT-15",
        Warning,
        [],
        "The attribute unitCodeListAgencyName should not be used.",
        "Attributet unitCodeListAgencyName bör inte användas."
    ),
    rule!(
        banned_attribute::<8>,
        "UBL-DT-16",
        Warning,
        [],
        "The attribute listAgencyName should not be used.",
        "Attributet listAgencyName bör inte användas."
    ),
    rule!(
        banned_attribute::<9>,
        "UBL-DT-17",
        Warning,
        [],
        "The attribute listName should not be used.",
        "Attributet listName bör inte användas."
    ),
    rule!(
        ubl_dt_18,
        "UBL-DT-18",
        Warning,
        [],
        "The attribute name should not be used (except on the payment means code).",
        "Attributet name bör inte användas (utom på betalningssättets kod)."
    ),
    rule!(
        banned_attribute::<10>,
        "UBL-DT-19",
        Warning,
        [],
        "The attribute languageID should not be used.",
        "Attributet languageID bör inte användas."
    ),
    rule!(
        banned_attribute::<11>,
        "UBL-DT-20",
        Warning,
        [],
        "The attribute listURI should not be used.",
        "Attributet listURI bör inte användas."
    ),
    rule!(
        banned_attribute::<12>,
        "UBL-DT-21",
        Warning,
        [],
        "The attribute listSchemeURI should not be used.",
        "Attributet listSchemeURI bör inte användas."
    ),
    rule!(
        banned_attribute::<13>,
        "UBL-DT-22",
        Warning,
        [],
        "The attribute languageLocaleID should not be used.",
        "Attributet languageLocaleID bör inte användas."
    ),
    rule!(
        banned_attribute::<14>,
        "UBL-DT-23",
        Warning,
        [],
        "The attribute uri should not be used.",
        "Attributet uri bör inte användas."
    ),
    rule!(
        banned_attribute::<15>,
        "UBL-DT-24",
        Warning,
        [],
        "The attribute currencyCodeListVersionID should not be used.",
        "Attributet currencyCodeListVersionID bör inte användas."
    ),
    rule!(
        banned_attribute::<16>,
        "UBL-DT-25",
        Warning,
        [],
        "The attribute characterSetCode should not be used.",
        "Attributet characterSetCode bör inte användas."
    ),
    rule!(
        banned_attribute::<17>,
        "UBL-DT-26",
        Warning,
        [],
        "The attribute encodingCode should not be used.",
        "Attributet encodingCode bör inte användas."
    ),
    rule!(
        banned_attribute::<18>,
        "UBL-DT-27",
        Warning,
        [],
        "The attribute schemeAgencyID should not be used.",
        "Attributet schemeAgencyID bör inte användas."
    ),
    rule!(
        banned_attribute::<19>,
        "UBL-DT-28",
        Warning,
        [],
        "The attribute listAgencyID should not be used.",
        "Attributet listAgencyID bör inte användas."
    ),
];

/// The `UBL-CR-*` rules (see [`forbidden`]); releases list them right after [`RULES`].
pub(crate) const FORBIDDEN: &[RuleDef] = forbidden::RULES;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{RuleSetId, validate};
    use crate::xml::Document;

    #[test]
    fn every_forbidden_path_compiles() {
        let paths = forbidden::RULES
            .iter()
            .zip(forbidden::TABLE)
            .map(|(rule, row)| (rule.id, row.path))
            .chain(std::iter::once((
                "UBL-CR-674",
                forbidden::CR_674_CEN_1_3_14_1,
            )));
        for (row, (id, path)) in paths.enumerate() {
            let compiled = compile(Target::Row(row), path);
            assert!(
                compiled.as_ref().is_some_and(|p| !p.is_empty()),
                "{id}: cannot compile {path}"
            );
        }
        for path in COUNTED {
            assert!(
                compile(Target::Count(0), path).is_some_and(|p| p.len() == 1),
                "{path}"
            );
        }
        assert_eq!(forbidden::TABLE.len(), 679);
        assert_eq!(forbidden::RULES[CR_674_ROW].id, "UBL-CR-674");
        assert_eq!(RULES.len(), 54 + 24);
        for (i, name) in BANNED_ATTRIBUTES.iter().enumerate() {
            assert_eq!(banned_index(name), Some(i));
        }
    }

    fn fired(xml: &str, set: RuleSetId) -> Vec<&'static str> {
        let doc = Document::parse(xml.as_bytes()).expect("test XML is well-formed");
        let mut ids: Vec<_> = validate(doc.root(), &[set])
            .fired
            .iter()
            .map(|f| f.id)
            .filter(|id| id.starts_with("UBL-"))
            .collect();
        ids.sort_unstable();
        ids
    }

    const HEAD: &str = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">"#;

    #[test]
    fn forbidden_paths_fire_once_per_document() {
        let xml = format!(
            "{HEAD}<cbc:UUID>1</cbc:UUID><cac:InvoiceLine><cbc:UUID>a</cbc:UUID></cac:InvoiceLine>\
             <cac:InvoiceLine><cbc:UUID>b</cbc:UUID></cac:InvoiceLine></Invoice>"
        );
        let ids = fired(&xml, RuleSetId::Cen1_3_16);
        assert_eq!(ids.iter().filter(|i| **i == "UBL-CR-515").count(), 1);
        assert!(ids.contains(&"UBL-CR-005"), "{ids:?}");
        // One firing per line for a line-context rule (no classified tax category).
        assert_eq!(ids.iter().filter(|i| **i == "UBL-SR-48").count(), 2);
    }

    #[test]
    fn card_number_scheme_follows_the_release() {
        let xml = format!(
            "{HEAD}<cac:PaymentMeans><cac:CardAccount>\
             <cbc:PrimaryAccountNumberID schemeID=\"x\">1234</cbc:PrimaryAccountNumberID>\
             </cac:CardAccount></cac:PaymentMeans></Invoice>"
        );
        assert!(fired(&xml, RuleSetId::Cen1_3_16).contains(&"UBL-CR-674"));
        assert!(!fired(&xml, RuleSetId::Cen1_3_14_1).contains(&"UBL-CR-674"));
    }

    #[test]
    fn credit_notes_may_carry_a_payment_due_date() {
        let cn = r#"<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cac:PaymentMeans><cbc:PaymentDueDate>2020-01-01</cbc:PaymentDueDate></cac:PaymentMeans></CreditNote>"#;
        assert!(!fired(cn, RuleSetId::Cen1_3_16).contains(&"UBL-CR-412"));
        let inv = format!(
            "{HEAD}<cac:PaymentMeans><cbc:PaymentDueDate>2020-01-01</cbc:PaymentDueDate>\
             </cac:PaymentMeans></Invoice>"
        );
        assert!(fired(&inv, RuleSetId::Cen1_3_16).contains(&"UBL-CR-412"));
    }
}
