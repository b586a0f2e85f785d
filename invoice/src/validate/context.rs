//! What a rule sees: the document under judgement, and where it reports failures.

use std::any::{Any, TypeId};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::report::{Fired, Severity};
use super::{RuleDef, RuleSetId};
use crate::xml::{Element, ns};

/// Which kind of document the root element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// UBL 2.1 `Invoice`.
    UblInvoice,
    /// UBL 2.1 `CreditNote`.
    UblCreditNote,
    /// Svefaktura 1.0 `Invoice`.
    Svefaktura,
    /// Anything else: rules find nothing to judge.
    Other,
}

/// The document (or fragment) under judgement. Rules navigate from [`Ctx::root`].
///
/// Besides the root, a context offers two shared, lazily built aids so that a thousand rules do
/// not each walk the whole tree:
///
/// * [`Ctx::named`] / [`Ctx::named_ns`]: every element with a given local name, in document
///   order, from an index built in one pass the first time any rule asks. Prefer
///   `cx.named_ns(ns::CBC, "TaxAmount")` over `cx.all().filter(...)`: it touches only the
///   matching elements.
/// * [`Ctx::memo`]: a per-document cache for a value several rules share (e.g. one pass that
///   classifies every element for a whole family). The value is computed once per document.
#[derive(Debug)]
pub struct Ctx<'d> {
    /// The root element of the document under judgement (may be inside a larger XML file).
    pub root: Element<'d>,
    /// Which kind of document `root` is.
    pub kind: DocKind,
    index: OnceCell<NameIndex<'d>>,
    memos: RefCell<Vec<(TypeId, Rc<dyn Any>)>>,
}

impl<'d> Ctx<'d> {
    /// A context for the document rooted at `root`.
    pub fn new(root: Element<'d>) -> Ctx<'d> {
        let kind = if root.is(ns::UBL_INVOICE, "Invoice") {
            DocKind::UblInvoice
        } else if root.is(ns::UBL_CREDIT_NOTE, "CreditNote") {
            DocKind::UblCreditNote
        } else if root.is(ns::SFTI_INVOICE, "Invoice") {
            DocKind::Svefaktura
        } else {
            DocKind::Other
        };
        Ctx {
            root,
            kind,
            index: OnceCell::new(),
            memos: RefCell::new(Vec::new()),
        }
    }

    /// True for UBL `Invoice` and `CreditNote` roots.
    pub fn is_ubl(&self) -> bool {
        matches!(self.kind, DocKind::UblInvoice | DocKind::UblCreditNote)
    }

    /// Every element of the document in document order, the root first.
    pub fn all(&self) -> impl Iterator<Item = Element<'d>> + 'd {
        std::iter::once(self.root).chain(self.root.descendants())
    }

    /// Every element of the document (root included) whose local name is `local`, in any
    /// namespace, in document order — XPath `//*[local-name() = $local]`.
    pub fn named<'c>(&'c self, local: &str) -> impl Iterator<Item = Element<'d>> + 'c {
        let doc = self.root.document();
        let index = self.index.get_or_init(|| NameIndex::build(self));
        index
            .ids(local)
            .iter()
            .filter_map(move |id| doc.element(*id as usize))
    }

    /// Every element of the document named `ns`:`local`, in document order — XPath
    /// `//prefix:local` (the root included).
    pub fn named_ns<'c>(
        &'c self,
        ns: &'c str,
        local: &str,
    ) -> impl Iterator<Item = Element<'d>> + 'c {
        self.named(local).filter(move |e| e.namespace() == ns)
    }

    /// A value shared by several rules, computed once per document by `init` and keyed by its
    /// type (use a dedicated newtype per use). Store element ids (`Element::id`) rather than
    /// elements; get them back with `cx.root.document().element(id)`.
    pub fn memo<T: Any>(&self, init: impl FnOnce(&Ctx<'d>) -> T) -> Rc<T> {
        let key = TypeId::of::<T>();
        let found = self
            .memos
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| Rc::clone(v));
        if let Some(v) = found.and_then(|v| v.downcast::<T>().ok()) {
            return v;
        }
        let value = Rc::new(init(self));
        self.memos
            .borrow_mut()
            .push((key, Rc::clone(&value) as Rc<dyn Any>));
        value
    }
}

/// Element ids grouped by local name: an open-addressing table of names pointing into one id
/// array, built in two passes over the document.
#[derive(Debug)]
struct NameIndex<'d> {
    /// Power-of-two sized; an empty `name` marks a free slot.
    slots: Vec<Slot<'d>>,
    ids: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot<'d> {
    name: &'d str,
    start: u32,
    len: u32,
}

fn name_hash(s: &str) -> usize {
    // FNV-1a: element names are short ASCII words.
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize
}

impl<'d> NameIndex<'d> {
    fn build(cx: &Ctx<'d>) -> NameIndex<'d> {
        let mut slots: Vec<Slot<'d>> = vec![Slot::default(); 256];
        let mut used = 0usize;
        let mut slot_of: Vec<u32> = Vec::with_capacity(512);
        for e in cx.all() {
            let name = e.local_name();
            if used * 2 >= slots.len() {
                slots = Self::grow(&slots);
                // Re-derive the slot of every element seen so far.
                slot_of.clear();
                for seen in cx.all().take_while(|x| x.id() < e.id()) {
                    slot_of.push(Self::find(&slots, seen.local_name()) as u32);
                }
            }
            let mask = slots.len() - 1;
            let mut i = name_hash(name) & mask;
            loop {
                let slot = &mut slots[i];
                if slot.name.is_empty() {
                    slot.name = name;
                    used += 1;
                }
                if slot.name == name {
                    slot.len += 1;
                    break;
                }
                i = (i + 1) & mask;
            }
            slot_of.push(i as u32);
        }
        let mut next = 0u32;
        for slot in &mut slots {
            slot.start = next;
            next += slot.len;
            slot.len = 0;
        }
        let mut ids = vec![0u32; next as usize];
        for (e, s) in cx.all().zip(&slot_of) {
            let slot = &mut slots[*s as usize];
            ids[(slot.start + slot.len) as usize] = e.id() as u32;
            slot.len += 1;
        }
        NameIndex { slots, ids }
    }

    fn grow(old: &[Slot<'d>]) -> Vec<Slot<'d>> {
        let mut slots = vec![Slot::default(); old.len() * 2];
        let mask = slots.len() - 1;
        for s in old.iter().filter(|s| !s.name.is_empty()) {
            let mut i = name_hash(s.name) & mask;
            while !slots[i].name.is_empty() {
                i = (i + 1) & mask;
            }
            slots[i] = *s;
        }
        slots
    }

    /// The slot holding `name` (which must be present).
    fn find(slots: &[Slot<'d>], name: &str) -> usize {
        let mask = slots.len() - 1;
        let mut i = name_hash(name) & mask;
        while slots[i].name != name && !slots[i].name.is_empty() {
            i = (i + 1) & mask;
        }
        i
    }

    fn ids(&self, name: &str) -> &[u32] {
        if name.is_empty() {
            return &[];
        }
        let s = self.slots[Self::find(&self.slots, name)];
        if s.name != name {
            return &[];
        }
        &self.ids[s.start as usize..(s.start + s.len) as usize]
    }
}

/// Where one rule reports the context elements on which it fails.
#[derive(Debug)]
pub struct Sink<'a> {
    rule: &'static RuleDef,
    severity: Severity,
    set: RuleSetId,
    out: &'a mut Vec<Fired>,
}

impl<'a> Sink<'a> {
    /// A sink that appends the firings of `rule`, flagged `severity` under release `set`, to
    /// `out`. [`super::validate`] makes one per rule; tools that time or run single rules
    /// (benchmarks) may too.
    pub fn new(
        rule: &'static RuleDef,
        severity: Severity,
        set: RuleSetId,
        out: &'a mut Vec<Fired>,
    ) -> Sink<'a> {
        Sink {
            rule,
            severity,
            set,
            out,
        }
    }

    /// Records one failure of the rule with `at` as its Schematron context node.
    pub fn fire(&mut self, at: Element<'_>) {
        self.out.push(Fired {
            id: self.rule.id,
            severity: self.severity,
            set: self.set,
            bt: self.rule.bt,
            location: at.xpath(),
            position: at.position(),
            en: self.rule.en,
            sv: self.rule.sv,
        });
    }

    /// Records one failure with a flag other than the rule's: only for an official id that two
    /// asserts with different flags share (SFTI R-29 is fatal on `LineItemCountNumeric` and
    /// information on `AdditionalDocumentReference`).
    pub fn fire_as(&mut self, at: Element<'_>, severity: Severity) {
        let before = self.out.len();
        self.fire(at);
        if let Some(f) = self.out.get_mut(before) {
            f.severity = severity;
        }
    }

    /// The release this rule runs under, for the few rules whose test changed between releases
    /// (e.g. PEPPOL-EN16931-R004, whose 2026.5 text also rejects `::`).
    pub fn release(&self) -> RuleSetId {
        self.set
    }

    /// Records a failure when `failed` is true; convenience for one-assert-per-context rules.
    pub fn check(&mut self, at: Element<'_>, ok: bool) {
        if !ok {
            self.fire(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Document;

    #[test]
    fn named_finds_every_element_of_a_name_in_document_order() {
        let mut xml = String::from("<r xmlns:a=\"urn:a\">");
        // Enough distinct names to make the table grow.
        for i in 0..300 {
            xml.push_str(&format!("<n{i}><x>{i}</x><a:x/></n{i}>"));
        }
        xml.push_str("</r>");
        let doc = Document::parse(xml.as_bytes()).expect("xml");
        let cx = Ctx::new(doc.root());
        assert_eq!(cx.named("x").count(), 600);
        assert_eq!(cx.named_ns("", "x").count(), 300);
        assert_eq!(cx.named_ns("urn:a", "x").count(), 300);
        let texts: Vec<_> = cx.named_ns("", "x").take(3).map(|e| e.text()).collect();
        assert_eq!(texts, ["0", "1", "2"]);
        assert_eq!(cx.named("n299").count(), 1);
        assert_eq!(cx.named("r").count(), 1);
        assert_eq!(cx.named("nothing").count(), 0);
        assert_eq!(cx.named("").count(), 0);
    }

    #[test]
    fn named_stays_inside_the_validated_subtree() {
        let doc = Document::parse(b"<t><x/><inv><x/><y><x/></y></inv><x/></t>").expect("xml");
        let inv = doc.root().children().nth(1).expect("inv");
        let cx = Ctx::new(inv);
        assert_eq!(cx.named("x").count(), 2);
    }

    #[test]
    fn memo_computes_once_per_document() {
        #[derive(Debug)]
        struct Count(usize);
        let doc = Document::parse(b"<r><a/><a/></r>").expect("xml");
        let cx = Ctx::new(doc.root());
        let mut calls = 0;
        let a = cx.memo(|cx| {
            calls += 1;
            Count(cx.named("a").count())
        });
        let b = cx.memo(|_| {
            calls += 1;
            Count(0)
        });
        assert_eq!((a.0, b.0, calls), (2, 2, 1));
    }
}
