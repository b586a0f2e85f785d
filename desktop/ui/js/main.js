// The window: one page, four views (inbox, invoice, admin, settings), a status line read out by
// screen readers (role=status) and an error region (role=alert). Views are functions of the
// shared `app` state; they call the Rust side only through `ipc.js`.
//
// Invariants: every view change moves focus to the view's heading; every action's result is
// announced in #status; every error is shown in #error, translated by its `code`, with the
// message and each fault underneath.

import { TEXT, storedLang, storeLang } from "./i18n.js";
import { invoke } from "./ipc.js";
import { h } from "./dom.js";
import * as inbox from "./views/inbox.js";
import * as invoice from "./views/invoice.js";
import * as admin from "./views/admin.js";
import * as settings from "./views/settings.js";

const USER_KEY = "digilyft.user";
const VIEWS = { inbox, invoice, admin, settings };

/** The shared state of the window. */
export const app = {
  /** @type {"sv"|"en"} */
  lang: storedLang(),
  /** The person the user acts as (`person_id`), chosen in settings; "" when none. */
  user: localStorage.getItem(USER_KEY) || "",
  /** @type {"inbox"|"invoice"|"admin"|"settings"} */
  view: "inbox",
  /** The inbox list: what is shown and the rows in their on-screen order. */
  list: { mode: "", search: "", state: "", mark: "", sort: "id", descending: true, offset: 0, limit: 50, rows: [], total: 0 },
  /** The invoice open in the invoice view. */
  current: null,
  t() {
    return TEXT[this.lang];
  },
  invoke,
  announce,
  showError,
  clearError,
  go,
  openInvoice,
  setUser,
  rerender: () => render(false),
};

/** Says `message` in the status line (a polite live region). */
export function announce(message) {
  const el = document.getElementById("status");
  // Clearing first makes a repeated message be read again.
  el.textContent = "";
  window.setTimeout(() => {
    el.textContent = message;
  }, 30);
  el.dataset.message = message;
}

/** Shows `err` ({code, message, faults}) in the alert region, translated by its code. */
export function showError(err) {
  const t = app.t();
  const el = document.getElementById("error");
  const known = t.errors[err.code] || t.errors.unknown;
  el.replaceChildren(
    h("p", {}, h("strong", {}, known), " ", err.message || ""),
    err.faults && err.faults.length
      ? h(
          "ul",
          {},
          err.faults.map((f) =>
            h("li", {}, [f.sheet, f.cell && (f.sheet ? f.cell : `${t.cell} ${f.cell}`), f.field, f.rule].filter(Boolean).join(" · "), f.sheet || f.cell || f.field || f.rule ? ": " : "", f.message),
          ),
        )
      : null,
  );
  el.dataset.code = err.code;
  el.hidden = false;
}

/** Hides the alert region. */
export function clearError() {
  const el = document.getElementById("error");
  el.replaceChildren();
  el.hidden = true;
  delete el.dataset.code;
}

/** Remembers `user` as the person the window acts as. */
export function setUser(user) {
  app.user = user.trim();
  if (app.user) localStorage.setItem(USER_KEY, app.user);
  else localStorage.removeItem(USER_KEY);
  app.list.mode = "";
  document.getElementById("current-user").textContent = app.user;
}

/** Shows view `name` and moves focus to its heading. */
export async function go(name) {
  app.view = name;
  clearError();
  await render(true);
}

/** Opens invoice `id` in the invoice view. */
export async function openInvoice(id) {
  app.current = id;
  await go("invoice");
}

async function render(focus) {
  const t = app.t();
  for (const [name] of Object.entries(VIEWS)) {
    document.getElementById(`view-${name}`).hidden = name !== app.view;
  }
  document.querySelectorAll("[data-nav]").forEach((b) => {
    const active = b.dataset.nav === app.view || (b.dataset.nav === "inbox" && app.view === "invoice");
    if (active) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  });
  const container = document.getElementById(`view-${app.view}`);
  await VIEWS[app.view].render(app, container);
  document.title = `${container.querySelector("h2")?.textContent || ""} – ${t.appName}`;
  if (focus) container.querySelector("h2")?.focus();
}

function applyLanguage() {
  const t = app.t();
  document.documentElement.lang = app.lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t[el.dataset.i18n];
  });
  document.querySelectorAll("[data-i18n-aria-label]").forEach((el) => {
    el.setAttribute("aria-label", t[el.dataset.i18nAriaLabel]);
  });
  const sw = document.getElementById("language-switch");
  sw.textContent = t.switchTo;
  sw.setAttribute("lang", t.switchToLang);
}

/** The daily path by keyboard, when no text field has focus. */
function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.closest("input, textarea, select, [contenteditable]")) return;
  const handler = VIEWS[app.view].onKey;
  if (handler && handler(app, event)) event.preventDefault();
}

document.addEventListener("DOMContentLoaded", async () => {
  document.querySelectorAll("[data-nav]").forEach((b) => b.addEventListener("click", () => go(b.dataset.nav)));
  document.getElementById("language-switch").addEventListener("click", async () => {
    app.lang = app.lang === "sv" ? "en" : "sv";
    storeLang(app.lang);
    applyLanguage();
    await render(false);
    announce(app.t().languageChanged);
  });
  document.addEventListener("keydown", onKey);
  document.getElementById("current-user").textContent = app.user;
  applyLanguage();
  await render(false);
});
