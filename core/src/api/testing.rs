//! Shared test data for the API's unit tests: the bundled sample invoices.

/// Every `*.xml` of `assets/samples/` as `(file name, bytes)`, sorted by name.
pub(crate) fn sample_documents() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 2, "assets/samples holds sample invoices");
    out
}

/// A fresh in-memory workspace with the sample attestförteckning active and the demo's sample
/// invoices of `ctx`'s day imported and routed.
pub(crate) fn sample_workspace(ctx: &super::Context<'_>) -> super::Workspace {
    let mut ws = super::Workspace::in_memory().expect("workspace");
    let wb = super::samples::attestforteckning().expect("sample workbook");
    super::rules::import_workbook(&mut ws, ctx, "a.xlsx", &wb, "KS 1", true).expect("rules");
    super::invoices::import_bytes(&mut ws, ctx, super::samples::invoices(ctx.today()))
        .expect("import");
    ws
}
