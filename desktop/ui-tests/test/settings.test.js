// Flow: "who am I" — choosing a person from the attestförteckning makes the inbox theirs and is
// remembered; the texts of both languages have the same keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status } from "../harness.js";
import { TEXT } from "../../ui/js/i18n.js";

const ui = session();

test("choosing who I am switches the inbox to my approvals and is remembered", async () => {
  const page = await ui.open({});
  await status(page, "4 fakturor");
  await page.click("[data-nav=settings]");
  await textOf(page, "#settings-heading", "Inställningar");
  await textOf(page, "#data-dir", "/home/anna/.local/share/digilyft");
  await page.select("#user-select", "u230");
  await status(page, "Du arbetar nu som u230.");
  assert.equal(await page.evaluate(() => localStorage.getItem("digilyft.user")), "u230");
  await textOf(page, "#current-user", "u230");
  await page.click("[data-nav=inbox]");
  await status(page, "3 fakturor");
  assert.equal(await page.$eval("input[value=mine]", (e) => e.checked), true);
  await page.reload({ waitUntil: "networkidle0" });
  await status(page, "3 fakturor");
});

test("a typed id that the attestförteckning does not know is said so", async () => {
  const page = await ui.open({});
  await page.click("[data-nav=settings]");
  await page.type("#user-id", "x999");
  await page.click("#user-use");
  await page.click("[data-nav=inbox]");
  await textOf(page, "#inbox-results", "x999 finns inte i den aktiva attestförteckningen.");
});

function shape(table, prefix = "") {
  return Object.entries(table).flatMap(([k, v]) => (v && typeof v === "object" ? shape(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`])).sort();
}

test("Swedish and English have the same text keys", () => {
  assert.deepEqual(shape(TEXT.en), shape(TEXT.sv));
});
