// axe-core on every view (WCAG 2.0/2.1 A and AA rules): no serious or critical violation, in
// Swedish and in English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status, axe } from "../harness.js";

const ui = session();

const VIEWS = {
  inbox: async () => {},
  invoice: async (page) => {
    await page.focus("#inbox tbody tr");
    await page.keyboard.press("Enter");
    await textOf(page, "#invoice-heading", "");
    await page.waitForSelector("#kontering");
  },
  "kontering with problems": async (page) => {
    await VIEWS.invoice(page);
    await page.click("#kontering-add");
    await page.click("#kontering-save");
    await page.waitForSelector("#kontering [aria-invalid]");
  },
  admin: async (page) => {
    await page.click("[data-nav=admin]");
    await page.type("#rules-path", "/x/trasig.xlsx");
    await page.type("#rules-decision", "KS 1");
    await page.click("#rules-import");
    await page.waitForSelector("#rules-problems");
  },
  settings: async (page) => {
    await page.click("[data-nav=settings]");
    await page.waitForSelector("#user-select");
  },
};

for (const lang of ["sv", "en"]) {
  for (const [name, reach] of Object.entries(VIEWS)) {
    test(`${name} (${lang}) has no serious or critical axe violation`, async () => {
      const page = await ui.open({ user: "u230", lang });
      await status(page, lang === "sv" ? "3 fakturor" : "3 invoices");
      await reach(page);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });
  }
}
