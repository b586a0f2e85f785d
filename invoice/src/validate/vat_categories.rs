//! Rule families of the VAT categories (EN 16931 UBL binding, CEN validation artefacts):
//! `BR-S-*` standard rate, `BR-Z-*` zero rate, `BR-E-*` exempt, `BR-AE-*` reverse charge,
//! `BR-IC-*` intra-community supply, `BR-G-*` export outside the EU, `BR-O-*` not subject to VAT,
//! `BR-AF-*` IGIC (Canary Islands), `BR-AG-*` IPSI (Ceuta and Melilla) and `BR-B-*` split
//! payment — 98 rules, all fatal.
//!
//! Every rule follows its official XPath exactly, including the quirks that make rules of one
//! family differ from the same-numbered rule of another (one checks the tax scheme, another does
//! not; one trims the category code, another compares it raw). The Schematron contexts are:
//!
//! * the document root (`/ubl:Invoice | /cn:CreditNote`): rules 01–04, IC-11/12, O-11–14, B-01/02;
//! * the VAT breakdown category `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[code][VAT]`:
//!   rules 08–10;
//! * a document or line allowance's category `cac:AllowanceCharge[false]/cac:TaxCategory[code][VAT]`:
//!   rule 06; a charge's: rule 07 (an allowance-charge whose indicator reads both false and true is
//!   matched by the allowance rule only — Schematron's first-matching-rule semantics);
//! * the line item category `cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory[code][VAT]`
//!   (or `cac:CreditNoteLine/…`): rule 05.
//!
//! XPath details mirrored: `normalize-space(cbc:ID)` of a category with two ids is a dynamic error
//! in the official processor, so such a category never matches a context or a predicate here;
//! general comparisons are existential over sequences; casts of absent values give the empty
//! sequence, which makes a comparison false; `cbc:TaxableAmount - 1` is computed in `xs:double`
//! and cast back to `xs:decimal` (exactly, as the official processor does).
//!
//! Performance: the `//` lookups of the root rules read a per-document index built in one pass
//! (see [`VatIndex`], shared through [`Ctx::memo`]), and the facts every rule asks about a
//! category (its trimmed code, whether its scheme is VAT) are computed once per element, so the
//! 98 rules cost about one tree walk in total.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

use rust_decimal::Decimal;

use super::xpath::{decimal, double, normalize_space, normalized_eq, normalized_upper_eq, round2};
use super::{Ctx, RuleDef, RuleSetId, Severity, Sink};
use crate::xml::{Element, ns};

// ---------------------------------------------------------------------------------------------
// Per-document index
// ---------------------------------------------------------------------------------------------

/// Elements the VAT rules look up anywhere in the document (`//…`), collected in one pass.
///
/// Built once per validation run through [`Ctx::memo`]; building it also fills the facts memo
/// ([`facts`]) for the same document.
#[derive(Debug, Default)]
struct VatIndex {
    /// Every `cac:TaxCategory`, in document order.
    tax_categories: Vec<u32>,
    /// Every `cac:ClassifiedTaxCategory`.
    classified: Vec<u32>,
    /// Every `cac:AllowanceCharge`.
    allowance_charges: Vec<u32>,
    /// Every `cac:AccountingSupplierParty`, `cac:AccountingCustomerParty` and
    /// `cac:TaxRepresentativeParty`.
    suppliers: Vec<u32>,
    customers: Vec<u32>,
    tax_representatives: Vec<u32>,
    /// Every `cbc:IdentificationCode`.
    identification_codes: Vec<u32>,
    /// The VAT breakdown categories `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`.
    breakdown: Vec<u32>,
    any_invoice_line: bool,
    any_credit_note_line: bool,
}

/// Recognises one namespace URI: a document interns each URI once, so after one full comparison
/// the URI is recognised by address.
pub(super) struct SameUri<'d> {
    uri: &'static str,
    seen: Option<&'d str>,
}

impl<'d> SameUri<'d> {
    pub(super) fn new(uri: &'static str) -> SameUri<'d> {
        SameUri { uri, seen: None }
    }

    pub(super) fn is(&mut self, s: &'d str) -> bool {
        match self.seen {
            Some(seen) => std::ptr::eq(seen.as_ptr(), s.as_ptr()) && seen.len() == s.len(),
            None if s == self.uri => {
                self.seen = Some(s);
                true
            }
            None => false,
        }
    }
}

fn build(cx: &Ctx<'_>, ix: &mut VatIndex) {
    ix.tax_categories.clear();
    ix.classified.clear();
    ix.allowance_charges.clear();
    ix.suppliers.clear();
    ix.customers.clear();
    ix.tax_representatives.clear();
    ix.identification_codes.clear();
    ix.breakdown.clear();
    ix.any_invoice_line = false;
    ix.any_credit_note_line = false;
    let mut cac = SameUri::new(ns::CAC);
    let mut cbc = SameUri::new(ns::CBC);
    for e in cx.all() {
        let id = e.id() as u32;
        let uri = e.namespace();
        if cac.is(uri) {
            match e.local_name() {
                "TaxCategory" => {
                    ix.tax_categories.push(id);
                    let st = e.parent();
                    let tt = st.and_then(|st| st.parent());
                    if st.is_some_and(|st| st.is(ns::CAC, "TaxSubtotal"))
                        && tt.is_some_and(|tt| {
                            tt.is(ns::CAC, "TaxTotal") && tt.parent() == Some(cx.root)
                        })
                    {
                        ix.breakdown.push(id);
                    }
                }
                "ClassifiedTaxCategory" => ix.classified.push(id),
                "AllowanceCharge" => ix.allowance_charges.push(id),
                "AccountingSupplierParty" => ix.suppliers.push(id),
                "AccountingCustomerParty" => ix.customers.push(id),
                "TaxRepresentativeParty" => ix.tax_representatives.push(id),
                "InvoiceLine" => ix.any_invoice_line = true,
                "CreditNoteLine" => ix.any_credit_note_line = true,
                _ => {}
            }
        } else if cbc.is(uri) && e.local_name() == "IdentificationCode" {
            ix.identification_codes.push(id);
        }
    }
    memo_facts(cx, ix);
}

thread_local! {
    /// The index last fetched from [`Ctx::memo`], with the address of its context (see
    /// [`with_index`]).
    static LAST: RefCell<(usize, Weak<VatIndex>)> = const { RefCell::new((0, Weak::new())) };
}

/// Runs `f` on the index of the document under judgement, built once per validation run
/// ([`Ctx::memo`]).
///
/// Fast path: the index last fetched on this thread is reused when it was fetched for a context
/// at the same address and is still alive; it lives exactly as long as the context that memoised
/// it, and two live contexts cannot share an address.
fn with_index<'d, R>(cx: &Ctx<'d>, f: impl FnOnce(&Doc<'_, 'd>) -> R) -> R {
    let addr = std::ptr::from_ref(cx) as usize;
    let fast = LAST.with(|last| {
        let last = last.try_borrow().ok()?;
        if last.0 == addr {
            last.1.upgrade()
        } else {
            None
        }
    });
    let ix = match fast {
        Some(ix) => ix,
        None => {
            let ix = cx.memo(|cx| {
                let mut ix = VatIndex::default();
                build(cx, &mut ix);
                ix
            });
            LAST.with(|last| {
                if let Ok(mut last) = last.try_borrow_mut() {
                    *last = (addr, Rc::downgrade(&ix));
                }
            });
            ix
        }
    };
    f(&Doc { cx, ix: &ix })
}

/// Makes sure the index (and with it the facts memo) describes this run's document; every rule
/// calls it first (see the rule table).
fn ensure(cx: &Ctx<'_>) {
    with_index(cx, |_| ());
}

/// The document under judgement with its index.
struct Doc<'a, 'd> {
    cx: &'a Ctx<'d>,
    ix: &'a VatIndex,
}

/// Child elements by name, as an iterator that owns its position (usable from closures).
trait Named<'d> {
    fn named(self, ns: &'static str, local: &'static str)
    -> impl Iterator<Item = Element<'d>> + 'd;
}

impl<'d> Named<'d> for Element<'d> {
    fn named(
        self,
        ns: &'static str,
        local: &'static str,
    ) -> impl Iterator<Item = Element<'d>> + 'd {
        self.children().filter(move |c| c.is(ns, local))
    }
}

impl<'a, 'd: 'a> Doc<'a, 'd> {
    fn list(&self, ids: &'a [u32]) -> impl Iterator<Item = Element<'d>> + 'a {
        let doc = self.cx.root.document();
        ids.iter().filter_map(move |id| doc.element(*id as usize))
    }

    /// `//cac:TaxCategory`
    fn tax_categories(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.tax_categories)
    }

    /// `//cac:ClassifiedTaxCategory`
    fn classified(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.classified)
    }

    /// `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`
    fn breakdown(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.breakdown)
    }

    /// `//cac:AllowanceCharge`
    fn allowance_charges(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.allowance_charges)
    }

    /// `//cac:AllowanceCharge/cac:TaxCategory`
    fn allowance_categories(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.allowance_charges()
            .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
    }

    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory`
    fn allowance_categories_where(&self, charge: bool) -> impl Iterator<Item = Element<'d>> + 'a {
        self.allowance_charges()
            .filter(move |ac| charge_is(*ac, charge))
            .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
    }

    /// `exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[VAT?]/cbc:CompanyID)`
    fn seller_company_id(&self, vat_only: bool) -> bool {
        self.list(&self.ix.suppliers)
            .any(|p| party_tax_company_id(p, &[(ns::CAC, "Party")], vat_only))
    }

    /// `exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`
    fn tax_representative_vat_id(&self) -> bool {
        self.list(&self.ix.tax_representatives)
            .any(|p| party_tax_company_id(p, &[], true))
    }

    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`
    fn buyer_vat_id(&self) -> bool {
        self.list(&self.ix.customers)
            .any(|p| party_tax_company_id(p, &[(ns::CAC, "Party")], true))
    }

    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID)`
    fn buyer_legal_id(&self) -> bool {
        self.list(&self.ix.customers).any(|p| {
            p.named(ns::CAC, "Party").any(|party| {
                party
                    .named(ns::CAC, "PartyLegalEntity")
                    .any(|le| le.child(ns::CBC, "CompanyID").is_some())
            })
        })
    }

    /// The seller condition most families use: `exists(//cac:AccountingSupplierParty/cac:Party/
    /// cac:PartyTaxScheme/cbc:CompanyID) or exists(//cac:TaxRepresentativeParty/
    /// cac:PartyTaxScheme[VAT]/cbc:CompanyID)` (with `vat_only`, the seller's scheme must be VAT).
    fn seller_or_representative(&self, vat_only: bool) -> bool {
        self.seller_company_id(vat_only) || self.tax_representative_vat_id()
    }

    /// `//cbc:IdentificationCode != 'IT'`
    fn identification_code_other_than_italy(&self) -> bool {
        self.list(&self.ix.identification_codes)
            .any(|e| e.string_value() != "IT")
    }
}

/// `exists(<holder>/<via>/cac:PartyTaxScheme[VAT?]/cbc:CompanyID)`
fn party_tax_company_id(
    holder: Element<'_>,
    via: &[(&'static str, &'static str)],
    vat_only: bool,
) -> bool {
    let schemes = |party: Element<'_>| {
        party.named(ns::CAC, "PartyTaxScheme").any(|pts| {
            (!vat_only || scheme_is_vat_direct(pts)) && pts.child(ns::CBC, "CompanyID").is_some()
        })
    };
    match via {
        [] => schemes(holder),
        [(n, l)] => holder.named(n, l).any(schemes),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// XPath building blocks
// ---------------------------------------------------------------------------------------------

/// The single child `ns:local` of `e` as a sequence that must hold at most one item: `Ok(None)`
/// when absent, `Err(())` when there are several (a type error in the official processor).
fn single<'d>(
    e: Element<'d>,
    ns: &'static str,
    local: &'static str,
) -> Result<Option<Element<'d>>, ()> {
    let mut it = e.named(ns, local);
    let first = it.next();
    if it.next().is_some() {
        return Err(());
    }
    Ok(first)
}

/// `normalize-space(cbc:ID)` of a category: `None` when it has several ids (a dynamic error).
fn code(cat: Element<'_>) -> Option<Cow<'_, str>> {
    match single(cat, ns::CBC, "ID") {
        Ok(Some(id)) => Some(match id.string_value() {
            Cow::Borrowed(s) => normalize_space(s),
            Cow::Owned(s) => Cow::Owned(normalize_space(&s).into_owned()),
        }),
        Ok(None) => Some(Cow::Borrowed("")),
        Err(()) => None,
    }
}

/// `normalize-space(cbc:ID) = code`
fn code_is(cat: Element<'_>, code_lit: &str) -> bool {
    facts(cat).code.is_some_and(|c| c.is(code_lit))
}

/// `normalize-space(cbc:ID) != code`
fn code_is_not(cat: Element<'_>, code_lit: &str) -> bool {
    facts(cat).code.is_some_and(|c| !c.is(code_lit))
}

/// A category code after `normalize-space`, kept inline when short (every code the rules compare
/// with is one or two letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    Short([u8; 8], u8),
    Long,
}

impl Code {
    fn of(s: &str) -> Code {
        if s.len() <= 8 {
            let mut b = [0u8; 8];
            b[..s.len()].copy_from_slice(s.as_bytes());
            Code::Short(b, s.len() as u8)
        } else {
            Code::Long
        }
    }

    fn is(self, lit: &str) -> bool {
        match self {
            Code::Short(b, n) => &b[..n as usize] == lit.as_bytes(),
            Code::Long => false,
        }
    }
}

/// What the rules ask again and again about a category or an allowance-charge.
#[derive(Debug, Clone, Copy)]
struct Facts {
    /// `normalize-space(cbc:ID)`; `None` when there are several ids (a dynamic error).
    code: Option<Code>,
    /// The category's tax scheme is VAT.
    vat: bool,
    /// `cbc:ChargeIndicator = false()` / `= true()`.
    allowance: bool,
    charge: bool,
}

fn facts_direct(e: Element<'_>) -> Facts {
    Facts {
        code: code(e).map(|c| Code::of(&c)),
        vat: scheme_is_vat_direct(e),
        allowance: charge_is_direct(e, false),
        charge: charge_is_direct(e, true),
    }
}

/// Facts of every category and allowance-charge of one document (address and element count),
/// sorted by element id.
type FactsMemo = ((usize, usize), Vec<(u32, Facts)>);

thread_local! {
    static FACTS: RefCell<FactsMemo> = const { RefCell::new(((0, 0), Vec::new())) };
}

fn doc_key(e: Element<'_>) -> (usize, usize) {
    let doc = e.document();
    (std::ptr::from_ref(doc) as usize, doc.len())
}

/// The facts of `e`: from the per-document memo (filled with the index) when there, else
/// computed.
fn facts(e: Element<'_>) -> Facts {
    let memo = FACTS.with(|cell| {
        let m = cell.try_borrow().ok()?;
        if m.0 != doc_key(e) {
            return None;
        }
        let id = e.id() as u32;
        m.1.binary_search_by_key(&id, |(i, _)| *i)
            .ok()
            .map(|i| m.1[i].1)
    });
    memo.unwrap_or_else(|| facts_direct(e))
}

fn memo_facts(cx: &Ctx<'_>, ix: &VatIndex) {
    let doc = cx.root.document();
    FACTS.with(|cell| {
        if let Ok(mut m) = cell.try_borrow_mut() {
            m.0 = (std::ptr::from_ref(doc) as usize, doc.len());
            m.1.clear();
            let ids = ix
                .tax_categories
                .iter()
                .chain(&ix.classified)
                .chain(&ix.allowance_charges);
            for id in ids {
                if let Some(e) = doc.element(*id as usize) {
                    m.1.push((*id, facts_direct(e)));
                }
            }
            m.1.sort_unstable_by_key(|(i, _)| *i);
        }
    });
}

/// `cbc:ID[normalize-space(.) = code]`: how many ids of the category read `code`.
fn ids_reading(cat: Element<'_>, code_lit: &str) -> usize {
    cat.named(ns::CBC, "ID")
        .filter(|id| normalized_eq(&id.string_value(), code_lit))
        .count()
}

/// `cbc:ID = code` (general comparison, no trimming).
fn id_raw_is(cat: Element<'_>, code_lit: &str) -> bool {
    cat.named(ns::CBC, "ID")
        .any(|id| id.string_value() == code_lit)
}

/// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']` of a category (memoised per
/// document, see [`facts`]).
fn tax_scheme_is_vat(cat: Element<'_>) -> bool {
    facts(cat).vat
}

/// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']`, computed.
fn scheme_is_vat_direct(e: Element<'_>) -> bool {
    e.named(ns::CAC, "TaxScheme")
        .any(|ts| match single(ts, ns::CBC, "ID") {
            Ok(Some(id)) => normalized_upper_eq(&id.string_value(), "VAT"),
            _ => false,
        })
}

/// `[normalize-space(cbc:ID) = code][VAT]`: a VAT category of the given code.
fn vat_code_is(cat: Element<'_>, code_lit: &str) -> bool {
    code_is(cat, code_lit) && tax_scheme_is_vat(cat)
}

/// `cbc:ChargeIndicator = true()` (or `false()`): some indicator casts to `want` (memoised).
fn charge_is(ac: Element<'_>, want: bool) -> bool {
    let f = facts(ac);
    if want { f.charge } else { f.allowance }
}

/// `cbc:ChargeIndicator = true()` (or `false()`), computed.
fn charge_is_direct(ac: Element<'_>, want: bool) -> bool {
    ac.named(ns::CBC, "ChargeIndicator")
        .any(|ci| super::xpath::boolean(&ci.string_value()) == Some(want))
}

/// `xs:decimal(x)` of the at most one child `ns:local`: `Ok(None)` when absent, `Err(())` when
/// several or not castable (a dynamic error officially).
fn decimal_child(
    e: Element<'_>,
    ns: &'static str,
    local: &'static str,
) -> Result<Option<Decimal>, ()> {
    match single(e, ns, local)? {
        None => Ok(None),
        Some(x) => decimal(&x.string_value()).map(Some).ok_or(()),
    }
}

/// `sum(items/xs:decimal(ns:local))`: `None` on a dynamic error.
fn sum_of<'d>(
    items: impl Iterator<Item = Element<'d>>,
    ns: &'static str,
    local: &'static str,
) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for item in items {
        if let Some(v) = decimal_child(item, ns, local).ok()? {
            total = total.checked_add(v)?;
        }
    }
    Some(total)
}

/// `../cbc:<local>` of a breakdown category: its `cac:TaxSubtotal` parent's amount.
fn subtotal_amount(cat: Element<'_>, local: &'static str) -> Result<Option<Decimal>, ()> {
    match cat.parent() {
        Some(st) => decimal_child(st, ns::CBC, local),
        None => Ok(None),
    }
}

/// The document-level elements a breakdown category's rule reaches with `../../../`.
fn document_of<'d>(cat: Element<'d>) -> Option<Element<'d>> {
    cat.parent()?.parent()?.parent()
}

/// Every breakdown category of the given code (rule context of rules 08–10).
fn breakdown_categories<'d>(
    cx: &Ctx<'d>,
    code_lit: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'd {
    root_breakdown(cx).filter(move |cat| vat_code_is(*cat, code_lit))
}

/// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory` of the root (from the index; not for use
/// inside [`with_index`], where [`Doc::breakdown`] serves).
fn root_breakdown<'d>(cx: &Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    with_index(cx, |d| d.breakdown().collect::<Vec<_>>()).into_iter()
}

/// Contexts of rules 06 (`charge = false`) and 07 (`charge = true`): categories of allowances or
/// charges with the given code. A charge's category is not matched when its allowance-charge also
/// reads as an allowance (the allowance rule comes first in the pattern).
fn allowance_contexts<'a, 'd: 'a>(
    d: &'a Doc<'a, 'd>,
    code_lit: &'static str,
    charge: bool,
) -> impl Iterator<Item = Element<'d>> + 'a {
    d.allowance_charges()
        .filter(move |ac| charge_is(*ac, charge) && !(charge && charge_is(*ac, false)))
        .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
        .filter(move |cat| vat_code_is(*cat, code_lit))
}

/// Context of rule 05: line item categories of the given code.
fn line_contexts<'a, 'd: 'a>(
    d: &'a Doc<'a, 'd>,
    code_lit: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'a {
    d.classified().filter(move |cat| {
        let Some(item) = cat.parent() else {
            return false;
        };
        let Some(line) = item.parent() else {
            return false;
        };
        item.is(ns::CAC, "Item")
            && (line.is(ns::CAC, "InvoiceLine") || line.is(ns::CAC, "CreditNoteLine"))
            && vat_code_is(*cat, code_lit)
    })
}

// ---------------------------------------------------------------------------------------------
// Shared rule shapes
// ---------------------------------------------------------------------------------------------

/// Rules 01 of E, AE, IC, G, O, Z: when any (line or other) VAT category has the code, the VAT
/// breakdown holds exactly one category id with it; `count(…/cbc:ID[…]) = 1`.
fn exactly_one_breakdown(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &str) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let used = d
            .tax_categories()
            .any(|c| tax_scheme_is_vat(c) && ids_reading(c, code_lit) > 0)
            || d.classified()
                .any(|c| tax_scheme_is_vat(c) && ids_reading(c, code_lit) > 0);
        let in_breakdown: usize = d
            .breakdown()
            .filter(|c| tax_scheme_is_vat(*c))
            .map(|c| ids_reading(c, code_lit))
            .sum();
        !used || in_breakdown == 1
    });
    s.check(cx.root, ok);
}

/// Which buyer identifier a rule 02–04 demands besides the seller's.
#[derive(Clone, Copy)]
enum Buyer {
    /// No buyer condition.
    None,
    /// `exists(buyer VAT id)`.
    VatId,
    /// `exists(buyer VAT id) or exists(buyer legal registration id)`.
    VatOrLegalId,
}

/// How a rule 02–04 selects its categories.
#[derive(Clone, Copy)]
enum Where {
    /// `//cac:ClassifiedTaxCategory`
    Lines,
    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = false()]/cac:TaxCategory`
    Allowances,
    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = true()]/cac:TaxCategory`
    Charges,
}

/// The categories of `w` matching `pred`.
fn any_category(d: &Doc<'_, '_>, w: Where, pred: impl Fn(Element<'_>) -> bool) -> bool {
    match w {
        Where::Lines => d.classified().any(pred),
        Where::Allowances => d.allowance_categories_where(false).any(pred),
        Where::Charges => d.allowance_categories_where(true).any(pred),
    }
}

/// Rules 02–04: when a category of `w` is a VAT category with the code (`present`), the seller
/// (or its tax representative) has a VAT identifier, and the buyer condition holds; the guard is
/// `not(exists(… [guard]))`, which some rules write with a different predicate than `present`.
#[allow(clippy::too_many_arguments)]
fn seller_identified(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    w: Where,
    present: fn(Element<'_>, &str) -> bool,
    guard: fn(Element<'_>, &str) -> bool,
    code_lit: &str,
    seller_vat_only: bool,
    buyer: Buyer,
) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let has = any_category(d, w, |c| present(c, code_lit));
        let guarded = any_category(d, w, |c| guard(c, code_lit));
        let buyer_ok = match buyer {
            Buyer::None => true,
            Buyer::VatId => d.buyer_vat_id(),
            Buyer::VatOrLegalId => d.buyer_vat_id() || d.buyer_legal_id(),
        };
        (has && d.seller_or_representative(seller_vat_only) && buyer_ok) || !guarded
    });
    s.check(cx.root, ok);
}

/// `[normalize-space(cbc:ID) = code]` without the tax scheme condition.
fn code_only(cat: Element<'_>, code_lit: &str) -> bool {
    code_is(cat, code_lit)
}

/// `[cbc:ID = code][VAT]`: raw id comparison and VAT scheme.
fn raw_vat(cat: Element<'_>, code_lit: &str) -> bool {
    id_raw_is(cat, code_lit) && tax_scheme_is_vat(cat)
}

/// Rules 08 of E, AE, IC, G, O, Z: the breakdown's taxable amount equals the sum of the lines of
/// that category plus charges minus allowances of that category (exactly).
fn taxable_amount_exact(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    let any_il = || exists_anywhere(cx, "InvoiceLine");
    let any_cn = || exists_anywhere(cx, "CreditNoteLine");
    for cat in breakdown_categories(cx, code_lit) {
        let Ok(taxable) = subtotal_amount(cat, "TaxableAmount") else {
            continue;
        };
        let Some(doc) = document_of(cat) else {
            continue;
        };
        let lines = |line: &'static str| {
            sum_of(
                doc.named(ns::CAC, line).filter(|l| {
                    l.named(ns::CAC, "Item")
                        .flat_map(|i| i.named(ns::CAC, "ClassifiedTaxCategory"))
                        .any(|c| code_is(c, code_lit))
                }),
                ns::CBC,
                "LineExtensionAmount",
            )
        };
        let allowances = |charge: bool| {
            sum_of(
                doc.named(ns::CAC, "AllowanceCharge").filter(|ac| {
                    charge_is(*ac, charge)
                        && ac
                            .named(ns::CAC, "TaxCategory")
                            .any(|c| code_is(c, code_lit))
                }),
                ns::CBC,
                "Amount",
            )
        };
        let (Some(charges), Some(allows)) = (allowances(true), allowances(false)) else {
            continue;
        };
        let matches = |line: &'static str| match (taxable, lines(line)) {
            (Some(t), Some(l)) => Some(t == l + charges - allows),
            (None, Some(_)) => Some(false),
            _ => None,
        };
        let a = if any_il() {
            matches("InvoiceLine")
        } else {
            Some(false)
        };
        let b = if any_cn() {
            matches("CreditNoteLine")
        } else {
            Some(false)
        };
        let ok = match (a, b) {
            (Some(true), _) | (_, Some(true)) => true,
            (Some(false), Some(false)) => false,
            _ => continue,
        };
        s.check(cat, ok);
    }
}

/// `exists(//cac:<local>)`
fn exists_anywhere(cx: &Ctx<'_>, local: &str) -> bool {
    with_index(cx, |d| match local {
        "InvoiceLine" => d.ix.any_invoice_line,
        "CreditNoteLine" => d.ix.any_credit_note_line,
        _ => false,
    })
}

/// `xs:decimal(x ± 1)` where `x` is untyped: the arithmetic happens in `xs:double`, and the
/// result is cast back to `xs:decimal` exactly. `Err` on a dynamic error, `Ok(None)` when absent.
fn double_shifted(st: Element<'_>, local: &'static str, delta: f64) -> Result<Option<Decimal>, ()> {
    match single(st, ns::CBC, local)? {
        None => Ok(None),
        Some(x) => {
            let v = double(&x.string_value()).ok_or(())? + delta;
            if !v.is_finite() {
                return Err(());
            }
            Decimal::from_f64_retain(v).map(Some).ok_or(())
        }
    }
}

/// Rules 08 of S, AF, AG: for the breakdown's rate, the taxable amount lies within ±1 of the sum
/// of lines plus charges minus allowances of that category and rate.
fn taxable_amount_per_rate(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str, s08: bool) {
    for cat in breakdown_categories(cx, code_lit) {
        let Some(doc) = document_of(cat) else {
            continue;
        };
        let Some(st) = cat.parent() else { continue };
        // every $rate in xs:decimal(cbc:Percent)
        let rate = match decimal_child(cat, ns::CBC, "Percent") {
            Ok(Some(r)) => r,
            Ok(None) => continue, // vacuously true
            Err(()) => continue,
        };
        let (Ok(low), Ok(high)) = (
            double_shifted(st, "TaxableAmount", -1.0),
            double_shifted(st, "TaxableAmount", 1.0),
        ) else {
            continue;
        };
        let cat_matches = |c: Element<'_>| -> bool { code_is(c, code_lit) };
        let rate_matches = |c: Element<'_>| -> bool {
            matches!(decimal_child(c, ns::CBC, "Percent"), Ok(Some(p)) if p == rate)
        };
        let line_ok = |line: Element<'_>| {
            let cats = || {
                line.named(ns::CAC, "Item")
                    .flat_map(|i| i.named(ns::CAC, "ClassifiedTaxCategory"))
            };
            cats().any(cat_matches) && cats().any(rate_matches)
        };
        let ac_ok = |ac: Element<'_>| {
            let cats = || ac.named(ns::CAC, "TaxCategory");
            cats().any(cat_matches) && cats().any(rate_matches)
        };
        let doc_acs = |charge: bool| {
            sum_of(
                doc.named(ns::CAC, "AllowanceCharge")
                    .filter(|ac| charge_is(*ac, charge) && ac_ok(*ac)),
                ns::CBC,
                "Amount",
            )
        };
        let (Some(charges), Some(allows)) = (doc_acs(true), doc_acs(false)) else {
            continue;
        };
        let within = |line: &'static str| -> Option<bool> {
            let sum = sum_of(
                doc.named(ns::CAC, line).filter(|l| line_ok(*l)),
                ns::CBC,
                "LineExtensionAmount",
            )?;
            let total = sum + charges - allows;
            Some(low.is_some_and(|l| l < total) && high.is_some_and(|h| h > total))
        };
        let ok = if s08 {
            // exists(//cac:InvoiceLine[…][…]) or exists(//cac:AllowanceCharge[…][…])
            let (il, cn, ac) = with_index(cx, |d| {
                let ac = d.allowance_charges().any(ac_ok);
                let lines = |local: &str| {
                    d.classified()
                        .filter_map(|c| c.parent()?.parent())
                        .filter(|l| l.is(ns::CAC, local))
                        .any(line_ok)
                };
                let il = d.ix.any_invoice_line && lines("InvoiceLine");
                let cn = d.ix.any_credit_note_line && lines("CreditNoteLine");
                (il, cn, ac)
            });
            let a = if il || ac {
                within("InvoiceLine")
            } else {
                Some(false)
            };
            let b = if cn || ac {
                within("CreditNoteLine")
            } else {
                Some(false)
            };
            match (a, b) {
                (Some(true), _) | (_, Some(true)) => true,
                (Some(false), Some(false)) => false,
                _ => continue,
            }
        } else {
            let a = if exists_anywhere(cx, "InvoiceLine") {
                within("InvoiceLine")
            } else {
                Some(false)
            };
            let b = if exists_anywhere(cx, "CreditNoteLine") {
                within("CreditNoteLine")
            } else {
                Some(false)
            };
            match (a, b) {
                (Some(true), _) | (_, Some(true)) => true,
                (Some(false), Some(false)) => false,
                _ => continue,
            }
        };
        s.check(cat, ok);
    }
}

/// Rules 09 of E, AE, IC, G, O, Z: `xs:decimal(../cbc:TaxAmount) = 0`.
fn tax_amount_zero(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    for cat in breakdown_categories(cx, code_lit) {
        match subtotal_amount(cat, "TaxAmount") {
            Ok(v) => s.check(cat, v == Some(Decimal::ZERO)),
            Err(()) => continue,
        }
    }
}

/// Rules 09 of S, AF, AG: the breakdown's tax amount is within ±1 of taxable amount × rate,
/// rounded to two decimals.
fn tax_amount_from_rate(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    for cat in breakdown_categories(cx, code_lit) {
        let (Ok(tax), Ok(taxable), Ok(rate)) = (
            subtotal_amount(cat, "TaxAmount"),
            subtotal_amount(cat, "TaxableAmount"),
            decimal_child(cat, ns::CBC, "Percent"),
        ) else {
            continue;
        };
        let ok = match (tax, taxable, rate) {
            (Some(tax), Some(taxable), Some(rate)) => {
                let expected = taxable
                    .abs()
                    .checked_mul(rate / Decimal::ONE_HUNDRED)
                    .map(round2);
                match expected {
                    Some(e) => {
                        let t = tax.abs();
                        t - Decimal::ONE < e && t + Decimal::ONE > e
                    }
                    None => continue,
                }
            }
            _ => false,
        };
        s.check(cat, ok);
    }
}

/// Rules 10: an exemption reason (text or code) is required (`required = true`) or forbidden.
fn exemption_reason(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str, required: bool) {
    for cat in breakdown_categories(cx, code_lit) {
        let has = cat.child(ns::CBC, "TaxExemptionReason").is_some()
            || cat.child(ns::CBC, "TaxExemptionReasonCode").is_some();
        s.check(cat, has == required);
    }
}

/// How rules 05–07 judge `cbc:Percent`.
#[derive(Clone, Copy)]
enum Rate {
    /// `xs:decimal(cbc:Percent) = 0`
    Zero,
    /// `(cbc:Percent) > 0` (general comparison in `xs:double`)
    Positive,
    /// `(cbc:Percent) >= 0`
    NonNegative,
    /// `not(cbc:Percent)`
    Absent,
}

fn rate_ok(cat: Element<'_>, rate: Rate) -> Option<bool> {
    let percents = || cat.named(ns::CBC, "Percent");
    let doubles = || percents().map(|p| double(&p.string_value()));
    Some(match rate {
        Rate::Zero => match decimal_child(cat, ns::CBC, "Percent") {
            Ok(v) => v == Some(Decimal::ZERO),
            Err(()) => return None,
        },
        Rate::Positive => {
            if doubles().any(|d| d.is_none()) {
                return None;
            }
            doubles().flatten().any(|d| d > 0.0)
        }
        Rate::NonNegative => {
            if doubles().any(|d| d.is_none()) {
                return None;
            }
            doubles().flatten().any(|d| d >= 0.0)
        }
        Rate::Absent => percents().next().is_none(),
    })
}

/// Rule 05: the rate of every line item category with the code.
fn line_rate(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str, rate: Rate) {
    let fails: Vec<u32> = with_index(cx, |d| {
        line_contexts(d, code_lit)
            .filter(|c| rate_ok(*c, rate) == Some(false))
            .map(|c| c.id() as u32)
            .collect()
    });
    fire_all(cx, s, &fails);
}

/// Rules 06 (`charge = false`) and 07: the rate of every allowance (charge) category with the
/// code.
fn allowance_rate(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    code_lit: &'static str,
    charge: bool,
    rate: Rate,
) {
    let fails: Vec<u32> = with_index(cx, |d| {
        allowance_contexts(d, code_lit, charge)
            .filter(|c| rate_ok(*c, rate) == Some(false))
            .map(|c| c.id() as u32)
            .collect()
    });
    fire_all(cx, s, &fails);
}

fn fire_all(cx: &Ctx<'_>, s: &mut Sink<'_>, ids: &[u32]) {
    let doc = cx.root.document();
    for id in ids {
        if let Some(e) = doc.element(*id as usize) {
            s.fire(e);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// BR-S: standard rated
// ---------------------------------------------------------------------------------------------

/// BR-S-01: lines, allowances or charges of category S need at least one S breakdown, and an S
/// breakdown needs one of them (no tax scheme condition, in contrast to the other families).
fn br_s_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let used = d
            .allowance_categories()
            .filter(|c| code_is(*c, "S"))
            .count()
            + d.classified().filter(|c| code_is(*c, "S")).count();
        let breakdown = d.breakdown().filter(|c| code_is(*c, "S")).count();
        (used > 0 && breakdown > 0) || (used == 0 && breakdown == 0)
    });
    s.check(cx.root, ok);
}

fn br_s_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    // The guard `not(exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'S']))` has
    // no tax scheme condition.
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        code_only,
        "S",
        false,
        Buyer::None,
    );
}

fn br_s_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "S",
        false,
        Buyer::None,
    );
}

fn br_s_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "S",
        false,
        Buyer::None,
    );
}

fn br_s_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "S", Rate::Positive);
}

fn br_s_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "S", false, Rate::Positive);
}

fn br_s_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "S", true, Rate::Positive);
}

fn br_s_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_per_rate(cx, s, "S", true);
}

fn br_s_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_from_rate(cx, s, "S");
}

fn br_s_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "S", false);
}

// ---------------------------------------------------------------------------------------------
// BR-Z: zero rated
// ---------------------------------------------------------------------------------------------

fn br_z_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "Z");
}

fn br_z_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "Z",
        false,
        Buyer::None,
    );
}

fn br_z_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "Z",
        false,
        Buyer::None,
    );
}

fn br_z_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "Z",
        false,
        Buyer::None,
    );
}

fn br_z_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "Z", Rate::Zero);
}

fn br_z_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "Z", false, Rate::Zero);
}

fn br_z_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "Z", true, Rate::Zero);
}

fn br_z_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "Z");
}

fn br_z_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "Z");
}

fn br_z_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "Z", false);
}

// ---------------------------------------------------------------------------------------------
// BR-E: exempt from VAT
// ---------------------------------------------------------------------------------------------

fn br_e_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "E");
}

fn br_e_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "E",
        false,
        Buyer::None,
    );
}

fn br_e_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "E",
        false,
        Buyer::None,
    );
}

fn br_e_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "E",
        false,
        Buyer::None,
    );
}

fn br_e_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "E", Rate::Zero);
}

fn br_e_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "E", false, Rate::Zero);
}

fn br_e_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "E", true, Rate::Zero);
}

fn br_e_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "E");
}

fn br_e_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "E");
}

fn br_e_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "E", true);
}

// ---------------------------------------------------------------------------------------------
// BR-AE: VAT reverse charge
// ---------------------------------------------------------------------------------------------

fn br_ae_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "AE");
}

fn br_ae_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "AE",
        false,
        Buyer::VatOrLegalId,
    );
}

fn br_ae_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "AE",
        false,
        Buyer::VatOrLegalId,
    );
}

fn br_ae_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "AE",
        false,
        Buyer::VatOrLegalId,
    );
}

fn br_ae_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "AE", Rate::Zero);
}

fn br_ae_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "AE", false, Rate::Zero);
}

fn br_ae_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "AE", true, Rate::Zero);
}

fn br_ae_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "AE");
}

fn br_ae_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "AE");
}

fn br_ae_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "AE", true);
}

// ---------------------------------------------------------------------------------------------
// BR-IC: intra-community supply (code K)
// ---------------------------------------------------------------------------------------------

fn br_ic_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "K");
}

fn br_ic_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "K",
        true,
        Buyer::VatId,
    );
}

fn br_ic_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "K",
        true,
        Buyer::VatId,
    );
}

fn br_ic_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "K",
        true,
        Buyer::VatId,
    );
}

fn br_ic_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "K", Rate::Zero);
}

fn br_ic_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "K", false, Rate::Zero);
}

fn br_ic_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "K", true, Rate::Zero);
}

fn br_ic_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "K");
}

fn br_ic_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "K");
}

fn br_ic_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "K", true);
}

/// Whether the root's VAT breakdown has a VAT category id reading K.
fn has_k_breakdown(cx: &Ctx<'_>) -> bool {
    root_breakdown(cx).any(|c| tax_scheme_is_vat(c) && ids_reading(c, "K") > 0)
}

/// `string-length(path)` of a path that must select at most one element: `None` on several.
fn string_length_of(from: Element<'_>, path: &[(&str, &str)]) -> Option<usize> {
    let mut it = super::xpath::select(from, path);
    let first = it.next();
    if it.next().is_some() {
        return None;
    }
    Some(first.map_or(0, |e| e.string_value().chars().count()))
}

fn br_ic_11(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_k_breakdown(cx) {
        return;
    }
    let Some(len) = string_length_of(
        cx.root,
        &[(ns::CAC, "Delivery"), (ns::CBC, "ActualDeliveryDate")],
    ) else {
        return;
    };
    let period = cx
        .root
        .named(ns::CAC, "InvoicePeriod")
        .any(|p| p.children().next().is_some());
    s.check(cx.root, len > 1 || period);
}

fn br_ic_12(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_k_breakdown(cx) {
        return;
    }
    let path = [
        (ns::CAC, "Delivery"),
        (ns::CAC, "DeliveryLocation"),
        (ns::CAC, "Address"),
        (ns::CAC, "Country"),
        (ns::CBC, "IdentificationCode"),
    ];
    let Some(len) = string_length_of(cx.root, &path) else {
        return;
    };
    s.check(cx.root, len > 1);
}

// ---------------------------------------------------------------------------------------------
// BR-G: export outside the EU
// ---------------------------------------------------------------------------------------------

fn br_g_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "G");
}

fn br_g_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "G",
        true,
        Buyer::None,
    );
}

fn br_g_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    // The presence test has no tax scheme condition; the guard has.
    seller_identified(
        cx,
        s,
        Where::Allowances,
        code_only,
        vat_code_is,
        "G",
        true,
        Buyer::None,
    );
}

fn br_g_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        code_only,
        vat_code_is,
        "G",
        true,
        Buyer::None,
    );
}

fn br_g_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "G", Rate::Zero);
}

fn br_g_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "G", false, Rate::Zero);
}

fn br_g_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "G", true, Rate::Zero);
}

fn br_g_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "G");
}

fn br_g_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "G");
}

fn br_g_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "G", true);
}

// ---------------------------------------------------------------------------------------------
// BR-O: not subject to VAT
// ---------------------------------------------------------------------------------------------

fn br_o_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exactly_one_breakdown(cx, s, "O");
}

/// Rules O-02 to O-04: no VAT identifier for seller, tax representative or buyer.
fn no_vat_ids(d: &Doc<'_, '_>) -> bool {
    !d.seller_company_id(true) && !d.tax_representative_vat_id() && !d.buyer_vat_id()
}

fn br_o_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let has = d.classified().any(|c| vat_code_is(c, "O"));
        !has || no_vat_ids(d)
    });
    s.check(cx.root, ok);
}

/// `exists((/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge[charge]/cac:TaxCategory[O][VAT])`
fn root_allowance_o(cx: &Ctx<'_>, charge: bool) -> bool {
    cx.root
        .named(ns::CAC, "AllowanceCharge")
        .filter(|ac| charge_is(*ac, charge))
        .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
        .any(|c| vat_code_is(c, "O"))
}

fn br_o_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let has = root_allowance_o(cx, false);
    let ok = !has || with_index(cx, no_vat_ids);
    s.check(cx.root, ok);
}

fn br_o_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let has = root_allowance_o(cx, true);
    let ok = !has || with_index(cx, no_vat_ids);
    s.check(cx.root, ok);
}

fn br_o_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "O", Rate::Absent);
}

fn br_o_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "O", false, Rate::Absent);
}

fn br_o_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "O", true, Rate::Absent);
}

fn br_o_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_exact(cx, s, "O");
}

fn br_o_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_zero(cx, s, "O");
}

fn br_o_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "O", true);
}

/// Whether the root's VAT breakdown has a VAT category id reading O.
fn has_o_breakdown(cx: &Ctx<'_>) -> bool {
    root_breakdown(cx).any(|c| tax_scheme_is_vat(c) && ids_reading(c, "O") > 0)
}

fn br_o_11(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = root_breakdown(cx).any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c));
    s.check(cx.root, !others);
}

fn br_o_12(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.classified()
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

fn br_o_13(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.allowance_categories_where(false)
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

fn br_o_14(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.allowance_categories_where(true)
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

// ---------------------------------------------------------------------------------------------
// BR-AF: IGIC, Canary Islands (code L)
// ---------------------------------------------------------------------------------------------

fn br_af_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let used = with_index(cx, |d| {
        d.allowance_categories()
            .filter(|c| vat_code_is(*c, "L"))
            .count()
            + d.classified().filter(|c| vat_code_is(*c, "L")).count()
    });
    // First clause `[cbc:ID = 'L']` (raw, no scheme); second `[normalize-space(cbc:ID) = 'L'][VAT]`.
    let raw = root_breakdown(cx).filter(|c| id_raw_is(*c, "L")).count();
    let vat = root_breakdown(cx).filter(|c| vat_code_is(*c, "L")).count();
    s.check(cx.root, (used > 0 && raw > 0) || (used == 0 && vat == 0));
}

fn br_af_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "L",
        false,
        Buyer::None,
    );
}

fn br_af_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "L",
        false,
        Buyer::None,
    );
}

fn br_af_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    // The guard compares the raw id: `[cbc:ID='L'][VAT]`.
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        raw_vat,
        "L",
        false,
        Buyer::None,
    );
}

fn br_af_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "L", Rate::NonNegative);
}

fn br_af_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "L", false, Rate::NonNegative);
}

fn br_af_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "L", true, Rate::NonNegative);
}

fn br_af_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_per_rate(cx, s, "L", false);
}

fn br_af_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_from_rate(cx, s, "L");
}

fn br_af_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "L", false);
}

// ---------------------------------------------------------------------------------------------
// BR-AG: IPSI, Ceuta and Melilla (code M)
// ---------------------------------------------------------------------------------------------

fn br_ag_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let used = with_index(cx, |d| {
        d.allowance_categories()
            .filter(|c| vat_code_is(*c, "M"))
            .count()
            + d.classified().filter(|c| vat_code_is(*c, "M")).count()
    });
    // First clause `[cbc:ID = 'M'][VAT]` (raw id); second `[normalize-space(cbc:ID) = 'M'][VAT]`.
    let raw = root_breakdown(cx).filter(|c| raw_vat(*c, "M")).count();
    let vat = root_breakdown(cx).filter(|c| vat_code_is(*c, "M")).count();
    s.check(cx.root, (used > 0 && raw > 0) || (used == 0 && vat == 0));
}

fn br_ag_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Lines,
        vat_code_is,
        vat_code_is,
        "M",
        false,
        Buyer::None,
    );
}

fn br_ag_03(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Allowances,
        vat_code_is,
        vat_code_is,
        "M",
        false,
        Buyer::None,
    );
}

fn br_ag_04(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    seller_identified(
        cx,
        s,
        Where::Charges,
        vat_code_is,
        vat_code_is,
        "M",
        false,
        Buyer::None,
    );
}

fn br_ag_05(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    line_rate(cx, s, "M", Rate::NonNegative);
}

fn br_ag_06(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "M", false, Rate::NonNegative);
}

fn br_ag_07(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    allowance_rate(cx, s, "M", true, Rate::NonNegative);
}

fn br_ag_08(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    taxable_amount_per_rate(cx, s, "M", false);
}

fn br_ag_09(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    tax_amount_from_rate(cx, s, "M");
}

fn br_ag_10(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    exemption_reason(cx, s, "M", false);
}

// ---------------------------------------------------------------------------------------------
// BR-B: split payment (Italy)
// ---------------------------------------------------------------------------------------------

/// `//cac:TaxCategory/cbc:ID = code or //cac:ClassifiedTaxCategory/cbc:ID = code`
fn any_raw_code(d: &Doc<'_, '_>, code_lit: &str) -> bool {
    d.tax_categories().any(|c| id_raw_is(c, code_lit))
        || d.classified().any(|c| id_raw_is(c, code_lit))
}

fn br_b_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let split = any_raw_code(d, "B");
        !split || !d.identification_code_other_than_italy()
    });
    s.check(cx.root, ok);
}

/// BR-B-02's test: `breakdown` says which breakdown path the "S" half reads (1.3.16:
/// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID`; 1.3.14.1 wrote
/// `cac:TaxTotal/cac:TaxSubtotal/cbc:ID`, which never matches a category).
fn split_payment_not_standard(cx: &Ctx<'_>, s: &mut Sink<'_>, s_in_breakdown_category: bool) {
    if !cx.is_ubl() {
        return;
    }
    let uses = |code_lit: &str, breakdown: bool| {
        breakdown && root_breakdown(cx).any(|c| id_raw_is(c, code_lit))
            || cx
                .root
                .named(ns::CAC, "AllowanceCharge")
                .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
                .any(|c| id_raw_is(c, code_lit))
            || with_index(cx, |d| d.classified().any(|c| id_raw_is(c, code_lit)))
    };
    let s_breakdown = if s_in_breakdown_category {
        true
    } else {
        // `cac:TaxTotal/cac:TaxSubtotal/cbc:ID = 'S'`
        cx.root
            .named(ns::CAC, "TaxTotal")
            .flat_map(|tt| tt.named(ns::CAC, "TaxSubtotal"))
            .flat_map(|st| st.named(ns::CBC, "ID"))
            .any(|id| id.string_value() == "S")
    };
    let b = uses("B", true);
    let standard = if s_in_breakdown_category {
        uses("S", true)
    } else {
        s_breakdown || uses("S", false)
    };
    s.check(cx.root, !b || !standard);
}

/// BR-B-02; CEN 1.3.14.1 wrote its "S" breakdown test against `cac:TaxSubtotal/cbc:ID`.
fn br_b_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    let fixed = s.release() != RuleSetId::Cen1_3_14_1;
    split_payment_not_standard(cx, s, fixed);
}

// ---------------------------------------------------------------------------------------------
// Rule table
// ---------------------------------------------------------------------------------------------

/// One fatal rule; messages are built from the fragments given.
macro_rules! rule {
    ($check:ident, $id:literal, [$($bt:literal),*], $en:expr, $sv:expr) => {
        RuleDef {
            id: $id,
            severity: Severity::Fatal,
            bt: &[$($bt),*],
            en: $en,
            sv: $sv,
            check: {
                // Every rule first makes sure the per-document index and facts describe this
                // run's document.
                fn checked(cx: &Ctx<'_>, s: &mut Sink<'_>) {
                    ensure(cx);
                    $check(cx, s)
                }
                checked
            },
        }
    };
}

/// The family table: for each category the ten numbered rules (their quirks live in the check
/// functions), with messages built from the fragments given, then the extra rules.
macro_rules! family_table {
    (
        $( {
            $en:literal, $sv:literal,
            [$r01:ident, $r02:ident, $r03:ident, $r04:ident, $r05:ident,
             $r06:ident, $r07:ident, $r08:ident, $r09:ident, $r10:ident],
            [$i01:literal, $i02:literal, $i03:literal, $i04:literal, $i05:literal,
             $i06:literal, $i07:literal, $i08:literal, $i09:literal, $i10:literal],
            $seller_en:literal, $seller_sv:literal,
            $rate_en:literal, $rate_sv:literal,
            $sum_en:literal, $sum_sv:literal,
            $tax_en:literal, $tax_sv:literal,
            $reason_en:literal, $reason_sv:literal
        } ),* ;
        $( $extra:expr ),* $(,)?
    ) => {
        &[
            $(
            rule!($r01, $i01, ["BG-23", "BT-118", "BT-151", "BT-95", "BT-102"],
                concat!("An invoice with lines, allowances or charges of VAT category ", $en,
                    " needs a VAT breakdown (BG-23) for that category (BT-118), and vice versa."),
                concat!("En faktura med rader, rabatter eller avgifter i momskategori ", $sv,
                    " ska ha en momsspecifikation (BG-23) för kategorin (BT-118), och omvänt.")),
            rule!($r02, $i02, ["BT-151", "BT-31", "BT-63", "BT-48"],
                concat!("An invoice line of VAT category ", $en, " (BT-151) requires ",
                    $seller_en, "."),
                concat!("En fakturarad i momskategori ", $sv, " (BT-151) kräver ", $seller_sv,
                    ".")),
            rule!($r03, $i03, ["BT-95", "BT-31", "BT-63", "BT-48"],
                concat!("A document level allowance of VAT category ", $en, " (BT-95) requires ",
                    $seller_en, "."),
                concat!("En rabatt på dokumentnivå i momskategori ", $sv, " (BT-95) kräver ",
                    $seller_sv, ".")),
            rule!($r04, $i04, ["BT-102", "BT-31", "BT-63", "BT-48"],
                concat!("A document level charge of VAT category ", $en, " (BT-102) requires ",
                    $seller_en, "."),
                concat!("En avgift på dokumentnivå i momskategori ", $sv, " (BT-102) kräver ",
                    $seller_sv, ".")),
            rule!($r05, $i05, ["BT-151", "BT-152"],
                concat!("An invoice line of VAT category ", $en, ": the invoiced item VAT rate ",
                    "(BT-152) ", $rate_en, "."),
                concat!("En fakturarad i momskategori ", $sv, ": artikelns momssats (BT-152) ",
                    $rate_sv, ".")),
            rule!($r06, $i06, ["BT-95", "BT-96"],
                concat!("A document level allowance of VAT category ", $en,
                    ": the allowance VAT rate (BT-96) ", $rate_en, "."),
                concat!("En rabatt på dokumentnivå i momskategori ", $sv,
                    ": rabattens momssats (BT-96) ", $rate_sv, ".")),
            rule!($r07, $i07, ["BT-102", "BT-103"],
                concat!("A document level charge of VAT category ", $en,
                    ": the charge VAT rate (BT-103) ", $rate_en, "."),
                concat!("En avgift på dokumentnivå i momskategori ", $sv,
                    ": avgiftens momssats (BT-103) ", $rate_sv, ".")),
            rule!($r08, $i08, ["BT-116", "BT-131", "BT-92", "BT-99", "BT-118", "BT-119"],
                concat!("VAT breakdown of category ", $en, ": the taxable amount (BT-116) ",
                    $sum_en, "."),
                concat!("Momsspecifikation för kategori ", $sv, ": beskattningsunderlaget ",
                    "(BT-116) ", $sum_sv, ".")),
            rule!($r09, $i09, ["BT-117", "BT-116", "BT-119"],
                concat!("VAT breakdown of category ", $en, ": the VAT amount (BT-117) ",
                    $tax_en, "."),
                concat!("Momsspecifikation för kategori ", $sv, ": momsbeloppet (BT-117) ",
                    $tax_sv, ".")),
            rule!($r10, $i10, ["BT-120", "BT-121", "BT-118"],
                concat!("VAT breakdown of category ", $en, ": ", $reason_en, "."),
                concat!("Momsspecifikation för kategori ", $sv, ": ", $reason_sv, ".")),
            )*
            $( $extra ),*
        ]
    };
}

/// The rules of this family: 98 ids.
pub(crate) const RULES: &[RuleDef] = family_table!(
    {
    "Standard rated (S)", "standardsats (S)",
    [br_s_01, br_s_02, br_s_03, br_s_04, br_s_05, br_s_06, br_s_07, br_s_08, br_s_09, br_s_10],
    ["BR-S-01", "BR-S-02", "BR-S-03", "BR-S-04", "BR-S-05", "BR-S-06", "BR-S-07", "BR-S-08",
     "BR-S-09", "BR-S-10"],
    "the seller VAT identifier (BT-31), tax registration identifier (BT-32) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31), skatteregistreringsnummer (BT-32) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be greater than zero", "ska vara större än noll",
    "shall equal, within 1, the sum of line net amounts plus charges minus allowances of category S with that rate",
    "ska, med högst 1 i avvikelse, vara summan av radbelopp plus avgifter minus rabatter i kategori S med den satsen",
    "shall equal, within 1, the taxable amount (BT-116) multiplied by the rate (BT-119)",
    "ska, med högst 1 i avvikelse, vara beskattningsunderlaget (BT-116) gånger momssatsen (BT-119)",
    "no exemption reason (BT-120) or reason code (BT-121) is allowed",
    "undantagsorsak (BT-120) och orsakskod (BT-121) får inte anges"
    },
    {
    "Zero rated (Z)", "nollskattesats (Z)",
    [br_z_01, br_z_02, br_z_03, br_z_04, br_z_05, br_z_06, br_z_07, br_z_08, br_z_09, br_z_10],
    ["BR-Z-01", "BR-Z-02", "BR-Z-03", "BR-Z-04", "BR-Z-05", "BR-Z-06", "BR-Z-07", "BR-Z-08",
     "BR-Z-09", "BR-Z-10"],
    "the seller VAT identifier (BT-31), tax registration identifier (BT-32) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31), skatteregistreringsnummer (BT-32) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be 0", "ska vara 0",
    "shall equal the sum of line net amounts plus charges minus allowances of category Z",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori Z",
    "shall be 0", "ska vara 0",
    "no exemption reason (BT-120) or reason code (BT-121) is allowed",
    "undantagsorsak (BT-120) och orsakskod (BT-121) får inte anges"
    },
    {
    "Exempt from VAT (E)", "undantagen från moms (E)",
    [br_e_01, br_e_02, br_e_03, br_e_04, br_e_05, br_e_06, br_e_07, br_e_08, br_e_09, br_e_10],
    ["BR-E-01", "BR-E-02", "BR-E-03", "BR-E-04", "BR-E-05", "BR-E-06", "BR-E-07", "BR-E-08",
     "BR-E-09", "BR-E-10"],
    "the seller VAT identifier (BT-31), tax registration identifier (BT-32) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31), skatteregistreringsnummer (BT-32) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be 0", "ska vara 0",
    "shall equal the sum of line net amounts plus charges minus allowances of category E",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori E",
    "shall be 0", "ska vara 0",
    "an exemption reason (BT-120) or reason code (BT-121) is required",
    "undantagsorsak (BT-120) eller orsakskod (BT-121) krävs"
    },
    {
    "Reverse charge (AE)", "omvänd skattskyldighet (AE)",
    [br_ae_01, br_ae_02, br_ae_03, br_ae_04, br_ae_05, br_ae_06, br_ae_07, br_ae_08, br_ae_09,
     br_ae_10],
    ["BR-AE-01", "BR-AE-02", "BR-AE-03", "BR-AE-04", "BR-AE-05", "BR-AE-06", "BR-AE-07",
     "BR-AE-08", "BR-AE-09", "BR-AE-10"],
    "a seller VAT identifier (BT-31, BT-32 or BT-63) and the buyer VAT identifier (BT-48) or legal registration identifier (BT-47)",
    "momsregistreringsnummer för säljaren (BT-31, BT-32 eller BT-63) och köparens momsregistreringsnummer (BT-48) eller organisationsnummer (BT-47)",
    "shall be 0", "ska vara 0",
    "shall equal the sum of line net amounts plus charges minus allowances of category AE",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori AE",
    "shall be 0", "ska vara 0",
    "an exemption reason (BT-120) or reason code (BT-121) is required",
    "undantagsorsak (BT-120) eller orsakskod (BT-121) krävs"
    },
    {
    "Intra-community supply (K)", "gemenskapsintern leverans (K)",
    [br_ic_01, br_ic_02, br_ic_03, br_ic_04, br_ic_05, br_ic_06, br_ic_07, br_ic_08, br_ic_09,
     br_ic_10],
    ["BR-IC-01", "BR-IC-02", "BR-IC-03", "BR-IC-04", "BR-IC-05", "BR-IC-06", "BR-IC-07",
     "BR-IC-08", "BR-IC-09", "BR-IC-10"],
    "the seller VAT identifier (BT-31 or BT-63) and the buyer VAT identifier (BT-48)",
    "säljarens momsregistreringsnummer (BT-31 eller BT-63) och köparens momsregistreringsnummer (BT-48)",
    "shall be 0", "ska vara 0",
    "shall equal the sum of line net amounts plus charges minus allowances of category K",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori K",
    "shall be 0", "ska vara 0",
    "an exemption reason (BT-120) or reason code (BT-121) is required",
    "undantagsorsak (BT-120) eller orsakskod (BT-121) krävs"
    },
    {
    "Export outside the EU (G)", "export utanför EU (G)",
    [br_g_01, br_g_02, br_g_03, br_g_04, br_g_05, br_g_06, br_g_07, br_g_08, br_g_09, br_g_10],
    ["BR-G-01", "BR-G-02", "BR-G-03", "BR-G-04", "BR-G-05", "BR-G-06", "BR-G-07", "BR-G-08",
     "BR-G-09", "BR-G-10"],
    "the seller VAT identifier (BT-31) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be 0", "ska vara 0",
    "shall equal the sum of line net amounts plus charges minus allowances of category G",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori G",
    "shall be 0", "ska vara 0",
    "an exemption reason (BT-120) or reason code (BT-121) is required",
    "undantagsorsak (BT-120) eller orsakskod (BT-121) krävs"
    },
    {
    "Not subject to VAT (O)", "ej föremål för moms (O)",
    [br_o_01, br_o_02, br_o_03, br_o_04, br_o_05, br_o_06, br_o_07, br_o_08, br_o_09, br_o_10],
    ["BR-O-01", "BR-O-02", "BR-O-03", "BR-O-04", "BR-O-05", "BR-O-06", "BR-O-07", "BR-O-08",
     "BR-O-09", "BR-O-10"],
    "that neither seller (BT-31, BT-63) nor buyer (BT-48) has a VAT identifier",
    "att varken säljaren (BT-31, BT-63) eller köparen (BT-48) anger momsregistreringsnummer",
    "shall not be given", "får inte anges",
    "shall equal the sum of line net amounts plus charges minus allowances of category O",
    "ska vara summan av radbelopp plus avgifter minus rabatter i kategori O",
    "shall be 0", "ska vara 0",
    "an exemption reason (BT-120) or reason code (BT-121) is required",
    "undantagsorsak (BT-120) eller orsakskod (BT-121) krävs"
    },
    {
    "IGIC, Canary Islands (L)", "IGIC, Kanarieöarna (L)",
    [br_af_01, br_af_02, br_af_03, br_af_04, br_af_05, br_af_06, br_af_07, br_af_08, br_af_09,
     br_af_10],
    ["BR-AF-01", "BR-AF-02", "BR-AF-03", "BR-AF-04", "BR-AF-05", "BR-AF-06", "BR-AF-07",
     "BR-AF-08", "BR-AF-09", "BR-AF-10"],
    "the seller VAT identifier (BT-31), tax registration identifier (BT-32) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31), skatteregistreringsnummer (BT-32) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be 0 or greater", "ska vara 0 eller större",
    "shall equal, within 1, the sum of line net amounts plus charges minus allowances of category L with that rate",
    "ska, med högst 1 i avvikelse, vara summan av radbelopp plus avgifter minus rabatter i kategori L med den satsen",
    "shall equal, within 1, the taxable amount (BT-116) multiplied by the rate (BT-119)",
    "ska, med högst 1 i avvikelse, vara beskattningsunderlaget (BT-116) gånger momssatsen (BT-119)",
    "no exemption reason (BT-120) or reason code (BT-121) is allowed",
    "undantagsorsak (BT-120) och orsakskod (BT-121) får inte anges"
    },
    {
    "IPSI, Ceuta and Melilla (M)", "IPSI, Ceuta och Melilla (M)",
    [br_ag_01, br_ag_02, br_ag_03, br_ag_04, br_ag_05, br_ag_06, br_ag_07, br_ag_08, br_ag_09,
     br_ag_10],
    ["BR-AG-01", "BR-AG-02", "BR-AG-03", "BR-AG-04", "BR-AG-05", "BR-AG-06", "BR-AG-07",
     "BR-AG-08", "BR-AG-09", "BR-AG-10"],
    "the seller VAT identifier (BT-31), tax registration identifier (BT-32) or the seller tax representative VAT identifier (BT-63)",
    "säljarens momsregistreringsnummer (BT-31), skatteregistreringsnummer (BT-32) eller skatteombudets momsregistreringsnummer (BT-63)",
    "shall be 0 or greater", "ska vara 0 eller större",
    "shall equal, within 1, the sum of line net amounts plus charges minus allowances of category M with that rate",
    "ska, med högst 1 i avvikelse, vara summan av radbelopp plus avgifter minus rabatter i kategori M med den satsen",
    "shall equal, within 1, the taxable amount (BT-116) multiplied by the rate (BT-119)",
    "ska, med högst 1 i avvikelse, vara beskattningsunderlaget (BT-116) gånger momssatsen (BT-119)",
    "no exemption reason (BT-120) or reason code (BT-121) is allowed",
    "undantagsorsak (BT-120) och orsakskod (BT-121) får inte anges"
    };
    rule!(br_ic_11, "BR-IC-11", ["BT-118", "BT-72", "BG-14"],
        "VAT breakdown of category Intra-community supply (K): the actual delivery date (BT-72) or the invoicing period (BG-14) shall be given.",
        "Momsspecifikation för kategori gemenskapsintern leverans (K): faktiskt leveransdatum (BT-72) eller faktureringsperiod (BG-14) ska anges."),
    rule!(br_ic_12, "BR-IC-12", ["BT-118", "BT-80"],
        "VAT breakdown of category Intra-community supply (K): the deliver-to country code (BT-80) shall be given.",
        "Momsspecifikation för kategori gemenskapsintern leverans (K): leveranslandets landskod (BT-80) ska anges."),
    rule!(br_o_11, "BR-O-11", ["BG-23", "BT-118"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no VAT breakdown of another category (BT-118).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha momsspecifikation för någon annan kategori (BT-118)."),
    rule!(br_o_12, "BR-O-12", ["BG-23", "BT-151"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no invoice line of another VAT category (BT-151).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha fakturarader i någon annan momskategori (BT-151)."),
    rule!(br_o_13, "BR-O-13", ["BG-23", "BT-95"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no document level allowance of another VAT category (BT-95).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha rabatter på dokumentnivå i någon annan momskategori (BT-95)."),
    rule!(br_o_14, "BR-O-14", ["BG-23", "BT-102"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no document level charge of another VAT category (BT-102).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha avgifter på dokumentnivå i någon annan momskategori (BT-102)."),
    rule!(br_b_01, "BR-B-01", ["BT-151", "BT-95", "BT-102", "BT-40", "BT-55"],
        "An invoice with VAT category Split payment (B) (BT-151, BT-95 or BT-102) shall be a domestic Italian invoice: every country code shall be IT.",
        "En faktura med momskategori delad betalning (B) (BT-151, BT-95 eller BT-102) ska vara en inhemsk italiensk faktura: alla landskoder ska vara IT."),
    rule!(br_b_02, "BR-B-02", ["BT-151", "BT-95", "BT-118", "BT-102"],
        "An invoice with VAT category Split payment (B) shall have no line, allowance, charge or breakdown of category Standard rated (S).",
        "En faktura med momskategori delad betalning (B) får inte ha rader, rabatter, avgifter eller momsspecifikation i kategori standardsats (S).")
);
