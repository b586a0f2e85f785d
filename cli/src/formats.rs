//! `digilyft parse` and `digilyft convert`: read supplier invoices into the EN 16931 model and
//! write them as PEPPOL BIS Billing 3.0.
//!
//! Glue only: file I/O here, everything else in `digilyft_invoice`. Findings (unknown or
//! misplaced elements, values that do not parse, what a conversion could not supply) go to stderr
//! with the file name and position.
//!
//! Exit codes: 0 read/converted without findings, 1 findings (for `convert`: the output lacks
//! something PEPPOL BIS 3 requires), 2 error (unreadable file, malformed XML, bad arguments).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use digilyft_invoice::model::Invoice;
use digilyft_invoice::svefaktura::{
    ObjectEnvelope, Registry, attach_envelope, convert, read_object_envelope,
};
use digilyft_invoice::ubl::write_invoice;
use digilyft_invoice::{Finding, FindingKind, Format, ReadOptions, read_named};

use crate::terminal::{Plain, plain};

/// Invoice format commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read an invoice (PEPPOL BIS 3 UBL or Svefaktura 1.0) and print its EN 16931 model.
    Parse(ParseArgs),
    /// Convert an invoice to another format (PEPPOL BIS 3 UBL).
    Convert(ConvertArgs),
}

/// Arguments of `digilyft parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The invoice file.
    file: PathBuf,
    /// Print the model as JSON (serde form of `digilyft_invoice::model::Invoice`, with the format
    /// and the findings).
    #[arg(long)]
    json: bool,
    /// Svefaktura ObjectEnvelope files whose objects are attached to the invoice (BT-125).
    #[arg(long = "envelope", value_name = "FILE")]
    envelopes: Vec<PathBuf>,
}

/// Output formats of `digilyft convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// PEPPOL BIS Billing 3.0 (UBL 2.1 Invoice or CreditNote).
    #[value(name = "peppol-bis3")]
    PeppolBis3,
}

/// Arguments of `digilyft convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The invoice file (Svefaktura 1.0 or PEPPOL BIS 3 UBL).
    file: PathBuf,
    /// The output format.
    #[arg(long, value_enum)]
    to: Target,
    /// Where to write the result.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: PathBuf,
    #[command(flatten)]
    force: crate::shell::ForceArg,
    /// Registry of electronic addresses, one `KEY;SCHEME;ENDPOINT` per line (KEY: organisation
    /// number, VAT number or party id), for what Svefaktura lacks (BT-34, BT-49).
    #[arg(long, value_name = "FILE")]
    registry: Option<PathBuf>,
    /// Svefaktura ObjectEnvelope files whose objects become embedded attachments (BT-125).
    #[arg(long = "envelope", value_name = "FILE")]
    envelopes: Vec<PathBuf>,
}

/// Runs a formats command.
pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Parse(args) => parse(&args),
        Command::Convert(args) => convert_file(&args),
    }
    .map_err(crate::terminal::plain_error)
}

fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

fn envelopes(paths: &[PathBuf]) -> anyhow::Result<Vec<ObjectEnvelope>> {
    paths
        .iter()
        .map(|p| {
            let options = ReadOptions {
                file_name: Some(p.display().to_string()),
                ..ReadOptions::default()
            };
            Ok(read_object_envelope(&read_bytes(p)?, &options)?)
        })
        .collect()
}

/// A finding with the name of the file it is about.
type Located = (String, Finding);

/// Reads the invoice and attaches the envelopes; findings of both.
fn load(
    file: &Path,
    envelope_paths: &[PathBuf],
) -> anyhow::Result<(Format, Invoice, Vec<Located>)> {
    let name = file.display().to_string();
    let read = read_named(&name, &read_bytes(file)?)?;
    let mut findings: Vec<Located> = read
        .findings
        .into_iter()
        .map(|f| (name.clone(), f))
        .collect();
    let mut invoice = read.invoice;
    for (path, env) in envelope_paths.iter().zip(envelopes(envelope_paths)?) {
        let env_name = path.display().to_string();
        findings.extend(env.findings.iter().cloned().map(|f| (env_name.clone(), f)));
        findings.extend(
            attach_envelope(&mut invoice, &env)
                .into_iter()
                .map(|f| (env_name.clone(), f)),
        );
    }
    Ok((read.format, invoice, findings))
}

fn print_findings(findings: &[Located]) {
    for (file, f) in findings {
        eprintln!("{}:{}", Plain(file), plain(f));
    }
}

fn parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let (format, invoice, findings) = load(&args.file, &args.envelopes)?;
    if args.json {
        let value = serde_json::json!({
            "file": args.file.display().to_string(),
            "format": format,
            "invoice": invoice,
            "findings": findings.iter().map(|(_, f)| f).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print_summary(format, &invoice);
        print_findings(&findings);
    }
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_summary(format: Format, inv: &Invoice) {
    // Every value comes from the document: escaped for the terminal.
    let or_dash = |s: Option<String>| s.map_or_else(|| "–".to_string(), plain);
    let currency = inv
        .currency
        .as_ref()
        .map(|c| c.to_string())
        .unwrap_or_default();
    println!("Format:        {format}");
    println!("Fakturanummer: {}", or_dash(inv.number.clone()));
    println!(
        "Typ:           {}",
        or_dash(inv.type_code.as_ref().map(|c| c.to_string()))
    );
    println!(
        "Fakturadatum:  {}",
        or_dash(inv.issue_date.map(|d| d.to_string()))
    );
    println!(
        "Förfallodatum: {}",
        or_dash(inv.due_date.map(|d| d.to_string()))
    );
    println!("Leverantör:    {}", or_dash(inv.seller.name.clone()));
    println!("Köpare:        {}", or_dash(inv.buyer.name.clone()));
    println!("Referens:      {}", or_dash(inv.buyer_reference.clone()));
    println!(
        "Att betala:    {} {}",
        or_dash(inv.totals.amount_due.map(|d| d.to_string())),
        Plain(&currency)
    );
    println!("Rader:         {}", inv.lines.len());
}

fn convert_file(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let Target::PeppolBis3 = args.to;
    let registry = match &args.registry {
        Some(path) => {
            let text = String::from_utf8(read_bytes(path)?)
                .with_context(|| format!("{}: not UTF-8", path.display()))?;
            Registry::parse(&text).with_context(|| path.display().to_string())?
        }
        None => Registry::new(),
    };
    let (format, invoice, mut findings) = load(&args.file, &args.envelopes)?;
    let name = args.file.display().to_string();
    let invoice = match format {
        Format::Svefaktura1 => {
            let conversion = convert(&invoice, &registry);
            findings.extend(conversion.findings.into_iter().map(|f| (name.clone(), f)));
            conversion.invoice
        }
        Format::PeppolBis3 => invoice,
        other => bail!("{name}: cannot convert a {other} document"),
    };
    let xml = write_invoice(&invoice);
    crate::shell::write_file(&args.output, xml.as_bytes(), args.force.force)?;
    print_findings(&findings);
    let incomplete = findings
        .iter()
        .any(|(_, f)| f.kind == FindingKind::NotConverted);
    Ok(if incomplete {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
