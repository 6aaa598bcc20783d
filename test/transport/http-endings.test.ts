/**
 * An HTTP request's reads end with its connection: when the client hangs up
 * while a read is in flight, the operation ends at once (the upstream call
 * is left to finish, and nobody waits for it), and no later read starts.
 * The emulator holds the read until the test releases it, so "ended before
 * the upstream answered" is an order of events, not a timing.
 */
import { describe, expect, it } from 'vitest';
import { gateway, sleep, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

describe('reads of an HTTP request whose client hangs up', async () => {
  const gw = await gateway();
  const { emu } = gw;
  /** How many operations named `name` have ended, whatever their outcome, from /metrics. */
  const ended = async (name: string) => {
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    return [...text.matchAll(new RegExp(`^gateway_operations_total\\{[^}]*operation="${name}"[^}]*\\} (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  };

  it('ends the operation as soon as the client leaves, before the upstream answers, and starts no later read', async () => {
    const task = seeded(emu).projectTask;
    const held = emu.hold('GET', /^\/v2\/tasks\/[^/]+$/);
    const projects = () => emu.count('GET', (p) => p.startsWith('/v2/projects/'));
    const client = new AbortController();
    const answer = fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` },
      body: JSON.stringify({ query: `query LeftEarly { task(task: "${task.id}") { name project { name } } }` }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await until(() => held.waiting === 1, 10_000, 'the task read at the emulator');
    expect(await ended('LeftEarly')).toBe(0);
    client.abort();
    await answer;
    // the read is still held at the emulator, and the operation has ended all the same
    await until(async () => (await ended('LeftEarly')) === 1, 10_000, 'the operation to end');
    expect(held.waiting).toBe(1);
    held.release();
    await sleep(200);
    expect(projects()).toBe(0);
  });
});
