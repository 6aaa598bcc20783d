/**
 * Honest outcomes for writes whose answer was lost. A write is sent once;
 * when it fails in a way that says nothing about whether it happened (a
 * timeout, a dropped connection, a 5xx or 429 the upstream does not document
 * as "nothing done"), the upstream is read back:
 *
 * - the written object is found *and* can be attributed to this call: the
 *   write succeeded after all, and that object is the answer;
 * - the read proves the write can never apply (a cancel of a run that has
 *   finished): `NOT_APPLIED`;
 * - anything else: `UNKNOWN`. Not finding the object proves nothing, since
 *   a request that timed out may still be in flight upstream.
 *
 * `NOT_APPLIED` also answers a write that never left (the connection was
 * refused, the name did not resolve). {@link RecentWrites} remembers this
 * process's recent writes per target, so that another caller's write in the
 * same moment is never taken for ours. Other replicas' writes are out of its
 * sight: where there are other replicas (`REDIS_URL`), a write made with the
 * server's key, which every caller of every replica shares, is never
 * attributed after a lost answer (UNKNOWN); a caller's own key is theirs.
 */
import type { Context } from '../context.ts';
import { UpstreamError } from '../upstream/errors.ts';

/** How far the upstream's clock may be behind ours when telling which objects a lost write made. */
export const CLOCK_SKEW_MS = 2000;
/** How long an ended write is remembered. */
const KEEP_MS = 120_000;
/** The most targets remembered (the oldest forgotten first). */
const MAX_TARGETS = 10_000;

/** Network failures that prove the request never left this process. */
const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_CHAR'];

/** One write of this process: when it began and ended, and what it made (`created` with its id), made nothing, or may have made something. */
export interface WriteRecord {
  readonly target: string;
  readonly startedAt: number;
  endedAt: number | undefined;
  state: 'pending' | 'created' | 'none' | 'unknown';
  id: string | undefined;
}

/** The other writes of this process on the same target that overlapped ours. */
export interface OtherWrites {
  /** The ids they are known to have made: never ours. */
  made: ReadonlySet<string>;
  /** True when one of them is still in flight or ended without a known result: an object found could be its. */
  unsettled: boolean;
}

/**
 * This process's recent writes per target (`trigger:<taskId>`,
 * `create:<spaceId>:<name>`, ...), and the Arize user of each key, learned
 * from the answers to its own writes (`created_by_user_id`).
 */
export class RecentWrites {
  readonly #byTarget = new Map<string, Set<WriteRecord>>();
  readonly #users = new Map<string, string>();
  readonly #otherReplicas: boolean;

  /** `otherReplicas`: other processes may write with the same server key at the same moment (several replicas). */
  constructor(options: { otherReplicas?: boolean } = {}) {
    this.#otherReplicas = options.otherReplicas ?? false;
  }

  /** Records a write about to be sent. */
  begin(target: string): WriteRecord {
    const now = Date.now();
    let records = this.#byTarget.get(target);
    if (!records) {
      if (this.#byTarget.size >= MAX_TARGETS) this.#byTarget.delete(this.#byTarget.keys().next().value!);
      records = new Set();
      this.#byTarget.set(target, records);
    }
    for (const record of records) if (record.endedAt !== undefined && record.endedAt < now - KEEP_MS) records.delete(record);
    const record: WriteRecord = { target, startedAt: now, endedAt: undefined, state: 'pending', id: undefined };
    records.add(record);
    return record;
  }

  /** Records how a write ended. */
  end(record: WriteRecord, state: 'created' | 'none' | 'unknown', id?: string): void {
    record.endedAt = Date.now();
    record.state = state;
    record.id = id;
  }

  /**
   * The other writes on `record`'s target that overlapped it (began before
   * now, ended after it began). A write with a key other callers share
   * (`server`) counts as unsettled when other replicas could have written too.
   */
  others(record: WriteRecord, key?: 'server' | 'own'): OtherWrites {
    const made = new Set<string>();
    let unsettled = this.#otherReplicas && key !== 'own';
    for (const other of this.#byTarget.get(record.target) ?? []) {
      if (other === record || (other.endedAt !== undefined && other.endedAt < record.startedAt - CLOCK_SKEW_MS)) continue;
      if (other.state === 'created' && other.id !== undefined) made.add(other.id);
      else if (other.state === 'pending' || other.state === 'unknown') unsettled = true;
    }
    return { made, unsettled };
  }

  /** Remembers that the key with hash `keyHash` acts as Arize user `userId` (from an answer to its own write). */
  learnUser(keyHash: string | undefined, userId: string | null | undefined): void {
    if (keyHash === undefined || !userId) return;
    if (!this.#users.has(keyHash) && this.#users.size >= MAX_TARGETS) this.#users.delete(this.#users.keys().next().value!);
    this.#users.set(keyHash, userId);
  }

  /** The Arize user of the key with hash `keyHash`, when an answer told it. */
  userOf(keyHash: string | undefined): string | undefined {
    return keyHash === undefined ? undefined : this.#users.get(keyHash);
  }
}

/** True when `error` proves the write never reached the upstream. */
function neverSent(error: UpstreamError): boolean {
  return error.kind === 'network' && NEVER_SENT.includes(error.networkCode ?? '');
}

/**
 * True when a failed write may have been applied all the same: its answer
 * was lost (a timeout or a dropped connection after sending), the upstream
 * failed while handling it (5xx, 429), or it said yes (2xx) with an answer
 * that cannot be read (not JSON, no id): that write happened.
 */
function mayHaveApplied(error: unknown): error is UpstreamError {
  if (!(error instanceof UpstreamError) || neverSent(error)) return false;
  const status = error.status ?? 0;
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'protocol' ||
    status === 429 || status >= 500 || (status >= 200 && status < 300);
}

/** One write: where it lands, how to send it, how to look for it after a lost answer, and what it made. */
export interface WriteSpec<T> {
  /** The mutation, for the log. */
  name: string;
  /** What it writes to, as {@link RecentWrites} keys it: writes to one target are told apart. */
  target: string;
  send: () => Promise<T>;
  /**
   * After a lost answer: the written object when it is found and is this
   * call's; `null` when the read proves the write can never apply;
   * `'ambiguous'` (or a throw) otherwise. `others` are this process's
   * overlapping writes on the same target.
   */
  check: (others: OtherWrites) => Promise<T | null | 'ambiguous'>;
  /** The id of what it made, and the Arize user the upstream says made it. */
  made: (value: T) => { id: string; by: string | null };
}

/**
 * Sends a write once. When its answer is lost, `check()` tells what
 * happened; the original failure is then thrown with `outcome`
 * `NOT_APPLIED` (proven: safe to retry) or `UNKNOWN` (look before retrying).
 */
export async function writeOnce<T>(ctx: Context, spec: WriteSpec<T>): Promise<T> {
  const record = ctx.writes.begin(spec.target);
  let value: T;
  try {
    value = await spec.send();
  } catch (error) {
    if (error instanceof UpstreamError && neverSent(error)) {
      ctx.writes.end(record, 'none');
      throw error.withOutcome('NOT_APPLIED');
    }
    if (!mayHaveApplied(error)) {
      ctx.writes.end(record, error instanceof UpstreamError ? 'none' : 'unknown');
      throw error;
    }
    return reconcile(ctx, spec, record, error);
  }
  const made = spec.made(value);
  ctx.writes.end(record, 'created', made.id);
  ctx.writes.learnUser(ctx.key?.hash, made.by);
  return value;
}

async function reconcile<T>(ctx: Context, spec: WriteSpec<T>, record: WriteRecord, failure: UpstreamError): Promise<T> {
  let found: T | null | 'ambiguous';
  try {
    found = await spec.check(ctx.writes.others(record, ctx.key?.kind));
  } catch {
    found = 'ambiguous';
  }
  if (found !== null && found !== 'ambiguous') {
    ctx.writes.end(record, 'created', spec.made(found).id);
    ctx.logger.info({ write: spec.name, failure: failure.message }, 'a write whose answer was lost did happen, and is this call\'s: returning what it wrote');
    return found;
  }
  ctx.writes.end(record, found === null ? 'none' : 'unknown');
  throw failure.withOutcome(found === null ? 'NOT_APPLIED' : 'UNKNOWN');
}
