//! Reading values the way the official XPath expressions do, including their dynamic errors.
//!
//! Where the official expression would raise a dynamic error (a value that does not cast to
//! `xs:decimal` or `xs:date`, or two nodes where a function takes one), the official processor
//! stops without a verdict. We report the rule as failed instead: the document is wrong in the
//! very place the rule looks at, and a silent pass would hide it. [`X`] carries that error.

use rust_decimal::Decimal;

use super::super::{Sink, xpath};
use super::contexts::CBC;
use crate::xml::Element;

/// A dynamic XPath error in a rule's test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DynError;

/// The result of evaluating (part of) a rule's test.
pub(super) type X<T> = Result<T, DynError>;

/// Fires `sink` on `at` unless the test evaluated to true.
pub(super) fn assert(sink: &mut Sink<'_>, at: Element<'_>, test: X<bool>) {
    if test != Ok(true) {
        sink.fire(at);
    }
}

/// The `ns`:`local` child of `e` where XPath needs at most one node (as the argument of
/// `normalize-space`, `xs:decimal`, `substring-after`, …): two or more are an error.
pub(super) fn single<'d>(e: Element<'d>, ns: &str, local: &str) -> X<Option<Element<'d>>> {
    let mut it = kids(e, ns, local);
    let first = it.next();
    if it.next().is_some() {
        return Err(DynError);
    }
    Ok(first)
}

/// `xs:decimal(cbc:local)`: `None` when absent (the empty sequence).
pub(super) fn decimal(e: Element<'_>, local: &str) -> X<Option<Decimal>> {
    match single(e, CBC, local)? {
        None => Ok(None),
        Some(n) => xpath::decimal(&n.string_value()).map(Some).ok_or(DynError),
    }
}

/// `xs:decimal(.)` of a node that is present.
pub(super) fn decimal_of(n: Element<'_>) -> X<Decimal> {
    xpath::decimal(&n.string_value()).ok_or(DynError)
}

/// `normalize-space(ns:local) != ''`.
pub(super) fn filled(e: Element<'_>, ns: &str, local: &str) -> X<bool> {
    Ok(single(e, ns, local)?.is_some_and(|n| xpath::has_content(&n.string_value())))
}

/// `normalize-space(path) != ''` along a child path where each step takes the first match
/// (one node per step in any sensible document; several final nodes are an error).
pub(super) fn filled_path(e: Element<'_>, path: &[(&str, &str)]) -> X<bool> {
    let mut nodes = xpath::select(e, path);
    let first = nodes.next();
    if nodes.next().is_some() {
        return Err(DynError);
    }
    Ok(first.is_some_and(|n| xpath::has_content(&n.string_value())))
}

/// `string-length(substring-after(cbc:local, '.')) <= 2`: at most two characters after the
/// first point (an absent element is the empty string).
pub(super) fn at_most_two_decimals(e: Element<'_>, local: &str) -> X<bool> {
    Ok(match single(e, CBC, local)? {
        None => true,
        Some(n) => decimals_ok(&n.string_value()),
    })
}

/// `string-length(substring-after(s, '.')) <= 2`.
pub(super) fn decimals_ok(s: &str) -> bool {
    s.split_once('.')
        .is_none_or(|(_, after)| xpath::string_length(after) <= 2)
}

/// `exists(ns:local)` on a child.
pub(super) fn has(e: Element<'_>, ns: &str, local: &str) -> bool {
    e.child(ns, local).is_some()
}

/// `xs:date(cbc:local)`: `None` when absent.
pub(super) fn date(e: Element<'_>, local: &str) -> X<Option<xpath::XDate>> {
    match single(e, CBC, local)? {
        None => Ok(None),
        Some(n) => xpath::date(&n.string_value()).map(Some).ok_or(DynError),
    }
}

/// The `ns`:`local` children of `e` (by value, so the iterator borrows nothing but the document).
pub(super) fn kids<'d, 'a>(
    e: Element<'d>,
    ns: &'a str,
    local: &'a str,
) -> impl Iterator<Item = Element<'d>> + 'a
where
    'd: 'a,
{
    e.children().filter(move |c| c.is(ns, local))
}
