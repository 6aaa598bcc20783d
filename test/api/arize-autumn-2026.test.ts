/**
 * The gateway against Arize's API as of autumn 2026 (`upstream-changes.md`,
 * "078afbd/d7b5b48 -> autumn 2026"), through the emulator, counting the
 * upstream calls on its request log: exact space resolution, standalone
 * experiments, trace/session-level filtering, one data scope per task,
 * types the gateway does not know, `query_filter` on RUN_EXPERIMENT
 * triggers, OAuth access tokens, integrations as nodes, and a cost limit
 * that bounds what name lookups can call.
 */
import { describe, expect, it } from 'vitest';
import { DECISION_JUDGE, DEMO_USER_ID, type Task } from '../../emulator/store.ts';
import { conformance } from '../support/openapi.ts';
import { FAST_RUNS, api, collect, emulator } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';


const gw = await api();
const { emu } = gw;
const spaceNamed = (name: string) => emu.control.spaces().filter((s) => s.name === name);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};
const tasksNamed = (name: string) => emu.control.tasks().filter((t) => t.name === name);
const spaceOfTask = (task: Task) => emu.control.spaceOf(task);
const evaluatorNamed = (name: string) => emu.control.evaluators().find((e) => e.name === name)!;
const calls = () => emu.requests.map((r) => `${r.method} ${r.path}`);

describe('space arguments are resolved exactly, once per request', () => {
  it('finds `demo` exactly, though `demo-space` (and Demo-Space) contain it and come first', async () => {
    for (const name of ['demo', 'demo-space', 'Demo-Space']) {
      const space = only(spaceNamed(name));
      const task = only(tasksNamed('onboarding-check').filter((t) => spaceOfTask(t) === space.id));
      emu.clearLog();
      const result = await gw.gql('query($space: String) { task(task: "onboarding-check", space: $space) { id queryFilter } }', { space: name });
      expect(result.errors).toBeUndefined();
      expect(result.data.task).toEqual({ id: task.id, queryFilter: `metadata.space = '${name}'` });
      expect(emu.requests.map((r) => [r.path, r.query])).toEqual([
        ['/v2/spaces', { name, limit: '100' }],
        ['/v2/tasks', { name: 'onboarding-check', space_id: space.id, limit: '100' }],
      ]);
    }
  });

  it('refuses a name two spaces share, with no further call', async () => {
    emu.clearLog();
    const result = await gw.gql('{ tasks(space: "Evaluation Lab") { nodes { id } } }');
    expect(result.errors?.[0]).toMatchObject({
      message: "Multiple spaces named 'Evaluation Lab'. Use a space ID to disambiguate.",
      extensions: { code: 'BAD_USER_INPUT', field: 'space' },
    });
    expect(calls()).toEqual(['GET /v2/spaces']);
  });

  it('says a name no space has exactly is not found (a substring no longer matches), with no further call', async () => {
    emu.clearLog();
    const result = await gw.gql('{ task(task: "hallucination-check-001", space: "Prod") { id } }');
    expect(result.errors?.[0]).toMatchObject({ message: "space 'Prod' not found", extensions: { code: 'NOT_FOUND', argument: 'space' } });
    expect(result.data).toEqual({ task: null });
    expect(calls()).toEqual(['GET /v2/spaces']);
  });

  it('looks a name up once however many fields use it, and again in the next request', async () => {
    const query = `{
      tasks(space: "Production", first: 2) { nodes { id } }
      projects(space: "Production") { nodes { name } }
      evaluators(space: "Production", first: 1) { nodes { id } }
      experiments(space: "Production", first: 1) { nodes { id } }
      aiIntegrations(space: "Production") { nodes { id } }
      integrations(type: AGENT, space: "Production") { nodes { id } }
      task(task: "hallucination-check-001", space: "Production") { id }
      taskRuns(task: "hallucination-check-001", space: "Production", first: 1) { nodes { id } }
    }`;
    const production = only(spaceNamed('Production'));
    for (let request = 0; request < 2; request++) {
      emu.clearLog();
      const result = await gw.gql(query);
      expect(result.errors).toBeUndefined();
      expect(emu.count('GET', '/v2/spaces')).toBe(1);
      // every space-scoped call carries the resolved id, none a space name
      const scoped = emu.requests.filter((r) => r.path !== '/v2/spaces' && !r.path.startsWith('/v2/tasks/'));
      expect(scoped.map((r) => r.path).sort()).toEqual(['/v2/ai-integrations', '/v2/evaluators', '/v2/experiments', '/v2/integrations', '/v2/projects', '/v2/tasks', '/v2/tasks']);
      expect(scoped.every((r) => r.query.space_id === production.id && !('space_name' in r.query))).toBe(true);
    }
  });

  it('needs no lookup for a space id, and does not look up a space that nothing needs', async () => {
    const production = only(spaceNamed('Production'));
    const task = tasksNamed('hallucination-check-001')[0]!;
    emu.clearLog();
    const result = await gw.gql(`{
      byId: tasks(space: "${production.id}", first: 1) { nodes { id } }
      unneeded: task(task: "${task.id}", space: "Evaluation Lab") { name }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.unneeded).toEqual({ name: 'hallucination-check-001' });
    expect(calls().sort()).toEqual(['GET /v2/tasks', `GET /v2/tasks/${encodeURIComponent(task.id)}`]);
  });

  it('resolves a space in mutation inputs too, sending only space_id', async () => {
    const demo = only(spaceNamed('demo'));
    emu.clearLog();
    const result = await gw.gql(`mutation { createTask(input: { name: "demo-created", type: TEMPLATE_EVALUATION, project: "demo-app", space: "demo",
      evaluators: [{ evaluatorId: "${emu.control.evaluators().find((e) => e.name === 'Helpfulness' && e.space_id === demo.id)!.id}" }] }) { task { id projectId } } }`);
    expect(result.errors).toBeUndefined();
    const project = emu.control.projects().find((p) => p.name === 'demo-app' && p.space_id === demo.id)!;
    expect(result.data.createTask.task.projectId).toBe(project.id);
    expect(emu.requests.filter((r) => r.method === 'GET').map((r) => [r.path, r.query])).toEqual([
      ['/v2/spaces', { name: 'demo', limit: '100' }],
      ['/v2/projects', { name: 'demo-app', space_id: demo.id, limit: '100' }],
      ['/v2/tasks', { name: 'demo-created', space_id: demo.id, limit: '100' }],
    ]);
    const wrongSpace = await gw.gql('mutation { deleteTask(input: { task: "demo-created", space: "Evaluation Lab" }) { deletedTaskId } }');
    expect(wrongSpace.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.space' });
  });

  it('follows next_cursor through the spaces whose names contain the name', async () => {
    const crowded = await emulator();
    const gw2 = await api({ emu: crowded });
    for (let i = 0; i < 150; i++) crowded.control.addSpace(`Zeta shard ${i}`, '2026-10-01T00:00:00.000Z');
    const { id } = crowded.control.addSpace('zeta', '2026-10-01T00:00:00.000Z');
    crowded.clearLog();
    const result = await gw2.gql('{ projects(space: "zeta") { nodes { id } } }');
    expect(result).toMatchObject({ data: { projects: { nodes: [] } } });
    const lookups = crowded.requests.filter((r) => r.path === '/v2/spaces');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]?.query).toMatchObject({ name: 'zeta', limit: '100', cursor: expect.any(String) });
    expect(crowded.requests.at(-1)?.query).toMatchObject({ space_id: id });
  });
});

describe('standalone experiments', () => {
  const playground = seeded(emu).playground;

  it('lists a space\'s experiments, standalone ones included, and reads a run with no example as null', async () => {
    const production = only(spaceNamed('Production'));
    emu.clearLog();
    const result = await gw.gql(`{ experiments(space: "Production") { nodes { id name datasetId spaceId space { name }
      runs { nodes { id exampleId output error columns } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(emu.requests.find((r) => r.path === '/v2/experiments')?.query).toEqual({ space_id: production.id, limit: '100' });
    const nodes = result.data.experiments.nodes as Array<{ id: string; datasetId: string | null; spaceId: string; space: { name: string }; runs: any }>;
    expect(nodes.every((e) => e.spaceId === production.id && e.space.name === 'Production')).toBe(true);
    const standalone = nodes.find((e) => e.id === playground.id)!;
    expect(standalone).toMatchObject({ name: 'playground-chat', datasetId: null });
    expect(standalone.runs.nodes.map((r: { exampleId: unknown }) => r.exampleId)).toEqual([null, null, null]); // two sent null, one left it out
    expect(standalone.runs.nodes[0].columns).toMatchObject({ 'input.prompt': expect.any(String) });
    expect(standalone.runs.nodes[1]).toMatchObject({ output: null, error: 'The model refused the prompt.' });
  });

  it('scopes to a dataset given by id without looking up the space beside it', async () => {
    const golden = seeded(emu).golden;
    emu.clearLog();
    const result = await gw.gql(`{ experiments(dataset: "${golden.id}", space: "Evaluation Lab") { nodes { datasetId spaceId } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.experiments.nodes.every((e: { datasetId: string; spaceId: string }) => e.datasetId === golden.id && e.spaceId === golden.space_id)).toBe(true);
    expect(emu.requests.map((r) => [r.path, r.query])).toEqual([['/v2/experiments', { dataset_id: golden.id, limit: '100' }]]);
  });
});

describe('trace/session-level filtering', () => {
  const TASK = 'id type queryFilter queryFilters evaluators { evaluatorId queryFilter columnMappings { variable column } queryMappings }';
  const filters = { traceFilter: "attributes.session.turn_count >= 3", minTurns: 3, channel: null, nested: { camelCase: [1, null, { deepKey: null }] } };
  const mappings = { conversation: { source: 'trace', spanKind: 'LLM' }, expectedTool: null };
  const traceEvaluator = () => evaluatorNamed('Trace coherence');

  it('reads the seeded trace-level task\'s filters and mappings exactly as sent', async () => {
    const seeded = tasksNamed('trace-coherence-check')[0]!;
    const result = await gw.gql(`{ task(task: "${seeded.id}") { ${TASK} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.task).toEqual({
      id: seeded.id, type: 'TEMPLATE_EVALUATION', queryFilter: null, queryFilters: seeded.query_filters,
      evaluators: seeded.evaluators.map((e) => ({ evaluatorId: e.evaluator_id, queryFilter: null, columnMappings: [], queryMappings: e.query_mappings })),
    });
    expect(JSON.stringify(result.data.task.queryFilters)).toBe(JSON.stringify(seeded.query_filters)); // keys, order and nulls as sent
  });

  it('sends queryFilters and queryMappings unchanged (camelCase keys, null members) and reads them back unchanged', async () => {
    emu.clearLog();
    const result = await gw.gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { task { ${TASK} } } }`, { input: {
      name: 'trace-roundtrip', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', space: 'Production', isContinuous: false,
      queryFilters: filters, evaluators: [{ evaluatorId: traceEvaluator().id, queryMappings: mappings }],
    } });
    expect(result.errors).toBeUndefined();
    const post = emu.requests.find((r) => r.method === 'POST')!;
    expect(JSON.stringify((post.body as { query_filters: unknown }).query_filters)).toBe(JSON.stringify(filters));
    expect((post.body as { evaluators: unknown[] }).evaluators).toEqual([{ evaluator_id: traceEvaluator().id, query_mappings: mappings }]);
    expect(conformance('CreateTaskRequest', post.body, { strict: true })).toEqual([]);
    expect(result.data.createTask.task).toMatchObject({ queryFilter: null, queryFilters: filters, evaluators: [{ queryMappings: mappings, columnMappings: [] }] });

    const id = result.data.createTask.task.id as string;
    emu.clearLog();
    const cleared = await gw.gql(`mutation { updateTask(input: { task: "${id}", queryFilters: null }) { task { queryFilters } } }`);
    expect(cleared.data.updateTask.task).toEqual({ queryFilters: null });
    const patch = emu.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ query_filters: null });
    expect(conformance('UpdateTaskRequest', patch.body, { strict: true })).toEqual([]);
  });

  it.each([
    ['queryFilters beside queryFilter', { queryFilter: "span_kind = 'LLM'", queryFilters: filters }, [{}], 'queryFilters'],
    ['queryFilters beside an evaluator\'s columnMappings', { queryFilters: filters }, [{ columnMappings: [{ variable: 'input', column: 'x' }] }], 'queryFilters'],
    ['an evaluator\'s queryMappings beside queryFilter', { queryFilter: "span_kind = 'LLM'" }, [{ queryMappings: mappings }], 'evaluators'],
    ['queryMappings beside another evaluator\'s queryFilter', {}, [{ queryMappings: mappings }, { queryFilter: 'x = 1' }], 'evaluators'],
  ])('refuses a create that mixes the shapes (%s), naming the field, before any call', async (_what, task, evaluators, field) => {
    const ids = [traceEvaluator().id, evaluatorNamed('Tool-use correctness').id];
    emu.clearLog();
    const result = await gw.gql('mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }', { input: {
      name: 'mixed', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', space: 'Production', ...task,
      evaluators: evaluators.map((e, i) => ({ evaluatorId: ids[i], ...e })),
    } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringMatching(/never both/) });
    expect(emu.requests).toEqual([]);
  });

  it('refuses JSON nested deeper than 64 levels before any call, as a variable or inline, instead of a write of unknown outcome', async () => {
    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { deeper: nested(depth - 1) });
    const create = 'mutation($f: JSON) { createTask(input: { name: "too-deep", type: TEMPLATE_EVALUATION, project: "checkout-assistant", space: "Production", queryFilters: $f, evaluators: [{ evaluatorId: "EVALUATOR" }] }) { task { id } } }'
      .replace('EVALUATOR', traceEvaluator().id);
    // 5000 levels: more than JSON.stringify can write (the client's stringify would fail too, so the body is sent as text)
    const deepBody = `{"query": ${JSON.stringify(create)}, "variables": {"f": {"a": ${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
    const send = async (body: string) => (await gw.app.fetch(`${gw.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.apiKey}` }, body,
    })).json() as Promise<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
    emu.clearLog();
    for (const body of [deepBody, JSON.stringify({ query: create, variables: { f: nested(65) } })]) {
      const result = await send(body);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/nested deeper than 64 levels/) });
      expect(result.errors?.[0]?.extensions?.outcome).toBeUndefined();
    }
    const inline = await gw.gql(create.replace('($f: JSON)', '').replace('$f', `{ a: ${'['.repeat(70)}${']'.repeat(70)} }`));
    expect(inline.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/nested deeper than 64 levels/) });
    expect(emu.requests).toEqual([]);
    // 64 levels are fine
    const fine = await gw.gql(create.replace('"too-deep"', '"deep-enough"'), { f: nested(63) });
    expect(fine.errors).toBeUndefined();
  });

  it('refuses an update that mixes the shapes, or filters that are not a JSON object, before any call', async () => {
    const seeded = tasksNamed('trace-coherence-check')[0]!;
    emu.clearLog();
    const mixed = await gw.gql(`mutation($f: JSON) { updateTask(input: { task: "${seeded.id}", queryFilter: "a = 1", queryFilters: $f }) { task { id } } }`, { f: filters });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'queryFilters' });
    for (const bad of [[1, 2], 'a = 1', 3]) {
      const notObject = await gw.gql(`mutation($f: JSON) { updateTask(input: { task: "${seeded.id}", queryFilters: $f }) { task { id } } }`, { f: bad });
      expect(notObject.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.queryFilters' }, message: expect.stringMatching(/must be a JSON object/) });
    }
    expect(emu.requests).toEqual([]);
  });

  it('passes the upstream\'s 400 on when the input clashes with what the stored task holds, and a switch of shapes in one update works', async () => {
    const spanTask = emu.control.tasks().find((t) => t.query_filter !== null && t.project_id && t.type === 'TEMPLATE_EVALUATION')!;
    const clash = await gw.gql(`mutation($f: JSON) { updateTask(input: { task: "${spanTask.id}", queryFilters: $f }) { task { id } } }`, { f: filters });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamStatus: 400 });
    expect(emu.control.task(spanTask.id)!.query_filters).toBeNull();
    const evaluators = [{ evaluatorId: traceEvaluator().id, queryMappings: mappings }];
    const switched = await gw.gql(`mutation($f: JSON, $e: [TaskEvaluatorInput!]) { updateTask(input: { task: "${spanTask.id}", queryFilter: null, queryFilters: $f, evaluators: $e }) { task { queryFilter queryFilters } } }`,
      { f: filters, e: evaluators });
    expect(switched.errors).toBeUndefined();
    expect(switched.data.updateTask.task).toEqual({ queryFilter: null, queryFilters: filters });
  });
});

describe('one data scope per task', () => {
  const CREATE = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }';
  const posts = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v2/tasks');

  it('turns the upstream\'s 422 on mixed scopes into BAD_USER_INPUT naming evaluators, with its detail, writing once', async () => {
    const span = evaluatorNamed('Hallucination');
    const trace = evaluatorNamed('Trace coherence');
    emu.clearLog();
    const before = emu.control.tasks().length;
    const result = await gw.gql(CREATE, { input: {
      name: 'mixed-scopes', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', space: 'Production', evaluators: [{ evaluatorId: span.id }, { evaluatorId: trace.id }],
    } });
    expect(result.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT', field: 'evaluators', upstreamStatus: 422,
        scopes: [{ evaluatorId: span.id, evaluatorVersionId: null, scope: 'SPAN' }, { evaluatorId: trace.id, evaluatorVersionId: null, scope: 'TRACE' }],
      },
      message: expect.stringMatching(/^Arize API 422: all evaluators on one task must evaluate the same data scope/),
    });
    expect(posts()).toHaveLength(1);
    expect(emu.control.tasks().length).toBe(before);
  });

  it('leaves a 422 of another rule as it is: the scopes, not the detail, tell them apart', async () => {
    emu.addFault({ method: 'POST', path: '^/v2/tasks$', status: 422, times: 1 });
    emu.clearLog();
    const twoSpan = await gw.gql(CREATE, { input: {
      name: 'same-scope', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', space: 'Production',
      evaluators: [{ evaluatorId: evaluatorNamed('Hallucination').id }, { evaluatorId: evaluatorNamed('Relevance').id }],
    } });
    expect(twoSpan.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(twoSpan.errors?.[0]?.extensions).not.toHaveProperty('field');
    const customCode = await gw.gql(CREATE, { input: {
      name: 'two-custom', type: 'CODE_EVALUATION', project: 'checkout-assistant', space: 'Production',
      evaluators: [{ evaluatorId: evaluatorNamed('Latency budget').id }, { evaluatorId: evaluatorNamed('PII scrubber').id }],
    } });
    expect(customCode.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', upstreamStatus: 422 }, message: expect.stringMatching(/Only one custom code evaluator/) });
    expect(customCode.errors?.[0]?.extensions).not.toHaveProperty('field');
    expect(posts()).toHaveLength(2);
  });

  it('reads a pinned version\'s scope on an update, and patches once', async () => {
    const task = tasksNamed('trace-coherence-check')[0]!;
    const hallucination = evaluatorNamed('Hallucination');
    emu.clearLog();
    const result = await gw.gql(`mutation { updateTask(input: { task: "${task.id}", evaluators: [
      { evaluatorId: "${evaluatorNamed('Trace coherence').id}" }, { evaluatorId: "${hallucination.id}", evaluatorVersionId: "${hallucination.versions[0]!.id}" }] }) { task { id } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evaluators', scopes: [{ scope: 'TRACE' }, { scope: 'SPAN', evaluatorVersionId: hallucination.versions[0]!.id }] });
    expect(emu.count('PATCH', () => true)).toBe(1);
    expect(emu.requests.some((r) => r.path === `/v2/evaluator-versions/${encodeURIComponent(hallucination.versions[0]!.id)}`)).toBe(true);
  });
});

describe('types the gateway does not know (Decision Judge)', () => {
  const judge = seeded(emu).judgeTask;
  const judgeEvaluator = seeded(emu).judgeEvaluator;

  it('reads the task and the evaluator as UNKNOWN with their typeName in lists, gets, node, nodes and runs', async () => {
    const judgeRun = emu.control.runs().find((r) => r.task_id === judge.id)!; // the seed gave the task runs
    const result = await gw.gql(`{
      tasks(first: 10) { nodes { id type typeName } }
      task(task: "${judge.id}") { type typeName evaluators { evaluatorId evaluator { type typeName version { type } } } runs(first: 3) { nodes { id status } } }
      taskRuns(task: "refund-decision-judge", space: "Production", first: 3) { nodes { id taskId task { typeName } } }
      taskRun(id: "${judgeRun.id}") { id task { type typeName } }
      node(id: "${judge.id}") { __typename ... on Task { type typeName } }
      nodes(ids: ["${judge.id}", "${judgeEvaluator.id}"]) { __typename ... on Task { typeName } ... on Evaluator { type typeName } }
      evaluators(space: "Production") { nodes { id type typeName } }
    }`);
    expect(result.errors).toBeUndefined();
    const d = result.data;
    expect(d.tasks.nodes).toContainEqual({ id: judge.id, type: 'UNKNOWN', typeName: 'DECISION_JUDGE' });
    expect(d.task).toMatchObject({ type: 'UNKNOWN', typeName: 'DECISION_JUDGE', evaluators: [{ evaluatorId: judgeEvaluator.id, evaluator: { type: 'UNKNOWN', typeName: 'DECISION_JUDGE', version: { type: 'UNKNOWN' } } }] });
    expect(d.task.runs.nodes.length).toBeGreaterThan(0);
    expect(d.taskRuns.nodes.every((r: { taskId: string; task: { typeName: string } }) => r.taskId === judge.id && r.task.typeName === 'DECISION_JUDGE')).toBe(true);
    expect(d.taskRun).toEqual({ id: judgeRun.id, task: { type: 'UNKNOWN', typeName: 'DECISION_JUDGE' } });
    expect(d.node).toEqual({ __typename: 'Task', type: 'UNKNOWN', typeName: 'DECISION_JUDGE' });
    expect(d.nodes).toEqual([{ __typename: 'Task', typeName: 'DECISION_JUDGE' }, { __typename: 'Evaluator', type: 'UNKNOWN', typeName: 'DECISION_JUDGE' }]);
    expect(d.evaluators.nodes).toContainEqual({ id: judgeEvaluator.id, type: 'UNKNOWN', typeName: 'DECISION_JUDGE' });
  });

  it('watches and waits for a Decision Judge task\'s run to its end', async () => {
    const fast = await emulator({ runs: FAST_RUNS });
    const gw2 = await api({ emu: fast });
    const task = seeded(fast).judgeTask;
    const record = fast.control.addRun(task.id, { fails: false, created_by_user_id: DEMO_USER_ID });
    const states = await collect(gw2.ws(), 'subscription($id: ID!) { runStatus(runId: $id) { status isTerminal task { typeName } } }', { id: record.id }).done;
    expect(states.every((s) => s.errors === undefined)).toBe(true);
    expect(states.at(-1)?.data).toEqual({ runStatus: { status: 'COMPLETED', isTerminal: true, task: { typeName: 'DECISION_JUDGE' } } });
    const second = fast.control.addRun(task.id, { fails: false });
    const waited = await gw2.gql(`{ waitForTaskRun(id: "${second.id}", pollIntervalSeconds: 0.02, timeoutSeconds: 5) { status task { type typeName } } }`);
    expect(waited).toMatchObject({ data: { waitForTaskRun: { status: 'COMPLETED', task: { type: 'UNKNOWN', typeName: 'DECISION_JUDGE' } } } });
  });

  it('refuses tasks(type: UNKNOWN) with no upstream call', async () => {
    emu.clearLog();
    const result = await gw.gql('{ tasks(type: UNKNOWN) { nodes { id } } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    expect(emu.requests).toEqual([]);
  });
});

describe('queryFilter on triggers', () => {
  const TRIGGER = 'mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id status } } }';

  it('sends query_filter on a RUN_EXPERIMENT trigger; the run covers the matching examples (with exampleIds, their intersection)', async () => {
    const task = seeded(emu).experimentTask;
    const dataset = emu.control.datasets().find((d) => d.id === task.dataset_id)!;
    const examples = emu.control.examples(dataset.versions[0]!.id);
    const hard = examples.filter((e) => e.difficulty === 'hard').map((e) => e.id);
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: task.id, experimentName: 'hard-ones', queryFilter: "difficulty = 'hard'" } });
    expect(result.errors).toBeUndefined();
    const post = emu.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ experiment_name: 'hard-ones', query_filter: "difficulty = 'hard'" });
    expect(conformance('TriggerTaskRunRequest', post.body, { strict: true })).toEqual([]);
    expect(emu.control.runExamples(result.data.triggerTaskRun.run.id)).toEqual(hard);

    const both = await gw.gql(TRIGGER, { input: { task: task.id, experimentName: 'hard-and-chosen', queryFilter: "difficulty = 'hard'", exampleIds: [examples[0]!.id, examples[1]!.id] } });
    expect(emu.control.runExamples(both.data.triggerTaskRun.run.id)).toEqual([examples[0]!.id, examples[1]!.id].filter((id) => hard.includes(id)));
  });

  it('refuses it on an evaluation task, with no write', async () => {
    const task = tasksNamed('hallucination-check-001')[0]!;
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: task.id, queryFilter: "difficulty = 'hard'" } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.queryFilter' }, message: expect.stringMatching(/RUN_EXPERIMENT tasks only/) });
    expect(calls()).toEqual([`GET /v2/tasks/${encodeURIComponent(task.id)}`]);
  });
});

describe('credentials', () => {
  it('forwards an OAuth access token (a long JWT) as the Bearer credential, unchanged, and an ak- key alike', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${part({ alg: 'RS256', typ: 'JWT', kid: 'arize-oauth' })}.${part({ sub: 'user-1', scope: 'ax', groups: Array.from({ length: 300 }, (_, i) => `group-${i}`) })}.${'s'.repeat(342)}`;
    expect(jwt.length).toBeGreaterThan(5000);
    const oauth = await emulator({ apiKeys: [jwt, 'ak-0123456789abcdef'] });
    const gw2 = await api({ emu: oauth });
    for (const key of [jwt, 'ak-0123456789abcdef']) {
      const result = await gw2.gql('{ spaces(first: 1) { nodes { name } } }', undefined, { key });
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(key.slice(0, 40));
    }
    expect(oauth.requests.map((r) => r.status)).toEqual([200, 200]); // the emulator accepts only the exact credentials it was given
  });
});

describe('integrations as nodes', () => {
  it('reads an AI integration and an integration again by id, as Relay refetches them', async () => {
    const ai = emu.control.aiIntegrations()[0]!;
    const agent = seeded(emu).agentIntegration;
    const llm = seeded(emu).llmIntegration;
    emu.clearLog();
    const result = await gw.gql(`query {
      ai: node(id: "${ai.id}") { __typename id ... on AiIntegration { provider } }
      agent: node(id: "${agent.id}") { __typename id ... on Integration { type name } }
      llm: node(id: "${llm.id}") { __typename id ...LlmRow }
    } fragment LlmRow on Integration { type name }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      ai: { __typename: 'AiIntegration', id: ai.id, provider: ai.provider },
      agent: { __typename: 'Integration', id: agent.id, type: 'AGENT', name: agent.name },
      llm: { __typename: 'Integration', id: llm.id, type: 'LLM', name: llm.name },
    });
    expect(calls().sort()).toEqual([
      `GET /v2/ai-integrations/${encodeURIComponent(ai.id)}`, `GET /v2/integrations/${encodeURIComponent(agent.id)}`, `GET /v2/integrations/${encodeURIComponent(llm.id)}`,
    ].sort());
  });
});

describe('the cost limit bounds what name lookups can call', () => {
  it('prices 20 aliased name lookups at their page budget: refused over the limit, and never calling more than the price', async () => {
    const crowded = await emulator();
    const production = seeded(crowded).space('Production');
    const project = crowded.control.projects().find((p) => p.space_id === production.id)!;
    const template = crowded.control.tasks().find((t) => t.project_id === project.id && t.type === 'TEMPLATE_EVALUATION')!;
    for (let i = 0; i < 1200; i++) crowded.control.copyTask(template, `bulk-task-${String(i).padStart(4, '0')}`);
    // 20 different substrings of every bulk task's name, none a whole name: each search reads page after page
    const names = ['bulk-task-', 'bulk-task', 'ulk-task-', 'bulk-tas', 'ulk-task', 'lk-task-', 'bulk-ta', 'ulk-tas', 'lk-task', 'k-task-',
      'bulk-t', 'ulk-ta', 'lk-tas', 'k-task', '-task-', 'bulk-', 'ulk-t', 'lk-ta', 'k-tas', '-task'];
    const query = `{ ${names.map((name, i) => `t${i}: task(task: "${name}", space: "Production") { id }`).join(' ')} }`;

    const strict = await api({ emu: crowded, env: { MAX_QUERY_COST: '100' } });
    crowded.clearLog();
    const refused = await strict.gql(query);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_COST', maxCost: 100 });
    const price = refused.errors![0]!.extensions!.cost as number;
    expect(price).toBe(20 * (1 + 10) + 10); // a GET (free when found by name) and a 10-page search each; the space once
    expect(crowded.requests).toEqual([]);

    const normal = await api({ emu: crowded });
    crowded.clearLog();
    const result = await normal.gql(query);
    expect(result.errors).toHaveLength(20);
    expect(result.errors!.every((e) => e.extensions?.code === 'NOT_FOUND' && /the rest were not read/.test(e.message))).toBe(true);
    expect(crowded.count('GET', '/v2/spaces')).toBe(1);
    expect(crowded.count('GET', '/v2/tasks')).toBe(20 * 10);
    expect(crowded.requests.length).toBeLessThanOrEqual(price);
  });
});
