//! Attachments (BT-125): what kind each is, PDFs rendered to pictures with `hayro` (pure Rust,
//! no system library), images decoded with `image`, and saving a copy without ever overwriting a
//! file.
//!
//! Every limit is checked before memory is allocated: the attachment's size, an image's declared
//! dimensions, the number of PDF pages and the pixels per page. A broken or hostile attachment
//! gives an [`AttachmentError`], never a panic of the window (rendering runs on a thread of its
//! own, see `ui::attachments`).

use std::io::Write as _;
use std::path::Path;

use digilyft_invoice::model::Attachment;

use crate::i18n::Lang;

/// Attachments larger than this are listed and can be saved, but are not rendered.
pub const MAX_RENDER_BYTES: usize = 30 * 1024 * 1024;
/// At most this many PDF pages are rendered.
pub const MAX_PDF_PAGES: usize = 20;
/// Rendered PDF pages are this wide, in pixels.
pub const PDF_PAGE_WIDTH: f32 = 900.0;
/// Images with more pixels than this are not decoded.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// How an attachment can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A PDF document, rendered page by page.
    Pdf,
    /// A PNG or JPEG image.
    Image,
    /// Anything else: listed, saved, opened with another program.
    Other,
}

/// The kind of `att`, from its content's signature first (a mime code can be wrong), else its
/// mime code.
pub fn kind(att: &Attachment) -> Kind {
    let c = &att.content;
    if c.starts_with(b"%PDF-") {
        return Kind::Pdf;
    }
    if c.starts_with(b"\x89PNG\r\n\x1a\n") || c.starts_with(b"\xff\xd8\xff") {
        return Kind::Image;
    }
    match att
        .mime_code
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("application/pdf") => Kind::Pdf,
        Some("image/png" | "image/jpeg" | "image/jpg") => Kind::Image,
        _ => Kind::Other,
    }
}

/// A picture ready for the screen: premultiplied RGBA rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height * 4` bytes, premultiplied alpha.
    pub rgba: Vec<u8>,
}

/// Why an attachment cannot be shown or saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentError {
    /// Larger than [`MAX_RENDER_BYTES`].
    TooLarge(usize),
    /// An image larger than [`MAX_IMAGE_PIXELS`].
    TooManyPixels(u64),
    /// The content is not a readable PDF or image.
    Unreadable(String),
    /// The PDF is encrypted.
    Encrypted,
    /// The PDF has no pages.
    NoPages,
    /// The target file exists (nothing is overwritten).
    Exists(String),
    /// Writing failed.
    Io(String),
}

impl AttachmentError {
    /// A plain sentence for the window.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AttachmentError::TooLarge(n), Lang::Sv) => format!(
                "Bilagan är {n} byte, för stor för att visas här (gräns {MAX_RENDER_BYTES}); spara den i stället."
            ),
            (AttachmentError::TooLarge(n), Lang::En) => format!(
                "The attachment is {n} bytes, too large to show here (limit {MAX_RENDER_BYTES}); save it instead."
            ),
            (AttachmentError::TooManyPixels(n), Lang::Sv) => {
                format!("Bilden har {n} bildpunkter, fler än gränsen {MAX_IMAGE_PIXELS}.")
            }
            (AttachmentError::TooManyPixels(n), Lang::En) => {
                format!("The image has {n} pixels, more than the limit of {MAX_IMAGE_PIXELS}.")
            }
            (AttachmentError::Unreadable(e), Lang::Sv) => format!("Bilagan går inte att läsa: {e}"),
            (AttachmentError::Unreadable(e), Lang::En) => {
                format!("The attachment cannot be read: {e}")
            }
            (AttachmentError::Encrypted, Lang::Sv) => {
                "PDF-filen är krypterad och kan inte visas.".into()
            }
            (AttachmentError::Encrypted, Lang::En) => {
                "The PDF is encrypted and cannot be shown.".into()
            }
            (AttachmentError::NoPages, Lang::Sv) => "PDF-filen har inga sidor.".into(),
            (AttachmentError::NoPages, Lang::En) => "The PDF has no pages.".into(),
            (AttachmentError::Exists(p), Lang::Sv) => {
                format!("{p} finns redan och skrivs inte över; välj ett annat namn.")
            }
            (AttachmentError::Exists(p), Lang::En) => {
                format!("{p} already exists and is not overwritten; choose another name.")
            }
            (AttachmentError::Io(e), Lang::Sv) => format!("Kunde inte spara: {e}"),
            (AttachmentError::Io(e), Lang::En) => format!("Could not save: {e}"),
        }
    }
}

/// Decodes a PNG or JPEG, refusing one whose declared size exceeds [`MAX_IMAGE_PIXELS`] before
/// decoding it.
pub fn decode_image(bytes: &[u8]) -> Result<Raster, AttachmentError> {
    if bytes.len() > MAX_RENDER_BYTES {
        return Err(AttachmentError::TooLarge(bytes.len()));
    }
    let unreadable = |e: image::ImageError| AttachmentError::Unreadable(e.to_string());
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| AttachmentError::Unreadable(e.to_string()))?;
    let (w, h) = reader.into_dimensions().map_err(unreadable)?;
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(AttachmentError::TooManyPixels(pixels));
    }
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| AttachmentError::Unreadable(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    reader.limits(limits);
    let img = reader.decode().map_err(unreadable)?.to_rgba8();
    let (width, height) = (img.width() as usize, img.height() as usize);
    Ok(Raster {
        width,
        height,
        rgba: img.into_raw(),
    })
}

/// Renders the first [`MAX_PDF_PAGES`] pages of a PDF, each [`PDF_PAGE_WIDTH`] pixels wide.
/// Returns the pages and the document's page count.
pub fn render_pdf(bytes: &[u8]) -> Result<(Vec<Raster>, usize), AttachmentError> {
    use hayro::hayro_syntax::{LoadPdfError, Pdf};
    if bytes.len() > MAX_RENDER_BYTES {
        return Err(AttachmentError::TooLarge(bytes.len()));
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => AttachmentError::Encrypted,
        LoadPdfError::Invalid => AttachmentError::Unreadable("not a readable PDF".into()),
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(AttachmentError::NoPages);
    }
    let cache = hayro::RenderCache::new();
    let interpreter = hayro::hayro_interpret::InterpreterSettings::default();
    let settings = hayro::RenderSettings::default();
    let mut out = Vec::new();
    for page in pages.iter().take(MAX_PDF_PAGES) {
        let (w, h) = page.render_dimensions();
        if !(w.is_finite() && h.is_finite()) || w < 1.0 || h < 1.0 {
            continue;
        }
        // Scale to the target width, and keep the page under 4000 pixels high (a strip-shaped
        // page cannot ask for more).
        let scale = (PDF_PAGE_WIDTH / w).min(4000.0 / h);
        let pixmap = hayro::render(
            page,
            &cache,
            &interpreter,
            &settings,
            &hayro::PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: hayro::vello_cpu::color::palette::css::WHITE,
            },
        );
        out.push(Raster {
            width: usize::from(pixmap.width()),
            height: usize::from(pixmap.height()),
            rgba: pixmap.data_as_u8_slice().to_vec(),
        });
    }
    if out.is_empty() {
        return Err(AttachmentError::NoPages);
    }
    Ok((out, pages.len()))
}

/// A file name safe to offer for saving: the attachment's own name without any folder part or
/// control characters, else `bilaga-N` with an extension from the kind.
pub fn suggested_name(att: &Attachment, index: usize) -> String {
    let given = att
        .filename
        .as_deref()
        .and_then(|f| f.rsplit(['/', '\\']).next())
        .map(|f| f.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|f| !f.is_empty() && f != "." && f != "..");
    given.unwrap_or_else(|| {
        let ext = match kind(att) {
            Kind::Pdf => "pdf",
            Kind::Image if att.content.starts_with(b"\x89PNG") => "png",
            Kind::Image => "jpg",
            Kind::Other => "bin",
        };
        format!("bilaga-{}.{ext}", index + 1)
    })
}

/// Writes `bytes` to `path` atomically (a temporary file in the same folder, then a rename that
/// fails if `path` appeared meanwhile) and never over an existing file.
pub fn save_new(path: &Path, bytes: &[u8]) -> Result<(), AttachmentError> {
    let shown = path.display().to_string();
    if path.exists() {
        return Err(AttachmentError::Exists(shown));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| AttachmentError::Io(format!("{shown}: no file name")))?;
    let tmp = dir.join(format!(
        ".{}.part-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let io = |e: std::io::Error| AttachmentError::Io(format!("{shown}: {e}"));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        // A hard link fails when the target exists, so a file created since the check above is
        // not replaced either.
        std::fs::hard_link(&tmp, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                AttachmentError::Exists(shown.clone())
            } else {
                io(e)
            }
        })
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(mime: Option<&str>, name: Option<&str>, content: &[u8]) -> Attachment {
        Attachment {
            mime_code: mime.map(str::to_string),
            filename: name.map(str::to_string),
            content: content.to_vec(),
        }
    }

    #[test]
    fn kinds_come_from_content_then_mime_code() {
        assert_eq!(
            kind(&att(Some("text/plain"), None, b"%PDF-1.4 ...")),
            Kind::Pdf
        );
        assert_eq!(
            kind(&att(None, None, b"\x89PNG\r\n\x1a\n....")),
            Kind::Image
        );
        assert_eq!(kind(&att(Some("image/jpeg"), None, b"??")), Kind::Image);
        assert_eq!(kind(&att(Some("text/csv"), None, b"a;b")), Kind::Other);
    }

    #[test]
    fn suggested_names_drop_folders() {
        let a = att(None, Some("../../etc/passwd"), b"x");
        assert_eq!(suggested_name(&a, 0), "passwd");
        let a = att(None, Some("C:\\temp\\faktura.pdf"), b"x");
        assert_eq!(suggested_name(&a, 0), "faktura.pdf");
        let a = att(Some("application/pdf"), None, b"%PDF-");
        assert_eq!(suggested_name(&a, 1), "bilaga-2.pdf");
        let a = att(None, Some(".."), b"x");
        assert_eq!(suggested_name(&a, 0), "bilaga-1.bin");
    }

    #[test]
    fn broken_content_is_an_error_not_a_panic() {
        assert!(matches!(
            decode_image(b"\x89PNG\r\n\x1a\nbroken"),
            Err(AttachmentError::Unreadable(_))
        ));
        assert!(render_pdf(b"%PDF-1.4\nnot really").is_err());
        assert!(render_pdf(b"").is_err());
    }

    #[test]
    fn a_real_pdf_renders_to_a_page_with_ink() {
        let xml = include_bytes!("../tests/fixtures/foreign-reverse-charge.xml");
        let read = digilyft_invoice::read(xml).expect("fixture reads");
        let pdf = read.invoice.supporting_documents[0]
            .attachment
            .as_ref()
            .expect("embedded PDF");
        assert_eq!(kind(pdf), Kind::Pdf);
        let (pages, total) = render_pdf(&pdf.content).expect("renders");
        assert_eq!((pages.len(), total), (1, 1));
        let page = &pages[0];
        assert_eq!(page.width, PDF_PAGE_WIDTH as usize);
        assert_eq!(page.rgba.len(), page.width * page.height * 4);
        let dark = page
            .rgba
            .chunks(4)
            .filter(|p| p[0] < 128 && p[3] == 255)
            .count();
        assert!(
            dark > 500,
            "text and the rule are drawn: {dark} dark pixels"
        );
    }

    #[test]
    fn images_decode_and_huge_ones_are_refused_before_decoding() {
        let mut png = Vec::new();
        let img = image::RgbaImage::from_pixel(3, 2, image::Rgba([10, 20, 30, 255]));
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode png");
        let r = decode_image(&png).expect("decodes");
        assert_eq!((r.width, r.height, r.rgba.len()), (3, 2, 24));
        // A PNG header claiming 100000 × 100000 pixels (with a correct checksum): refused from
        // the header alone, before any pixel memory is allocated.
        let mut huge = png.clone();
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            decode_image(&huge),
            Err(AttachmentError::TooManyPixels(10_000_000_000))
        );
    }

    /// CRC-32 (IEEE), as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn saving_never_overwrites() {
        let dir = std::env::temp_dir().join(format!("digilyft-view-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("bilaga.pdf");
        let _ = std::fs::remove_file(&path);
        save_new(&path, b"first").expect("saves");
        assert!(matches!(
            save_new(&path, b"second"),
            Err(AttachmentError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read back"), b"first");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".part-"))
            .collect();
        assert!(leftovers.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
