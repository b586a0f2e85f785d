//! Rule family `cen`: see `validate/mod.rs`. Filled in by the validation work (issue 4).

use super::RuleDef;

/// The rules of this family, in official order.
pub(crate) const RULES: &[RuleDef] = &[];
