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
 * reached, refuses a command or leaves one unanswered for a lease, each
 * replica polls for its own watchers (degraded, logged once) and rejoins the
 * shared feed when Redis is back.
 *
 * What comes out of Redis is untrusted input, as an upstream answer is:
 * every message and kept state is signed with the group's Arize key (which
 * never goes to Redis) and read tolerantly (`redis-wire.ts`); a replica
 * publishes only while it holds the lease (`redis-leases.ts`). Anything
 * unsigned, forged, another run's or malformed is dropped and counted
 * (`onRejected`), never delivered, and never marks the feed degraded.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { StartError, type RedisConfig } from '../config.ts';
import { keyHashOf } from '../upstream/key-hash.ts';
import { isTerminalStatus, type TaskRun } from '../upstream/types.ts';
import type { RunEvent, RunFeed, WaitOptions, WatchOptions } from './feed.ts';
import type { LocalRunFeed } from './local-feed.ts';
import { connectionOptions, Group, Leases } from './redis-leases.ts';
import { fromWire, isNews, seal, toWire, unseal, type RunReader, type Wire } from './redis-wire.ts';
import { Subscriber } from './subscriber.ts';
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

/** How long the last state of a run is kept for late joiners. */
const STATE_TTL_MS = 15 * 60_000;

/** The run feed shared through Redis (see the file's comment); falls back to the local feed, per replica, while Redis is away. */
export class RedisRunFeed implements RunFeed {
  readonly #replica = randomUUID();
  readonly #commands: Redis;
  readonly #listener: Redis;
  readonly #leases: Leases;
  readonly #groups = new Map<string, Group>();
  readonly #timer: NodeJS.Timeout;
  #degraded = false;
  #ticking = false;
  #closed = false;
  #starting = true; // until `start` has connected: a close before that is its failure, not a degraded feed

  /** `readRun`: the upstream client's run reader, which every state from Redis goes through. */
  constructor(
    private readonly config: RedisConfig,
    private readonly local: LocalRunFeed,
    private readonly readRun: RunReader,
    private readonly hooks: RedisRunFeedHooks = {},
  ) {
    const options = connectionOptions(config.leaseMs);
    this.#commands = new Redis(config.url, options);
    this.#listener = new Redis(config.url, options);
    this.#leases = new Leases(this.#commands, config.keyPrefix, this.#replica, config.leaseMs);
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
      this.#starting = false;
    } catch (error) {
      this.close();
      throw new StartError(`REDIS_URL ${this.config.url.replace(/\/\/[^@]*@/, '//***@')} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `redis` when shared, `degraded` while each replica polls alone. */
  get status(): 'redis' | 'degraded' {
    return this.#degraded ? 'degraded' : 'redis';
  }

  get activePollers(): number {
    return [...this.#groups.values()].filter((group) => group.polling).length;
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

  /** A new group: listen to the run's channel, take the kept state, and try for the lease. */
  async #join(group: Group): Promise<void> {
    if (this.#degraded) return this.#pollLocally(group);
    try {
      await this.#listener.subscribe(this.#leases.key('run', group));
      const kept = await this.#leases.kept(group);
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
      await this.#leases.release(group);
    }
    if (![...this.#groups.values()].some((other) => other.name === group.name)) {
      await this.#listener.unsubscribe(this.#leases.key('run', group)).catch(() => undefined);
    }
  }

  /**
   * Every third of a lease, one at a time: the holder renews, the others try
   * to take a lease that ran out; while degraded, probes Redis, since a
   * command can fail or time out on a connection that stays open (no reconnect).
   */
  async #tick(): Promise<void> {
    if (this.#closed || this.#ticking) return;
    this.#ticking = true;
    try {
      if (!this.#degraded) await this.#renewOrTake();
      else if (await this.#leases.probe(this.#listener)) this.#recover();
    } finally {
      this.#ticking = false;
    }
  }

  /** Renews or tries for every group's lease at once (pipelined: a round takes one answer's time, however many runs). */
  async #renewOrTake(): Promise<void> {
    const rounds = await Promise.allSettled([...this.#groups.values()].map(async (group) => {
      if (!group.holder) return this.#tryLease(group);
      if (await this.#leases.renew(group)) return;
      group.holder = false;
      this.#countLeases();
      await this.#stopPolling(group);
    }));
    const failed = rounds.find((round) => round.status === 'rejected');
    if (failed) this.#degrade(failed.reason instanceof Error ? failed.reason.message : String(failed.reason));
  }

  async #tryLease(group: Group): Promise<void> {
    if (group.ended || group.holder) return;
    const taken = await this.#leases.take(group);
    if (!taken) return;
    // taken as its last watcher left (`#end` released none) or as the feed degraded (a rejoin would not poll it): give it back
    if (group.ended || this.#degraded) return this.#leases.release(group);
    group.holder = true;
    this.#countLeases();
    if (group.last) this.hooks.onTakeover?.();
    this.#pollLocally(group);
  }

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
      const text = seal(group.apiKey, group.name, this.#replica, wire);
      if ('run' in wire) await this.#commands.set(this.#leases.key('state', group), text, 'PX', STATE_TTL_MS);
      await this.#commands.publish(this.#leases.key('run', group), text);
      this.hooks.onEvent?.('published');
    } catch (error) {
      this.#degrade(error instanceof Error ? error.message : String(error));
    }
  }

  #received(channel: string, text: string): void {
    const name = this.#leases.groupOf(channel);
    const group = name === undefined ? undefined : this.#groups.get(name);
    if (!group) return;
    this.hooks.onEvent?.('received');
    const wire = this.#open(group, text);
    if (wire) this.#deliver(group, wire);
  }

  /** A message or kept state of `group`, verified and read; undefined (counted) when it is not one. */
  #open(group: Group, text: string): Wire | undefined {
    const opened = unseal(text, group.apiKey, group.name, group.runId, this.readRun);
    if (typeof opened === 'string') this.hooks.onRejected?.(opened);
    return typeof opened === 'string' ? undefined : opened;
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

  #degrade(reason: string): void {
    if (this.#closed || this.#starting) return;
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
    for (const group of [...this.#groups.values()]) void this.#stopPolling(group).then(() => this.#join(group));
  }

  #countLeases(): void {
    this.hooks.onLeases?.([...this.#groups.values()].filter((group) => group.holder).length);
  }
}
