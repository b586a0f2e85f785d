// Flow: the invoice view rendered from the EN 16931 model, the decision panel (approve with the
// `a` key, announced), next invoice with `j`, the language switch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, textOf, status, calls } from "../harness.js";

const ui = session();

async function openFirst(page) {
  await status(page, "3 fakturor");
  await page.focus("#inbox tbody tr");
  await page.keyboard.press("Enter");
  await textOf(page, "#invoice-heading", "Faktura");
}

test("the invoice view shows parties, lines, VAT, totals, payment, findings, steps and audit", async () => {
  const page = await ui.open({ user: "u230" });
  await openFirst(page);
  const view = await page.$eval("#view-invoice", (e) => e.innerText);
  for (const want of ["Säljare", "Köpare", "Exempelby kommun", "Kopieringspapper", "Momsspecifikation", "Att betala", "5050-1055", "1234567890", "Köparens referens", "PO-77", "Leverans enligt avtal.", "foljesedel.pdf", "Attestflöde", "Granskningslogg", "invoice.imported"]) {
    assert.ok(view.includes(want), `${want} missing in the invoice view`);
  }
  const finding = await textOf(page, ".findings", "PEPPOL-EN16931-R003");
  assert.match(finding, /Ett köparreferens- eller ordernummer ska anges/, "the rule's Swedish text");
  assert.deepEqual(page.errors, []);
});

test("a approves the invoice, the result is announced, j opens the next one", async () => {
  const page = await ui.open({ user: "u230" });
  await openFirst(page);
  const heading = await page.$eval("#invoice-heading", (e) => e.textContent);
  const shortcut = await page.$eval("#decide-attest", (e) => e.getAttribute("aria-keyshortcuts"));
  assert.equal(shortcut, "a");
  await page.keyboard.press("a");
  await status(page, "godkänt");
  const decided = await calls(page, "decide_step");
  assert.equal(decided.length, 1);
  assert.equal(decided[0].args.user, "u230");
  assert.equal(decided[0].args.request.decision, "attest");
  await textOf(page, "#decisions", "u230");
  await page.keyboard.press("j");
  await page.waitForFunction((h) => document.querySelector("#invoice-heading")?.textContent !== h, {}, heading);
  await status(page, "2 av 3");
});

test("r without a comment asks for one and decides nothing", async () => {
  const page = await ui.open({ user: "u230" });
  await openFirst(page);
  await page.keyboard.press("r");
  await status(page, "Skriv varför fakturan återsänds");
  assert.equal(await page.evaluate(() => document.activeElement.id), "decision-comment");
  assert.deepEqual(await calls(page, "decide_step"), []);
  await page.keyboard.type("Fel pris");
  await page.click("#invoice-heading");
  await page.keyboard.press("r");
  await status(page, "Återsändning av faktura");
  assert.equal((await calls(page, "decide_step"))[0].args.request.comment, "Fel pris");
});

test("a refusal by the approval rules is announced with its reason", async () => {
  const page = await ui.open({ user: "u240" });
  await page.click("input[value=all]");
  await status(page, "4 fakturor");
  await page.evaluate(() => [...document.querySelectorAll("#inbox tbody tr")].find((tr) => tr.textContent.includes("KN-2041")).click());
  await textOf(page, "#invoice-heading", "KN-2041");
  await page.click("#decide-attest");
  await status(page, "nekat av attestreglerna. u240 saknar attesträtt för steget");
  assert.equal((await calls(page, "decide_step"))[0].args.user, "u240", "decided as the chosen person");
});

test("a disputed invoice offers to end the dispute with a reason", async () => {
  const page = await ui.open({});
  await status(page, "4 fakturor");
  const id = await page.$$eval("#inbox tbody tr", (trs) => trs.find((tr) => tr.textContent.includes("KG-78")).dataset.id);
  await page.evaluate((i) => document.querySelector(`#inbox tbody tr[data-id="${i}"]`).click(), id);
  await textOf(page, "#invoice-heading", "KG-78");
  assert.match(await page.$eval("#decision-panel", (e) => e.textContent), /Välj vem du är/);
  const page2 = await ui.open({ user: "u230", lang: "sv" });
  await status(page2, "3 fakturor");
  await page2.evaluate(() => [...document.querySelectorAll("#inbox tbody tr")].find((tr) => tr.textContent.includes("KG-78")).click());
  await textOf(page2, "#invoice-heading", "KG-78");
  await textOf(page2, ".marks", "BESTRIDEN");
  await page2.click("#resolve-resume");
  await textOf(page2, "#error", "Uppgifterna godtogs inte.");
  await page2.type("#resolve-comment", "Kreditnota mottagen");
  await page2.click("#resolve-resume");
  await status(page2, "Bestridandet av faktura KG-78 är avslutat; status Under attest.");
});

test("the language switch turns the view into English and back", async () => {
  const page = await ui.open({ user: "u230" });
  await openFirst(page);
  await page.click("#language-switch");
  await textOf(page, "#invoice-heading", "Invoice");
  await status(page, "The language is now English.");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await textOf(page, "#decision-panel", "Approve");
  await page.click("#language-switch");
  await textOf(page, "#invoice-heading", "Faktura");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "sv");
});
