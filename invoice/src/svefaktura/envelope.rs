//! Svefaktura ObjectEnvelope: attachments that travel as a separate document next to the
//! invoice, joined to it as BT-125 attached documents.

use serde::{Deserialize, Serialize};

use crate::model::{Attachment, Invoice, SupportingDocument};
use crate::read::{Finding, FindingKind, ReadError, ReadErrorKind, ReadOptions, Values, attr};
use crate::ubl::decode_base64;
use crate::xml::{Document, Element, ns};

use super::read::OBJECT_URN;

const ENV: &str = ns::SFTI_OBJECT_ENVELOPE;

/// A Svefaktura ObjectEnvelope (`urn:sfti:documents:ObjectEnvelope:1:0`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectEnvelope {
    /// `DocumentReference/DocumentID`: the number of the invoice the objects belong to.
    pub document_id: Option<String>,
    /// `DocumentReference/IssueDate` of that invoice, as given.
    pub issue_date: Option<String>,
    /// `DocumentReference/IssuerID`: the seller's organisation number.
    pub issuer_id: Option<String>,
    /// `DocumentReference/DocumentType` (normally the Svefaktura namespace).
    pub document_type: Option<String>,
    /// `CreationDateTime`, as given.
    pub creation: Option<String>,
    /// The encoded objects.
    pub objects: Vec<EncodedObject>,
    /// What did not fit while reading the envelope.
    pub findings: Vec<Finding>,
}

/// One `EncodedObject`: its id and the decoded content with mime code and file name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EncodedObject {
    /// `ObjectID`, referred to from the invoice as `urn:sfti:documents:object:<ObjectID>`.
    pub object_id: String,
    /// The decoded content (`EncodedData`, base64) with `@mimeCode` and `@filename`.
    pub attachment: Attachment,
}

/// Reads an ObjectEnvelope. Only malformed XML, a limit breach or another root element is an
/// error; undecodable objects and mime codes that contradict the content are findings.
pub fn read_object_envelope(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<ObjectEnvelope, ReadError> {
    let error = |kind| ReadError {
        file: options.file_name.clone(),
        kind,
    };
    let doc = Document::parse_with(bytes, options.limits).map_err(|e| error(e.into()))?;
    let root = doc.root();
    if !root.is(ENV, "ObjectEnvelope") {
        let pos = root.position();
        return Err(error(ReadErrorKind::NotAnInvoice {
            namespace: root.namespace().to_string(),
            local: root.local_name().to_string(),
            line: pos.line,
            column: pos.column,
        }));
    }
    Ok(envelope_from(root))
}

fn envelope_from(root: Element<'_>) -> ObjectEnvelope {
    let mut findings = Vec::new();
    let v = Values {
        findings: &mut findings,
    };
    let reference = root.child(ENV, "DocumentReference");
    let of_ref = |v: &Values<'_>, name: &str| reference.and_then(|r| v.text(r.child(ENV, name)));
    let mut env = ObjectEnvelope {
        document_id: of_ref(&v, "DocumentID"),
        issue_date: of_ref(&v, "IssueDate"),
        issuer_id: of_ref(&v, "IssuerID"),
        document_type: of_ref(&v, "DocumentType"),
        creation: v.text(root.child(ENV, "CreationDateTime")),
        ..ObjectEnvelope::default()
    };
    for obj in root.children_named(ENV, "EncodedObject") {
        let object_id = v.text(obj.child(ENV, "ObjectID")).unwrap_or_default();
        let Some(data) = obj.child(ENV, "EncodedData") else {
            v.findings.push(Finding::at(
                FindingKind::InvalidValue,
                obj,
                "encoded object without EncodedData",
            ));
            continue;
        };
        if let Some(format) = attr(data, "format")
            && !format.eq_ignore_ascii_case("BASE64")
        {
            v.findings.push(Finding::at(
                FindingKind::InvalidValue,
                data,
                format!("encoding `{format}` is not supported (only BASE64)"),
            ));
            continue;
        }
        let content = match decode_base64(data.text()) {
            Ok(c) => c,
            Err(e) => {
                v.findings.push(Finding::at(
                    FindingKind::InvalidValue,
                    data,
                    format!("object {object_id} is not valid base64: {e}"),
                ));
                continue;
            }
        };
        let mime_code = attr(data, "mimeCode");
        if let (Some(declared), Some(found)) = (&mime_code, sniff(&content))
            && !declared.eq_ignore_ascii_case(found)
        {
            v.findings.push(Finding::at(
                FindingKind::InvalidValue,
                data,
                format!(
                    "object {object_id} declares mime code {declared} but its content looks \
                     like {found}; the declared code was kept"
                ),
            ));
        }
        env.objects.push(EncodedObject {
            object_id,
            attachment: Attachment {
                mime_code,
                filename: attr(data, "filename"),
                content,
            },
        });
    }
    env.findings = findings;
    env
}

/// The mime type of well-known content signatures.
fn sniff(content: &[u8]) -> Option<&'static str> {
    let head = &content[..content.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if text.starts_with("<html") || text.starts_with("<!doctype html") {
        Some("text/html")
    } else {
        None
    }
}

/// Joins the objects of `envelope` to `invoice` as BT-125 attachments: each object fills the
/// supporting document that refers to it (`urn:sfti:documents:object:<ObjectID>`, or the bare
/// id), or else becomes a new supporting document named after it. Returns findings: an envelope
/// for another invoice number is attached nevertheless but reported.
pub fn attach_envelope(invoice: &mut Invoice, envelope: &ObjectEnvelope) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let (Some(env_id), Some(number)) = (&envelope.document_id, &invoice.number)
        && env_id != number
    {
        findings.push(Finding::general(
            FindingKind::NotConverted,
            format!("ObjectEnvelope belongs to invoice {env_id}, not {number}"),
        ));
    }
    for obj in &envelope.objects {
        let urn = format!("{OBJECT_URN}{}", obj.object_id);
        let existing = invoice.supporting_documents.iter_mut().find(|d| {
            d.attachment.is_none() && (d.reference == urn || d.reference == obj.object_id)
        });
        match existing {
            Some(doc) => doc.attachment = Some(obj.attachment.clone()),
            None => invoice.supporting_documents.push(SupportingDocument {
                reference: urn,
                attachment: Some(obj.attachment.clone()),
                ..SupportingDocument::default()
            }),
        }
    }
    findings
}
