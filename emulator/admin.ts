/**
 * The emulator's knobs for tests, demos and benchmarks, under `/__emulator/`
 * (no auth) and on the {@link Emulator} handle: the request log, forced
 * faults, latency, a random error rate, run timing and the dialect.
 */
import type http from 'node:http';
import { DIALECTS, type Dialect } from './dialect.ts';
import type { RunBehaviour } from './run-clock.ts';
import { problem, tryJson, write } from './wire.ts';

/** A forced failure for matching requests. */
export interface Fault {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Regular expression (source) tested against the path, e.g. `^/v2/task-runs/`. */
  path: string;
  /** Status to answer, e.g. 503 or 429; without one (and with `delayMs`) the request is only delayed. */
  status?: number;
  /** `Retry-After` seconds sent with the answer. */
  retryAfterSeconds?: number;
  /** The problem's `detail` to answer with (default: `fault injected by the emulator`), as an upstream's own text would be. */
  detail?: string;
  /** How many matching requests to fail; unlimited when absent. */
  times?: number;
  /**
   * `before` (default): answer the fault instead of serving the request.
   * `after`: serve the request (its effects happen), then answer the fault,
   * as when a response is lost on the way back.
   */
  when?: 'before' | 'after';
  /**
   * Hold the request this long before handling it: its effects happen only
   * then (with `when: 'after'` or no `status`), as when a write is still in
   * flight upstream after its client gave up waiting.
   */
  delayMs?: number;
}

/** One request the emulator served (admin routes are not logged). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
  at: number;
  requestId?: string;
  /** The W3C `traceparent` the caller sent, if any (the gateway forwards its span's). */
  traceparent?: string;
}

/** Settings that `PATCH /__emulator/config` and {@link Knobs.configure} change. */
export interface Settings { latencyMs?: number; errorRate?: number; runs?: Partial<RunBehaviour>; dialect?: Dialect }

/** The mutable state behind the knobs. */
export class Knobs {
  latencyMs: number;
  errorRate: number;
  dialect: Dialect;
  faults: Fault[] = [];
  readonly log: LoggedRequest[] = [];

  constructor(readonly behaviour: RunBehaviour, settings: Settings, private readonly maxLog: number) {
    this.latencyMs = settings.latencyMs ?? 0;
    this.errorRate = settings.errorRate ?? 0;
    this.dialect = settings.dialect ?? 'current';
  }

  configure(settings: Settings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = settings.latencyMs;
    if (settings.errorRate !== undefined) this.errorRate = settings.errorRate;
    if (settings.runs) Object.assign(this.behaviour, settings.runs);
    if (settings.dialect !== undefined) this.dialect = settings.dialect;
  }

  /** Adds a served request to the log (the oldest dropped past the maximum). */
  record(entry: LoggedRequest): void {
    this.log.push(entry);
    if (this.log.length > this.maxLog) this.log.splice(0, this.log.length - this.maxLog);
  }

  /** The fault for this request, if any; it is used up after its `times`. */
  takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && new RegExp(f.path).test(path));
    if (fault && fault.times !== undefined && --fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  #settings() {
    return { latencyMs: this.latencyMs, errorRate: this.errorRate, runs: this.behaviour, dialect: this.dialect };
  }

  /** Answers an admin request; `reset` reseeds the store, `release` releases held runs (one, or all). */
  handle(method: string, url: URL, raw: string, res: http.ServerResponse, reset: () => void, release: (runId?: string) => number): void {
    const body = (tryJson(raw) ?? {}) as Record<string, unknown>;
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'GET /__emulator/requests': {
        const m = url.searchParams.get('method');
        const p = url.searchParams.get('path');
        const selected = this.log.filter((r) => (!m || r.method === m.toUpperCase()) && (!p || new RegExp(p).test(r.path)));
        return write(res, 200, { count: selected.length, requests: selected });
      }
      case 'DELETE /__emulator/requests':
        this.log.length = 0;
        return write(res, 204);
      case 'GET /__emulator/faults':
        return write(res, 200, { faults: this.faults });
      case 'POST /__emulator/faults':
        if (typeof body.path !== 'string' || (typeof body.status !== 'number' && typeof body.delayMs !== 'number')) {
          return write(res, 400, problem(400, 'a fault needs path (regex source) and status (number) or delayMs (number)', url.pathname));
        }
        this.faults.push(body as unknown as Fault);
        return write(res, 201, { faults: this.faults });
      case 'DELETE /__emulator/faults':
        this.faults = [];
        return write(res, 204);
      case 'GET /__emulator/config':
        return write(res, 200, this.#settings());
      case 'PATCH /__emulator/config':
        if (body.dialect !== undefined && !DIALECTS.includes(body.dialect as Dialect)) {
          return write(res, 400, problem(400, `dialect must be one of ${DIALECTS.join(', ')}`, url.pathname));
        }
        this.configure(body as Settings);
        return write(res, 200, this.#settings());
      case 'POST /__emulator/release':
        if (body.runId !== undefined && typeof body.runId !== 'string') return write(res, 400, problem(400, 'runId must be a string', url.pathname));
        return write(res, 200, { released: release(body.runId as string | undefined) });
      case 'POST /__emulator/reset':
        reset();
        this.log.length = 0;
        this.faults = [];
        return write(res, 204);
      default:
        return write(res, 404, problem(404, `no admin route ${route}`, url.pathname));
    }
  }
}
