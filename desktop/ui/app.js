// The inbox window. Talks to the Rust side only through `invoke`; every failure arrives as
// `{code, message, faults}` and is shown translated by `code`, with the message underneath.
"use strict";

(function () {
  const TEXT = window.DIGILYFT_TEXT;
  const LANG_KEY = "digilyft.lang";
  const state = {
    lang: TEXT[localStorage.getItem(LANG_KEY)] ? localStorage.getItem(LANG_KEY) : "sv",
    rows: [],
    loaded: false,
    error: null,
  };

  const $ = (id) => document.getElementById(id);
  const t = () => TEXT[state.lang];

  function invoke(cmd, args) {
    const tauri = window.__TAURI__;
    if (!tauri || !tauri.core) {
      return Promise.reject({ code: "internal", message: "Tauri IPC is not available" });
    }
    return tauri.core.invoke(cmd, args);
  }

  // Formats a decimal string ("-1234.5") without going through floating point: money stays exact.
  function formatAmount(value, currency, lang) {
    const text = String(value);
    const negative = text.startsWith("-");
    const [intPart, fracPart = ""] = text.replace(/^[-+]/, "").split(".");
    const group = lang === "sv" ? "\u00a0" : ",";
    const decimal = lang === "sv" ? "," : ".";
    const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    const fraction = fracPart.padEnd(2, "0");
    return `${negative ? "-" : ""}${grouped}${decimal}${fraction}\u00a0${currency}`;
  }

  function applyLanguage() {
    const text = t();
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = text[el.dataset.i18n];
    });
    document.querySelectorAll("[data-i18n-aria-label]").forEach((el) => {
      el.setAttribute("aria-label", text[el.dataset.i18nAriaLabel]);
    });
    const sw = $("language-switch");
    sw.textContent = text.switchTo;
    sw.setAttribute("lang", text.switchToLang);
    renderRows();
    renderStatus();
  }

  function renderStatus() {
    const text = t();
    $("status").textContent = state.loaded ? text.count(state.rows.length) : text.loading;
    const errorEl = $("error");
    if (state.error) {
      const known = text.errors[state.error.code] || text.errors.unknown;
      errorEl.textContent = `${known} ${state.error.message || ""}`.trim();
      errorEl.dataset.code = state.error.code || "unknown";
      errorEl.hidden = false;
    } else {
      errorEl.textContent = "";
      errorEl.hidden = true;
    }
  }

  function renderRows() {
    const text = t();
    const body = document.querySelector("#inbox tbody");
    body.replaceChildren();
    state.rows.forEach((row, index) => {
      const tr = document.createElement("tr");
      tr.tabIndex = index === 0 ? 0 : -1;
      tr.dataset.id = row.id;
      const cells = [
        row.supplier,
        row.number,
        formatAmount(row.amount, row.currency, state.lang),
        row.dueDate || text.noDueDate,
        (text.states[row.state] || row.state) + (row.creditNote ? ` (${text.creditNote})` : ""),
      ];
      cells.forEach((value, col) => {
        const td = document.createElement("td");
        td.textContent = value;
        if (col === 2) td.className = "num";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $("empty").hidden = !(state.loaded && state.rows.length === 0 && !state.error);
  }

  // Arrow keys move between rows (one tab stop for the whole list), Home/End jump to the ends.
  function onTableKey(event) {
    const rows = Array.from(document.querySelectorAll("#inbox tbody tr"));
    const current = rows.indexOf(document.activeElement);
    if (current < 0) return;
    let next = current;
    if (event.key === "ArrowDown") next = Math.min(current + 1, rows.length - 1);
    else if (event.key === "ArrowUp") next = Math.max(current - 1, 0);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = rows.length - 1;
    else return;
    event.preventDefault();
    rows[current].tabIndex = -1;
    rows[next].tabIndex = 0;
    rows[next].focus();
  }

  async function load() {
    state.loaded = false;
    state.error = null;
    renderStatus();
    try {
      const page = await invoke("list_invoices", { query: { limit: 1000 } });
      state.rows = page.rows;
    } catch (err) {
      state.rows = [];
      state.error = err && err.code ? err : { code: "unknown", message: String(err) };
    }
    state.loaded = true;
    renderRows();
    renderStatus();
  }

  async function showAppInfo() {
    try {
      const info = await invoke("app_info");
      $("data-dir").textContent = info.dataDir;
    } catch (err) {
      $("data-dir").textContent = err && err.message ? err.message : String(err);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("refresh").addEventListener("click", load);
    $("language-switch").addEventListener("click", () => {
      state.lang = state.lang === "sv" ? "en" : "sv";
      localStorage.setItem(LANG_KEY, state.lang);
      applyLanguage();
    });
    document.querySelector("#inbox tbody").addEventListener("keydown", onTableKey);
    applyLanguage();
    showAppInfo();
    load();
  });
})();
