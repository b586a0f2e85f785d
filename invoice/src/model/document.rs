//! BG-24 ADDITIONAL SUPPORTING DOCUMENTS and embedded attachments (BT-125).

use serde::{Deserialize, Serialize};

/// BG-24 ADDITIONAL SUPPORTING DOCUMENTS (one UBL `AdditionalDocumentReference` that is not the
/// invoiced object BT-18 or, in a credit note, the project reference BT-11).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupportingDocument {
    /// BT-122 Supporting document reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// UBL `DocumentTypeCode` when given with another value than the BT-18/BT-11 markers
    /// (no business term; kept so that a document round-trips).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_code: Option<String>,
    /// BT-123 Supporting document description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// BT-124 External document location (URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_location: Option<String>,
    /// BT-125 Attached document (embedded binary object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// BT-125 Attached document: the decoded bytes of a base64 `EmbeddedDocumentBinaryObject` (or of a
/// Svefaktura ObjectEnvelope `EncodedObject`), with its mime code and file name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attachment {
    /// BT-125-1 Attached document mime code, as given (e.g. `application/pdf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_code: Option<String>,
    /// BT-125-2 Attached document filename.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The decoded content (serialised as base64).
    #[serde(with = "base64_bytes")]
    pub content: Vec<u8>,
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}
