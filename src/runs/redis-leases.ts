/**
 * Who polls a run for the Redis run feed: the local watchers of one
 * (run, key hash) in this replica form a {@link Group}, and the replicas
 * with watchers compete for the group's lease (set if absent, with `PX`; renewed
 * while its holder polls, released when its last watcher leaves; the key's
 * hash in the name, never the key). Only the holder polls and publishes.
 */
import type { Redis } from 'ioredis';
import type { TaskRun } from '../upstream/types.ts';
import type { RunEvent } from './feed.ts';
import type { Subscriber, SubscriberOwner } from './subscriber.ts';

// a lease still carrying this replica's id is its own (one group per name per replica): left by a group that ended,
// or held across a lost connection or a timed-out command; taking it back renews it instead of waiting for it to run out.
// A key no replica writes (another type, or no expiry: every lease has one) is a Redis writer's, not a lease: taken over,
// as it would otherwise keep the run unpolled for ever (and a script error on it would degrade the whole feed).
const TAKE = "local v = redis.pcall('get', KEYS[1]) if v == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end "
  + "if v and type(v) ~= 'table' and redis.call('pttl', KEYS[1]) >= 0 then return 0 end "
  + "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";
const RENEW = "if redis.pcall('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.pcall('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The options of both Redis connections of a replica whose leases last `leaseMs`. */
export function connectionOptions(leaseMs: number) {
  return {
    lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000,
    // a Redis that keeps its connections open but stops answering (paused, swapping, stuck) is as good as gone:
    // a command unanswered for a lease (1 to 5 s) fails, and the feed degrades instead of waiting for ever
    commandTimeout: Math.min(5000, Math.max(1000, leaseMs)),
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
  };
}

/** The local watchers of one (run, key hash) in this replica. */
export class Group implements SubscriberOwner {
  readonly subscribers = new Set<Subscriber>();
  last: TaskRun | undefined;
  /** The local feed's watch while this replica polls (as the lease holder, or degraded). */
  polling: AsyncIterableIterator<RunEvent> | undefined;
  holder = false;
  ended = false;

  /** `name`: the key hash and the run id; `onEmpty`: called when its last watcher leaves. */
  constructor(readonly name: string, readonly runId: string, readonly apiKey: string, private readonly onEmpty: (group: Group) => void) {}

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.onEmpty(this);
  }
}

/** The Redis keys of a group and the lease commands, for one replica. */
export class Leases {
  /** `replica`: this replica's id (the lease's value); `leaseMs`: how long a lease lasts unless renewed. */
  constructor(private readonly commands: Redis, private readonly keyPrefix: string, readonly replica: string, private readonly leaseMs: number) {}

  /** The group's `lease`, kept `state` or `run` channel key. */
  key(kind: 'lease' | 'state' | 'run', group: Group): string {
    return `${this.keyPrefix}${kind}:${group.name}`;
  }

  /** The group's name from a `run` channel key; undefined for another channel. */
  groupOf(channel: string): string | undefined {
    const prefix = `${this.keyPrefix}run:`;
    return channel.startsWith(prefix) ? channel.slice(prefix.length) : undefined;
  }

  /** Takes the group's lease if nobody else holds it (this replica's own, left over, is taken back); true when this replica now does. */
  async take(group: Group): Promise<boolean> {
    return (await this.commands.eval(TAKE, 1, this.key('lease', group), this.replica, String(this.leaseMs))) === 1;
  }

  /** The group's kept state as Redis holds it: null when there is none; a key of another type (a Redis writer's) reads as '', which no check passes. */
  async kept(group: Group): Promise<string | null> {
    return this.commands.get(this.key('state', group)).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return '';
      throw error;
    });
  }

  /** Renews the lease this replica holds; false when it ran out and another replica may hold it. */
  async renew(group: Group): Promise<boolean> {
    return (await this.commands.eval(RENEW, 1, this.key('lease', group), this.replica, String(this.leaseMs))) === 1;
  }

  /**
   * True when both connections are up and answer, and Redis takes a write (a
   * Redis out of memory answers PING but refuses a lease); false while a
   * reconnect is under way (its `ready` rejoins).
   */
  async probe(listener: Redis): Promise<boolean> {
    if (this.commands.status !== 'ready' || listener.status !== 'ready') return false;
    return Promise.all([this.commands.set(`${this.keyPrefix}probe:${this.replica}`, '1', 'PX', this.leaseMs), listener.ping()])
      .then(() => true, () => false);
  }

  /** Releases the lease if this replica still holds it (errors ignored: it runs out anyway). */
  async release(group: Group): Promise<void> {
    await this.commands.eval(RELEASE, 1, this.key('lease', group), this.replica).catch(() => undefined);
  }
}
