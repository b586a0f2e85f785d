//! The per-document index of the VAT category rules and the XPath building blocks they share.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

use rust_decimal::Decimal;

use super::super::Ctx;
use super::super::xpath::{decimal, normalize_space, normalized_eq, normalized_upper_eq};
use crate::xml::{Element, ns};

// ---------------------------------------------------------------------------------------------
// Per-document index
// ---------------------------------------------------------------------------------------------

/// Elements the VAT rules look up anywhere in the document (`//…`), collected in one pass.
///
/// Built once per validation run through [`Ctx::memo`]; building it also fills the facts memo
/// ([`facts`]) for the same document.
#[derive(Debug, Default)]
pub(super) struct VatIndex {
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
    pub(super) any_invoice_line: bool,
    pub(super) any_credit_note_line: bool,
}

/// Recognises one namespace URI: a document interns each URI once, so after one full comparison
/// the URI is recognised by address.
pub(in crate::validate) struct SameUri<'d> {
    uri: &'static str,
    seen: Option<&'d str>,
}

impl<'d> SameUri<'d> {
    pub(in crate::validate) fn new(uri: &'static str) -> SameUri<'d> {
        SameUri { uri, seen: None }
    }

    pub(in crate::validate) fn is(&mut self, s: &'d str) -> bool {
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
pub(super) fn with_index<'d, R>(cx: &Ctx<'d>, f: impl FnOnce(&Doc<'_, 'd>) -> R) -> R {
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
pub(super) fn ensure(cx: &Ctx<'_>) {
    with_index(cx, |_| ());
}

/// The document under judgement with its index.
pub(super) struct Doc<'a, 'd> {
    pub(super) cx: &'a Ctx<'d>,
    pub(super) ix: &'a VatIndex,
}

/// Child elements by name, as an iterator that owns its position (usable from closures).
pub(super) trait Named<'d> {
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
    pub(super) fn tax_categories(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.tax_categories)
    }

    /// `//cac:ClassifiedTaxCategory`
    pub(super) fn classified(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.classified)
    }

    /// `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`
    pub(super) fn breakdown(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.breakdown)
    }

    /// `//cac:AllowanceCharge`
    pub(super) fn allowance_charges(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.list(&self.ix.allowance_charges)
    }

    /// `//cac:AllowanceCharge/cac:TaxCategory`
    pub(super) fn allowance_categories(&self) -> impl Iterator<Item = Element<'d>> + 'a {
        self.allowance_charges()
            .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
    }

    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory`
    pub(super) fn allowance_categories_where(
        &self,
        charge: bool,
    ) -> impl Iterator<Item = Element<'d>> + 'a {
        self.allowance_charges()
            .filter(move |ac| charge_is(*ac, charge))
            .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
    }

    /// `exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[VAT?]/cbc:CompanyID)`
    pub(super) fn seller_company_id(&self, vat_only: bool) -> bool {
        self.list(&self.ix.suppliers)
            .any(|p| party_tax_company_id(p, &[(ns::CAC, "Party")], vat_only))
    }

    /// `exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`
    pub(super) fn tax_representative_vat_id(&self) -> bool {
        self.list(&self.ix.tax_representatives)
            .any(|p| party_tax_company_id(p, &[], true))
    }

    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`
    pub(super) fn buyer_vat_id(&self) -> bool {
        self.list(&self.ix.customers)
            .any(|p| party_tax_company_id(p, &[(ns::CAC, "Party")], true))
    }

    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID)`
    pub(super) fn buyer_legal_id(&self) -> bool {
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
    pub(super) fn seller_or_representative(&self, vat_only: bool) -> bool {
        self.seller_company_id(vat_only) || self.tax_representative_vat_id()
    }

    /// `//cbc:IdentificationCode != 'IT'`
    pub(super) fn identification_code_other_than_italy(&self) -> bool {
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
pub(super) fn single<'d>(
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
pub(super) fn code_is(cat: Element<'_>, code_lit: &str) -> bool {
    facts(cat).code.is_some_and(|c| c.is(code_lit))
}

/// `normalize-space(cbc:ID) != code`
pub(super) fn code_is_not(cat: Element<'_>, code_lit: &str) -> bool {
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
pub(super) fn ids_reading(cat: Element<'_>, code_lit: &str) -> usize {
    cat.named(ns::CBC, "ID")
        .filter(|id| normalized_eq(&id.string_value(), code_lit))
        .count()
}

/// `cbc:ID = code` (general comparison, no trimming).
pub(super) fn id_raw_is(cat: Element<'_>, code_lit: &str) -> bool {
    cat.named(ns::CBC, "ID")
        .any(|id| id.string_value() == code_lit)
}

/// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']` of a category (memoised per
/// document, see [`facts`]).
pub(super) fn tax_scheme_is_vat(cat: Element<'_>) -> bool {
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
pub(super) fn vat_code_is(cat: Element<'_>, code_lit: &str) -> bool {
    code_is(cat, code_lit) && tax_scheme_is_vat(cat)
}

/// `cbc:ChargeIndicator = true()` (or `false()`): some indicator casts to `want` (memoised).
pub(super) fn charge_is(ac: Element<'_>, want: bool) -> bool {
    let f = facts(ac);
    if want { f.charge } else { f.allowance }
}

/// `cbc:ChargeIndicator = true()` (or `false()`), computed.
fn charge_is_direct(ac: Element<'_>, want: bool) -> bool {
    ac.named(ns::CBC, "ChargeIndicator")
        .any(|ci| super::super::xpath::boolean(&ci.string_value()) == Some(want))
}

/// `xs:decimal(x)` of the at most one child `ns:local`: `Ok(None)` when absent, `Err(())` when
/// several or not castable (a dynamic error officially).
pub(super) fn decimal_child(
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
pub(super) fn sum_of<'d>(
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
pub(super) fn subtotal_amount(
    cat: Element<'_>,
    local: &'static str,
) -> Result<Option<Decimal>, ()> {
    match cat.parent() {
        Some(st) => decimal_child(st, ns::CBC, local),
        None => Ok(None),
    }
}

/// The document-level elements a breakdown category's rule reaches with `../../../`.
pub(super) fn document_of<'d>(cat: Element<'d>) -> Option<Element<'d>> {
    cat.parent()?.parent()?.parent()
}

/// Every breakdown category of the given code (rule context of rules 08–10).
pub(super) fn breakdown_categories<'d>(
    cx: &Ctx<'d>,
    code_lit: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'd {
    root_breakdown(cx).filter(move |cat| vat_code_is(*cat, code_lit))
}

/// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory` of the root (from the index; not for use
/// inside [`with_index`], where [`Doc::breakdown`] serves).
pub(super) fn root_breakdown<'d>(cx: &Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    with_index(cx, |d| d.breakdown().collect::<Vec<_>>()).into_iter()
}

/// Contexts of rules 06 (`charge = false`) and 07 (`charge = true`): categories of allowances or
/// charges with the given code. A charge's category is not matched when its allowance-charge also
/// reads as an allowance (the allowance rule comes first in the pattern).
pub(super) fn allowance_contexts<'a, 'd: 'a>(
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
pub(super) fn line_contexts<'a, 'd: 'a>(
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
