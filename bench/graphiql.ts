/**
 * GraphiQL's load time in Chromium (Debian's, as the browser test uses it):
 * each round opens a fresh browser context (empty cache) on the gateway's
 * GraphiQL as `npm start` serves it, waits until it is usable (the run
 * button is there and the query editor shows its text), then reloads (assets
 * from cache, page 304) and waits again. Beside it, the same for a page with
 * one button: what Chromium itself costs on this machine.
 *
 *   npm run bench:graphiql -- --rounds 8
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { numberArg, percentile, startGatewayProcess } from './support.ts';

const rounds = numberArg('rounds', 8);
const CHROMIUM = '/usr/bin/chromium';

async function load(browser: Browser, url: string, usable: string[]): Promise<{ first: number; again: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const wait = async () => { for (const selector of usable) await page.locator(selector).first().waitFor({ timeout: 30_000 }); };
    let started = performance.now();
    await page.goto(url);
    await wait();
    const first = performance.now() - started;
    started = performance.now();
    await page.reload();
    await wait();
    return { first, again: performance.now() - started };
  } finally {
    await context.close();
  }
}

const { url, child } = await startGatewayProcess({});
const blank = createServer((_req, res) => { res.setHeader('content-type', 'text/html'); res.end('<!doctype html><button class="b">ok</button>'); });
await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const arms = {
    'one-button page (floor)': { url: `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`, usable: ['.b'] },
    GraphiQL: { url: `${url}/graphql`, usable: ['.graphiql-execute-button', '.graphiql-query-editor .CodeMirror-line'] },
  };
  await load(browser, arms.GraphiQL.url, arms.GraphiQL.usable); // the gateway's first page load compresses nothing more: warm it anyway
  const results = new Map<string, { first: number[]; again: number[] }>(Object.keys(arms).map((name) => [name, { first: [], again: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, arm] of Object.entries(arms)) { // alternate, so drift hits both alike
      const { first, again } = await load(browser, arm.url, arm.usable);
      results.get(name)!.first.push(first);
      results.get(name)!.again.push(again);
    }
  }
  const row = (values: number[]) => { const sorted = [...values].sort((a, b) => a - b); return `median ${percentile(sorted, 50).toFixed(0)} ms (min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)})`; };
  console.log(`GraphiQL load in Chromium, ${rounds} rounds, each in a fresh context:`);
  for (const [name, { first, again }] of results) console.log(`  ${name.padEnd(24)} first ${row(first)}; reload ${row(again)}`);
} finally {
  await browser.close();
  blank.close();
  child.kill('SIGTERM');
}
