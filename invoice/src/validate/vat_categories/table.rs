//! The VAT categories and the quirks of their official rule families, as data.
//!
//! Every family `BR-<X>-01` … `BR-<X>-10` states the same ten requirements for its category;
//! the official XPath of a family differs from its neighbours in small ways (which parties must
//! be identified, what the rate must be, whether an exemption reason is required, and a few
//! predicates written without `normalize-space` or without the VAT tax-scheme condition). Each
//! such difference is one field below, with the official text it mirrors (CEN EN 16931 UBL
//! validation artefacts 1.3.16 and 1.3.14.1 read the same for every rule of this table).
//!
//! Notation in the comments: `[N]` is `[normalize-space(cbc:ID) = 'X']`, `[R]` the raw
//! `[cbc:ID = 'X']`, `[VAT]` is `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`.

/// One VAT category (UNCL 5305 code) and how its official rule family is written.
#[derive(Debug)]
pub(super) struct Category {
    /// The category code, e.g. `S`, `AE`, `K`.
    pub(super) code: &'static str,
    /// Rule 01: how the category's use and the VAT breakdown must agree.
    pub(super) breakdown: Breakdown,
    /// Rules 02–04: which identifiers the parties must (or must not) have.
    pub(super) parties: Parties,
    /// Rules 02, 03 and 04 (lines, document allowances, document charges): the category test
    /// of the `exists(…)` clause and of the `not(exists(…))` guard.
    pub(super) party_tests: [PartyTest; 3],
    /// Rules 05–07: the rate of a line, allowance or charge of the category.
    pub(super) rate: Rate,
    /// Rule 08: how the breakdown's taxable amount is checked.
    pub(super) taxable: Taxable,
    /// Rule 09: how the breakdown's VAT amount is checked.
    pub(super) tax: Tax,
    /// Rule 10: whether an exemption reason (BT-120/BT-121) is required (`true`) or forbidden.
    pub(super) exemption_reason_required: bool,
}

/// A test of one category element for the code of its [`Category`].
#[derive(Debug, Clone, Copy)]
pub(super) enum Pred {
    /// `[normalize-space(cbc:ID) = 'X']`, no tax scheme condition.
    Code,
    /// `[normalize-space(cbc:ID) = 'X'][VAT]`.
    VatCode,
    /// `[cbc:ID = 'X']`: raw comparison, no tax scheme condition.
    Raw,
    /// `[cbc:ID = 'X'][VAT]`: raw comparison with the tax scheme condition.
    RawVat,
}

/// Rule 01.
#[derive(Debug, Clone, Copy)]
pub(super) enum Breakdown {
    /// When a VAT category (anywhere) or a line category has the code, the breakdown holds
    /// exactly one VAT category id reading it: `count(cac:TaxTotal/cac:TaxSubtotal/
    /// cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = 'X']) = 1`.
    ExactlyOne,
    /// `((count(//cac:AllowanceCharge/cac:TaxCategory[used]) + count(//cac:ClassifiedTaxCategory
    /// [used])) > 0 and count(breakdown[present]) > 0) or (… = 0 and count(breakdown[absent]) = 0)`.
    UsedIffPresent {
        used: Pred,
        present: Pred,
        absent: Pred,
    },
}

/// Which buyer identifier rules 02–04 demand besides the seller's.
#[derive(Debug, Clone, Copy)]
pub(super) enum Buyer {
    /// No buyer condition.
    None,
    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`.
    VatId,
    /// The buyer VAT id `or exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/
    /// cbc:CompanyID)`.
    VatOrLegalId,
}

/// Rules 02–04: the party condition.
#[derive(Debug, Clone, Copy)]
pub(super) enum Parties {
    /// `exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[VAT?]/cbc:CompanyID)
    /// or exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`, and the
    /// buyer condition; `seller_vat_only` says whether the seller's scheme must be VAT.
    Identified { seller_vat_only: bool, buyer: Buyer },
    /// `not(seller VAT id) and not(tax representative VAT id) and not(buyer VAT id)`, every
    /// scheme `[VAT]`.
    NoVatIds,
}

/// Rules 02–04: the category tests of one rule.
#[derive(Debug, Clone, Copy)]
pub(super) struct PartyTest {
    /// The `exists(…)` clause's test.
    pub(super) present: Pred,
    /// The `not(exists(…))` guard's test.
    pub(super) guard: Pred,
    /// Allowances and charges read as `(/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge`
    /// (document level only) instead of `//cac:AllowanceCharge`; lines are always `//`.
    pub(super) document_level: bool,
}

/// `[N][VAT]` in both clauses, `//` paths: how most rules 02–04 are written.
const PLAIN: PartyTest = PartyTest {
    present: Pred::VatCode,
    guard: Pred::VatCode,
    document_level: false,
};

/// How rules 05–07 judge `cbc:Percent`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Rate {
    /// `xs:decimal(cbc:Percent) = 0`
    Zero,
    /// `(cbc:Percent) > 0` (general comparison in `xs:double`)
    Positive,
    /// `(cbc:Percent) >= 0`
    NonNegative,
    /// `not(cbc:Percent)`
    Absent,
}

/// Rule 08.
#[derive(Debug, Clone, Copy)]
pub(super) enum Taxable {
    /// `xs:decimal(../cbc:TaxableAmount) = sum(lines) + sum(charges) - sum(allowances)` of the
    /// category, for `exists(//cac:InvoiceLine)` or `exists(//cac:CreditNoteLine)`.
    Exact,
    /// For every rate, `../xs:decimal(cbc:TaxableAmount - 1) < total` and `… + 1 > total` over
    /// the lines, charges and allowances of the category with that rate.
    /// `lines_of_rate`: the clause is guarded by `exists(//cac:InvoiceLine[category][rate]) or
    /// exists(//cac:AllowanceCharge[category][rate])` (and likewise for credit note lines)
    /// rather than by `exists(//cac:InvoiceLine)`.
    PerRate { lines_of_rate: bool },
}

/// Rule 09.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tax {
    /// `xs:decimal(../cbc:TaxAmount) = 0`
    Zero,
    /// `abs(xs:decimal(../cbc:TaxAmount)) - 1 < round(abs(xs:decimal(../cbc:TaxableAmount)) *
    /// (xs:decimal(cbc:Percent) div 100) * 10 * 10) div 100` and `… + 1 > …`.
    FromRate,
}

/// Index of a category in [`CATEGORIES`] (a const generic argument of the rule functions).
pub(super) const S: usize = 0;
pub(super) const Z: usize = 1;
pub(super) const E: usize = 2;
pub(super) const AE: usize = 3;
pub(super) const K: usize = 4;
pub(super) const G: usize = 5;
pub(super) const O: usize = 6;
pub(super) const L: usize = 7;
pub(super) const M: usize = 8;

/// The categories with a rule family, in the order of the rule catalogue.
pub(super) const CATEGORIES: [Category; 9] = [
    // BR-S-*: standard rated.
    Category {
        code: "S",
        // BR-S-01 tests `[N]` everywhere, with no `[VAT]` at all: "(count(//cac:AllowanceCharge/
        // cac:TaxCategory[normalize-space(cbc:ID) = 'S']) + count(//cac:ClassifiedTaxCategory[…
        // = 'S'])) > 0 and count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[… = 'S']) > 0 or …".
        breakdown: Breakdown::UsedIffPresent {
            used: Pred::Code,
            present: Pred::Code,
            absent: Pred::Code,
        },
        // "exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID) or
        // exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)".
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::None,
        },
        // BR-S-02's guard has no `[VAT]`: "or not(exists(//cac:ClassifiedTaxCategory[normalize-
        // space(cbc:ID) = 'S']))".
        party_tests: [
            PartyTest {
                guard: Pred::Code,
                ..PLAIN
            },
            PLAIN,
            PLAIN,
        ],
        // "(cbc:Percent) > 0".
        rate: Rate::Positive,
        // BR-S-08: "(exists(//cac:InvoiceLine[…normalize-space(cbc:ID) = 'S'][…xs:decimal(cbc:
        // Percent) =$rate]) or exists(//cac:AllowanceCharge[…'S'][… = $rate])) and …".
        taxable: Taxable::PerRate {
            lines_of_rate: true,
        },
        tax: Tax::FromRate,
        // "shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text".
        exemption_reason_required: false,
    },
    // BR-Z-*: zero rated.
    Category {
        code: "Z",
        breakdown: Breakdown::ExactlyOne,
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::None,
        },
        party_tests: [PLAIN, PLAIN, PLAIN],
        // "xs:decimal(cbc:Percent) = 0".
        rate: Rate::Zero,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        exemption_reason_required: false,
    },
    // BR-E-*: exempt from VAT.
    Category {
        code: "E",
        breakdown: Breakdown::ExactlyOne,
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::None,
        },
        party_tests: [PLAIN, PLAIN, PLAIN],
        rate: Rate::Zero,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        // "shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text".
        exemption_reason_required: true,
    },
    // BR-AE-*: VAT reverse charge.
    Category {
        code: "AE",
        breakdown: Breakdown::ExactlyOne,
        // "… and (exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/
        // cbc:CompanyID) or exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/
        // cbc:CompanyID))".
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::VatOrLegalId,
        },
        party_tests: [PLAIN, PLAIN, PLAIN],
        rate: Rate::Zero,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        exemption_reason_required: true,
    },
    // BR-IC-*: intra-community supply.
    Category {
        code: "K",
        breakdown: Breakdown::ExactlyOne,
        // The seller's scheme must be VAT ("cac:PartyTaxScheme[cac:TaxScheme/(normalize-space(
        // upper-case(cbc:ID)) = 'VAT')]/cbc:CompanyID"), and "and (exists(//cac:
        // AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID))".
        parties: Parties::Identified {
            seller_vat_only: true,
            buyer: Buyer::VatId,
        },
        party_tests: [PLAIN, PLAIN, PLAIN],
        rate: Rate::Zero,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        exemption_reason_required: true,
    },
    // BR-G-*: export outside the EU.
    Category {
        code: "G",
        breakdown: Breakdown::ExactlyOne,
        // The seller's scheme must be VAT; no buyer condition.
        parties: Parties::Identified {
            seller_vat_only: true,
            buyer: Buyer::None,
        },
        // BR-G-03/04's presence test has no `[VAT]`: "(exists(//cac:AllowanceCharge[cbc:
        // ChargeIndicator=false()]/cac:TaxCategory[normalize-space(cbc:ID)='G']) and …"; the
        // guard has.
        party_tests: [
            PLAIN,
            PartyTest {
                present: Pred::Code,
                ..PLAIN
            },
            PartyTest {
                present: Pred::Code,
                ..PLAIN
            },
        ],
        rate: Rate::Zero,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        exemption_reason_required: true,
    },
    // BR-O-*: not subject to VAT.
    Category {
        code: "O",
        breakdown: Breakdown::ExactlyOne,
        // "(not(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)
        // and not(//cac:TaxRepresentativeParty/…) and not(//cac:AccountingCustomerParty/…))".
        parties: Parties::NoVatIds,
        // BR-O-03/04 read the document level only: "exists((/ubl:Invoice|/cn:CreditNote)/
        // cac:AllowanceCharge[cbc:ChargeIndicator=false()]/cac:TaxCategory[…'O'][VAT])".
        party_tests: [
            PLAIN,
            PartyTest {
                document_level: true,
                ..PLAIN
            },
            PartyTest {
                document_level: true,
                ..PLAIN
            },
        ],
        // "not(cbc:Percent)".
        rate: Rate::Absent,
        taxable: Taxable::Exact,
        tax: Tax::Zero,
        exemption_reason_required: true,
    },
    // BR-AF-*: IGIC, Canary Islands.
    Category {
        code: "L",
        // BR-AF-01's first breakdown count is raw and without `[VAT]`: "count(cac:TaxTotal/
        // cac:TaxSubtotal/cac:TaxCategory[cbc:ID = 'L']) > 0"; the second has `[N][VAT]`.
        breakdown: Breakdown::UsedIffPresent {
            used: Pred::VatCode,
            present: Pred::Raw,
            absent: Pred::VatCode,
        },
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::None,
        },
        // BR-AF-04's guard is raw: "not(exists(//cac:AllowanceCharge[cbc:ChargeIndicator=
        // true()]/cac:TaxCategory[cbc:ID='L'][VAT]))".
        party_tests: [
            PLAIN,
            PLAIN,
            PartyTest {
                guard: Pred::RawVat,
                ..PLAIN
            },
        ],
        // "(cbc:Percent) >= 0".
        rate: Rate::NonNegative,
        // BR-AF-08: "((exists(//cac:InvoiceLine) and ((../xs:decimal(cbc:TaxableAmount - 1) < …".
        taxable: Taxable::PerRate {
            lines_of_rate: false,
        },
        tax: Tax::FromRate,
        exemption_reason_required: false,
    },
    // BR-AG-*: IPSI, Ceuta and Melilla.
    Category {
        code: "M",
        // BR-AG-01's first breakdown count is raw: "count(cac:TaxTotal/cac:TaxSubtotal/
        // cac:TaxCategory[cbc:ID = 'M'][VAT]) > 0"; the second has `[N][VAT]`.
        breakdown: Breakdown::UsedIffPresent {
            used: Pred::VatCode,
            present: Pred::RawVat,
            absent: Pred::VatCode,
        },
        parties: Parties::Identified {
            seller_vat_only: false,
            buyer: Buyer::None,
        },
        party_tests: [PLAIN, PLAIN, PLAIN],
        rate: Rate::NonNegative,
        taxable: Taxable::PerRate {
            lines_of_rate: false,
        },
        tax: Tax::FromRate,
        exemption_reason_required: false,
    },
];
