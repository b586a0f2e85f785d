// A small element builder, so views are written as trees rather than string HTML (no injection:
// text always goes in as text nodes).

/**
 * Creates `<tag>` with `attrs` (`class`, `on*` listeners, `dataset`, booleans, anything else as
 * an attribute) and `children` (strings become text; null/false are skipped).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "value") {
      el.value = value;
    } else if (key === "checked" || key === "selected" || key === "disabled" || key === "hidden") {
      el[key] = Boolean(value);
    } else if (key === "tabIndex") {
      el.tabIndex = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

let ids = 0;
/** A fresh element id with `prefix`, for label/aria-describedby pairs. @param {string} prefix */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: `<div class="field"><label/>control</div>`. */
export function field(label, control, hint) {
  const id = control.id || uid("f");
  control.id = id;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

/** A definition list of `[term, value]` pairs, skipping empty values. */
export function facts(pairs) {
  const items = pairs.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
  return h(
    "dl",
    { class: "facts" },
    items.map(([k, v]) => [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : v)]),
  );
}

/**
 * A table with a caption, column headers and rows of cells (strings or nodes). `numeric` lists
 * the column indexes aligned right.
 */
export function table({ caption, columns, rows, numeric = [], id, className }) {
  return h(
    "table",
    { id, class: className },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map((c, i) => h("th", { scope: "col", class: numeric.includes(i) ? "num" : null }, c)))),
    h(
      "tbody",
      {},
      rows.map((cells) => h("tr", {}, cells.map((c, i) => h("td", { class: numeric.includes(i) ? "num" : null }, c ?? "")))),
    ),
  );
}
