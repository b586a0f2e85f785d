// The kontering editor: one row of labelled inputs per coding row, add and remove rows, save.
// Core checks the rows (the same checks as the CLI); every problem comes back as a fault with
// its 1-based row and field, is listed above the table and marks its input aria-invalid.

import { h } from "../dom.js";
import { amount } from "../format.js";

const FIELDS = ["belopp", "konto", "ansvar", "verksamhet", "aktivitet", "projekt", "objekt", "motpart", "momskod"];

/**
 * The editor for invoice `detail`, acting as `app.user`; `onSaved` runs after a save that core
 * accepted.
 */
export function editor(app, detail, onSaved) {
  const t = app.t();
  let rows = detail.coding.map((r) => ({ ...r }));
  const problems = h("div", { id: "kontering-problems", class: "problems", tabIndex: -1 });
  const body = h("tbody");
  const section = h(
    "section",
    { class: "panel", "aria-labelledby": "kontering-heading", id: "kontering" },
    h("h3", { id: "kontering-heading" }, t.konteringHeading),
    h("p", {}, t.codedTotal(amount(detail.codedTotal, null, app.lang), amount(detail.summary.netAmount, detail.summary.currency, app.lang))),
    problems,
    h(
      "table",
      { class: "kontering" },
      h("caption", {}, t.konteringCaption),
      h("thead", {}, h("tr", {}, FIELDS.map((f) => h("th", { scope: "col", class: f === "belopp" ? "num" : null }, t.fields[f])), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t.removeRow(""))))),
      body,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "secondary", id: "kontering-add", onclick: () => { rows.push(Object.fromEntries(FIELDS.map((f) => [f, ""]))); draw(); body.querySelector("tr:last-child input")?.focus(); } }, t.addRow),
      h("button", { type: "button", id: "kontering-save", onclick: save }, t.saveKontering),
    ),
  );

  function draw(faults = []) {
    body.replaceChildren(
      ...rows.map((row, i) =>
        h(
          "tr",
          {},
          FIELDS.map((f) => {
            const fault = faults.find((x) => x.cell === String(i + 1) && x.field === f);
            return h(
              "td",
              {},
              h("input", {
                type: "text",
                class: f === "belopp" ? "num" : null,
                value: row[f] || "",
                "aria-label": t.rowField(i + 1, t.fields[f]),
                "aria-invalid": fault ? "true" : null,
                "aria-describedby": fault ? "kontering-problems" : null,
                dataset: { row: String(i + 1), field: f },
                oninput: (e) => (row[f] = e.target.value),
              }),
            );
          }),
          h("td", {}, h("button", { type: "button", class: "secondary", onclick: () => { rows.splice(i, 1); draw(); } }, t.removeRow(i + 1))),
        ),
      ),
    );
  }

  async function save() {
    try {
      const changed = await app.invoke("set_kontering", { user: app.user, invoice: detail.summary.id, rows });
      problems.replaceChildren();
      draw();
      app.clearError();
      app.announce(t.konteringSaved(changed.rows));
      await onSaved();
    } catch (err) {
      problems.replaceChildren(
        h(
          "ul",
          {},
          (err.faults || []).map((f) => h("li", {}, t.rowProblem(f.cell || "", f.field ? t.fields[f.field] || f.field : f.rule, f.message))),
        ),
      );
      draw(err.faults || []);
      app.showError(err);
    }
  }

  draw();
  return section;
}
