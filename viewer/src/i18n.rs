//! The two languages of the window, Swedish (the default) and English, and every fixed text the
//! viewer shows, as `(sv, en)` pairs in one table.
//!
//! Invariant: every text a person reads in the window or in the HTML export comes from here (or
//! from the document, or from a rule's own `sv`/`en` message); none is written inline in the
//! drawing code.

/// The language of the window and the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Svenska (default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The other language (the switch in the toolbar).
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// The BCP 47 tag, for the HTML export's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// One text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    /// Swedish.
    pub sv: &'static str,
    /// English.
    pub en: &'static str,
}

impl Tr {
    /// A text pair.
    pub const fn new(sv: &'static str, en: &'static str) -> Tr {
        Tr { sv, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

/// The fixed texts, one constant each, named after what they say.
#[allow(missing_docs)]
pub mod t {
    use super::Tr;

    pub const APP_TITLE: Tr = Tr::new("Digilyft fakturavisare", "Digilyft invoice viewer");
    pub const INVOICE: Tr = Tr::new("Faktura", "Invoice");
    pub const CREDIT_NOTE: Tr = Tr::new("Kreditnota", "Credit note");
    pub const CREDIT_NOTE_BANNER: Tr = Tr::new(
        "KREDITNOTA – beloppen krediteras, betala inte",
        "CREDIT NOTE – the amounts are credited, do not pay",
    );
    pub const OPEN: Tr = Tr::new("Öppna…", "Open…");
    pub const OPEN_PATH: Tr = Tr::new("Sökväg till fil att öppna", "Path of a file to open");
    pub const OPEN_BUTTON: Tr = Tr::new("Öppna fil", "Open file");
    pub const CLOSE: Tr = Tr::new("Stäng", "Close");
    pub const LANGUAGE_SWITCH: Tr = Tr::new("In English", "På svenska");
    pub const LANGUAGE_SWITCH_NAME: Tr =
        Tr::new("Byt språk till engelska", "Switch language to Swedish");
    pub const HIGH_CONTRAST: Tr = Tr::new("Hög kontrast", "High contrast");
    pub const ZOOM: Tr = Tr::new("Textstorlek", "Text size");
    pub const ZOOM_IN: Tr = Tr::new("Större text", "Larger text");
    pub const ZOOM_OUT: Tr = Tr::new("Mindre text", "Smaller text");
    pub const EXPORT_HTML: Tr = Tr::new("Exportera som HTML…", "Export as HTML…");
    pub const EXPORT_PATH: Tr = Tr::new("Spara HTML som", "Save HTML as");
    pub const SAVE: Tr = Tr::new("Spara", "Save");
    pub const SAVE_AS: Tr = Tr::new("Spara som…", "Save as…");
    pub const SAVE_PATH: Tr = Tr::new("Spara bilagan som", "Save the attachment as");
    pub const SAVED: Tr = Tr::new("Sparad", "Saved");
    pub const EXISTS: Tr = Tr::new(
        "Filen finns redan och skrivs inte över; välj ett annat namn",
        "The file already exists and is not overwritten; choose another name",
    );
    pub const DROP_HINT: Tr = Tr::new(
        "Dra en fakturafil hit, eller skriv sökvägen ovan och tryck Öppna fil.",
        "Drop an invoice file here, or type its path above and press Open file.",
    );
    pub const LOADING: Tr = Tr::new("Läser", "Reading");
    pub const DOCUMENTS: Tr = Tr::new("Öppnade filer", "Open files");
    pub const VIEW_INVOICE: Tr = Tr::new("Faktura", "Invoice");
    pub const VIEW_VALIDATION: Tr = Tr::new("Granskning", "Validation");
    pub const VIEW_SOURCE: Tr = Tr::new("XML-källa", "XML source");
    pub const VIEW_ATTACHMENTS: Tr = Tr::new("Bilagor", "Attachments");
    pub const CANNOT_OPEN: Tr = Tr::new("Filen kan inte visas", "The file cannot be shown");

    // Parties and blocks.
    pub const SELLER: Tr = Tr::new("Säljare", "Seller");
    pub const BUYER: Tr = Tr::new("Köpare", "Buyer");
    pub const PAYEE: Tr = Tr::new("Betalningsmottagare", "Payee");
    pub const TAX_REPRESENTATIVE: Tr = Tr::new("Skatteombud", "Tax representative");
    pub const DELIVERY: Tr = Tr::new("Leverans", "Delivery");
    pub const TRADING_NAME: Tr = Tr::new("Handelsnamn", "Trading name");
    pub const ORG_NUMBER: Tr = Tr::new("Organisationsnummer", "Company registration number");
    pub const LEGAL_ID: Tr = Tr::new("Registreringsnummer", "Legal registration identifier");
    pub const VAT_ID: Tr = Tr::new("Momsregistreringsnummer", "VAT identifier");
    pub const TAX_REGISTRATION: Tr = Tr::new("Skatteregistrering", "Tax registration");
    pub const LEGAL_INFO: Tr =
        Tr::new("Övrig juridisk information", "Additional legal information");
    pub const ELECTRONIC_ADDRESS: Tr = Tr::new("Elektronisk adress", "Electronic address");
    pub const PARTY_ID: Tr = Tr::new("Identitet", "Identifier");
    pub const ADDRESS: Tr = Tr::new("Adress", "Address");
    pub const CONTACT: Tr = Tr::new("Kontaktperson", "Contact");
    pub const PHONE: Tr = Tr::new("Telefon", "Telephone");
    pub const EMAIL: Tr = Tr::new("E-post", "Email");
    pub const DELIVERY_DATE: Tr = Tr::new("Leveransdatum", "Delivery date");
    pub const DELIVERY_PARTY: Tr = Tr::new("Leveransmottagare", "Deliver to");
    pub const LOCATION: Tr = Tr::new("Plats", "Location");

    // Header.
    pub const NUMBER: Tr = Tr::new("Fakturanummer", "Invoice number");
    pub const CREDIT_NUMBER: Tr = Tr::new("Kreditnotanummer", "Credit note number");
    pub const ISSUE_DATE: Tr = Tr::new("Fakturadatum", "Issue date");
    pub const DUE_DATE: Tr = Tr::new("Förfallodatum", "Due date");
    pub const TYPE: Tr = Tr::new("Dokumenttyp", "Document type");
    pub const CURRENCY: Tr = Tr::new("Valuta", "Currency");
    pub const TAX_CURRENCY: Tr = Tr::new("Redovisningsvaluta för moms", "VAT accounting currency");
    pub const TAX_POINT_DATE: Tr = Tr::new("Skattedatum", "VAT point date");
    pub const BUYER_REFERENCE: Tr = Tr::new("Er referens", "Buyer reference");
    pub const PROJECT: Tr = Tr::new("Projekt", "Project reference");
    pub const CONTRACT: Tr = Tr::new("Avtal", "Contract reference");
    pub const ORDER: Tr = Tr::new("Ordernummer", "Purchase order reference");
    pub const SALES_ORDER: Tr = Tr::new("Säljarens ordernummer", "Sales order reference");
    pub const RECEIVING_ADVICE: Tr = Tr::new("Mottagningsbesked", "Receiving advice reference");
    pub const DESPATCH_ADVICE: Tr = Tr::new("Följesedel", "Despatch advice reference");
    pub const TENDER: Tr = Tr::new("Upphandling/anbud", "Tender or lot reference");
    pub const INVOICED_OBJECT: Tr = Tr::new("Fakturerat objekt", "Invoiced object");
    pub const ACCOUNTING: Tr = Tr::new("Konteringsreferens", "Buyer accounting reference");
    pub const PERIOD: Tr = Tr::new("Faktureringsperiod", "Invoicing period");
    pub const PRECEDING: Tr = Tr::new("Avser faktura", "Preceding invoice");
    pub const FORMAT: Tr = Tr::new("Format", "Format");

    // Lines.
    pub const LINES: Tr = Tr::new("Fakturarader", "Invoice lines");
    pub const COL_ID: Tr = Tr::new("Rad", "Line");
    pub const COL_ITEM: Tr = Tr::new("Artikel", "Item");
    pub const COL_QUANTITY: Tr = Tr::new("Antal", "Quantity");
    pub const COL_UNIT: Tr = Tr::new("Enhet", "Unit");
    pub const COL_PRICE: Tr = Tr::new("À-pris", "Unit price");
    pub const COL_VAT: Tr = Tr::new("Moms", "VAT");
    pub const COL_AMOUNT: Tr = Tr::new("Belopp", "Amount");
    pub const PER: Tr = Tr::new("per", "per");
    pub const ARTICLE_NUMBER: Tr = Tr::new("Art.nr", "Item no.");
    pub const LINE_DISCOUNT: Tr = Tr::new("Rabatt", "Allowance");
    pub const LINE_CHARGE: Tr = Tr::new("Tillägg", "Charge");
    pub const GROSS_PRICE: Tr = Tr::new("Bruttopris", "Gross price");

    // Allowances, charges, VAT, totals.
    pub const ALLOWANCES_CHARGES: Tr = Tr::new("Rabatter och avgifter", "Allowances and charges");
    pub const ALLOWANCE: Tr = Tr::new("Rabatt", "Allowance");
    pub const CHARGE: Tr = Tr::new("Avgift", "Charge");
    pub const VAT_BREAKDOWN: Tr = Tr::new("Momsspecifikation", "VAT breakdown");
    pub const VAT_CATEGORY: Tr = Tr::new("Momskategori", "VAT category");
    pub const VAT_RATE: Tr = Tr::new("Momssats", "VAT rate");
    pub const TAXABLE: Tr = Tr::new("Underlag", "Taxable amount");
    pub const VAT_AMOUNT: Tr = Tr::new("Moms", "VAT amount");
    pub const EXEMPTION: Tr = Tr::new("Undantagsskäl", "Exemption reason");
    pub const TOTALS: Tr = Tr::new("Summering", "Totals");
    pub const LINE_TOTAL: Tr = Tr::new("Summa rader", "Sum of lines");
    pub const ALLOWANCE_TOTAL: Tr = Tr::new("Summa rabatter", "Sum of allowances");
    pub const CHARGE_TOTAL: Tr = Tr::new("Summa avgifter", "Sum of charges");
    pub const TAX_EXCLUSIVE: Tr = Tr::new("Summa exkl. moms", "Total without VAT");
    pub const VAT_TOTAL: Tr = Tr::new("Summa moms", "Total VAT");
    pub const VAT_TOTAL_ACCOUNTING: Tr =
        Tr::new("Moms i redovisningsvaluta", "VAT in accounting currency");
    pub const TAX_INCLUSIVE: Tr = Tr::new("Summa inkl. moms", "Total with VAT");
    pub const PAID: Tr = Tr::new("Redan betalt", "Paid amount");
    pub const ROUNDING: Tr = Tr::new("Öresavrundning", "Rounding");
    pub const AMOUNT_DUE: Tr = Tr::new("Att betala", "Amount due");
    pub const AMOUNT_CREDITED: Tr = Tr::new("Att kreditera", "Amount credited");

    // Payment.
    pub const PAYMENT: Tr = Tr::new("Betalning", "Payment");
    pub const BANKGIRO: Tr = Tr::new("Bankgiro", "Bankgiro");
    pub const PLUSGIRO: Tr = Tr::new("Plusgiro", "Plusgiro");
    pub const IBAN: Tr = Tr::new("IBAN", "IBAN");
    pub const ACCOUNT: Tr = Tr::new("Konto", "Account");
    pub const BIC: Tr = Tr::new("BIC", "BIC");
    pub const ACCOUNT_NAME: Tr = Tr::new("Kontonamn", "Account name");
    pub const REFERENCE_OCR: Tr = Tr::new("OCR/referens", "OCR/reference");
    pub const MEANS: Tr = Tr::new("Betalningssätt", "Payment means");
    pub const TERMS: Tr = Tr::new("Betalningsvillkor", "Payment terms");
    pub const CARD: Tr = Tr::new("Betalkort", "Payment card");
    pub const MANDATE: Tr = Tr::new("Autogiromedgivande", "Direct debit mandate");
    pub const DEBITED_ACCOUNT: Tr = Tr::new("Debiterat konto", "Debited account");
    pub const CREDITOR_ID: Tr = Tr::new("Borgenärs-id", "Creditor identifier");

    pub const NOTES: Tr = Tr::new("Meddelanden", "Notes");

    // Attachments.
    pub const ATTACHMENT: Tr = Tr::new("Bilaga", "Attachment");
    pub const NO_ATTACHMENTS: Tr = Tr::new(
        "Fakturan har inga bilagor.",
        "The invoice has no attachments.",
    );
    pub const EXTERNAL_LINK: Tr = Tr::new(
        "Extern länk (öppnas inte automatiskt)",
        "External link (not opened automatically)",
    );
    pub const SHOW: Tr = Tr::new("Visa", "Show");
    pub const PAGE: Tr = Tr::new("Sida", "Page");
    pub const RENDERING: Tr = Tr::new("Ritar upp…", "Rendering…");
    pub const CANNOT_RENDER: Tr =
        Tr::new("Bilagan kan inte visas", "The attachment cannot be shown");
    pub const NOT_SHOWN: Tr = Tr::new(
        "Den här filtypen visas inte här; spara den och öppna den med ett annat program.",
        "This kind of file is not shown here; save it and open it with another program.",
    );
    pub const OPEN_WITH: Tr = Tr::new("Öppna med standardprogram", "Open with default program");
    pub const BYTES: Tr = Tr::new("byte", "bytes");
    pub const MORE_PAGES: Tr = Tr::new("sidor visas inte (gräns)", "pages not shown (limit)");

    // Validation.
    pub const VERDICT_OK: Tr = Tr::new("Godkänd: inga fel", "Valid: no errors");
    pub const VERDICT_WARNINGS: Tr = Tr::new("Godkänd med anmärkningar", "Valid with warnings");
    pub const VERDICT_FATAL: Tr = Tr::new(
        "Underkänd: fakturan har fel",
        "Rejected: the invoice has errors",
    );
    pub const RULE_SETS: Tr = Tr::new("Regelverk", "Rule sets");
    pub const FATAL: Tr = Tr::new("Fel", "Error");
    pub const WARNING: Tr = Tr::new("Varning", "Warning");
    pub const INFORMATION: Tr = Tr::new("Information", "Information");
    pub const RULE: Tr = Tr::new("Regel", "Rule");
    pub const TERM: Tr = Tr::new("Affärsterm", "Business term");
    pub const PLACE: Tr = Tr::new("Plats", "Place");
    pub const LINE_COLUMN: Tr = Tr::new(
        "rad {line}, kolumn {column}",
        "line {line}, column {column}",
    );
    pub const READ_FINDINGS: Tr = Tr::new("Anmärkningar vid inläsning", "Reading findings");
    pub const FINDINGS: Tr = Tr::new("Regelutfall", "Rule findings");
    pub const NO_FINDINGS: Tr = Tr::new("Inga regler slog till.", "No rule fired.");
    pub const HIGHLIGHTED: Tr = Tr::new(
        "Plats för den valda anmärkningen",
        "Place of the selected finding",
    );
    pub const SELECT_FINDING: Tr = Tr::new("Visa platsen", "Show the place");
}
