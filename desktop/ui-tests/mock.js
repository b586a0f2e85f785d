// The mocked Tauri IPC: `window.__TAURI__.core.invoke` answered by a small in-memory backend
// whose answers have the shapes of the Rust DTOs (desktop/src/commands/*.rs: camelCase, amounts
// as decimal strings, errors as {code, message, faults}). Every call is recorded in
// `window.__calls` for the tests to assert on.
//
// `installMock` runs inside the page (puppeteer serialises it), so it is self-contained.

/** Installs the mock; `options.user` presets "who am I", `options.lang` the language. */
export function installMock(options) {
  // Each test page starts as a first run with its options; a reload keeps what the page stored.
  if (!sessionStorage.getItem("digilyft.mock")) {
    localStorage.clear();
    if (options.user) localStorage.setItem("digilyft.user", options.user);
    if (options.lang) localStorage.setItem("digilyft.lang", options.lang);
    sessionStorage.setItem("digilyft.mock", "1");
  }

  const fail = (code, message, faults = []) => Promise.reject({ code, message, faults });
  const summary = (id, supplier, number, amount, net, state, extra = {}) => ({
    id,
    supplier,
    supplierId: "5561234567",
    number,
    kind: "invoice",
    issueDate: "2026-12-01",
    dueDate: "2026-12-31",
    attestDeadline: "2026-12-21",
    netAmount: net,
    amount,
    currency: "SEK",
    state,
    paymentBlock: false,
    fileName: `${number}.xml`,
    ...extra,
  });
  const db = {
    invoices: [
      summary(1, "Kontorsvaror i Norr AB", "KN-2041", "4075.00", "3260.00", "in-approval"),
      summary(2, "Omsorgspartner AB", "OP-118", "48125.00", "38500.00", "in-approval", { attestDeadline: "2026-12-02" }),
      summary(3, "Konsultgruppen Mitt AB", "KG-78", "15000.00", "12000.00", "disputed", { paymentBlock: true }),
      summary(4, "Telefonbolaget AB", "TB-2611", "5287.50", "4230.00", "attested"),
    ],
    coding: {},
    steps: {},
    decisions: {},
    versions: [],
    files: new Set(["/home/anna/finns.xlsx"]),
  };
  for (const inv of db.invoices) {
    db.coding[inv.id] = [{ belopp: inv.netAmount, konto: "6110", ansvar: "4110", verksamhet: "710", aktivitet: "", projekt: "", objekt: "", motpart: "", momskod: "AVDRAGSGILL" }];
    db.steps[inv.id] = [
      { label: "GRANSKNING#1", kind: "GRANSKNING", state: inv.state === "attested" ? "DONE" : "OPEN", assignee: "u230", queue: null, decidedBy: inv.state === "attested" ? "u230" : null, actingFor: null, decidedAt: inv.state === "attested" ? "2026-12-02T09:15:00+00:00" : null, autoRule: null },
      { label: "BESLUT#2", kind: "BESLUT", state: inv.state === "attested" ? "DONE" : "WAITING", assignee: "u240", queue: null, decidedBy: inv.state === "attested" ? "u250" : null, actingFor: inv.state === "attested" ? "u240" : null, decidedAt: inv.state === "attested" ? "2026-12-03T10:00:00+00:00" : null, autoRule: null },
    ];
    db.decisions[inv.id] = [];
  }
  const byId = (id) => db.invoices.find((i) => i.id === id);
  const reminders = { 2: { kind: "overdue", days: 2 }, 1: { kind: "due-soon", days: 3 } };
  const inboxItem = (inv) => {
    const open = db.steps[inv.id].find((s) => s.state === "OPEN");
    return {
      invoiceId: inv.id,
      step: open.label,
      kind: open.kind,
      assignee: open.assignee,
      actingFor: null,
      supplier: inv.supplier,
      number: inv.number,
      amount: inv.amount,
      currency: inv.currency,
      dueDate: inv.dueDate,
      attestDeadline: inv.attestDeadline,
      reminder: reminders[inv.id] || null,
      invoiceState: inv.state,
      paymentBlock: inv.paymentBlock,
    };
  };
  const detail = (inv) => ({
    summary: { ...inv },
    document: {
      format: "PEPPOL BIS Billing 3.0 (UBL)",
      seller: { name: inv.supplier, tradingName: null, legalId: inv.supplierId, vatId: "SE556123456701", address: ["Storgatan 1", "901 10 Umeå", "SE"], contact: ["Kundtjänst", "090-123 45"] },
      buyer: { name: "Exempelby kommun", tradingName: null, legalId: "2120001234", vatId: "SE212000123401", address: ["Box 1", "901 84 Umeå", "SE"], contact: [] },
      payee: null,
      lines: [{ id: "1", name: "Kopieringspapper", description: null, quantity: "10", unit: "EA", price: "326.00", netAmount: inv.netAmount, vatCategory: "S", vatRate: "25" }],
      vat: [{ category: "S", rate: "25", taxable: inv.netAmount, tax: "815.00", exemptionReason: null }],
      totals: { lineNet: inv.netAmount, allowances: null, charges: null, taxExclusive: inv.netAmount, vat: "815.00", taxInclusive: inv.amount, paid: null, rounding: null, amountDue: inv.amount },
      payment: [{ meansCode: "30", meansText: null, account: "5050-1055", accountName: null, provider: null, remittance: "1234567890" }],
      paymentTerms: "30 dagar netto",
      notes: ["Leverans enligt avtal."],
      references: [{ term: "buyer-reference", value: "4110" }, { term: "order", value: "PO-77" }],
      attachments: [{ reference: "Följesedel", description: "Följesedel 12", filename: "foljesedel.pdf", mime: "application/pdf", size: 20480, externalLocation: null }],
      readingNotes: [],
    },
    validation: {
      sets: ["EN16931-UBL", "PEPPOL-EN16931-UBL"],
      error: null,
      findings: inv.state !== "attested" ? [{ id: "PEPPOL-EN16931-R003", severity: "warning", set: "PEPPOL-EN16931-UBL", location: "/Invoice", line: 3, sv: "Ett köparreferens- eller ordernummer ska anges.", en: "A buyer reference or purchase order reference MUST be provided." }] : [],
    },
    coding: db.coding[inv.id],
    codedTotal: inv.netAmount,
    steps: db.steps[inv.id],
    decisions: db.decisions[inv.id],
    audit: [
      { seq: inv.id * 10, at: "2026-12-01T08:00:00+00:00", kind: "invoice.imported", actor: "system", actingFor: null, outcome: "received", reason: null, hash: "ab12" },
      { seq: inv.id * 10 + 1, at: "2026-12-01T08:00:01+00:00", kind: "invoice.routed", actor: "system", actingFor: null, outcome: "in-approval", reason: null, hash: "cd34" },
    ],
    revision: 2,
    rulesetVersion: 1,
    flowRule: "prio 10",
    creditsInvoice: null,
  });

  const commands = {
    app_info: () => ({ version: "0.1.0", dataDir: "/home/anna/.local/share/digilyft", storeFile: "/home/anna/.local/share/digilyft/digilyft.sqlite" }),
    list_people: () => [
      { id: "u230", name: "Anna Andersson", position: "Controller" },
      { id: "u240", name: "Bo Berg", position: "Enhetschef" },
      { id: "u300", name: "Cecilia Ek", position: "Systemförvaltare" },
    ],
    list_inbox: ({ user }) => {
      if (user !== "u230") return { items: [], rulesetVersion: 1, known: ["u240", "u300"].includes(user) };
      const mine = db.invoices.filter((i) => db.steps[i.id].some((s) => s.state === "OPEN" && s.assignee === "u230"));
      return { items: mine.map(inboxItem), rulesetVersion: 1, known: true };
    },
    list_invoices: ({ query = {} }) => {
      const q = query || {};
      let rows = db.invoices.slice();
      if (q.states && q.states.length) rows = rows.filter((r) => q.states.includes(r.state));
      if (q.search) rows = rows.filter((r) => `${r.supplier} ${r.number}`.toLowerCase().includes(q.search.toLowerCase()));
      rows.sort((a, b) => a.id - b.id);
      if (q.descending) rows.reverse();
      const total = rows.length;
      return { total, rows: rows.slice(q.offset || 0, (q.offset || 0) + (q.limit || 100)) };
    },
    show_invoice: ({ id }) => (byId(id) ? detail(byId(id)) : fail("not-found", `no invoice ${id}`)),
    decide_step: ({ user, request }) => {
      const inv = byId(request.invoice);
      if (!inv) return fail("not-found", `no invoice ${request.invoice}`);
      const open = db.steps[inv.id].find((s) => s.state === "OPEN");
      if (!open) return fail("precondition", `invoice ${inv.id} has no open step`);
      const decision = request.decision.toUpperCase();
      if (user === "u240") {
        return { decisionId: "d-1", invoice: inv.id, step: open.label, decision, actingFor: null, outcome: "REJECTED_RULE", reasonCode: "no-right", reason: "u240 saknar attesträtt för steget", invoiceState: inv.state };
      }
      if (decision === "ATTEST") Object.assign(open, { state: "DONE", decidedBy: user, decidedAt: "2026-12-04T10:00:00+00:00" });
      if (decision === "DISPUTE") Object.assign(inv, { state: "disputed", paymentBlock: true });
      if (decision === "RETURN") inv.state = "returned";
      db.decisions[inv.id].push({ decisionId: `d-${db.decisions[inv.id].length + 1}`, step: open.label, decision, actor: user, actingFor: null, receivedAt: "2026-12-04T10:00:00+00:00", outcome: "ACCEPTED", reasonCode: "ok", reason: "attesterat" });
      return { decisionId: "d-1", invoice: inv.id, step: open.label, decision, actingFor: null, outcome: "ACCEPTED", reasonCode: "ok", reason: "ok", invoiceState: inv.state };
    },
    show_kontering: ({ invoice }) => db.coding[invoice],
    set_kontering: ({ invoice, rows }) => {
      const faults = [];
      rows.forEach((r, i) => {
        if (!/^-?\d[\d\s]*([.,]\d+)?$/.test(String(r.belopp).trim())) faults.push({ file: null, sheet: null, cell: String(i + 1), field: "belopp", rule: null, warning: false, message: `belopp "${r.belopp}" is not an amount` });
        if (!String(r.konto).trim()) faults.push({ file: null, sheet: null, cell: String(i + 1), field: "konto", rule: null, warning: false, message: "konto is required" });
      });
      if (faults.length) return fail("validation", `${faults.length} problem(s) in the kontering; nothing was changed`, faults);
      db.coding[invoice] = rows.map((r) => ({ ...r }));
      return { invoice, state: byId(invoice).state, revision: 3, rows: rows.length, paymentBlock: byId(invoice).paymentBlock };
    },
    resolve_dispute: ({ invoice, resolution, comment }) => {
      const inv = byId(invoice);
      if (!comment || !comment.trim()) return fail("validation", "a reason is required to end a dispute");
      Object.assign(inv, { state: resolution === "resume" ? "in-approval" : "rejected", paymentBlock: resolution !== "resume" });
      return { invoice, state: inv.state, revision: 4, rows: 1, paymentBlock: inv.paymentBlock };
    },
    list_reminders: () =>
      db.invoices
        .filter((i) => reminders[i.id] && db.steps[i.id].some((s) => s.state === "OPEN"))
        .map((i) => ({ item: inboxItem(i), substitutes: i.id === 2 ? ["u250"] : [] })),
    import_rules: ({ path, decisionRef, activate }) => {
      if (!path) return fail("validation", "no file given");
      if (path.includes("trasig")) {
        return {
          stored: false,
          version: null,
          grants: 0,
          flows: 0,
          routed: null,
          problems: [
            { severity: "error", sheet: "Attesträtt", cell: "D7", column: "person_id", message: "person_id saknas" },
            { severity: "error", sheet: "Flödesregler", cell: "B3", column: "prio", message: "prio 10 förekommer två gånger" },
          ],
        };
      }
      if (!decisionRef.trim()) return fail("validation", "name the decision adopting the attestförteckning");
      const version = db.versions.length + 1;
      if (activate) db.versions.forEach((v) => (v.active = false));
      db.versions.push({ version, sourceName: path.split("/").pop(), importedAt: "2026-12-04T10:00:00+00:00", importedBy: "u300", decisionRef, activatedAt: activate ? "2026-12-04T10:00:00+00:00" : null, active: activate, grants: 12, flows: 5 });
      return { stored: true, version, grants: 12, flows: 5, routed: activate ? 3 : null, problems: [] };
    },
    diff_rules: ({ path }) =>
      path && path.includes("trasig")
        ? { problems: [{ severity: "error", sheet: "Attesträtt", cell: "D7", column: "person_id", message: "person_id saknas" }], lines: [] }
        : { problems: [], lines: [{ sheet: "Attesträtt", key: "AR-0042", change: "changed", fields: [{ field: "tak_per_rad_sek", old: "50000", new: "75000" }] }, { sheet: "Chef", key: "u240", change: "added", fields: [] }] },
    activate_rules: ({ version }) => {
      const v = db.versions.find((x) => x.version === version);
      if (!v) return fail("not-found", `no rule set version ${version}`);
      db.versions.forEach((x) => (x.active = x === v));
      return { version, routed: 0 };
    },
    list_rule_versions: () => db.versions.map((v) => ({ ...v })),
    save_rules_template: ({ path }) => {
      if (db.files.has(path)) return fail("conflict", `${path}: File exists (os error 17)`);
      db.files.add(path);
      return { path, bytes: 9000 };
    },
    export_ledger: ({ path }) => {
      if (db.files.has(path)) return fail("conflict", `${path}: File exists (os error 17)`);
      db.files.add(path);
      return { path, bytes: 12000 };
    },
  };

  window.__calls = [];
  window.__TAURI__ = {
    core: {
      invoke(cmd, args = {}) {
        window.__calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
        const handler = commands[cmd];
        if (!handler) return Promise.reject(`Command ${cmd} not found`);
        try {
          return Promise.resolve(handler(args));
        } catch (e) {
          return Promise.reject({ code: "internal", message: String(e), faults: [] });
        }
      },
    },
  };
}
