// Formatting for people. Money arrives as decimal strings and is formatted without floating
// point, so an amount is never rounded on its way to the screen.

/**
 * Formats a decimal string ("-1234.5") as "-1 234,50" (sv) or "-1,234.50" (en), with the
 * currency after it when given.
 * @param {string} value @param {string | null} currency @param {"sv"|"en"} lang
 */
export function amount(value, currency, lang) {
  if (value === null || value === undefined || value === "") return "";
  const text = String(value);
  const negative = text.startsWith("-");
  const [intPart, fracPart = ""] = text.replace(/^[-+]/, "").split(".");
  const group = lang === "sv" ? "\u00a0" : ",";
  const decimal = lang === "sv" ? "," : ".";
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = fracPart.padEnd(2, "0");
  const number = `${negative ? "-" : ""}${grouped}${decimal}${fraction}`;
  return currency ? `${number}\u00a0${currency}` : number;
}

/** A timestamp (RFC 3339) as "2026-12-04 14:05" in the computer's time zone. */
export function when(rfc3339) {
  if (!rfc3339) return "";
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
