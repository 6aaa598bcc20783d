import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { api, emulator } from '../support/servers.ts';
import { seeded as seededData } from '../support/fixtures.ts';

const gw = await api();
const { emu } = gw;

const TASK_FIELDS = 'id name type projectId datasetId samplingRate isContinuous queryFilter experimentIds lastRunAt createdAt updatedAt createdByUserId';
const firstTasks = async (args: string) =>
  (await gw.gql(`{ tasks(${args}) { nodes { ${TASK_FIELDS} } pageInfo { hasNextPage } } }`)).data.tasks;

const space = (name: string) => emu.control.spaces().find((s) => s.name === name)!;
const projectNamed = (name: string) => emu.control.projects().find((p) => p.name === name)!;
const datasetNamed = (name: string) => emu.control.datasets().find((p) => p.name === name)!;
const allTasks = () => emu.control.tasks();
const upstreamCalls = () => emu.requests.length;

describe('tasks: filters', () => {
  it('filters by name (case-insensitive substring)', async () => {
    const tasks = await firstTasks('name: "LATENCY"');
    expect(tasks.nodes.length).toBe(allTasks().filter((t) => t.name.includes('latency')).length);
    expect(tasks.nodes.every((t: { name: string }) => t.name.includes('latency'))).toBe(true);
  });

  it('filters by project name within a space, sending project_id upstream', async () => {
    emu.clearLog();
    const project = projectNamed('support-bot');
    const tasks = await firstTasks('project: "support-bot", space: "Production"');
    expect(tasks.nodes.length).toBeGreaterThan(0);
    expect(tasks.nodes.every((t: { projectId: string }) => t.projectId === project.id)).toBe(true);
    const list = emu.requests.find((r) => r.path === '/v2/tasks');
    expect(list?.query).toMatchObject({ project_id: project.id, space_id: space('Production').id });
    expect(list?.query).not.toHaveProperty('space_name');
  });

  it('filters by project id without any lookup', async () => {
    const project = projectNamed('rag-playground');
    emu.clearLog();
    const tasks = await firstTasks(`project: "${project.id}"`);
    expect(tasks.nodes.every((t: { projectId: string }) => t.projectId === project.id)).toBe(true);
    expect(emu.requests.map((r) => r.path)).toEqual(['/v2/tasks']);
  });

  it('filters by dataset (name within a space, and id)', async () => {
    const dataset = datasetNamed('golden-questions');
    const byName = await firstTasks('dataset: "golden-questions", space: "Production"');
    expect(byName.nodes.length).toBeGreaterThan(0);
    expect(byName.nodes.every((t: { datasetId: string }) => t.datasetId === dataset.id)).toBe(true);
    expect((await firstTasks(`dataset: "${dataset.id}"`)).nodes).toEqual(byName.nodes);
  });

  it('filters by space id (space_id) and by exact space name (resolved, then space_id)', async () => {
    const research = space('Research Sandbox');
    emu.clearLog();
    const byId = await firstTasks(`space: "${research.id}"`);
    expect(emu.requests.map((r) => [r.path, r.query])).toEqual([['/v2/tasks', { space_id: research.id, limit: '100' }]]);
    emu.clearLog();
    const byName = await firstTasks('space: "Research Sandbox"');
    expect(emu.requests.map((r) => [r.path, r.query])).toEqual([
      ['/v2/spaces', { name: 'Research Sandbox', limit: '100' }], ['/v2/tasks', { space_id: research.id, limit: '100' }],
    ]);
    expect(byId.nodes.length).toBeGreaterThan(0);
    expect(byName.nodes).toEqual(byId.nodes);
    const bySubstring = await gw.gql('{ tasks(space: "research") { nodes { id } } }');
    expect(bySubstring.errors?.[0]).toMatchObject({ message: "space 'research' not found", extensions: { code: 'NOT_FOUND' } });
  });

  it('filters by type', async () => {
    const tasks = await firstTasks('type: CODE_EVALUATION');
    expect(tasks.nodes.length).toBeGreaterThan(0);
    expect(tasks.nodes.every((t: { type: string }) => t.type === 'CODE_EVALUATION')).toBe(true);
  });

  it('refuses a project name without a space, with no upstream call', async () => {
    const before = upstreamCalls();
    const result = await gw.gql('{ tasks(project: "support-bot") { nodes { id } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/give `space`/);
    expect(upstreamCalls()).toBe(before);
  });

  it('says which names exist when a project name is not found', async () => {
    const result = await gw.gql('{ tasks(project: "support", space: "Production") { nodes { id } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toMatch(/No project named "support".*"support-bot"/);
  });
});

describe('tasks: paging', () => {
  it('pages all seeded tasks with first: 7, each exactly once, with exact hasNextPage', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: any = await gw.gql('query($after: String) { tasks(first: 7, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor startCursor hasPreviousPage } } }', { after });
      const { edges, pageInfo } = result.data.tasks;
      seen.push(...edges.map((e: { node: { id: string } }) => e.node.id));
      pages++;
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      if (!pageInfo.hasNextPage) break;
      expect(edges).toHaveLength(7);
      after = pageInfo.endCursor;
    }
    const ids = allTasks().map((t) => t.id);
    expect(seen).toEqual(ids);
    expect(pages).toBe(Math.ceil(ids.length / 7));
  });

  it('costs one upstream call per page when following endCursor', async () => {
    const page1 = await gw.gql('{ tasks(first: 10) { pageInfo { endCursor } } }');
    emu.clearLog();
    await gw.gql('query($a: String) { tasks(first: 10, after: $a) { nodes { id } } }', { a: page1.data.tasks.pageInfo.endCursor });
    expect(emu.requests.map((r) => `${r.path} limit=${r.query.limit}`)).toEqual(['/v2/tasks limit=10']);
  });

  it('resumes right after any edge cursor, also mid-page', async () => {
    const page = await gw.gql('{ tasks(first: 10) { edges { cursor node { id } } } }');
    const edges = page.data.tasks.edges;
    const ids = allTasks().map((t) => t.id);
    for (const index of [0, 3, 9]) {
      const next = await gw.gql('query($a: String) { tasks(first: 5, after: $a) { nodes { id } } }', { a: edges[index].cursor });
      expect(next.data.tasks.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(index + 1, index + 6));
    }
  });

  it('continues across upstream pages from a mid-page cursor with first: 100', async () => {
    const page = await gw.gql('{ tasks(first: 100) { edges { cursor } } }');
    const mid = page.data.tasks.edges[49].cursor;
    const next = await gw.gql('query($a: String) { tasks(first: 100, after: $a) { nodes { id } pageInfo { hasNextPage } } }', { a: mid });
    const ids = allTasks().map((t) => t.id);
    expect(next.data.tasks.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(50, 150));
    expect(next.data.tasks.pageInfo.hasNextPage).toBe(ids.length > 150);
  });

  it('reports hasNextPage false on the exact last page', async () => {
    const total = allTasks().filter((t) => t.name.includes('latency')).length;
    const exact = await gw.gql(`{ tasks(name: "latency", first: ${total}) { pageInfo { hasNextPage } } }`);
    expect(exact.data.tasks.pageInfo.hasNextPage).toBe(false);
    const short = await gw.gql(`{ tasks(name: "latency", first: ${total - 1}) { pageInfo { hasNextPage } } }`);
    expect(short.data.tasks.pageInfo.hasNextPage).toBe(true);
  });

  it.each([0, 101, -5])('refuses first: %i with BAD_USER_INPUT and no upstream call', async (first) => {
    const before = upstreamCalls();
    const result = await gw.gql(`{ tasks(first: ${first}) { nodes { id } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/`first` must be between 1 and 100/);
    expect(upstreamCalls()).toBe(before);
  });

  it('refuses a cursor it did not make, and a cursor from other filters', async () => {
    const bad = await gw.gql('{ tasks(after: "garbage") { nodes { id } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = (await gw.gql('{ tasks(first: 2) { pageInfo { endCursor } } }')).data.tasks.pageInfo.endCursor;
    const other = await gw.gql('query($a: String) { tasks(first: 2, after: $a, name: "qa") { nodes { id } } }', { a: cursor });
    expect(other.errors?.[0]?.message).toMatch(/other filters/);
  });
});

describe('related objects and loaders', () => {
  it('makes one list call plus one GET per distinct project and evaluator for a page of 100 tasks', async () => {
    emu.clearLog();
    const result = await gw.gql('{ tasks(first: 100) { nodes { id project { name } evaluators { evaluator { name } } } } }');
    expect(result.errors).toBeUndefined();
    const nodes = result.data.tasks.nodes as Array<{ project: { name: string } | null; evaluators: Array<{ evaluator: { name: string } }> }>;
    expect(nodes).toHaveLength(100);
    const page = allTasks().slice(0, 100);
    const projects = new Set(page.map((t) => t.project_id).filter(Boolean));
    const evaluators = new Set(page.flatMap((t) => t.evaluators.map((e) => e.evaluator_id)));
    expect(emu.count('GET', '/v2/tasks')).toBe(1);
    expect(emu.count('GET', (p) => p.startsWith('/v2/projects/'))).toBe(projects.size);
    expect(emu.count('GET', (p) => p.startsWith('/v2/evaluators/'))).toBe(evaluators.size);
    expect(emu.requests).toHaveLength(1 + projects.size + evaluators.size);
    expect(nodes[0]?.project?.name).toBe('checkout-assistant');
  });

  it('fetches nothing related unless selected', async () => {
    emu.clearLog();
    await gw.gql('{ tasks(first: 20) { nodes { id projectId evaluators { evaluatorId evaluatorName } } } }');
    expect(emu.requests.map((r) => r.path)).toEqual(['/v2/tasks']);
  });

  it('resolves dataset, experiments, spaces and the task of a run', async () => {
    const dataset = datasetNamed('golden-questions');
    const result = await gw.gql(`{ tasks(dataset: "${dataset.id}", first: 1) { nodes {
      dataset { name space { name } } experiments { name dataset { name } } project { name }
      runs(first: 1) { nodes { task { name } } } } } }`);
    expect(result.errors).toBeUndefined();
    const task = result.data.tasks.nodes[0];
    expect(task.dataset).toEqual({ name: 'golden-questions', space: { name: 'Production' } });
    expect(task.project).toBeNull();
    expect(task.experiments.length).toBeGreaterThan(0);
    expect(task.experiments[0].dataset.name).toBe('golden-questions');
  });
});

describe('task, taskRuns, taskRun', () => {
  const seeded = allTasks().find((t) => t.name === 'hallucination-check-001')!;

  it('gets a task by id without a lookup', async () => {
    emu.clearLog();
    const result = await gw.gql(`{ task(task: "${seeded.id}") { ${TASK_FIELDS} evaluators { evaluatorId evaluatorName queryFilter columnMappings { variable column } } } }`);
    expect(result.data.task).toMatchObject({ id: seeded.id, name: seeded.name, type: 'TEMPLATE_EVALUATION', isContinuous: seeded.is_continuous });
    expect(result.data.task.evaluators[0].columnMappings).toContainEqual({ variable: 'input', column: 'attributes.input.value' });
    expect(emu.requests.map((r) => r.path)).toEqual([`/v2/tasks/${encodeURIComponent(seeded.id)}`]);
  });

  it('gets a task by name within a space, matching the name exactly', async () => {
    emu.clearLog();
    const result = await gw.gql('{ task(task: "hallucination-check-001", space: "Production") { id name } }');
    expect(result.data.task).toEqual({ id: seeded.id, name: 'hallucination-check-001' });
    expect(emu.requests[0]?.query).toEqual({ name: 'Production', limit: '100' });
    expect(emu.requests[1]?.query).toEqual({ name: 'hallucination-check-001', space_id: space('Production').id, limit: '100' });
    expect(emu.requests).toHaveLength(2); // the space, then the task; the found item is primed: no extra GET
  });

  it('follows cursors when resolving a name whose substring matches more than a page', async () => {
    const crowded = await emulator();
    const gw2 = await api({ emu: crowded });
    const evaluator = seededData(crowded).firstEvaluator;
    const project = seededData(crowded).firstProject;
    for (let i = 0; i < 120; i++) {
      crowded.control.createTask({ name: `shared-${String(i).padStart(3, '0')}`, type: 'CODE_EVALUATION', project_id: project.id, is_continuous: false, evaluators: [{ evaluator_id: evaluator.id }] });
    }
    crowded.control.createTask({ name: 'shared', type: 'CODE_EVALUATION', project_id: project.id, is_continuous: false, evaluators: [{ evaluator_id: evaluator.id }] });
    crowded.clearLog();
    const result = await gw2.gql(`{ task(task: "shared", space: "${project.space_id}") { name } }`);
    expect(result.data.task).toEqual({ name: 'shared' });
    expect(crowded.count('GET', '/v2/tasks')).toBe(2);
  });

  it('refuses a task name without a space', async () => {
    const result = await gw.gql('{ task(task: "hallucination-check-001") { id } }');
    expect(result.data.task).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['task'], extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('is null with NOT_FOUND for a missing task', async () => {
    const result = await gw.gql('{ task(task: "T25saW5lVGFzazo5OTk5OTpxUndY") { id } }');
    expect(result.data.task).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an id of another kind with no upstream call', async () => {
    const runId = seededData(emu).firstRun.id;
    const before = upstreamCalls();
    const result = await gw.gql(`{ task(task: "${runId}") { id } taskRun(id: "${seeded.id}") { id } }`);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    const messages = result.errors?.map((e) => e.message).sort();
    expect(messages?.[0]).toMatch(/^`id` expects a TaskRun id, but .* is a Task id/);
    expect(messages?.[1]).toMatch(/^`task` expects a Task id, but .* is a TaskRun id/);
    expect(upstreamCalls()).toBe(before);
  });

  it('passes an id with an unknown prefix on as it is', async () => {
    const odd = Buffer.from('LegacyTask:5:abcd').toString('base64');
    emu.clearLog();
    const result = await gw.gql(`{ task(task: "${odd}") { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(emu.requests[0]?.path).toBe(`/v2/tasks/${encodeURIComponent(odd)}`);
  });

  it('lists a task\'s runs by status, newest first, through Task.runs and taskRuns', async () => {
    const withRuns = allTasks().find((t) => emu.control.runs(t.id).length >= 2)!;
    const expected = emu.control.runs(withRuns.id).reverse(); // newest first, as the API lists them
    const viaTask = await gw.gql(`{ task(task: "${withRuns.id}") { runs { nodes { id status isTerminal } } } }`);
    expect(viaTask.data.task.runs.nodes.map((r: { id: string }) => r.id)).toEqual(expected.map((r) => r.id));
    const status = expected[0]!.status;
    emu.clearLog();
    const filtered = await gw.gql(`{ taskRuns(task: "${withRuns.id}", status: ${status.toUpperCase()}) { nodes { id status } } }`);
    expect(filtered.data.taskRuns.nodes.length).toBeGreaterThan(0);
    expect(filtered.data.taskRuns.nodes.every((r: { status: string }) => r.status === status.toUpperCase())).toBe(true);
    expect(emu.requests[0]?.query).toMatchObject({ status });
  });

  it('pages runs with first and after', async () => {
    const task = allTasks()[0]!;
    for (let i = 0; i < 5; i++) emu.control.trigger(task.id, { data_start_time: new Date(Date.now() - 3_600_000 - i).toISOString() });
    const ids = emu.control.runs(task.id).reverse().map((r) => r.id); // newest first
    const page1 = await gw.gql(`{ taskRuns(task: "${task.id}", first: 2) { edges { cursor node { id } } pageInfo { hasNextPage } } }`);
    expect(page1.data.taskRuns.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(page1.data.taskRuns.pageInfo.hasNextPage).toBe(true);
    const page2 = await gw.gql(`query($a: String) { taskRuns(task: "${task.id}", first: 10, after: $a) { nodes { id } pageInfo { hasNextPage } } }`, { a: page1.data.taskRuns.edges[1].cursor });
    expect(page2.data.taskRuns.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(2));
    expect(page2.data.taskRuns.pageInfo.hasNextPage).toBe(false);
  });

  it('gets a run, and is null with NOT_FOUND for a missing one', async () => {
    const run = seededData(emu).firstRun;
    const found = await gw.gql(`{ taskRun(id: "${run.id}") { id taskId status numSuccesses numErrors numSkipped createdAt dataStartTime dataEndTime runStartedAt runFinishedAt createdByUserId } }`);
    expect(found.data.taskRun).toMatchObject({ id: run.id, taskId: run.task_id });
    const missing = await gw.gql('{ taskRun(id: "VGFza1J1bjo5OTk5OTpxUndY") { id } }');
    expect(missing.data.taskRun).toBeNull();
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('node and nodes', () => {
  it('dispatches on the id\'s type prefix', async () => {
    const task = allTasks()[0]!;
    const project = projectNamed('support-bot');
    const run = seededData(emu).firstRun;
    const result = await gw.gql(`{
      t: node(id: "${task.id}") { __typename id ... on Task { name } }
      p: node(id: "${project.id}") { __typename ... on Project { name } }
      r: node(id: "${run.id}") { __typename ... on TaskRun { status } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.t).toMatchObject({ __typename: 'Task', id: task.id, name: task.name });
    expect(result.data.p).toEqual({ __typename: 'Project', name: 'support-bot' });
    expect(result.data.r.__typename).toBe('TaskRun');
  });

  it('returns null in the place of each missing id, with NOT_FOUND at its path', async () => {
    const task = allTasks()[1]!;
    const result = await gw.gql(`{ nodes(ids: ["${task.id}", "T25saW5lVGFzazo5OTk5OTpxUndY", "${task.id}"]) { id } }`);
    expect(result.data.nodes).toEqual([{ id: task.id }, null, { id: task.id }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['nodes', 1], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('auth and errors', () => {
  it('uses the caller\'s Bearer key for the upstream calls', async () => {
    emu.clearLog();
    const bad = await gw.gql('{ tasks(first: 1) { nodes { id } } }', {}, { key: 'not-a-real-key' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstreamStatus: 401 });
    expect(JSON.stringify(bad)).not.toContain('not-a-real-key');
  });

  it('is UNAUTHENTICATED with no upstream call when neither the request nor the server has a key', async () => {
    const before = upstreamCalls();
    const result = await gw.gql('{ tasks { nodes { id } } }', {}, { key: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(upstreamCalls()).toBe(before);
    expect((await gw.gql('{ __typename }', {}, { key: null })).data).toEqual({ __typename: 'Query' });
  });

  it('falls back to the server key, and prefers the caller\'s', async () => {
    const withKey = await api({ emu, serverKey: true });
    expect((await withKey.gql('{ tasks(first: 1) { nodes { id } } }', {}, { key: null })).errors).toBeUndefined();
    expect((await withKey.gql('{ tasks(first: 1) { nodes { id } } }', {}, { key: 'other' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization that is not Bearer, without echoing it', async () => {
    const result = await gw.gql('{ tasks { nodes { id } } }', {}, { key: null, headers: { authorization: 'Basic c2VjcmV0' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(result)).not.toContain('c2VjcmV0');
  });

  it('maps upstream failures after retries to UPSTREAM_UNAVAILABLE, and 429 to RATE_LIMITED with retryAfterSeconds', async () => {
    emu.addFault({ method: 'GET', path: '^/v2/tasks$', status: 503, times: 3 });
    const down = await gw.gql('{ tasks(first: 1) { nodes { id } } }');
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503 });
    emu.addFault({ method: 'GET', path: '^/v2/tasks$', status: 429, retryAfterSeconds: 120, times: 1 });
    const limited = await gw.gql('{ tasks(first: 1) { nodes { id } } }');
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 120 });
    expect(JSON.stringify(limited)).not.toMatch(/127\.0\.0\.1|stack/);
  });

  it('keeps yoga\'s codes for documents that do not parse or validate', async () => {
    expect((await gw.gql('{ tasks { ')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await gw.gql('{ tasks { nope } }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('lists of what tasks point at', () => {
  it('lists spaces, projects, datasets and evaluators, filtered by space and name', async () => {
    const result = await gw.gql(`{
      spaces { nodes { name } }
      projects(space: "Production") { nodes { name space { name } } }
      datasets(name: "ADVERSARIAL") { nodes { name } }
      evaluators(space: "Production", first: 2) { nodes { name type } pageInfo { hasNextPage } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.spaces.nodes.map((s: { name: string }) => s.name)).toEqual(emu.control.spaces().map((s) => s.name));
    expect(result.data.projects.nodes).toEqual([
      { name: 'checkout-assistant', space: { name: 'Production' } },
      { name: 'support-bot', space: { name: 'Production' } },
    ]);
    expect(result.data.datasets.nodes).toEqual([{ name: 'adversarial-prompts' }]);
    expect(result.data.evaluators.nodes).toHaveLength(2);
    expect(result.data.evaluators.pageInfo.hasNextPage).toBe(true);
  });

  it('lists a dataset\'s experiments by dataset name within a space', async () => {
    const dataset = datasetNamed('golden-questions');
    emu.clearLog();
    const result = await gw.gql('{ experiments(dataset: "golden-questions", space: "Production") { nodes { name datasetId dataset { name } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.experiments.nodes.length).toBe(emu.control.experiments().filter((e) => e.dataset_id === dataset.id).length);
    expect(result.data.experiments.nodes.every((e: { datasetId: string }) => e.datasetId === dataset.id)).toBe(true);
    // the space is resolved, the dataset found by listing (so selecting it costs no GET); experiments by dataset_id alone
    expect(emu.requests.map((r) => r.path)).toEqual(['/v2/spaces', '/v2/datasets', '/v2/experiments']);
    expect(emu.requests[2]?.query).toEqual({ dataset_id: dataset.id, limit: '100' });
  });

  it('pages a list with first and after like tasks', async () => {
    const page1 = await gw.gql('{ evaluators(first: 2) { edges { cursor node { id } } } }');
    const after = page1.data.evaluators.edges[1].cursor;
    const page2 = await gw.gql('query($a: String) { evaluators(first: 50, after: $a) { nodes { id } pageInfo { hasNextPage } } }', { a: after });
    const all = await gw.gql('{ evaluators { nodes { id } } }');
    expect(page2.data.evaluators.nodes).toEqual(all.data.evaluators.nodes.slice(2));
    expect(page2.data.evaluators.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a dataset name without a space', async () => {
    const result = await gw.gql('{ experiments(dataset: "golden-questions") { nodes { id } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('argument checks come before lookups', () => {
  it('refuses a bad first or after for taskRuns by task name without any upstream call', async () => {
    const before = upstreamCalls();
    const bigPage = await gw.gql('{ taskRuns(task: "hallucination-check-001", space: "Production", first: 500) { nodes { id } } }');
    expect(bigPage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await gw.gql('{ taskRuns(task: "hallucination-check-001", space: "Production", after: "nope") { nodes { id } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(upstreamCalls()).toBe(before);
  });
});

describe('a misbehaving upstream', () => {
  it('stops following empty pages that claim has_more: a page after 100 (UPSTREAM_ERROR), a space name after 10 (NOT_FOUND, saying so)', async () => {
    let calls = 0;
    const endless = http.createServer((_req, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tasks: [], pagination: { has_more: true, next_cursor: `c${calls}` } }));
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const g = await api({ emu, env: { ARIZE_API_URL: `http://127.0.0.1:${(endless.address() as AddressInfo).port}` } });
    const page = await g.gql('{ tasks(first: 5) { nodes { id } } }');
    const byName = await g.gql('{ task(task: "x", space: "s") { id } }');
    endless.close();
    expect(page.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(byName.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/^space 's' not found; .* the rest were not read/) });
    expect(calls).toBe(100 + 10);
  });
});
