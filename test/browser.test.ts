/**
 * GraphiQL in a real browser: Debian's Chromium (installed by .ci/run) driven
 * by playwright-core. It runs the example query, then a runStatus
 * subscription over the WebSocket, and saves a screenshot under test/artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { emulator, gateway } from './support/servers.ts';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = new URL('./artifacts/', import.meta.url).pathname;

describe('GraphiQL in Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => { await browser?.close(); });

  it('runs the example query and shows task names, then streams a run to its terminal status', async () => {
    expect(existsSync(CHROMIUM), 'Debian chromium is missing: .ci/run installs it with apt-get').toBe(true);
    const emu = await emulator({ runs: { pendingMs: 300, runningMs: 1200, failureRate: 0, progressSteps: 4 } });
    const gw = await gateway({ emu, serverKey: true, env: { RUN_POLL_INTERVAL_MS: '100' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'], // playwright gives each launch a fresh, empty profile
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(gw.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    await page.goto(`${gw.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.innerText(), { timeout: 15_000 }).toContain('hallucination-check-001');
    expect(await response.innerText()).toContain('relevance-audit-002');

    const task = [...emu.store.tasks.values()][0]!.value;
    const trigger = await gw.gql('mutation($t: String!) { triggerTaskRun(input: { task: $t }) { run { id } } }', { t: task.id });
    const runId = trigger.data.triggerTaskRun.run.id as string;
    // replace the operation as a person would: select all in the editor and type
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`subscription WatchRun { runStatus(runId: "${runId}") { status numSuccesses isTerminal } }`);
    await expect.poll(() => page.locator('.graphiql-tab').first().innerText(), { timeout: 5000 }).toContain('WatchRun');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => response.innerText(), { timeout: 15_000 }).toContain('COMPLETED');
    expect(await response.innerText()).toMatch(/"isTerminal":\s*true/);
    expect(sockets.some((url) => url.endsWith('/graphql'))).toBe(true);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}graphiql.png` });
    expect(foreign).toEqual([]);
  }, 90_000);
});
