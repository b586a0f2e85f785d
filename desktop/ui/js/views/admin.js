// The administrator's view: import an attestförteckning workbook (every problem by sheet, cell
// and reason), compare it with the active version, activate a stored version, save the template
// and export the ledger; and today's reminders (every open step near or past its deadline, whom
// it waits on and who stands in). Paths are typed or pasted; nothing is ever overwritten.

import { h, field, table } from "../dom.js";
import { when, amount } from "../format.js";
import { marks } from "./inbox.js";

async function reminders(app, area) {
  const t = app.t();
  try {
    const all = await app.invoke("list_reminders");
    area.replaceChildren(
      all.length === 0
        ? h("p", {}, t.noReminders)
        : table({
            caption: t.remindersCaption,
            columns: [t.colSupplier, t.colNumber, t.colAmount, t.colStep, t.assignee, t.colMarks, t.substitutes],
            numeric: [2],
            rows: all.map(({ item, substitutes }) => [
              item.supplier,
              item.number,
              amount(item.amount, item.currency, app.lang),
              item.step,
              item.assignee,
              marks(t, { reminder: item.reminder, state: item.invoiceState, paymentBlock: item.paymentBlock }).map((m) => h("span", { class: `mark mark-${m.cls}` }, m.text)),
              substitutes.join(", "),
            ]),
            id: "reminders",
          }),
    );
  } catch (err) {
    app.showError(err);
  }
}

function problemsTable(t, problems) {
  return table({
    caption: t.problemsCaption,
    columns: [t.severity, t.sheet, t.cell, t.column, t.reason],
    rows: problems.map((p) => [p.severity === "error" ? t.fatal : t.warning, p.sheet, p.cell, p.column, p.message]),
    id: "rules-problems",
  });
}

function diffTable(t, lines) {
  return table({
    caption: t.diffCaption,
    columns: [t.sheet, t.diffKey, t.diffChange, t.diffFields],
    rows: lines.map((l) => [l.sheet, l.key, t.changes[l.change] || l.change, l.fields.map((f) => `${f.field}: ${f.old} → ${f.new}`).join("; ")]),
    id: "rules-diff",
  });
}

async function versions(app, area) {
  const t = app.t();
  try {
    const all = await app.invoke("list_rule_versions");
    area.replaceChildren(
      all.length === 0
        ? h("p", {}, t.noVersions)
        : table({
            caption: t.versionsCaption,
            columns: [t.version, t.fileName, t.decisionRefCol, t.importedAt, t.importedBy, t.activeCol],
            rows: all.map((v) => [
              String(v.version),
              v.sourceName,
              v.decisionRef,
              when(v.importedAt),
              v.importedBy,
              v.active ? h("strong", {}, t.activeYes) : h("button", { type: "button", class: "secondary", onclick: () => activate(app, area, v.version) }, t.activate(v.version)),
            ]),
            id: "rules-versions",
          }),
    );
  } catch (err) {
    app.showError(err);
  }
}

async function activate(app, area, version) {
  const t = app.t();
  try {
    const r = await app.invoke("activate_rules", { user: app.user || null, version });
    app.clearError();
    app.announce(t.activated(r.version, r.routed));
    await versions(app, area);
  } catch (err) {
    app.showError(err);
  }
}

/** A path field with a button that runs `action(path)`. */
function saveForm(app, { id, heading, label, button, extra, action }) {
  const path = h("input", { type: "text", id: `${id}-path`, autocomplete: "off", spellcheck: "false" });
  const t = app.t();
  return h(
    "section",
    { class: "panel", "aria-labelledby": `${id}-heading` },
    h("h3", { id: `${id}-heading` }, heading),
    field(label, path, t.pathHint),
    extra || null,
    h(
      "button",
      {
        type: "button",
        id: `${id}-button`,
        onclick: async () => {
          try {
            const saved = await action(path.value);
            app.clearError();
            app.announce(t.saved(saved.path));
          } catch (err) {
            app.showError(err);
          }
        },
      },
      button,
    ),
  );
}

/** Builds the admin view into `container`. */
export async function render(app, container) {
  const t = app.t();
  const path = h("input", { type: "text", id: "rules-path", autocomplete: "off", spellcheck: "false" });
  const decision = h("input", { type: "text", id: "rules-decision" });
  const activateNow = h("input", { type: "checkbox", id: "rules-activate", checked: true });
  const result = h("div", { id: "rules-result" });
  const versionArea = h("div", { id: "rules-versions-area" });
  const sample = h("input", { type: "checkbox", id: "template-sample" });
  const reminderArea = h("div", { id: "reminders-area" });

  async function compare() {
    try {
      const d = await app.invoke("diff_rules", { path: path.value });
      app.clearError();
      if (d.problems.length) {
        result.replaceChildren(h("h4", {}, t.problemsHeading), problemsTable(t, d.problems));
        app.announce(t.refused(d.problems.length));
      } else {
        result.replaceChildren(h("h4", {}, t.diffHeading), d.lines.length ? diffTable(t, d.lines) : h("p", {}, t.noDiff));
        app.announce(d.lines.length ? t.diffCount(d.lines.length) : t.noDiff);
      }
    } catch (err) {
      app.showError(err);
    }
  }

  async function importIt() {
    try {
      const r = await app.invoke("import_rules", { user: app.user || null, path: path.value, decisionRef: decision.value, activate: activateNow.checked });
      app.clearError();
      if (!r.stored) {
        result.replaceChildren(h("h4", {}, t.problemsHeading), problemsTable(t, r.problems));
        app.announce(t.refused(r.problems.length));
        return;
      }
      const message = `${t.imported(r.version, r.grants, r.flows)}${r.routed === null ? "" : ` ${t.importedRouted(r.routed)}`}`;
      result.replaceChildren(h("p", {}, message), r.problems.length ? [h("h4", {}, t.problemsHeading), problemsTable(t, r.problems)] : null);
      app.announce(message);
      await versions(app, versionArea);
    } catch (err) {
      app.showError(err);
    }
  }

  container.replaceChildren(
    h("h2", { id: "admin-heading", tabIndex: -1 }, t.adminHeading),
    h(
      "section",
      { class: "panel", "aria-labelledby": "import-heading" },
      h("h3", { id: "import-heading" }, t.importHeading),
      field(t.workbookPath, path, t.pathHint),
      field(t.decisionRef, decision),
      h("label", { class: "check" }, activateNow, t.activateNow),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", id: "rules-compare", onclick: compare }, t.compare),
        h("button", { type: "button", id: "rules-import", onclick: importIt }, t.importButton),
      ),
      result,
    ),
    h("section", { class: "panel", "aria-labelledby": "versions-heading" }, h("h3", { id: "versions-heading" }, t.versionsHeading), versionArea),
    h("section", { class: "panel", "aria-labelledby": "reminders-heading" }, h("h3", { id: "reminders-heading" }, t.remindersHeading), reminderArea),
    saveForm(app, {
      id: "template",
      heading: t.templateHeading,
      label: t.templatePath,
      button: t.saveTemplate,
      extra: h("label", { class: "check" }, sample, t.withSample),
      action: (p) => app.invoke("save_rules_template", { path: p, sample: sample.checked }),
    }),
    saveForm(app, {
      id: "ledger",
      heading: t.ledgerHeading,
      label: t.ledgerPath,
      button: t.exportLedger,
      action: (p) => app.invoke("export_ledger", { path: p }),
    }),
  );
  await Promise.all([versions(app, versionArea), reminders(app, reminderArea)]);
}
