// The inbox: "my approvals" (the open steps of the chosen person, with reminder and
// BESTRIDEN/BETALSPÄRR marks) or "all invoices" (filter by state, search, sort, paging in core).
// The list is one tab stop: arrow keys or j/k move between rows, Enter opens the invoice.

import { h, field } from "../dom.js";
import { amount } from "../format.js";

const STATES = ["received", "needs-action", "unrouted", "in-approval", "returned", "attested", "rejected", "disputed"];
const SORTS_ALL = ["id", "supplier", "amount", "due-date", "attest-deadline", "state"];
const SORTS_MINE = ["attest-deadline", "supplier", "amount", "due-date"];
const SORT_TEXT = { id: "sortId", supplier: "sortSupplier", amount: "sortAmount", "due-date": "sortDueDate", "attest-deadline": "sortAttestDeadline", state: "sortState" };

/** One row as the table shows it, from either source. */
function fromSummary(r) {
  return { id: r.id, supplier: r.supplier, number: r.number, amount: r.amount, currency: r.currency, dueDate: r.dueDate, attestDeadline: r.attestDeadline, state: r.state, paymentBlock: r.paymentBlock, creditNote: r.kind === "credit-note", step: null, actingFor: null, reminder: null };
}
function fromInboxItem(i) {
  return { id: i.invoiceId, supplier: i.supplier, number: i.number, amount: i.amount, currency: i.currency, dueDate: i.dueDate, attestDeadline: i.attestDeadline, state: i.invoiceState, paymentBlock: i.paymentBlock, creditNote: false, step: i.step, actingFor: i.actingFor, reminder: i.reminder };
}

/** The marks of a row as short texts (reminder, BESTRIDEN, BETALSPÄRR, ersättare). */
export function marks(t, row) {
  const out = [];
  if (row.reminder) out.push({ cls: row.reminder.kind, text: row.reminder.kind === "overdue" ? t.overdue(row.reminder.days) : t.dueSoon(row.reminder.days) });
  if (row.state === "disputed") out.push({ cls: "disputed", text: t.disputed });
  if (row.paymentBlock) out.push({ cls: "blocked", text: t.paymentBlock });
  if (row.actingFor) out.push({ cls: "acting-for", text: t.actingFor(row.actingFor) });
  return out;
}

/** Sorting, filtering and searching of "my approvals", which core returns whole. */
function mineView(list, items) {
  const needle = list.search.trim().toLowerCase();
  let rows = items.map(fromInboxItem);
  if (needle) rows = rows.filter((r) => r.supplier.toLowerCase().includes(needle) || r.number.toLowerCase().includes(needle));
  if (list.mark === "due-soon" || list.mark === "overdue") rows = rows.filter((r) => r.reminder && r.reminder.kind === list.mark);
  if (list.mark === "disputed") rows = rows.filter((r) => r.state === "disputed" || r.paymentBlock);
  const key = { supplier: (r) => r.supplier.toLowerCase(), amount: (r) => r.amount, "due-date": (r) => r.dueDate || "9999", "attest-deadline": (r) => r.attestDeadline || "9999" }[list.sort] || ((r) => r.attestDeadline || "9999");
  const cmp = list.sort === "amount" ? compareAmounts : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(key(a), key(b)) || a.id - b.id);
  if (list.descending) rows.reverse();
  return rows;
}

/** Compares two decimal strings exactly. */
export function compareAmounts(a, b) {
  const norm = (s) => {
    const neg = s.startsWith("-");
    const [i, f = ""] = s.replace(/^[-+]/, "").split(".");
    return { neg, i: i.replace(/^0+(?=\d)/, ""), f: f.padEnd(12, "0") };
  };
  const x = norm(a);
  const y = norm(b);
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  const mag = x.i.length !== y.i.length ? x.i.length - y.i.length : x.i < y.i ? -1 : x.i > y.i ? 1 : x.f < y.f ? -1 : x.f > y.f ? 1 : 0;
  return x.neg ? -mag : mag;
}

async function load(app) {
  const list = app.list;
  if (list.mode === "mine" && !app.user) {
    list.rows = [];
    list.total = 0;
    list.known = true;
    list.rulesetVersion = undefined;
  } else if (list.mode === "mine") {
    const inbox = await app.invoke("list_inbox", { user: app.user });
    list.rows = mineView(list, inbox.items);
    list.total = list.rows.length;
    list.known = inbox.known;
    list.rulesetVersion = inbox.rulesetVersion;
  } else {
    const query = { search: list.search, states: list.state ? [list.state] : [], sort: list.sort, descending: list.descending, offset: list.offset, limit: list.limit };
    const page = await app.invoke("list_invoices", { query });
    list.rows = page.rows.map(fromSummary);
    list.total = page.total;
  }
}

function resultsArea(app) {
  const t = app.t();
  const list = app.list;
  const rows = list.rows.map((row, index) =>
    h(
      "tr",
      { tabIndex: index === 0 ? 0 : -1, dataset: { id: String(row.id) }, onclick: () => app.openInvoice(row.id) },
      h("td", {}, row.supplier),
      h("td", {}, row.number, row.creditNote ? ` (${t.creditNote})` : ""),
      h("td", { class: "num" }, amount(row.amount, row.currency, app.lang)),
      h("td", {}, row.dueDate || t.noDueDate),
      h("td", {}, t.states[row.state] || row.state, row.step ? ` · ${row.step}` : ""),
      h("td", {}, marks(t, row).map((m) => h("span", { class: `mark mark-${m.cls}` }, m.text))),
    ),
  );
  const notes = [];
  if (list.mode === "mine" && list.rulesetVersion === null) notes.push(t.noRuleset);
  if (list.mode === "mine" && list.known === false) notes.push(t.unknownUser(app.user));
  const paging =
    list.mode === "all" && list.total > list.limit
      ? h(
          "div",
          { class: "paging" },
          h("button", { type: "button", class: "secondary", disabled: list.offset === 0, onclick: () => page(app, -1) }, t.prevPage),
          h("span", {}, t.pageInfo(list.offset + 1, Math.min(list.offset + list.limit, list.total), list.total)),
          h("button", { type: "button", class: "secondary", disabled: list.offset + list.limit >= list.total, onclick: () => page(app, 1) }, t.nextPage),
        )
      : null;
  return h(
    "div",
    { id: "inbox-results" },
    notes.map((n) => h("p", { class: "note" }, n)),
    h(
      "table",
      { id: "inbox", class: "list", "aria-labelledby": "inbox-heading", onkeydown: (e) => onTableKey(app, e) },
      h("caption", { class: "visually-hidden" }, t.inboxCaption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t.colSupplier),
          h("th", { scope: "col" }, t.colNumber),
          h("th", { scope: "col", class: "num" }, t.colAmount),
          h("th", { scope: "col" }, t.colDueDate),
          h("th", { scope: "col" }, t.colState),
          h("th", { scope: "col" }, t.colMarks),
        ),
      ),
      h("tbody", {}, rows),
    ),
    list.rows.length === 0 ? h("p", { id: "empty", class: "empty" }, list.mode === "mine" && !app.user ? t.noUser : t.empty) : null,
    paging,
  );
}

async function page(app, direction) {
  app.list.offset = Math.max(0, app.list.offset + direction * app.list.limit);
  await refresh(app);
}

/** Reloads the rows and replaces the results (the controls keep their focus). */
async function refresh(app) {
  const t = app.t();
  try {
    await load(app);
    app.clearError();
  } catch (err) {
    app.list.rows = [];
    app.list.total = 0;
    app.showError(err);
  }
  const old = document.getElementById("inbox-results");
  if (old) old.replaceWith(resultsArea(app));
  app.announce(t.count(app.list.total));
}

function onTableKey(app, event) {
  const rows = Array.from(document.querySelectorAll("#inbox tbody tr"));
  const current = rows.indexOf(/** @type {any} */ (document.activeElement));
  if (current < 0) return;
  let next = current;
  if (event.key === "ArrowDown" || event.key === "j") next = Math.min(current + 1, rows.length - 1);
  else if (event.key === "ArrowUp" || event.key === "k") next = Math.max(current - 1, 0);
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = rows.length - 1;
  else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    app.openInvoice(Number(rows[current].dataset.id));
    return;
  } else return;
  event.preventDefault();
  event.stopPropagation();
  rows[current].tabIndex = -1;
  rows[next].tabIndex = 0;
  rows[next].focus();
}

/** j/k from anywhere in the inbox (not in a field) go to the list. */
export function onKey(app, event) {
  if (event.key !== "j" && event.key !== "k") return false;
  const first = document.querySelector("#inbox tbody tr");
  if (!first || document.activeElement?.closest("#inbox")) return false;
  /** @type {HTMLElement} */ (document.querySelector("#inbox tbody tr[tabindex='0']") || first).focus();
  return true;
}

/** Builds the inbox into `container` and loads its rows. */
export async function render(app, container) {
  const t = app.t();
  const list = app.list;
  if (!list.mode) list.mode = app.user ? "mine" : "all";
  if (list.mode === "mine" && !SORTS_MINE.includes(list.sort)) {
    list.sort = "attest-deadline";
    list.descending = false;
  }
  let timer = 0;
  const search = h("input", {
    type: "search",
    value: list.search,
    oninput: (e) => {
      list.search = e.target.value;
      list.offset = 0;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => refresh(app), 250);
    },
  });
  const mode = h(
    "fieldset",
    { class: "mode" },
    h("legend", {}, t.modeLabel),
    ["mine", "all"].map((m) =>
      h(
        "label",
        {},
        h("input", {
          type: "radio",
          name: "inbox-mode",
          value: m,
          checked: list.mode === m,
          onchange: () => {
            list.mode = m;
            list.offset = 0;
            list.sort = m === "mine" ? "attest-deadline" : "id";
            list.descending = m !== "mine";
            render(app, container);
          },
        }),
        m === "mine" ? t.modeMine : t.modeAll,
      ),
    ),
  );
  const filter =
    list.mode === "all"
      ? field(
          t.stateFilter,
          h(
            "select",
            { onchange: (e) => ((list.state = e.target.value), (list.offset = 0), refresh(app)) },
            h("option", { value: "", selected: !list.state }, t.allStates),
            STATES.map((s) => h("option", { value: s, selected: list.state === s }, t.states[s])),
          ),
        )
      : field(
          t.markFilter,
          h(
            "select",
            { onchange: (e) => ((list.mark = e.target.value), refresh(app)) },
            [["", t.markAll], ["due-soon", t.markDueSoon], ["overdue", t.markOverdue], ["disputed", t.markDisputed]].map(([v, label]) => h("option", { value: v, selected: list.mark === v }, label)),
          ),
        );
  const sorts = list.mode === "all" ? SORTS_ALL : SORTS_MINE;
  const sort = field(
    t.sortLabel,
    h(
      "select",
      { onchange: (e) => ((list.sort = e.target.value), (list.offset = 0), refresh(app)) },
      sorts.map((s) => h("option", { value: s, selected: list.sort === s }, t[SORT_TEXT[s]])),
    ),
  );
  const descending = h(
    "label",
    { class: "check" },
    h("input", { type: "checkbox", checked: list.descending, onchange: (e) => ((list.descending = e.target.checked), (list.offset = 0), refresh(app)) }),
    t.sortDescending,
  );
  container.replaceChildren(
    h("h2", { id: "inbox-heading", tabIndex: -1 }, t.inboxHeading),
    h(
      "div",
      { class: "controls" },
      mode,
      field(t.searchLabel, search),
      filter,
      sort,
      descending,
      h("button", { type: "button", class: "secondary", id: "refresh", onclick: () => refresh(app) }, t.refresh),
    ),
    h("div", { id: "inbox-results" }),
  );
  await refresh(app);
}
