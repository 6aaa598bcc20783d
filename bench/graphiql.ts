/**
 * GraphiQL's load time in Chromium (Debian's, as the browser test uses it):
 * each round opens a fresh browser context (empty cache) on the gateway's
 * GraphiQL as `npm start` serves it (the bundle `npm run build:graphiql`
 * wrote, which the npm script builds first), waits until it is usable (the
 * run button is there and Monaco's query editor shows its text), then reloads
 * (assets from cache, page 304) and waits again. Beside it, the same for a
 * page with one button: what Chromium itself costs on this machine. The
 * machine's load average is printed before and after: other work on its
 * cores shows in every figure.
 *
 * With `--cpu`, as many more first loads per page are traced for the CPU
 * they cost, which other work on the machine barely changes: the page's
 * main thread (its tasks' thread time until usable) and the scripts' parsing
 * off it (V8's streaming compile on Chromium's pool threads).
 *
 * Beside the clocks, the CPU each untraced first load costs all of
 * Chromium's processes together (browser, the page's renderer with V8's
 * compiling threads, GPU, network service) from `page.goto` until the page
 * is usable, read from /proc where there is one (Linux): with n cores a load
 * cannot be usable in less than that CPU divided by n. It includes starting
 * the page's renderer process, which the one-button page shows.
 *
 * Each page is loaded by two drivers, alternately: playwright (as the
 * browser test drives it; it turns on the protocol's Runtime domain, as
 * DevTools does, which makes V8 parse some scripts twice) and the bare
 * protocol (bench/bare-chromium.ts: a Chromium with playwright's switches,
 * nothing turned on but the Page domain), which loads the page as a
 * visitor's browser without DevTools open does.
 *
 * Two clocks: the page's own (a MutationObserver notes `performance.now()`
 * when every usable selector first matches: from the start of the
 * navigation, as DevTools counts a load) and the bench's wall clock around
 * the navigation and the driver's waits, which adds the driver's own round
 * trips (playwright's about 150 ms on the one-button page; the bare
 * protocol's polls every 20 ms).
 *
 *   npm run bench:graphiql -- --rounds 8 [--cpu]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { launchBare, switchesOf, type BareChromium } from './bare-chromium.ts';
import { args, numberArg, percentile, startGatewayProcess, treeCpuSeconds } from './support.ts';

const rounds = numberArg('rounds', 8);
const cpuRounds = args.has('cpu') ? rounds : 0;
const CHROMIUM = '/usr/bin/chromium';

interface Load { first: number; again: number; firstInPage: number; againInPage: number; firstCpu: number | undefined }

/** The CPU time (ms) a process has used, from /proc (Linux; USER_HZ is 100 there); undefined without /proc. */
function cpuOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return undefined;
  }
}

/** The ids of `pid`'s children (/proc/<pid>/task/<pid>/children); none without /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The CPU time (ms) used so far by every process under this one that is playwright's Chromium (browser, zygotes, renderers, GPU, utilities), by id. */
function chromiumCpu(): Map<number, number> {
  const roots = childrenOf(process.pid).filter((pid) => { try { return pid !== bare?.pid && readFileSync(`/proc/${pid}/comm`, 'utf8').includes('chrom'); } catch { return false; } });
  const all = [...roots];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]!));
  return new Map(all.flatMap((pid) => { const cpu = cpuOf(pid); return cpu === undefined ? [] : [[pid, cpu] as const]; }));
}

/** The CPU Chromium's processes used since `before` (processes started since count whole); undefined without /proc. */
function chromiumCpuSince(before: Map<number, number>): number | undefined {
  const now = chromiumCpu();
  if (now.size === 0) return undefined;
  let total = 0;
  for (const [pid, cpu] of now) total += cpu - (before.get(pid) ?? 0);
  return total;
}

/**
 * Runs in the page before its own scripts and notes when the page is first
 * usable. A string, not a function: tsx would add its helpers to a function's
 * source, and the page has none of them.
 */
const noteUsable = (selectors: string[]) => `(() => {
  const selectors = ${JSON.stringify(selectors)};
  const check = () => {
    if (window.usableAt === undefined && selectors.every((selector) => document.querySelector(selector))) {
      window.usableAt = performance.now();
      performance.mark('usable');
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

async function load(browser: Browser, url: string, usable: string[]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.addInitScript({ content: noteUsable(usable) });
    const page = await context.newPage();
    /** Waits until usable; returns the wall-clock and the page's clock. */
    const timed = async (navigate: () => Promise<unknown>) => {
      const cpuBefore = chromiumCpu();
      const started = performance.now();
      await navigate();
      for (const selector of usable) await page.locator(selector).first().waitFor({ timeout: 30_000 });
      const wall = performance.now() - started;
      const cpu = chromiumCpuSince(cpuBefore);
      return { wall, cpu, inPage: await page.evaluate(() => (window as unknown as { usableAt: number }).usableAt) };
    };
    const first = await timed(() => page.goto(url));
    const again = await timed(() => page.reload());
    return { first: first.wall, again: again.wall, firstInPage: first.inPage, againInPage: again.inPage, firstCpu: first.cpu };
  } finally {
    await context.close();
  }
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; tdur?: number; args?: { name?: string } }

/** A first load traced: the thread time of the page's main-thread tasks until usable, and of V8's parsing off that thread. */
async function cpuOfFirstLoad(browser: Browser, url: string, usable: string[]): Promise<{ main: number; parsing: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.addInitScript({ content: noteUsable(usable) });
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8'] });
    await page.goto(url);
    for (const selector of usable) await page.locator(selector).first().waitFor({ timeout: 30_000 });
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const mark = traceEvents.find((event) => event.name === 'usable')!;
    const threads = new Map(traceEvents.filter((event) => event.name === 'thread_name').map((event) => [`${event.pid}:${event.tid}`, event.args?.name]));
    const sum = (keep: (event: TraceEvent) => boolean) => traceEvents
      .filter((event) => event.pid === mark.pid && event.ph === 'X' && event.ts < mark.ts && keep(event))
      .reduce((total, event) => total + (event.tdur ?? 0) / 1000, 0);
    return {
      main: sum((event) => event.name === 'RunTask' && threads.get(`${event.pid}:${event.tid}`) === 'CrRendererMain'),
      parsing: sum((event) => event.name === 'v8.parseOnBackground'),
    };
  } finally {
    await context.close();
  }
}

const load1 = () => `load average ${loadavg().map((n) => n.toFixed(2)).join(', ')} on ${cpus().length} cores`;
console.log(`before: ${load1()}`);
const { url, child } = await startGatewayProcess({});
const blank = createServer((_req, res) => { res.setHeader('content-type', 'text/html'); res.end('<!doctype html><button class="b">ok</button>'); });
await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
// the same switches as playwright's browser, bar the ones that tie it to playwright (its pipe, its profile)
const playwrightPid = childrenOf(process.pid).find((pid) => { try { return readFileSync(`/proc/${pid}/comm`, 'utf8').includes('chrom'); } catch { return false; } });
let bare: BareChromium | undefined;
try {
  bare = await launchBare(CHROMIUM, switchesOf(playwrightPid!, /^--(remote-debugging-pipe|user-data-dir)/));
  const pages = {
    'one-button page (floor)': { url: `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`, usable: ['.b'] },
    GraphiQL: { url: `${url}/graphql`, usable: ['.graphiql-execute-button', '.graphiql-query-editor .view-line span[class*="mtk"]'] },
  };
  const viewport = { width: 1400, height: 900 };
  /** Each page by each driver: playwright (as the browser test drives it) and the bare protocol (as a visitor's browser loads it). */
  const arms = Object.entries(pages).flatMap(([name, page]) => [
    { name: `${name}, playwright`, page, run: () => load(browser, page.url, page.usable) },
    { name: `${name}, no Runtime domain`, page, run: async (): Promise<Load> => {
      let before = 0;
      let firstCpu: number | undefined;
      let calls = 0;
      const cpuNow = () => (treeCpuSeconds(bare!.pid) ?? NaN) * 1000;
      const timed = await bare!.load(page.url, noteUsable(page.usable), viewport, {
        before: () => { before = cpuNow(); },
        after: () => { if (calls++ === 0) firstCpu = cpuNow() - before; },
      });
      return { ...timed, firstCpu: Number.isNaN(firstCpu) ? undefined : firstCpu };
    } },
  ]);
  await load(browser, pages.GraphiQL.url, pages.GraphiQL.usable); // the gateway's first page load compresses nothing more: warm it anyway
  const results = new Map<string, Load[]>(arms.map((arm) => [arm.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const arm of arms) results.get(arm.name)!.push(await arm.run()); // alternate, so drift hits every arm alike
  }
  const cpu = new Map<string, Array<{ main: number; parsing: number }>>(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round < cpuRounds; round++) {
    for (const [name, page] of Object.entries(pages)) cpu.get(name)!.push(await cpuOfFirstLoad(browser, page.url, page.usable));
  }
  const row = (values: number[]) => { const sorted = [...values].sort((a, b) => a - b); return `median ${percentile(sorted, 50).toFixed(0)} ms (min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)})`; };
  console.log(`GraphiQL load in Chromium, ${rounds} rounds, each in a fresh context:`);
  for (const [name, loads] of results) {
    const column = (key: Exclude<keyof Load, 'firstCpu'>) => row(loads.map((one) => one[key]));
    console.log(`  ${name}`);
    console.log(`    page's clock (navigation start to usable): first ${column('firstInPage')}; reload ${column('againInPage')}`);
    console.log(`    wall clock (around the navigation):        first ${column('first')}; reload ${column('again')}`);
    const cpuOfLoads = loads.flatMap((one) => (one.firstCpu === undefined ? [] : [one.firstCpu]));
    if (cpuOfLoads.length > 0) {
      const median = percentile([...cpuOfLoads].sort((a, b) => a - b), 50);
      console.log(`    CPU of all Chromium's processes, navigation to usable (untraced first loads): ${row(cpuOfLoads)}; over ${cpus().length} cores ${(median / cpus().length).toFixed(0)} ms`);
    }
  }
  for (const [name, traced] of cpu) {
    if (traced.length > 0) {
      console.log(`  ${name}, playwright, CPU of a first load until usable (${traced.length} traced): main thread ${row(traced.map((one) => one.main))}; parsing off it ${row(traced.map((one) => one.parsing))}`);
    }
  }
  console.log(`after: ${load1()}`);
} finally {
  await bare?.close();
  await browser.close();
  blank.close();
  child.kill('SIGTERM');
}
