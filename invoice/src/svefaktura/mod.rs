//! Svefaktura 1.0 (SFTI BasicInvoice): reading into the EN 16931 model, ObjectEnvelope
//! attachments, and conversion to PEPPOL BIS Billing 3.0.
//!
//! The reader applies the official SFTI guide "Mapping of Svefaktura 1.0 onto EN 16931-1"
//! (version 1.4, 2019-11-12) term by term: bankgiro/plusgiro BICs become the national clearing codes
//! `SE:BANKGIRO`/`SE:PLUSGIRO` with payment means 30, the `SWT` tax scheme becomes the legal
//! registration (scheme 0007) plus the F-skatt text in BT-32, free-text units become UN/ECE Rec 20
//! codes where the meaning is unambiguous, and what EN 16931 has no term for (telefax, address ids,
//! exchange rate, delivery terms, line delivery dates, …) is placed in the invoice or line note
//! with a clarifying Swedish lead text, as the guide prescribes. A Svefaktura credit note (type
//! 381) becomes an EN credit note (guide appendix 4, 2b: amounts keep their sign).
//!
//! What the reader does not invent: values Svefaktura lacks (electronic addresses, currency when
//! neither `InvoiceCurrencyCode` nor an amount currency is given, VAT category of a line without
//! one) stay absent; [`convert()`] fills them from a supplied registry or reports them.

mod convert;
mod envelope;
mod read;
mod schema;
mod schema_data;
mod units;

pub use convert::{
    Conversion, PEPPOL_BIS3_CUSTOMIZATION, PEPPOL_BIS3_PROFILE, Partner, Registry, RegistryError,
    convert,
};
pub use envelope::{EncodedObject, ObjectEnvelope, attach_envelope, read_object_envelope};
pub use read::read_invoice;
pub use units::unit_code;
