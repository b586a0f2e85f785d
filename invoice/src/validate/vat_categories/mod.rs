//! Rule families of the VAT categories (EN 16931 UBL binding, CEN validation artefacts):
//! `BR-S-*` standard rate, `BR-Z-*` zero rate, `BR-E-*` exempt, `BR-AE-*` reverse charge,
//! `BR-IC-*` intra-community supply, `BR-G-*` export outside the EU, `BR-O-*` not subject to VAT,
//! `BR-AF-*` IGIC (Canary Islands), `BR-AG-*` IPSI (Ceuta and Melilla) and `BR-B-*` split
//! payment — 98 rules, all fatal.
//!
//! The families state the same ten requirements for their categories, so the numbered rules
//! 01–10 are written once ([`checks`]) over a const table of categories ([`table::CATEGORIES`]);
//! every quirk that makes a rule of one family differ from the same-numbered rule of another (one
//! checks the tax scheme, another does not; one trims the category code, another compares it
//! raw; which parties must be identified; what the rate must be) is a field of the category's
//! row, commented with the official text it mirrors. Each rule keeps its own [`RuleDef`] (id,
//! flag, business terms, messages): its `check` is [`numbered`] instantiated for its category and
//! number. The few rules outside the pattern (IC-11/12, O-11–14, B-01/02) are in [`extras`].
//!
//! Every rule follows its official XPath exactly, including those quirks. The Schematron
//! contexts are:
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
//! (see [`index::VatIndex`], shared through [`Ctx::memo`]), and the facts every rule asks about a
//! category (its trimmed code, whether its scheme is VAT) are computed once per element, so the
//! 98 rules cost about one tree walk in total.

mod checks;
mod extras;
mod index;
mod table;

pub(super) use index::SameUri;

use super::{Ctx, RuleDef, Severity, Sink};
use checks::Where;
use index::ensure;
use table::{AE, CATEGORIES, E, G, K, L, M, O, S, Z};

/// Rule `N` (1–10) of the family of category `CATEGORIES[C]`: one function per rule number,
/// instantiated per category so that every [`RuleDef`] keeps a plain `fn` as its check.
fn numbered<const C: usize, const N: u8>(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    let cat = &CATEGORIES[C];
    match N {
        1 => checks::breakdown_agrees(cx, s, cat),
        2 => checks::parties_identified(cx, s, cat, Where::Lines),
        3 => checks::parties_identified(cx, s, cat, Where::Allowances),
        4 => checks::parties_identified(cx, s, cat, Where::Charges),
        5 => checks::line_rate_of(cx, s, cat),
        6 => checks::allowance_rate_of(cx, s, cat, false),
        7 => checks::allowance_rate_of(cx, s, cat, true),
        8 => checks::taxable_amount(cx, s, cat),
        9 => checks::tax_amount(cx, s, cat),
        _ => checks::exemption_reason_of(cx, s, cat),
    }
}

// ---------------------------------------------------------------------------------------------
// Rule table
// ---------------------------------------------------------------------------------------------

/// One fatal rule; messages are built from the fragments given.
macro_rules! rule {
    ($check:expr, $id:literal, [$($bt:literal),*], $en:expr, $sv:expr) => {
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
                    ($check)(cx, s)
                }
                checked
            },
        }
    };
}

/// The family table: for each category (an index into [`CATEGORIES`], whose row holds the
/// family's quirks) the ten numbered rules with their ids and messages built from the fragments
/// given, then the extra rules.
macro_rules! family_table {
    (
        $( {
            $en:literal, $sv:literal,
            $cat:ident,
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
            rule!(numbered::<$cat, 1>, $i01, ["BG-23", "BT-118", "BT-151", "BT-95", "BT-102"],
                concat!("An invoice with lines, allowances or charges of VAT category ", $en,
                    " needs a VAT breakdown (BG-23) for that category (BT-118), and vice versa."),
                concat!("En faktura med rader, rabatter eller avgifter i momskategori ", $sv,
                    " ska ha en momsspecifikation (BG-23) för kategorin (BT-118), och omvänt.")),
            rule!(numbered::<$cat, 2>, $i02, ["BT-151", "BT-31", "BT-63", "BT-48"],
                concat!("An invoice line of VAT category ", $en, " (BT-151) requires ",
                    $seller_en, "."),
                concat!("En fakturarad i momskategori ", $sv, " (BT-151) kräver ", $seller_sv,
                    ".")),
            rule!(numbered::<$cat, 3>, $i03, ["BT-95", "BT-31", "BT-63", "BT-48"],
                concat!("A document level allowance of VAT category ", $en, " (BT-95) requires ",
                    $seller_en, "."),
                concat!("En rabatt på dokumentnivå i momskategori ", $sv, " (BT-95) kräver ",
                    $seller_sv, ".")),
            rule!(numbered::<$cat, 4>, $i04, ["BT-102", "BT-31", "BT-63", "BT-48"],
                concat!("A document level charge of VAT category ", $en, " (BT-102) requires ",
                    $seller_en, "."),
                concat!("En avgift på dokumentnivå i momskategori ", $sv, " (BT-102) kräver ",
                    $seller_sv, ".")),
            rule!(numbered::<$cat, 5>, $i05, ["BT-151", "BT-152"],
                concat!("An invoice line of VAT category ", $en, ": the invoiced item VAT rate ",
                    "(BT-152) ", $rate_en, "."),
                concat!("En fakturarad i momskategori ", $sv, ": artikelns momssats (BT-152) ",
                    $rate_sv, ".")),
            rule!(numbered::<$cat, 6>, $i06, ["BT-95", "BT-96"],
                concat!("A document level allowance of VAT category ", $en,
                    ": the allowance VAT rate (BT-96) ", $rate_en, "."),
                concat!("En rabatt på dokumentnivå i momskategori ", $sv,
                    ": rabattens momssats (BT-96) ", $rate_sv, ".")),
            rule!(numbered::<$cat, 7>, $i07, ["BT-102", "BT-103"],
                concat!("A document level charge of VAT category ", $en,
                    ": the charge VAT rate (BT-103) ", $rate_en, "."),
                concat!("En avgift på dokumentnivå i momskategori ", $sv,
                    ": avgiftens momssats (BT-103) ", $rate_sv, ".")),
            rule!(numbered::<$cat, 8>, $i08, ["BT-116", "BT-131", "BT-92", "BT-99", "BT-118", "BT-119"],
                concat!("VAT breakdown of category ", $en, ": the taxable amount (BT-116) ",
                    $sum_en, "."),
                concat!("Momsspecifikation för kategori ", $sv, ": beskattningsunderlaget ",
                    "(BT-116) ", $sum_sv, ".")),
            rule!(numbered::<$cat, 9>, $i09, ["BT-117", "BT-116", "BT-119"],
                concat!("VAT breakdown of category ", $en, ": the VAT amount (BT-117) ",
                    $tax_en, "."),
                concat!("Momsspecifikation för kategori ", $sv, ": momsbeloppet (BT-117) ",
                    $tax_sv, ".")),
            rule!(numbered::<$cat, 10>, $i10, ["BT-120", "BT-121", "BT-118"],
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
    S,
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
    Z,
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
    E,
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
    AE,
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
    K,
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
    G,
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
    O,
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
    L,
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
    M,
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
    rule!(extras::br_ic_11, "BR-IC-11", ["BT-118", "BT-72", "BG-14"],
        "VAT breakdown of category Intra-community supply (K): the actual delivery date (BT-72) or the invoicing period (BG-14) shall be given.",
        "Momsspecifikation för kategori gemenskapsintern leverans (K): faktiskt leveransdatum (BT-72) eller faktureringsperiod (BG-14) ska anges."),
    rule!(extras::br_ic_12, "BR-IC-12", ["BT-118", "BT-80"],
        "VAT breakdown of category Intra-community supply (K): the deliver-to country code (BT-80) shall be given.",
        "Momsspecifikation för kategori gemenskapsintern leverans (K): leveranslandets landskod (BT-80) ska anges."),
    rule!(extras::br_o_11, "BR-O-11", ["BG-23", "BT-118"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no VAT breakdown of another category (BT-118).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha momsspecifikation för någon annan kategori (BT-118)."),
    rule!(extras::br_o_12, "BR-O-12", ["BG-23", "BT-151"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no invoice line of another VAT category (BT-151).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha fakturarader i någon annan momskategori (BT-151)."),
    rule!(extras::br_o_13, "BR-O-13", ["BG-23", "BT-95"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no document level allowance of another VAT category (BT-95).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha rabatter på dokumentnivå i någon annan momskategori (BT-95)."),
    rule!(extras::br_o_14, "BR-O-14", ["BG-23", "BT-102"],
        "An invoice with a VAT breakdown of category Not subject to VAT (O) shall have no document level charge of another VAT category (BT-102).",
        "En faktura med momsspecifikation för kategori ej föremål för moms (O) får inte ha avgifter på dokumentnivå i någon annan momskategori (BT-102)."),
    rule!(extras::br_b_01, "BR-B-01", ["BT-151", "BT-95", "BT-102", "BT-40", "BT-55"],
        "An invoice with VAT category Split payment (B) (BT-151, BT-95 or BT-102) shall be a domestic Italian invoice: every country code shall be IT.",
        "En faktura med momskategori delad betalning (B) (BT-151, BT-95 eller BT-102) ska vara en inhemsk italiensk faktura: alla landskoder ska vara IT."),
    rule!(extras::br_b_02, "BR-B-02", ["BT-151", "BT-95", "BT-118", "BT-102"],
        "An invoice with VAT category Split payment (B) shall have no line, allowance, charge or breakdown of category Standard rated (S).",
        "En faktura med momskategori delad betalning (B) får inte ha rader, rabatter, avgifter eller momsspecifikation i kategori standardsats (S).")
);
