/**
 * The upstream's text is data, not output: its `detail` reaches the client
 * only for documented input errors (400, 409, 422), at most 300 characters,
 * never for 401, 403 or 5xx; a key the request used is redacted wherever the
 * upstream echoes it; a 401's text is never logged above debug. And a string
 * that cannot be encoded is the caller's input error.
 */
import { describe, expect, it } from 'vitest';
import { api } from '../support/servers.ts';

const TASKS = '{ tasks(first: 1) { nodes { id } } }';
const TRACEBACK = `Traceback (most recent call last):\n  File "/srv/app.py", line 12\n    db = connect("postgres://admin:hunter2@db.internal:5432/arize")\n${'  at frame\n'.repeat(500)}`;

describe('upstream error text', async () => {
  const gw = await api({ serverKey: true });
  const { emu } = gw;
  const fail = async (status: number, detail: string, query = TASKS) => {
    emu.clearFaults();
    emu.addFault({ method: 'GET', path: '^/v2/tasks$', status, detail });
    try {
      return await gw.gql(query, undefined, { key: null });
    } finally {
      emu.clearFaults();
    }
  };
  const logged = () => gw.log.lines.map((l) => JSON.parse(l) as { level: number });

  it('never shows a 5xx\'s detail (a traceback, a database URL)', async () => {
    expect(TRACEBACK.length).toBeGreaterThan(5000);
    const result = await fail(500, TRACEBACK);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 500 } });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/Traceback|postgres:|hunter2/);
  });

  it('never shows a 401\'s detail, redacts the server key it echoes, and logs nothing of it above debug', async () => {
    const before = gw.log.lines.length;
    const result = await fail(401, `the API key ${emu.apiKey} is not valid for org 7`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', upstreamStatus: 401 } });
    expect(JSON.stringify(result)).not.toContain(emu.apiKey);
    expect(JSON.stringify(result)).not.toContain('org 7');
    const lines = gw.log.lines.slice(before);
    expect(lines.join('\n')).not.toContain(emu.apiKey);
    // nothing of the 401 above debug: not its text, not its status (a request id may hold the digits 401 by chance)
    const aboveDebug = lines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number }).filter((l) => l.level > 20);
    expect(aboveDebug.filter((l) => JSON.stringify(l).includes('org 7') || l.status === 401 || l.upstreamStatus === 401 || /\b401\b/.test(String(l.msg)))).toEqual([]);
  });

  it('never shows a 403\'s detail', async () => {
    const result = await fail(403, 'user 12 of org acme-internal lacks role ADMIN');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result)).not.toContain('acme-internal');
  });

  it('shows a documented input error\'s detail, cut to 300 characters, with the key redacted', async () => {
    const long = `name is not valid: ${'x'.repeat(400)}`;
    const result = await fail(422, long);
    const message = result.errors?.[0]?.message ?? '';
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(message).toContain('name is not valid: xxx');
    expect(message.length).toBeLessThan(400);
    const echoed = await fail(400, `bad header Authorization: Bearer ${emu.apiKey}`);
    expect(echoed.errors?.[0]?.message).toContain('Bearer [redacted]');
    expect(JSON.stringify(echoed)).not.toContain(emu.apiKey);
    expect(logged().length).toBeGreaterThan(0);
    expect(gw.log.text()).not.toContain(emu.apiKey);
  });

  it('withholds a documented input error\'s detail that quotes the key in another form: case, percent-encoding, split, base64', async () => {
    const key = emu.apiKey;
    const forms = [
      key.toUpperCase(),
      encodeURIComponent(encodeURIComponent(key)).replace(/-/g, '%252D'),
      `${key.slice(0, 6)} ${key.slice(6)}`,
      Buffer.from(key).toString('base64'),
    ];
    const pieces = Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8).toLowerCase());
    for (const form of forms) {
      const before = gw.log.lines.length;
      const result = await fail(422, `could not use credential ${form} here`);
      expect(result.errors?.[0]?.extensions?.code, form).toBe('BAD_USER_INPUT');
      const shown = `${JSON.stringify(result)}\n${gw.log.lines.slice(before).join('\n')}`.toLowerCase();
      for (const piece of pieces) expect(shown, form).not.toContain(piece);
      expect(shown).not.toContain(Buffer.from(key).toString('base64').toLowerCase());
    }
    // text that quotes no part of the key is shown as before
    expect((await fail(422, 'name must be unique in its space')).errors?.[0]?.message).toContain('name must be unique in its space');
  });
});

describe('strings that cannot be encoded', async () => {
  const gw = await api();

  it('answers a lone surrogate in a variable with BAD_USER_INPUT naming it, and calls nothing', async () => {
    gw.emu.clearLog();
    const result = await gw.gql('query($n: String) { tasks(first: 1, name: $n) { nodes { id } } }', { n: 'abc\ud800' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'n' } });
    expect(gw.emu.requests).toEqual([]);
    const nested = await gw.gql('mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }', {
      i: { name: 'ok', type: 'TEMPLATE_EVALUATION', project: 'p', evaluators: [{ evaluatorId: 'e', columnMappings: { q: '\udc00' } }] },
    });
    expect(nested.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds a lone surrogate however deep a JSON input may nest it (up to its 64 levels and past them)', async () => {
    for (const depth of [40, 64, 200]) {
      let deep: unknown = '\udc00';
      for (let i = 0; i < depth; i++) deep = { k: deep };
      gw.emu.clearLog();
      const result = await gw.gql('mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }', {
        i: { name: 'ok', type: 'TEMPLATE_EVALUATION', project: 'p', evaluators: [{ evaluatorId: 'e' }], queryFilters: { q: deep } },
      });
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/not valid Unicode/), extensions: { code: 'BAD_USER_INPUT' } });
      expect(gw.emu.requests).toEqual([]);
    }
  });

  it('still takes well-formed text beyond the BMP', async () => {
    const result = await gw.gql('query($n: String) { tasks(first: 1, name: $n) { nodes { id } } }', { n: '\ud83d\ude00' });
    expect(result.errors).toBeUndefined();
  });
});
