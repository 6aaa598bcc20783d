/**
 * Chromium driven over the DevTools protocol as little as a load can be
 * timed with: a browser context per load, the page's viewport, an init
 * script, `Page.navigate`/`Page.reload`, and `Runtime.evaluate` to read the
 * page's clock. Never `Runtime.enable`, which playwright sends for every page
 * (and DevTools when open): with it on, V8 records every new `Error` with
 * its stack and source positions, and a stack frame at the top level of a
 * script makes V8 parse that whole script a second time to find them
 * (graphiql/README.md, "Where the time goes"). A visitor without DevTools
 * open does not pay for that; a load timed here does not either.
 *
 * The browser runs with the flags playwright gave its own (read from
 * /proc/<pid>/cmdline), so the two differ only in what the driver asks of
 * the page: same binary, same headless mode, same switches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { sleep } from './support.ts';

interface Reply { id?: number; result?: Record<string, unknown>; error?: { message: string } }

/** A Chromium this process started and drives over a WebSocket (`--remote-debugging-port=0`). */
export interface BareChromium {
  /** The browser process's id (its renderers, GPU and utility processes are below it). */
  readonly pid: number;
  /**
   * Opens `url` in a fresh context (empty cache) with `initScript` run before
   * the page's own, waits until `window.usableAt` is set, then reloads and
   * waits again. Returns `window.usableAt` of each (the page's clock) and the
   * wall clock around each, polled every `pollMs`.
   */
  load(url: string, initScript: string, viewport: { width: number; height: number }, around?: { before(): void; after(): void }): Promise<{ firstInPage: number; againInPage: number; first: number; again: number }>;
  close(): Promise<void>;
}

/** The switches of the running Chromium `pid` (its command line but the program), without `drop`'s. */
export function switchesOf(pid: number, drop: RegExp): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1).filter((arg) => arg !== '' && arg.startsWith('--') && !drop.test(arg));
}

export async function launchBare(executable: string, switches: string[], pollMs = 20): Promise<BareChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), 'bare-chromium-'));
  const child: ChildProcess = spawn(executable, [...switches, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port within 30 s: ${seen.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`)); });
  });
  child.stderr!.resume();
  const socket = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  let next = 0;
  const pending = new Map<number, { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as Reply; 
    if (reply.id === undefined) return; // an event: none is asked for but the target's own
    const waiter = pending.get(reply.id)!;
    pending.delete(reply.id);
    if (reply.error) waiter.reject(new Error(reply.error.message)); else waiter.resolve(reply.result ?? {});
  });
  const send = (method: string, params: object = {}, sessionId?: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
  });
  /** `window.usableAt` once it is a number (in a document newer than `after`, if given). */
  const usableAt = async (sessionId: string, after?: number) => {
    for (const deadline = performance.now() + 30_000; performance.now() < deadline;) {
      // asked while the page navigates, the protocol answers "Inspected target navigated or closed": ask again
      const answer = await send('Runtime.evaluate', { expression: 'window.usableAt', returnByValue: true }, sessionId).catch(() => undefined) as { result: { value?: unknown } } | undefined;
      const value = answer?.result.value;
      if (typeof value === 'number' && value !== after) return value;
      await sleep(pollMs);
    }
    throw new Error('the page was not usable within 30 s');
  };
  return {
    pid: child.pid!,
    async load(url, initScript, viewport, around) {
      const { browserContextId } = await send('Target.createBrowserContext', { disposeOnDetach: true });
      try {
        const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
        const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
        await send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false }, sessionId);
        await send('Page.enable', {}, sessionId); // the init script runs only with the Page domain on
        await send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
        const timed = async (navigate: () => Promise<unknown>, after?: number) => {
          around?.before();
          const started = performance.now();
          await navigate();
          const inPage = await usableAt(sessionId, after);
          const wall = performance.now() - started;
          around?.after();
          return { inPage, wall };
        };
        const first = await timed(() => send('Page.navigate', { url }, sessionId));
        // a reload's document starts without `usableAt`; reading the old one's value until then is told apart by `after`
        const again = await timed(() => send('Page.reload', {}, sessionId), first.inPage);
        return { firstInPage: first.inPage, againInPage: again.inPage, first: first.wall, again: again.wall };
      } finally {
        await send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
      }
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      socket.close();
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
