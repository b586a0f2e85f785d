//! What a file is, by its content (never by its name): the one sniffing function every reader
//! uses, so an `.xlsx` renamed `.xls` (or `.csv`) is read as what it is.

/// A file's format by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook (.xlsx, .xlsm): a zip with `xl/workbook.xml`.
    Xlsx,
    /// OpenDocument spreadsheet (.ods): a zip whose `mimetype` says so.
    Ods,
    /// A zip container that is neither (e.g. a .docx).
    OtherZip,
    /// An OLE2 compound file: Excel 97–2003 (.xls), or an encrypted (password-protected)
    /// Office file.
    Ole,
    /// Anything else: text (CSV) or unknown bytes.
    Other,
}

/// The first bytes of a zip container (a local file header, or the end record of an empty zip).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The OLE2 compound-file signature.
pub(crate) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The format of a zip container from its part names and the ODF `mimetype` part's text.
pub(crate) fn zip_format<'a>(
    mut names: impl Iterator<Item = &'a str>,
    mimetype: Option<&[u8]>,
) -> Format {
    if mimetype.is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet")) {
        return Format::Ods;
    }
    if names.any(|n| n.eq_ignore_ascii_case("xl/workbook.xml")) {
        Format::Xlsx
    } else {
        Format::OtherZip
    }
}

/// Sniffs `bytes` without opening the container (zip formats come out as [`Format::OtherZip`];
/// [`super::inspect`] tells Xlsx from Ods).
pub fn sniff(bytes: &[u8]) -> Format {
    if is_zip(bytes) {
        Format::OtherZip
    } else if is_ole(bytes) {
        Format::Ole
    } else {
        Format::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        for (bytes, want) in [
            (&b"PK\x03\x04rest"[..], Format::OtherZip),
            (&b"PK\x05\x06"[..], Format::OtherZip),
            (
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0][..],
                Format::Ole,
            ),
            (&b"id;roll\n1;x\n"[..], Format::Other),
            (&b""[..], Format::Other),
        ] {
            assert_eq!(sniff(bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn zip_formats_by_parts() {
        let ods = b"application/vnd.oasis.opendocument.spreadsheet";
        assert_eq!(zip_format(["mimetype"].into_iter(), Some(ods)), Format::Ods);
        assert_eq!(
            zip_format(["[Content_Types].xml", "xl/workbook.xml"].into_iter(), None),
            Format::Xlsx
        );
        assert_eq!(
            zip_format(["word/document.xml"].into_iter(), None),
            Format::OtherZip
        );
    }
}
