// Flow: the kontering editor — every problem listed by row and field and marked on its input;
// a corrected kontering is saved and announced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status, calls } from "../harness.js";

const ui = session();

test("bad rows are named by row and field, good rows are saved", async () => {
  const page = await ui.open({ user: "u230" });
  await status(page, "3 fakturor");
  await page.focus("#inbox tbody tr");
  await page.keyboard.press("Enter");
  await textOf(page, "#kontering-heading", "Kontering");
  await page.click("#kontering-add");
  const second = "#kontering input[data-row='2'][data-field='belopp']";
  assert.equal(await page.evaluate(() => document.activeElement.dataset.row), "2", "focus goes to the new row");
  await page.type(second, "tolv");
  await page.click("#kontering-save");
  const problems = await textOf(page, "#kontering-problems", "Rad 2, Belopp");
  assert.match(problems, /Rad 2, Konto: konto is required/);
  assert.equal(await page.$eval(second, (e) => e.getAttribute("aria-invalid")), "true");
  assert.equal(await page.$eval(second, (e) => e.getAttribute("aria-describedby")), "kontering-problems");
  await textOf(page, "#error", "Uppgifterna godtogs inte.");

  await page.click("#kontering input[data-row='1'][data-field='belopp']", { clickCount: 3 });
  await page.type("#kontering input[data-row='1'][data-field='belopp']", "3000,00");
  await page.click(second, { clickCount: 3 });
  await page.type(second, "260,00");
  await page.type("#kontering input[data-row='2'][data-field='konto']", "6120");
  await page.click("#kontering-save");
  await status(page, "Konteringen är sparad (2 rader).");
  const saved = (await calls(page, "set_kontering")).at(-1);
  assert.equal(saved.args.rows.length, 2);
  assert.equal(saved.args.rows[1].belopp, "260,00", "the amount goes to core as typed; core reads it");
  assert.equal(await page.$("#kontering [aria-invalid]"), null);
});
