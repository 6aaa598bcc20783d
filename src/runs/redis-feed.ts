/**
 * The run feed shared by several replicas through Redis: one poller per
 * (run, key hash) across all of them.
 *
 * A replica with local watchers of a run competes for a lease on it
 * (`SET lease NX PX`, renewed while it polls; the key's hash in the name,
 * never the key). The holder polls with its own in-memory key (through the
 * local feed) and publishes every change on the run's channel and keeps the
 * last state (with a TTL); every replica delivers what the channel carries
 * to its own watchers, and a late joiner gets the kept state at once. States
 * are ordered by what the upstream reported (status rank, then counters), so
 * none is delivered twice or out of order across a takeover. When the holder
 * dies its lease runs out and another replica with watchers takes over; when
 * its last watcher leaves it releases the lease. When Redis cannot be
 * reached, each replica polls for its own watchers (degraded, logged once)
 * and rejoins the shared feed when Redis is back.
 *
 * What comes out of Redis is untrusted input, as an upstream answer is.
 * Every message and kept state is signed with an HMAC keyed by the Arize key
 * of its group (which only the replicas that poll for that key hold in
 * memory, and which never goes to Redis), bound to the group's name and the
 * publishing holder; a replica publishes only while it holds the lease, so a
 * state that verifies came from a lease holder's poll. Whoever can write to
 * Redis without that key cannot forge one. A state that verifies is then
 * read by the same tolerant reader as the upstream's answers. Anything else
 * (unsigned, forged, another run's, malformed) is dropped and counted
 * (`onRejected`), never delivered, and never marks the feed degraded.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.ts';
import { UpstreamError } from '../upstream/errors.ts';
import { keyHashOf } from '../upstream/key-hash.ts';
import { isTerminalStatus, type TaskRun } from '../upstream/types.ts';
import { RunFailure, type RunEvent, type RunFeed, type WaitOptions, type WatchOptions } from './feed.ts';
import type { LocalRunFeed } from './local-feed.ts';
import { Subscriber, type SubscriberOwner } from './subscriber.ts';
import { waitForTerminal } from './wait.ts';

/** What the Redis feed reports, for logs and metrics. */
export interface RedisRunFeedHooks {
  /** Redis became unreachable (`true`, once per outage) or reachable again (`false`). */
  onDegraded?: (degraded: boolean, reason?: string) => void;
  onLeases?: (held: number) => void;
  onTakeover?: () => void;
  onRedisError?: () => void;
  onEvent?: (direction: 'published' | 'received') => void;
  /** A message or kept state was dropped: `unsigned` (no valid signature), `malformed` (signed, but not a state or failure of this run). */
  onRejected?: (reason: 'unsigned' | 'malformed') => void;
}

/** Reads a run as the upstream client does (tolerant, unknown values reported). */
export type RunReader = (raw: unknown) => TaskRun;

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** How long the last state of a run is kept for late joiners. */
const STATE_TTL_MS = 15 * 60_000;

type Wire = { run: TaskRun } | { failure: { reason: RunFailure['reason']; message: string; upstream?: { kind: UpstreamError['kind']; status?: number; operation: string; detail?: string; retryAfterSeconds?: number } } };

const FAILURE_REASONS: readonly string[] = ['upstream', 'outage', 'timeout', 'aborted', 'closed', 'expired', 'internal'] satisfies Array<RunFailure['reason']>;
const FAILURE_KINDS: readonly string[] = ['http', 'timeout', 'network', 'protocol'] satisfies Array<UpstreamError['kind']>;
/** The longest failure message and upstream detail taken from Redis. */
const MAX_WIRE_TEXT = 2000;

/** The signature of a message of `group` published by `holder` with body `body`, keyed by the group's Arize key. */
function sign(apiKey: string, group: string, holder: string, body: string): string {
  return createHmac('sha256', apiKey).update(`${group}\n${holder}\n${body}`).digest('base64url');
}

/** The body of a signed envelope when its signature is this group's; undefined otherwise. */
function verified(text: string, apiKey: string, group: string): string | undefined {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!envelope || typeof envelope !== 'object') return undefined;
  const { v, holder, body, sig } = envelope as Record<string, unknown>;
  if (v !== 1 || typeof holder !== 'string' || typeof body !== 'string' || typeof sig !== 'string') return undefined;
  const expected = Buffer.from(sign(apiKey, group, holder, body));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}

/** A verified body as a state of run `runId` or a failure, read tolerantly; undefined when it is neither. */
function readWire(body: string, runId: string, readRun: RunReader): Wire | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const { run, failure } = raw as Record<string, unknown>;
  if (run && typeof run === 'object' && !Array.isArray(run)) {
    const state = readRun(run);
    return state.id === runId ? { run: state } : undefined;
  }
  if (!failure || typeof failure !== 'object') return undefined;
  const { reason, message, upstream } = failure as Record<string, unknown>;
  if (typeof reason !== 'string' || !FAILURE_REASONS.includes(reason) || typeof message !== 'string') return undefined;
  const out: Extract<Wire, { failure: unknown }>['failure'] = { reason: reason as RunFailure['reason'], message: message.slice(0, MAX_WIRE_TEXT) };
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
function isNews(last: TaskRun | undefined, next: TaskRun): boolean {
  if (!last) return true;
  const byStatus = (STATUS_RANK[next.status] ?? 0) - (STATUS_RANK[last.status] ?? 0);
  if (byStatus !== 0) return byStatus > 0;
  const byCount = progress(next) - progress(last);
  if (byCount !== 0) return byCount > 0;
  return JSON.stringify(next) !== JSON.stringify(last);
}

/** The local watchers of one (run, key hash) in this replica. */
class Group implements SubscriberOwner {
  readonly subscribers = new Set<Subscriber>();
  last: TaskRun | undefined;
  /** The local feed's watch while this replica polls (as the lease holder, or degraded). */
  polling: AsyncIterableIterator<RunEvent> | undefined;
  holder = false;
  ended = false;

  /** `onEmpty`: called when its last watcher leaves. */
  constructor(readonly name: string, readonly runId: string, readonly apiKey: string, private readonly onEmpty: (group: Group) => void) {}

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.onEmpty(this);
  }
}

export class RedisRunFeed implements RunFeed {
  readonly #replica = randomUUID();
  readonly #commands: Redis;
  readonly #listener: Redis;
  readonly #groups = new Map<string, Group>();
  readonly #timer: NodeJS.Timeout;
  #degraded = false;
  #closed = false;

  /** `readRun`: the upstream client's run reader, which every state from Redis goes through. */
  constructor(
    private readonly config: RedisConfig,
    private readonly local: LocalRunFeed,
    private readonly readRun: RunReader,
    private readonly hooks: RedisRunFeedHooks = {},
  ) {
    const options = {
      lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    };
    this.#commands = new Redis(config.url, options);
    this.#listener = new Redis(config.url, options);
    for (const connection of [this.#commands, this.#listener]) {
      connection.on('error', () => this.hooks.onRedisError?.());
      connection.on('close', () => this.#degrade('the connection to Redis closed'));
      connection.on('ready', () => this.#recover());
    }
    this.#listener.on('message', (channel: string, text: string) => this.#received(channel, text));
    this.#timer = setInterval(() => void this.#tick(), Math.max(25, Math.floor(config.leaseMs / 3)));
    this.#timer.unref();
  }

  /** Connects both Redis connections; rejects with a clear message when Redis cannot be reached. */
  async start(): Promise<void> {
    try {
      await Promise.all([this.#commands.connect(), this.#listener.connect()]);
    } catch (error) {
      this.close();
      const where = this.config.url.replace(/\/\/[^@]*@/, '//***@');
      throw new Error(`REDIS_URL ${where} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `redis` when shared, `degraded` while each replica polls alone. */
  get status(): 'redis' | 'degraded' {
    return this.#degraded ? 'degraded' : 'redis';
  }

  get activePollers(): number {
    let polling = 0;
    for (const group of this.#groups.values()) if (group.polling) polling += 1;
    return polling;
  }

  watch(runId: string, apiKey: string, options: WatchOptions = {}): AsyncIterableIterator<RunEvent> {
    const name = `${keyHashOf(apiKey)}:${runId}`;
    if (this.#closed) {
      const ended = new Subscriber(options.intervalMs ?? 0);
      ended.end();
      return ended;
    }
    let group = this.#groups.get(name);
    if (!group) {
      group = new Group(name, runId, apiKey, (empty) => void this.#end(empty));
      this.#groups.set(name, group);
      void this.#join(group);
    }
    const subscriber = new Subscriber(options.intervalMs ?? 0, group);
    group.subscribers.add(subscriber);
    if (group.last) subscriber.push({ run: group.last });
    return subscriber;
  }

  waitForTerminal(runId: string, apiKey: string, options: WaitOptions): Promise<TaskRun> {
    return waitForTerminal(this, runId, apiKey, options);
  }

  /** Ends every watch, releases the leases this replica holds, and closes both Redis connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.all([...this.#groups.values()].map((group) => this.#end(group)));
    this.#commands.disconnect();
    this.#listener.disconnect();
  }

  // ---------------------------------------------------------------- keys
  #key(kind: 'lease' | 'state' | 'run', group: Group): string {
    return `${this.config.keyPrefix}${kind}:${group.name}`;
  }

  // ---------------------------------------------------------- lifecycle
  /** A new group: listen to the run's channel, take the kept state, and try for the lease. */
  async #join(group: Group): Promise<void> {
    if (this.#degraded) return this.#pollLocally(group);
    try {
      await this.#listener.subscribe(this.#key('run', group));
      const kept = await this.#commands.get(this.#key('state', group));
      const wire = kept === null ? undefined : this.#open(group, kept);
      if (wire) this.#deliver(group, wire);
      await this.#tryLease(group);
    } catch (error) {
      this.#degrade(error instanceof Error ? error.message : String(error));
    }
  }

  /** No watcher left (or the run ended): stop polling, release the lease, stop listening. */
  async #end(group: Group): Promise<void> {
    if (group.ended) return;
    group.ended = true;
    for (const subscriber of group.subscribers) subscriber.end();
    group.subscribers.clear();
    if (this.#groups.get(group.name) === group) this.#groups.delete(group.name);
    await this.#stopPolling(group);
    if (group.holder) {
      group.holder = false;
      this.#countLeases();
      await this.#commands.eval(RELEASE, 1, this.#key('lease', group), this.#replica).catch(() => undefined);
    }
    if (![...this.#groups.values()].some((other) => other.name === group.name)) {
      await this.#listener.unsubscribe(this.#key('run', group)).catch(() => undefined);
    }
  }

  /** Every third of a lease: the holder renews; the others try to take a lease that ran out. */
  async #tick(): Promise<void> {
    if (this.#degraded || this.#closed) return;
    for (const group of [...this.#groups.values()]) {
      try {
        if (group.holder) {
          const renewed = await this.#commands.eval(RENEW, 1, this.#key('lease', group), this.#replica, String(this.config.leaseMs));
          if (renewed !== 1) {
            group.holder = false;
            this.#countLeases();
            await this.#stopPolling(group);
          }
        } else {
          await this.#tryLease(group);
        }
      } catch (error) {
        this.#degrade(error instanceof Error ? error.message : String(error));
        return;
      }
    }
  }

  async #tryLease(group: Group): Promise<void> {
    if (group.ended || group.holder) return;
    const taken = await this.#commands.set(this.#key('lease', group), this.#replica, 'PX', this.config.leaseMs, 'NX');
    if (taken !== 'OK' || group.ended) return;
    group.holder = true;
    this.#countLeases();
    if (group.last) this.hooks.onTakeover?.();
    this.#pollLocally(group);
  }

  // ------------------------------------------------------------ polling
  /** Polls through the local feed; as the holder (Redis reachable), publishes and keeps every state. */
  #pollLocally(group: Group): void {
    if (group.polling || group.ended) return;
    const polling = this.local.watch(group.runId, group.apiKey);
    group.polling = polling;
    void (async () => {
      for await (const event of polling) {
        const wire: Wire = event.run ? { run: event.run } : { failure: toWire(event.failure!) };
        if (group.holder && !this.#degraded) void this.#publish(group, wire);
        this.#deliver(group, wire);
      }
      if (group.polling === polling) group.polling = undefined;
    })();
  }

  async #stopPolling(group: Group): Promise<void> {
    const polling = group.polling;
    group.polling = undefined;
    await polling?.return?.();
  }

  async #publish(group: Group, wire: Wire): Promise<void> {
    try {
      const body = JSON.stringify(wire);
      const text = JSON.stringify({ v: 1, holder: this.#replica, body, sig: sign(group.apiKey, group.name, this.#replica, body) });
      if ('run' in wire) await this.#commands.set(this.#key('state', group), text, 'PX', STATE_TTL_MS);
      await this.#commands.publish(this.#key('run', group), text);
      this.hooks.onEvent?.('published');
    } catch (error) {
      this.#degrade(error instanceof Error ? error.message : String(error));
    }
  }

  // ----------------------------------------------------------- delivery
  #received(channel: string, text: string): void {
    const prefix = `${this.config.keyPrefix}run:`;
    if (!channel.startsWith(prefix)) return;
    const group = this.#groups.get(channel.slice(prefix.length));
    if (!group) return;
    this.hooks.onEvent?.('received');
    const wire = this.#open(group, text);
    if (wire) this.#deliver(group, wire);
  }

  /** A message or kept state of `group`, verified and read; undefined (counted) when it is not one. */
  #open(group: Group, text: string): Wire | undefined {
    const body = verified(text, group.apiKey, group.name);
    if (body === undefined) {
      this.hooks.onRejected?.('unsigned');
      return undefined;
    }
    const wire = readWire(body, group.runId, this.readRun);
    if (!wire) this.hooks.onRejected?.('malformed');
    return wire;
  }

  /** Hands a state (in order, each once) or a failure to this replica's watchers; a terminal one ends the group. */
  #deliver(group: Group, wire: Wire): void {
    if (group.ended) return;
    if ('run' in wire) {
      if (!isNews(group.last, wire.run)) return;
      group.last = wire.run;
      for (const subscriber of group.subscribers) subscriber.push({ run: wire.run });
      if (isTerminalStatus(wire.run.status)) void this.#end(group);
      return;
    }
    const failure = fromWire(wire.failure);
    for (const subscriber of group.subscribers) subscriber.push({ failure });
    void this.#end(group);
  }

  // ------------------------------------------------------------ outages
  #degrade(reason: string): void {
    if (this.#closed) return;
    if (!this.#degraded) {
      this.#degraded = true;
      this.hooks.onDegraded?.(true, reason);
    }
    for (const group of this.#groups.values()) {
      group.holder = false;
      this.#pollLocally(group);
    }
    this.#countLeases();
  }

  #recover(): void {
    if (!this.#degraded || this.#closed || this.#commands.status !== 'ready' || this.#listener.status !== 'ready') return;
    this.#degraded = false;
    this.hooks.onDegraded?.(false);
    for (const group of [...this.#groups.values()]) {
      void (async () => {
        await this.#stopPolling(group);
        await this.#join(group);
      })();
    }
  }

  #countLeases(): void {
    let held = 0;
    for (const group of this.#groups.values()) if (group.holder) held += 1;
    this.hooks.onLeases?.(held);
  }
}

function toWire(failure: RunFailure): Extract<Wire, { failure: unknown }>['failure'] {
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

function fromWire(wire: Extract<Wire, { failure: unknown }>['failure']): RunFailure {
  const upstream = wire.upstream ? new UpstreamError(wire.upstream) : undefined;
  return new RunFailure(wire.reason, wire.message, upstream);
}
