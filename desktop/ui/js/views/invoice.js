// The invoice view: the decision panel first (what an attestant came for), then the kontering
// editor, the document rendered from the EN 16931 model, the validation findings (rule id and
// Swedish text), the steps, the decisions and the audit trail.
//
// Keys (outside text fields): j next invoice, k previous (the arrow keys keep scrolling the page), a approve,
// r return (asks for the comment first when there is none), Escape back to the inbox. Every
// result is announced.

import { h, facts, table, field } from "../dom.js";
import { amount, when } from "../format.js";
import { marks } from "./inbox.js";
import { editor } from "./kontering.js";

const DECISIONS = [
  ["attest", "approve", "a"],
  ["return", "return", "r"],
  ["reject", "reject", null],
  ["dispute", "dispute", null],
];
const DECISION_NAME = { attest: "ATTEST", return: "RETURN", reject: "REJECT", dispute: "DISPUTE" };

let detail = null;

function party(t, heading, p) {
  return h(
    "section",
    { class: "party" },
    h("h4", {}, heading),
    facts([
      [t.name, p.name],
      [t.tradingName, p.tradingName],
      [t.orgnr, p.legalId],
      [t.vatId, p.vatId],
      [t.address, p.address],
      [t.contact, p.contact],
    ]),
  );
}

function documentPart(app, d) {
  const t = app.t();
  const cur = detail.summary.currency;
  const money = (v) => amount(v, null, app.lang);
  if (!d) return h("p", { class: "note" }, t.noDocument);
  const tot = d.totals;
  return [
    h("h3", {}, `${t.seller} / ${t.buyer}`),
    h("div", { class: "parties" }, party(t, t.seller, d.seller), party(t, t.buyer, d.buyer)),
    d.payee ? facts([[t.payee, d.payee]]) : null,
    table({
      caption: t.lines,
      columns: [t.lineId, t.item, t.quantity, t.price, t.lineNet, t.vatRate],
      numeric: [2, 3, 4, 5],
      rows: d.lines.map((l) => [l.id, [l.name, l.description].filter(Boolean).join(" – "), [l.quantity, l.unit].filter(Boolean).join(" "), money(l.price), money(l.netAmount), l.vatRate]),
      className: "lines",
    }),
    table({
      caption: t.vatHeading,
      columns: [t.vatCategory, t.vatRate, t.taxable, t.tax],
      numeric: [1, 2, 3],
      rows: d.vat.map((v) => [[v.category, v.exemptionReason].filter(Boolean).join(" – "), v.rate, money(v.taxable), money(v.tax)]),
    }),
    h("h3", {}, t.totals),
    facts([
      [t.totalLineNet, money(tot.lineNet)],
      [t.totalAllowances, money(tot.allowances)],
      [t.totalCharges, money(tot.charges)],
      [t.totalTaxExclusive, money(tot.taxExclusive)],
      [t.totalVat, money(tot.vat)],
      [t.totalTaxInclusive, money(tot.taxInclusive)],
      [t.totalPaid, money(tot.paid)],
      [t.totalRounding, money(tot.rounding)],
      [t.totalAmountDue, amount(tot.amountDue, cur, app.lang)],
    ]),
    h("h3", {}, t.payment),
    facts([[t.paymentTerms, d.paymentTerms]]),
    d.payment.map((p) =>
      facts([
        [t.means, [p.meansCode, p.meansText].filter(Boolean).join(" – ")],
        [t.account, p.account],
        [t.accountName, p.accountName],
        [t.provider, p.provider],
        [t.remittance, p.remittance],
      ]),
    ),
    d.references.length ? [h("h3", {}, t.references), facts(d.references.map((r) => [t.refs[r.term] || r.term, r.value]))] : null,
    d.notes.length ? [h("h3", {}, t.notes), h("ul", {}, d.notes.map((n) => h("li", {}, n)))] : null,
    d.attachments.length
      ? [
          h("h3", {}, t.attachments),
          h(
            "ul",
            {},
            d.attachments.map((a) =>
              h("li", {}, [a.reference, a.description, a.size ? t.attachmentEmbedded(a.filename || a.mime || "", Math.max(1, Math.round(a.size / 1024))) : null, a.externalLocation ? t.attachmentExternal(a.externalLocation) : null].filter(Boolean).join(" · ")),
            ),
          ),
        ]
      : null,
  ];
}

function validationPart(app) {
  const t = app.t();
  const v = detail.validation;
  return h(
    "section",
    { "aria-labelledby": "validation-heading" },
    h("h3", { id: "validation-heading" }, t.validation),
    v.sets.length ? h("p", {}, t.validationSets(v.sets.join(", "))) : null,
    v.error ? h("p", { class: "error-text" }, v.error) : null,
    v.findings.length === 0 && !v.error
      ? h("p", {}, t.noFindings)
      : h(
          "ul",
          { class: "findings" },
          v.findings.map((f) =>
            h(
              "li",
              { class: `finding finding-${f.severity}` },
              h("strong", {}, `${f.severity === "fatal" ? t.fatal : t.warning} ${f.id}`),
              ": ",
              app.lang === "en" && f.en ? f.en : f.sv || f.en,
              f.line ? h("span", { class: "where" }, ` (${t.findingLine(f.line)})`) : null,
            ),
          ),
        ),
  );
}

function historyPart(app) {
  const t = app.t();
  return [
    table({
      caption: t.steps,
      columns: [t.colStep, t.colState, t.assignee, t.decidedBy, t.decidedAt],
      rows: detail.steps.map((s) => [
        `${t.stepKind[s.kind] || s.kind} (${s.label})`,
        t.stepState[s.state] || s.state,
        s.assignee || (s.queue ? t.queue(s.queue) : ""),
        s.autoRule ? t.auto(s.autoRule) : [s.decidedBy, s.actingFor ? t.actingFor(s.actingFor) : null].filter(Boolean).join(", "),
        when(s.decidedAt),
      ]),
      id: "steps",
    }),
    detail.decisions.length
      ? table({
          caption: t.decisionsHeading,
          columns: [t.decidedAt, t.colStep, t.decisionPanel, t.decidedBy, t.outcome, t.reason],
          rows: detail.decisions.map((d) => [when(d.receivedAt), d.step, t.decisionNames[d.decision] || d.decision, [d.actor, d.actingFor ? t.actingFor(d.actingFor) : null].filter(Boolean).join(", "), t.outcomes[d.outcome] || d.outcome, d.reason]),
          id: "decisions",
        })
      : h("p", {}, t.noDecisions),
    table({
      caption: t.auditHeading,
      columns: [t.auditSeq, t.decidedAt, t.auditKind, t.auditActor, t.outcome, t.reason],
      rows: detail.audit.map((e) => [String(e.seq), when(e.at), e.kind, [e.actor, e.actingFor ? t.actingFor(e.actingFor) : null].filter(Boolean).join(", "), e.outcome || "", e.reason || ""]),
      id: "audit",
    }),
  ];
}

function decisionPanel(app, container) {
  const t = app.t();
  const s = detail.summary;
  const open = detail.steps.find((x) => x.state === "OPEN");
  const blocked = s.state === "disputed" || s.paymentBlock;
  const comment = h("textarea", { id: "decision-comment", rows: 2 });
  const panel = h("section", { class: "panel decision", "aria-labelledby": "decision-heading", id: "decision-panel" }, h("h3", { id: "decision-heading" }, t.decisionPanel));
  if (!app.user) {
    panel.append(h("p", { class: "note" }, t.needUser));
    return panel;
  }
  panel.append(h("p", {}, t.decideAs(app.user)));
  if (blocked) {
    const reason = h("textarea", { id: "resolve-comment", rows: 2 });
    panel.append(
      h("h4", {}, t.resolvePanel),
      field(t.resolveComment, reason),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "resolve-resume", onclick: () => resolve(app, container, "resume", reason.value) }, t.resume),
        h("button", { type: "button", class: "danger", id: "resolve-reject", onclick: () => resolve(app, container, "reject", reason.value) }, t.rejectInvoice),
      ),
    );
    return panel;
  }
  if (!open) {
    panel.append(h("p", { class: "note" }, t.noOpenStep));
    return panel;
  }
  panel.append(
    field(t.comment, comment),
    h(
      "div",
      { class: "actions" },
      DECISIONS.map(([decision, label, key]) =>
        h(
          "button",
          {
            type: "button",
            id: `decide-${decision}`,
            class: decision === "reject" || decision === "dispute" ? "danger" : null,
            "aria-keyshortcuts": key,
            onclick: () => decide(app, container, decision),
          },
          t[label],
          key ? h("kbd", { "aria-hidden": "true" }, key) : null,
        ),
      ),
    ),
  );
  return panel;
}

async function decide(app, container, decision) {
  const t = app.t();
  const comment = /** @type {HTMLTextAreaElement|null} */ (document.getElementById("decision-comment"))?.value || "";
  try {
    const r = await app.invoke("decide_step", { user: app.user, request: { invoice: detail.summary.id, decision, comment: comment || null } });
    await show(app, container, false);
    app.announce(`${t.decided(t.decisionNames[r.decision] || DECISION_NAME[decision], detail.summary.number, t.outcomes[r.outcome] || r.outcome)}${r.outcome === "ACCEPTED" ? "" : ` ${r.reason}`}`);
    document.getElementById("invoice-heading")?.focus();
  } catch (err) {
    app.showError(err);
  }
}

async function resolve(app, container, resolution, comment) {
  const t = app.t();
  try {
    const r = await app.invoke("resolve_dispute", { user: app.user, invoice: detail.summary.id, resolution, comment });
    await show(app, container, false);
    app.announce(t.resolved(detail.summary.number, t.states[r.state] || r.state));
  } catch (err) {
    app.showError(err);
  }
}

/** Where the open invoice is in the inbox list: [index, ids]. */
function position(app) {
  const ids = app.list.rows.map((r) => r.id);
  return [ids.indexOf(app.current), ids];
}

async function step(app, delta) {
  const [i, ids] = position(app);
  const next = ids[i + delta];
  if (i < 0 || next === undefined) return;
  await app.openInvoice(next);
}

async function show(app, container, announceOpen) {
  const t = app.t();
  try {
    detail = await app.invoke("show_invoice", { id: app.current });
  } catch (err) {
    detail = null;
    container.replaceChildren(h("h2", { tabIndex: -1 }, t.appName), h("button", { type: "button", onclick: () => app.go("inbox") }, t.backToInbox));
    app.showError(err);
    return;
  }
  const s = detail.summary;
  const [i, ids] = position(app);
  const nav = h(
    "div",
    { class: "invoice-nav" },
    h("button", { type: "button", class: "secondary", id: "back-to-inbox", onclick: () => app.go("inbox"), "aria-keyshortcuts": "Escape" }, t.backToInbox),
    h("button", { type: "button", class: "secondary", disabled: i <= 0, onclick: () => step(app, -1), "aria-keyshortcuts": "k" }, t.prevInvoice),
    h("button", { type: "button", class: "secondary", disabled: i < 0 || i >= ids.length - 1, onclick: () => step(app, 1), "aria-keyshortcuts": "j" }, t.nextInvoice),
    i >= 0 ? h("span", {}, t.position(i + 1, ids.length)) : null,
  );
  const summary = facts([
    [t.colState, t.states[s.state] || s.state],
    [t.colAmount, amount(s.amount, s.currency, app.lang)],
    [t.netAmount, amount(s.netAmount, s.currency, app.lang)],
    [t.issueDate, s.issueDate],
    [t.colDueDate, s.dueDate || t.noDueDate],
    [t.attestDeadline, s.attestDeadline],
    [t.orgnr, s.supplierId],
    [t.fileName, s.fileName],
    [t.flowRule, detail.flowRule],
    [t.rulesetVersion, detail.rulesetVersion === null ? null : String(detail.rulesetVersion)],
    [t.creditsInvoice, detail.creditsInvoice === null ? null : String(detail.creditsInvoice)],
  ]);
  const row = { ...s, reminder: app.list.rows.find((r) => r.id === s.id)?.reminder || null, actingFor: null };
  container.replaceChildren(
    nav,
    h("h2", { id: "invoice-heading", tabIndex: -1 }, t.invoiceHeading(s.number, s.supplier), s.kind === "credit-note" ? ` (${t.creditNote})` : ""),
    h("p", { class: "marks" }, marks(t, row).map((m) => h("span", { class: `mark mark-${m.cls}` }, m.text))),
    h("div", { class: "invoice-top" }, h("section", { "aria-labelledby": "summary-heading" }, h("h3", { id: "summary-heading" }, t.summary), summary), decisionPanel(app, container)),
    app.user && detail.coding.length + detail.steps.length > 0 ? editor(app, detail, () => show(app, container, false)) : null,
    h("section", { "aria-labelledby": "document-heading" }, h("h3", { id: "document-heading", class: "visually-hidden" }, t.summary), documentPart(app, detail.document)),
    validationPart(app),
    h("section", { "aria-labelledby": "history-heading" }, h("h3", { id: "history-heading" }, t.steps), historyPart(app)),
    h("section", { class: "shortcuts", "aria-labelledby": "shortcuts-heading" }, h("h3", { id: "shortcuts-heading" }, t.shortcutsHeading), h("p", {}, t.shortcuts)),
  );
  if (announceOpen) app.announce(t.opened(s.number, s.supplier, i + 1, i >= 0 ? ids.length : 0));
}

/** Builds the invoice view of `app.current` into `container`. */
export async function render(app, container) {
  await show(app, container, true);
}

/** The daily path by keyboard. */
export function onKey(app, event) {
  if (!detail) return false;
  const container = document.getElementById("view-invoice");
  switch (event.key) {
    case "j":
      step(app, 1);
      return true;
    case "k":
      step(app, -1);
      return true;
    case "a":
      if (document.getElementById("decide-attest")) decide(app, container, "attest");
      return true;
    case "r": {
      // One key must not send a return nobody can understand: without a reason, `r` takes the
      // user to the comment first (the approval rules themselves do not require one).
      const comment = /** @type {HTMLTextAreaElement|null} */ (document.getElementById("decision-comment"));
      if (!comment) return true;
      if (!comment.value.trim()) {
        comment.focus();
        app.announce(app.t().returnNeedsComment);
      } else decide(app, container, "return");
      return true;
    }
    case "Escape":
      app.go("inbox");
      return true;
    default:
      return false;
  }
}
