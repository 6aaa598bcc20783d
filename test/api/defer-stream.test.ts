/**
 * `@defer` and `@stream` on every transport: yoga's `/graphql` over
 * multipart/mixed and text/event-stream, graphql-sse at `/graphql/stream`,
 * and graphql-ws. The emulator holds the deferred upstream call
 * (`GET /v2/projects/{id}`) until the test releases it, so "the first payload
 * came before that call completed" is an order of events, not a timing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/server.ts';
import { reader, type Payload } from '../support/incremental.ts';
import { emulator, gateway, until, type Gateway } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const TASK_PAGE = readFileSync(new URL('../../examples/operations/task-detail.graphql', import.meta.url), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('../../examples/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
const PROJECTS = /^\/v2\/projects\/[^/]+$/;

/** A project task of the seeded data. */
const projectTask = (emu: Emulator) => seeded(emu).projectTask;

/** POSTs the task page to `path` with `headers`, for the project task of `gw`'s emulator. */
const postTaskPage = (gw: Gateway, path: string, headers: Record<string, string>, body: Record<string, unknown> = { query: TASK_PAGE }) =>
  fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.emu.apiKey}`, ...headers },
    body: JSON.stringify({ ...body, variables: { task: projectTask(gw.emu).id, runsFirst: 2 } }),
  });

/** Every piece of the later payloads, flattened. */
const pieces = (payloads: Payload[]) => payloads.flatMap((payload) => payload.incremental ?? []);

/**
 * Reads the first payload while the project call is held, then releases it
 * and reads the rest: what each transport must show for the task page.
 */
async function firstBeforeProject(gw: Gateway, open: () => { next(): Promise<Payload | undefined>; rest(): Promise<Payload[]> }) {
  const held = gw.emu.hold('GET', PROJECTS);
  const payloads = open();
  const first = await payloads.next();
  // the first payload is here, and the emulator has not answered the project call (it cannot: it is held)
  expect(gw.emu.count('GET', PROJECTS)).toBe(0);
  expect(first?.data?.task).toMatchObject({ name: projectTask(gw.emu).name, type: 'TEMPLATE_EVALUATION' });
  expect(first?.data?.task).not.toHaveProperty('project');
  expect(first?.hasNext).toBe(true);
  await until(() => held.waiting === 1, 10_000, 'the deferred project call');
  held.release();
  const rest = await payloads.rest();
  expect(gw.emu.count('GET', PROJECTS)).toBe(1);
  const related = pieces(rest).find((piece) => piece.label === 'related');
  expect(related?.path).toEqual(['task']);
  expect(related?.data?.project).toMatchObject({ id: projectTask(gw.emu).project_id });
  const space = pieces(rest).find((piece) => piece.label === 'space');
  expect(space?.data?.space?.name).toEqual(expect.any(String));
  expect(rest.at(-1)?.hasNext).toBe(false);
  return { first, rest };
}

/** The later pieces' errors, with their codes and paths. */
const laterErrors = (payloads: Payload[]) =>
  pieces(payloads).flatMap((piece) => piece.errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path }));

const projectDown = (emu: Emulator) => emu.addFault({ method: 'GET', path: PROJECTS.source, status: 503 });

/** graphql-ws: every `next` of one operation, as a reader. */
function wsReader(gw: Gateway, query: string, variables: Record<string, unknown>) {
  const queue: Payload[] = [];
  const waiting: Array<(payload: Payload | undefined) => void> = [];
  let ended = false;
  const push = (payload: Payload | undefined) => {
    const wake = waiting.shift();
    if (wake) wake(payload);
    else if (payload) queue.push(payload);
  };
  gw.ws().subscribe({ query, variables }, {
    next: (value) => push(value as Payload),
    error: (error) => { ended = true; push({ errors: [{ message: String(error) }] }); },
    complete: () => { ended = true; push(undefined); },
  });
  const next = () => (queue.length > 0 ? Promise.resolve(queue.shift()) : ended ? Promise.resolve(undefined) : new Promise<Payload | undefined>((r) => waiting.push(r)));
  return {
    next,
    rest: async () => {
      const all: Payload[] = [];
      for (let payload = await next(); payload; payload = await next()) all.push(payload);
      return all;
    },
  };
}

describe('@defer on the task page, per transport', () => {
  it('multipart/mixed: the task comes first, while the project call is still upstream; project and space follow', async () => {
    const gw = await gateway({ emu: await emulator() });
    let response: Response | undefined;
    await firstBeforeProject(gw, () => {
      const opened = postTaskPage(gw, '/graphql', { accept: 'multipart/mixed' }).then((r) => { response = r; return r; });
      const lazy = opened.then(reader);
      return { next: () => lazy.then((r) => r.next()), rest: () => lazy.then((r) => r.rest()) };
    });
    expect(response?.headers.get('content-type')).toMatch(/^multipart\/mixed/);
  });

  it('text/event-stream on /graphql: the same order, one event per payload', async () => {
    const gw = await gateway({ emu: await emulator() });
    await firstBeforeProject(gw, () => {
      const lazy = postTaskPage(gw, '/graphql', { accept: 'text/event-stream' }).then(reader);
      return { next: () => lazy.then((r) => r.next()), rest: () => lazy.then((r) => r.rest()) };
    });
  });

  it('graphql-sse at /graphql/stream: the same order, one next event per payload', async () => {
    const gw = await gateway({ emu: await emulator() });
    await firstBeforeProject(gw, () => {
      const lazy = postTaskPage(gw, '/graphql/stream', { accept: 'text/event-stream' }).then(reader);
      return { next: () => lazy.then((r) => r.next()), rest: () => lazy.then((r) => r.rest()) };
    });
  });

  it('graphql-ws: the same order, one next message per payload', async () => {
    const gw = await gateway({ emu: await emulator() });
    await firstBeforeProject(gw, () => wsReader(gw, TASK_PAGE, { task: projectTask(gw.emu).id, runsFirst: 2 }));
  });
});

describe('errors inside a deferred fragment', () => {
  it('multipart/mixed: a project the upstream cannot serve (503) arrives as UPSTREAM_UNAVAILABLE in its payload, the task stays', async () => {
    const gw = await gateway({ emu: await emulator() });
    projectDown(gw.emu);
    const payloads = reader(await postTaskPage(gw, '/graphql', { accept: 'multipart/mixed' }));
    const first = await payloads.next();
    expect(first?.errors).toBeUndefined();
    expect(first?.data?.task?.name).toBe(projectTask(gw.emu).name);
    const rest = await payloads.rest();
    expect(laterErrors(rest)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', path: ['task', 'project'] }]);
  });

  it('text/event-stream: the same code in the later event', async () => {
    const gw = await gateway({ emu: await emulator() });
    projectDown(gw.emu);
    const rest = await reader(await postTaskPage(gw, '/graphql', { accept: 'text/event-stream' })).rest();
    expect(laterErrors(rest)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', path: ['task', 'project'] }]);
  });

  it('graphql-ws: the same code in the later next message', async () => {
    const gw = await gateway({ emu: await emulator() });
    projectDown(gw.emu);
    const rest = await wsReader(gw, TASK_PAGE, { task: projectTask(gw.emu).id }).rest();
    expect(rest[0]?.data?.task?.name).toBe(projectTask(gw.emu).name);
    expect(laterErrors(rest)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', path: ['task', 'project'] }]);
  });

  it('graphql-sse: the same code in the later next event', async () => {
    const gw = await gateway({ emu: await emulator() });
    projectDown(gw.emu);
    const rest = await reader(await postTaskPage(gw, '/graphql/stream', { accept: 'text/event-stream' })).rest();
    expect(laterErrors(rest)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', path: ['task', 'project'] }]);
  });
});

describe('deferred and streamed results with the rest of the gateway', () => {
  it('a client that takes only JSON gets the whole task page in one body', async () => {
    const gw = await gateway({ emu: await emulator() });
    const response = await postTaskPage(gw, '/graphql', { accept: 'application/json' });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json() as Payload;
    expect(body.errors).toBeUndefined();
    expect(body.data.task).toMatchObject({
      name: projectTask(gw.emu).name,
      project: { id: projectTask(gw.emu).project_id, space: { name: expect.any(String) } },
      runs: { nodes: expect.any(Array) },
    });
    expect(body.data.task.evaluators[0]).toMatchObject({ evaluatorId: expect.any(String), columnMappings: expect.any(Array), evaluator: { id: expect.any(String) } });
  });

  it('@stream on a connection\'s edges sends the first item, then the others, in order', async () => {
    const gw = await gateway({ emu: await emulator() });
    const plain = await gw.gql<{ tasks: { edges: Array<{ node: { name: string } }> } }>('{ tasks(first: 5) { edges { node { name } } } }');
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed', authorization: `Bearer ${gw.emu.apiKey}` },
      body: JSON.stringify({ query: '{ tasks(first: 5) { edges @stream(initialCount: 1) { node { name } } } }' }),
    });
    const payloads = reader(response);
    const first = await payloads.next();
    expect(first?.data.tasks.edges).toHaveLength(1);
    const streamed = pieces(await payloads.rest()).flatMap((piece) => piece.items ?? []);
    expect([...first!.data.tasks.edges, ...streamed]).toEqual(plain.data!.tasks.edges);
    expect(streamed).toHaveLength(4);
  });

  it('refuses @defer and @stream in a mutation, before any upstream call', async () => {
    const gw = await gateway({ emu: await emulator() });
    const { errors } = await gw.gql(`mutation { deleteTask(input: { task: "${projectTask(gw.emu).id}" }) { ... @defer { deletedTaskId } } }`);
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errors?.[0]?.message).toMatch(/@defer is for queries/);
    expect(gw.emu.requests).toHaveLength(0);
  });

  it('applies the @defer/@stream rules: unique labels, @stream on lists only, before any upstream call', async () => {
    const gw = await gateway({ emu: await emulator() });
    const refused = async (query: string, message: RegExp) => {
      const { errors } = await gw.gql(query);
      expect(errors?.map((e) => e.extensions?.code)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(errors?.map((e) => e.message).join(' ')).toMatch(message);
    };
    await refused('{ tasks(first: 1) { nodes { ... @defer(label: "a") { name } ... @defer(label: "a") { type } } } }', /label/i);
    await refused('{ tasks(first: 1) { pageInfo @stream { hasNextPage } } }', /list/i);
    expect(gw.emu.requests).toHaveLength(0);
  });

  it('prices a deferred fragment: a deferred fan-out over MAX_QUERY_COST is refused before any upstream call', async () => {
    // 1 call for the page, then 2 per task (project, runs) in the deferred fragment: 41 in all
    const gw = await gateway({ emu: await emulator(), env: { MAX_QUERY_COST: '30' } });
    const { errors } = await gw.gql('{ tasks(first: 20) { nodes { name ... @defer { project { name } runs(first: 20) { nodes { id } } } } } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_COST', cost: 41 });
    expect(gw.emu.requests).toHaveLength(0);
    expect((await gw.gql('{ tasks(first: 20) { nodes { name } } }')).errors).toBeUndefined();
  });

  it('runs the task page as a trusted document by hash under PERSISTED_OPERATIONS=only, incrementally', async () => {
    const gw = await gateway({ emu: await emulator(), env: { PERSISTED_OPERATIONS: 'only' } });
    const hash = Object.entries(manifest).find(([, text]) => text.includes('query TaskDetail'))![0];
    const payloads = await reader(await postTaskPage(gw, '/graphql', { accept: 'multipart/mixed' }, { documentId: hash })).rest();
    expect(payloads[0]?.data?.task?.name).toBe(projectTask(gw.emu).name);
    expect(pieces(payloads).map((piece) => piece.label)).toEqual(expect.arrayContaining(['related', 'space', 'evaluator']));
  });

  it('never compresses a multipart answer: with Accept-Encoding gzip the first part still comes before the held project call', async () => {
    const gw = await gateway({ emu: await emulator() });
    let response: Response | undefined;
    await firstBeforeProject(gw, () => {
      const lazy = postTaskPage(gw, '/graphql', { accept: 'multipart/mixed', 'accept-encoding': 'gzip' }).then((r) => { response = r; return reader(r); });
      return { next: () => lazy.then((r) => r.next()), rest: () => lazy.then((r) => r.rest()) };
    });
    expect(response?.headers.get('content-encoding')).toBeNull();
  });

  it('logs one line for a deferred operation, when its last payload is sent', async () => {
    const gw = await gateway({ emu: await emulator() });
    await reader(await postTaskPage(gw, '/graphql', { accept: 'multipart/mixed' })).rest();
    await until(() => gw.log.lines.some((line) => line.includes('"operation":"TaskDetail"')), 5_000, 'the log line');
    const lines = gw.log.lines.filter((line) => line.includes('"operation":"TaskDetail"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'graphql operation', outcome: 'ok', payloads: expect.any(Number), firstMs: expect.any(Number) });
    expect(lines[0]!.payloads).toBeGreaterThanOrEqual(3);
  });
});
