// Flow: the inbox of the chosen person with its marks, search and filter; all invoices with a
// query sent to core; the keyboard path from the list into an invoice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status, calls } from "../harness.js";

const ui = session();

test("my approvals show reminder and dispute marks, and search narrows them", async () => {
  const page = await ui.open({ user: "u230" });
  await status(page, "3 fakturor");
  const rows = await page.$$eval("#inbox tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 3, rows.join("\n"));
  const text = rows.join("\n");
  assert.match(text, /Försenad \(2 dagar\)/);
  assert.match(text, /Förfaller snart \(3 dagar kvar\)/);
  assert.match(text, /4\u00a0075,00\u00a0SEK/, "amounts formatted exactly, Swedish style");
  assert.match(text, /BESTRIDEN/);
  assert.match(text, /BETALSPÄRR/);
  assert.deepEqual((await calls(page, "list_inbox")).map((c) => c.args.user), ["u230"]);

  await page.type("input[type=search]", "omsorg");
  await status(page, "1 faktura");
  assert.equal(await page.$$eval("#inbox tbody tr", (t) => t.length), 1);
  await textOf(page, "#inbox tbody", "OP-118");

  await page.click("input[type=search]", { clickCount: 3 });
  await page.keyboard.press("Backspace");
  await status(page, "3 fakturor");
  await page.select("#view-inbox select", "overdue");
  await status(page, "1 faktura");
  await textOf(page, "#inbox tbody", "OP-118");
  await page.select("#view-inbox select", "disputed");
  await status(page, "1 faktura");
  await textOf(page, "#inbox tbody", "KG-78");
  assert.deepEqual(page.errors, []);
});

test("all invoices ask core with the filter and show BESTRIDEN and BETALSPÄRR", async () => {
  const page = await ui.open({});
  await status(page, "4 fakturor");
  await textOf(page, "#inbox tbody", "BESTRIDEN");
  await textOf(page, "#inbox tbody", "BETALSPÄRR");
  await page.select("#view-inbox select", "disputed");
  await status(page, "1 faktura");
  const last = (await calls(page, "list_invoices")).at(-1);
  assert.deepEqual(last.args.query.states, ["disputed"]);
  assert.equal(last.args.query.sort, "id");
  assert.equal(typeof last.args.query.limit, "number");
  await textOf(page, "#empty, #inbox tbody", "KG-78");
  await page.click("input[value=mine]");
  await textOf(page, "#empty", "Välj vem du är under Inställningar");
  assert.deepEqual(await calls(page, "list_inbox"), [], "no inbox is asked for nobody");
});

test("the keyboard moves through the list and Enter opens the invoice", async () => {
  const page = await ui.open({ user: "u230" });
  await status(page, "3 fakturor");
  await page.focus("#inbox tbody tr");
  const first = await page.evaluate(() => document.activeElement.dataset.id);
  await page.keyboard.press("j");
  const second = await page.evaluate(() => document.activeElement.dataset.id);
  assert.notEqual(second, first, "j moves to the next row");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), first, "ArrowUp moves back");
  assert.equal(await page.$$eval("#inbox tbody tr[tabindex='0']", (t) => t.length), 1, "one tab stop");
  await page.keyboard.press("Enter");
  await textOf(page, "#invoice-heading", "Faktura");
  assert.equal(await page.evaluate(() => document.activeElement.id), "invoice-heading", "focus moves to the view heading");
  await status(page, "öppnad, 1 av 3");
});
