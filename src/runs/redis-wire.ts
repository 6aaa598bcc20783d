/**
 * What the Redis run feed puts in Redis and takes out of it: a run's state
 * or a failure (the {@link Wire}), in an envelope signed with an HMAC keyed
 * by the group's Arize key and bound to the group's name and the publishing
 * holder. What comes out of Redis is untrusted input: an envelope whose
 * signature is not this group's is refused, and a verified body is read by
 * the same tolerant reader as the upstream's answers, its texts cut short.
 * States are ordered by what the upstream reported ({@link isNews}).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { UpstreamError } from '../upstream/errors.ts';
import type { TaskRun } from '../upstream/types.ts';
import { RunFailure } from './feed.ts';

/** Reads a run as the upstream client does (tolerant, unknown values reported). */
export type RunReader = (raw: unknown) => TaskRun;

/** A failure as it travels through Redis. */
export type WireFailure = { reason: RunFailure['reason']; message: string; upstream?: { kind: UpstreamError['kind']; status?: number; operation: string; detail?: string; retryAfterSeconds?: number } };
/** A run's state or a failure, as it travels through Redis. */
export type Wire = { run: TaskRun } | { failure: WireFailure };

const FAILURE_REASONS: readonly string[] = ['upstream', 'outage', 'timeout', 'aborted', 'closed', 'expired', 'internal'] satisfies Array<RunFailure['reason']>;
const FAILURE_KINDS: readonly string[] = ['http', 'timeout', 'network', 'protocol'] satisfies Array<UpstreamError['kind']>;
/** The longest failure message and upstream detail taken from Redis. */
const MAX_WIRE_TEXT = 2000;

/** The signed envelope of `wire`, published by `holder` for `group` (keyed by the group's Arize key, which never goes to Redis). */
export function seal(apiKey: string, group: string, holder: string, wire: Wire): string {
  const body = JSON.stringify(wire);
  return JSON.stringify({ v: 1, holder, body, sig: sign(apiKey, group, holder, body) });
}

/** A message or kept state of `group` (of run `runId`), verified and read; why not when it is not one. */
export function unseal(text: string, apiKey: string, group: string, runId: string, readRun: RunReader): Wire | 'unsigned' | 'malformed' {
  const body = verified(text, apiKey, group);
  if (body === undefined) return 'unsigned';
  return readWire(body, runId, readRun) ?? 'malformed';
}

/** The signature of a message of `group` published by `holder` with body `body`, keyed by the group's Arize key. */
function sign(apiKey: string, group: string, holder: string, body: string): string {
  return createHmac('sha256', apiKey).update(`${group}\n${holder}\n${body}`).digest('base64url');
}

/** `text` parsed when it is a JSON object; undefined for anything else (what Redis carries is untrusted). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The body of a signed envelope when its signature is this group's; undefined otherwise. */
function verified(text: string, apiKey: string, group: string): string | undefined {
  const envelope = jsonObject(text);
  if (!envelope) return undefined;
  const { v, holder, body, sig } = envelope;
  if (v !== 1 || typeof holder !== 'string' || typeof body !== 'string' || typeof sig !== 'string') return undefined;
  const expected = Buffer.from(sign(apiKey, group, holder, body));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}

/** A verified body as a state of run `runId` or a failure, read tolerantly; undefined when it is neither. */
function readWire(body: string, runId: string, readRun: RunReader): Wire | undefined {
  const raw = jsonObject(body);
  if (!raw) return undefined;
  const { run, failure } = raw;
  if (run && typeof run === 'object' && !Array.isArray(run)) {
    const state = readRun(run);
    return state.id === runId ? { run: state } : undefined;
  }
  if (!failure || typeof failure !== 'object') return undefined;
  const { reason, message, upstream } = failure as Record<string, unknown>;
  if (typeof reason !== 'string' || !FAILURE_REASONS.includes(reason) || typeof message !== 'string') return undefined;
  const out: WireFailure = { reason: reason as RunFailure['reason'], message: message.slice(0, MAX_WIRE_TEXT) };
  if (upstream !== undefined) {
    const u = (upstream && typeof upstream === 'object' ? upstream : {}) as Record<string, unknown>;
    if (typeof u.kind !== 'string' || !FAILURE_KINDS.includes(u.kind) || typeof u.operation !== 'string') return undefined;
    out.upstream = {
      kind: u.kind as UpstreamError['kind'], operation: u.operation.slice(0, 100),
      ...(Number.isInteger(u.status) && (u.status as number) >= 100 && (u.status as number) <= 599 ? { status: u.status as number } : {}),
      ...(typeof u.detail === 'string' ? { detail: u.detail.slice(0, MAX_WIRE_TEXT) } : {}),
      ...(typeof u.retryAfterSeconds === 'number' && Number.isFinite(u.retryAfterSeconds) && u.retryAfterSeconds >= 0 ? { retryAfterSeconds: u.retryAfterSeconds } : {}),
    };
  }
  return { failure: out };
}

const STATUS_RANK: Record<string, number> = { PENDING: 0, UNKNOWN: 0, RUNNING: 1, COMPLETED: 2, FAILED: 2, CANCELLED: 2 };
const progress = (run: TaskRun) => run.num_successes + run.num_errors + run.num_skipped;

/** True when `next` is news after `last`: a later status, more counted items, or the same point with other details. */
export function isNews(last: TaskRun | undefined, next: TaskRun): boolean {
  if (!last) return true;
  const byStatus = (STATUS_RANK[next.status] ?? 0) - (STATUS_RANK[last.status] ?? 0);
  if (byStatus !== 0) return byStatus > 0;
  const byCount = progress(next) - progress(last);
  if (byCount !== 0) return byCount > 0;
  return JSON.stringify(next) !== JSON.stringify(last);
}


/** A failure of the local feed, for Redis. */
export function toWire(failure: RunFailure): WireFailure {
  const upstream = failure.upstream;
  return {
    reason: failure.reason, message: failure.message,
    ...(upstream ? {
      upstream: {
        kind: upstream.kind, operation: upstream.operation, ...(upstream.status !== undefined ? { status: upstream.status } : {}),
        ...(upstream.detail !== undefined ? { detail: upstream.detail } : {}),
        ...(upstream.retryAfterSeconds !== undefined ? { retryAfterSeconds: upstream.retryAfterSeconds } : {}),
      },
    } : {}),
  };
}

/** A failure from Redis, as the local feed would have reported it. */
export function fromWire(wire: WireFailure): RunFailure {
  const upstream = wire.upstream ? new UpstreamError(wire.upstream) : undefined;
  return new RunFailure(wire.reason, wire.message, upstream);
}
