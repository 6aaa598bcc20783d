/**
 * Real servers on port 0 for tests: the emulator, and the gateway pointed at
 * it (`gateway()`: requests over real HTTP; `api()`: the same gateway, with
 * requests handed to yoga in-process through `app.fetch`, for the api tier).
 * Everything started registers its cleanup with the file's `afterAll`, so
 * nothing outlives its test file.
 */
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { DemoData } from '../../src/plugins/use-graphiql.ts';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { startServer, type GatewayServer } from '../../src/server.ts';
import { Upstream, type UpstreamOptions } from '../../src/upstream/client.ts';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Fast runs for tests: pending 60 ms, running 240 ms in 4 steps, no failures unless asked. */
export const FAST_RUNS = { pendingMs: 60, runningMs: 240, failureRate: 0, progressSteps: 4 };

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ runs: FAST_RUNS, ...options });
  cleanups.push(() => emu.stop());
  return emu;
}

/** The upstream (transport and unknown-value sink) against `emu`, with short timeouts and backoff; `.bind()` gives a client. */
export function transport(emu: Emulator, options: Partial<UpstreamOptions> = {}): Upstream {
  const t = new Upstream({
    baseUrl: emu.url, connectTimeoutMs: 2000, responseTimeoutMs: 5000, retryLimit: 2, retryBaseDelayMs: 20, maxRetryAfterSeconds: 5,
    ...options,
  });
  cleanups.push(() => t.close());
  return t;
}

/** Log lines the gateway wrote, for tests that read the logs. */
export interface CapturedLog { lines: string[]; text(): string }

export interface Gateway extends GatewayServer {
  emu: Emulator;
  config: Config;
  log: CapturedLog;
  /** POSTs an operation (over HTTP, or through `app.fetch` for `api()`); `key: null` sends no Authorization header. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { key?: string | null; headers?: Record<string, string> }): Promise<GqlResult<T>>;
  /** A graphql-ws client on a real socket; disposed after the file. */
  ws(connectionParams?: Record<string, unknown> | null): Client;
  wsUrl: string;
}

export interface GqlResult<T> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/**
 * The gateway on port 0 in front of `emu` (a new emulator when absent), with
 * a 25 ms poll interval and silent-but-captured logs. `env` overrides the
 * configuration as environment variables would. By default the server has no
 * key of its own: tests send the emulator's key, unless `serverKey` is set.
 */
export async function gateway(options: { emu?: Emulator; env?: Record<string, string>; serverKey?: boolean; inProcess?: boolean; spanExporter?: SpanExporter; demo?: DemoData } = {}): Promise<Gateway> {
  const emu = options.emu ?? (await emulator());
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', ARIZE_API_URL: emu.url,
    ...(options.serverKey ? { ARIZE_API_KEY: emu.apiKey } : {}),
    RUN_POLL_INTERVAL_MS: '25', UPSTREAM_RETRY_BASE_MS: '10', UPSTREAM_MAX_RETRY_AFTER_SECONDS: '5',
    LOG_LEVEL: 'debug', SHUTDOWN_GRACE_MS: '2000',
    ...options.env,
  });
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const server = await startServer(config, { logger: createLogger(config.logLevel, sink), ...(options.spanExporter ? { spanExporter: options.spanExporter } : {}), ...(options.demo ? { demo: options.demo } : {}) });
  const clients: Client[] = [];
  cleanups.push(async () => {
    for (const client of clients) await client.dispose();
    await server.stop();
  });
  const wsUrl = `${server.url.replace('http', 'ws')}/graphql`;
  return {
    ...server,
    emu,
    config,
    log: { lines, text: () => lines.join('\n') },
    wsUrl,
    async gql(query, variables, opts = {}) {
      const key = opts.key === undefined ? emu.apiKey : opts.key;
      const send = options.inProcess ? (url: string, init: RequestInit) => server.app.fetch(url, init) : fetch;
      const response = await send(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key !== null ? { authorization: `Bearer ${key}` } : {}), ...opts.headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GqlResult<any>, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body };
    },
    ws(connectionParams = { authorization: `Bearer ${emu.apiKey}` }) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        ...(connectionParams ? { connectionParams } : {}),
      });
      clients.push(client);
      return client;
    },
  };
}

/** The gateway of {@link gateway}, with `gql` served in-process by `app.fetch` (no socket in between). */
export const api = (options: Omit<Parameters<typeof gateway>[0] & object, 'inProcess'> = {}) => gateway({ ...options, inProcess: true });

/** Collects every `next` payload of one subscription until it completes or errors. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: Array<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, any> }> }> = [];
  let cancel: () => void = () => {};
  const done = new Promise<typeof results>((resolve, reject) => {
    cancel = client.subscribe<T>({ query, variables }, {
      next: (value) => results.push(value as (typeof results)[number]),
      error: (error) => reject(error),
      complete: () => resolve(results),
    });
  });
  return { results, done, cancel: () => cancel() };
}

/** A run moved on cue ({@link steer}). */
export interface SteeredRun {
  /** Lets a held run start: `RUNNING` now, with its counters at zero. */
  start(): void;
  /** Moves the run's own clock on by `ms` (a counter step while running, say). */
  advance(ms: number): void;
  /** Ends it now: `COMPLETED` (or `FAILED` when it was made to fail). */
  finish(): void;
}

/**
 * Moves a run of `emu` on cue instead of by the wall clock, so what a test
 * sees does not depend on how loaded the machine is. The run should be made
 * while the emulator holds new runs (`runs: { holdPending: true }`): it then
 * stays `PENDING` until `start()` or `finish()`.
 */
export function steer(emu: Emulator, runId: string): SteeredRun {
  return {
    start: () => { emu.control.release(runId); },
    advance: (ms) => { emu.control.advance(runId, ms); },
    finish: () => { emu.control.finish(runId); },
  };
}

/** Runs `make` while the emulator holds new runs `PENDING` ({@link steer} moves them on). */
export async function held<T>(emu: Emulator, make: () => Promise<T>): Promise<T> {
  emu.configure({ runs: { holdPending: true } });
  try {
    return await make();
  } finally {
    emu.configure({ runs: { holdPending: false } });
  }
}

/** Waits until `check()` is (or resolves) truthy, polling every 10 ms, or fails after `ms` (a bound for a stuck test, not a speed claim: generous, since a loaded machine is slow). */
export async function until(check: () => unknown, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
