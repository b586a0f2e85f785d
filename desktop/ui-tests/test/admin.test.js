// Flow: the administrator compares a workbook with the active version, sees every problem of a
// broken one by sheet and cell, imports and activates, saves the template (never overwriting)
// and exports the ledger.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status, calls } from "../harness.js";

const ui = session();

async function admin(page) {
  await page.click("[data-nav=admin]");
  await textOf(page, "#admin-heading", "Attestförteckning");
  assert.equal(await page.evaluate(() => document.activeElement.id), "admin-heading");
}

test("a broken workbook lists every problem by sheet, cell and reason", async () => {
  const page = await ui.open({ user: "u300" });
  await admin(page);
  await page.type("#rules-path", "/home/anna/trasig.xlsx");
  await page.type("#rules-decision", "KS 2026-12-04 § 112");
  await page.click("#rules-import");
  await status(page, "Arbetsboken importerades inte: 2 problem.");
  const rows = await page.$$eval("#rules-problems tbody tr", (t) => t.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ["Fel", "Attesträtt", "D7", "person_id", "person_id saknas"],
    ["Fel", "Flödesregler", "B3", "prio", "prio 10 förekommer två gånger"],
  ]);
});

test("compare, import with activation, then the versions list shows it active", async () => {
  const page = await ui.open({ user: "u300" });
  await admin(page);
  await textOf(page, "#rules-versions-area", "Ingen version är sparad ännu.");
  const late = await textOf(page, "#reminders", "OP-118");
  assert.match(late, /Försenad \(2 dagar\)/);
  assert.match(late, /u250/, "who stands in today");
  await page.type("#rules-path", "/home/anna/attestforteckning.xlsx");
  await page.click("#rules-compare");
  await status(page, "2 skillnader mot den aktiva versionen.");
  await textOf(page, "#rules-diff", "tak_per_rad_sek: 50000 → 75000");
  await page.type("#rules-decision", "KS 2026-12-04 § 112");
  await page.click("#rules-import");
  await status(page, "Version 1 är sparad: 12 attesträtter, 5 flödesregler. 3 fakturor fördelades.");
  await textOf(page, "#rules-versions", "KS 2026-12-04 § 112");
  const call = (await calls(page, "import_rules"))[0].args;
  assert.deepEqual(call, { user: "u300", path: "/home/anna/attestforteckning.xlsx", decisionRef: "KS 2026-12-04 § 112", activate: true });
});

test("the template is saved, an existing file is a conflict, the ledger is exported", async () => {
  const page = await ui.open({});
  await admin(page);
  await page.type("#template-path", "/home/anna/finns.xlsx");
  await page.click("#template-button");
  await textOf(page, "#error", "Krockar med något som redan finns.");
  assert.equal(await page.$eval("#error", (e) => e.dataset.code), "conflict");
  await page.click("#template-path", { clickCount: 3 });
  await page.type("#template-path", "/home/anna/mall.xlsx");
  await page.click("#template-sample");
  await page.click("#template-button");
  await status(page, "Sparad: /home/anna/mall.xlsx");
  assert.equal(await page.$eval("#error", (e) => e.hidden), true, "the error is cleared");
  assert.equal((await calls(page, "save_rules_template")).at(-1).args.sample, true);
  await page.type("#ledger-path", "/home/anna/fakturor.xlsx");
  await page.click("#ledger-button");
  await status(page, "Sparad: /home/anna/fakturor.xlsx");
});
