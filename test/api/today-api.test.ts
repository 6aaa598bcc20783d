/**
 * The gateway against today's Arize API (the emulator's default dialect) and
 * against the April 2026 one (`dialect: 'legacy'`): new fields and
 * resources, values it has never heard of, and the new status codes.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USER_ID } from '../../emulator/store.ts';
import type { Task } from '../../emulator/store.ts';
import { FAST_RUNS, api, collect, emulator, held, steer, until, type GqlResult } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';


const RUN_FIELDS = 'id taskId status isTerminal numSuccesses numErrors numSkipped failureReason experimentId';

describe('today\'s API', async () => {
  const gw = await api();
  const { emu } = gw;
  const experimentTask = seeded(emu).experimentTask;

  it('lists a RUN_EXPERIMENT task beside evaluation tasks, with no evaluators, and its run with its experiment', async () => {
    const result = await gw.gql(`{ tasks(dataset: "${experimentTask.dataset_id}") { nodes { id name type isContinuous evaluators { evaluatorId } datasetId
      runs(first: 1) { nodes { ${RUN_FIELDS} experiment { id name datasetId datasetVersionId integrationId dataset { name } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const types = new Set(result.data.tasks.nodes.map((t: { type: string }) => t.type));
    expect(types.has('RUN_EXPERIMENT') && types.size > 1).toBe(true);
    const node = result.data.tasks.nodes.find((t: { id: string }) => t.id === experimentTask.id);
    expect(node).toMatchObject({ type: 'RUN_EXPERIMENT', isContinuous: false, evaluators: [] });
    const [run] = node.runs.nodes;
    expect(run).toMatchObject({ status: 'COMPLETED', isTerminal: true, failureReason: null, experimentId: expect.any(String),
      experiment: { datasetId: experimentTask.dataset_id, integrationId: null, dataset: { name: 'golden-questions' } } });
    expect(run.experiment.id).toBe(run.experimentId);
  });

  it('shows every kind of task the demo data has on the first page of tasks, a RUN_EXPERIMENT task with a run among them', async () => {
    const first = await gw.gql('{ tasks(first: 20) { nodes { type runs(first: 1) { nodes { id } } } } }');
    expect(first.errors).toBeUndefined();
    const all = new Set<string>();
    let after: string | null = null;
    do {
      type Page = { tasks: { nodes: Array<{ type: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const page: GqlResult<Page> = await gw.gql<Page>(
        'query($after: String) { tasks(first: 100, after: $after) { nodes { type } pageInfo { hasNextPage endCursor } } }', { after });
      for (const task of page.data!.tasks.nodes) all.add(task.type);
      after = page.data!.tasks.pageInfo.hasNextPage ? page.data!.tasks.pageInfo.endCursor : null;
    } while (after);
    const onFirstPage = first.data.tasks.nodes as Array<{ type: string; runs: { nodes: unknown[] } }>;
    expect(new Set(onFirstPage.map((t) => t.type))).toEqual(all);
    expect(onFirstPage.some((t) => t.type === 'RUN_EXPERIMENT' && t.runs.nodes.length > 0)).toBe(true);
  });

  it('filters tasks by type RUN_EXPERIMENT, sending the uppercase value', async () => {
    emu.clearLog();
    const result = await gw.gql('{ tasks(type: RUN_EXPERIMENT) { nodes { id type } } }');
    expect(result.data.tasks.nodes).toEqual([{ id: experimentTask.id, type: 'RUN_EXPERIMENT' }]);
    expect(emu.requests[0]?.query).toMatchObject({ type: 'RUN_EXPERIMENT' });
  });

  it('refuses UNKNOWN as a filter, with no upstream call', async () => {
    emu.clearLog();
    const byType = await gw.gql('{ tasks(type: UNKNOWN) { nodes { id } } }');
    expect(byType.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/cannot be used as a filter/) });
    const byStatus = await gw.gql(`{ taskRuns(task: "${experimentTask.id}", status: UNKNOWN) { nodes { id } } }`);
    expect(byStatus.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(emu.requests).toEqual([]);
  });

  it('shows evaluators of every type, their versions, and versions by id and as nodes', async () => {
    const result = await gw.gql(`{ evaluators { nodes { id name type typeName
      version { id type commitHash templateConfig codeConfig }
      versions(first: 10) { nodes { id evaluatorId type commitMessage createdAt createdByUserId } pageInfo { hasNextPage } } } } }`);
    expect(result.errors).toBeUndefined();
    const nodes = result.data.evaluators.nodes as Array<{ id: string; name: string; type: string; typeName: string; version: any; versions: any }>;
    expect(new Set(nodes.map((e) => e.type))).toEqual(new Set(['TEMPLATE', 'CODE', 'HARNESS', 'REMOTE', 'UNKNOWN']));
    expect(nodes.every((e) => e.typeName === (e.type === 'UNKNOWN' ? 'DECISION_JUDGE' : e.type))).toBe(true);
    for (const e of nodes) {
      const record = emu.control.evaluator(e.id)!;
      expect(e.version).toMatchObject({ id: record.versions.at(-1)!.id, type: e.type });
      expect(e.versions.nodes.map((v: { id: string }) => v.id)).toEqual(record.versions.map((v) => v.id).reverse());
      expect(e.versions.nodes.every((v: { evaluatorId: string; createdByUserId: string }) => v.evaluatorId === e.id && v.createdByUserId === DEMO_USER_ID)).toBe(true);
    }
    const template = nodes.find((e) => e.type === 'TEMPLATE')!;
    expect(template.version.templateConfig).toMatchObject({ template: expect.any(String), llm_config: { model_name: 'gpt-4o' } });
    expect(template.version.codeConfig).toBeNull();
    const custom = nodes.find((e) => e.name === 'PII scrubber')!;
    expect(custom.version.codeConfig).toMatchObject({ type: 'CUSTOM', code: expect.stringContaining('def evaluate') });
    const harness = nodes.find((e) => e.type === 'HARNESS')!;
    expect(harness.version).toMatchObject({ templateConfig: null, codeConfig: null });

    const toxicity = emu.control.evaluator(nodes.find((e) => e.name === 'Toxicity')!.id)!;
    const oldest = toxicity.versions[0]!;
    const byId = await gw.gql(`{ evaluator: node(id: "${toxicity.id}") { ... on Evaluator { version(id: "${oldest.id}") { id commitMessage } } }
      version: node(id: "${oldest.id}") { __typename ... on EvaluatorVersion { evaluatorId type evaluator { name } } } }`);
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({
      evaluator: { version: { id: oldest.id, commitMessage: 'initial version' } },
      version: { __typename: 'EvaluatorVersion', evaluatorId: toxicity.id, type: 'TEMPLATE', evaluator: { name: 'Toxicity' } },
    });
    const otherVersion = emu.control.evaluator(template.id)!.versions[0]!.id;
    const wrong = await gw.gql(`{ node(id: "${toxicity.id}") { ... on Evaluator { version(id: "${otherVersion}") { id } } } }`);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, path: ['node', 'version'] });
  });

  it('shows dataset versions, and experiments with no dataset', async () => {
    const result = await gw.gql('{ datasets { nodes { name versions { id name datasetId dataset { name } } } } experiments(name: "playground") { nodes { name datasetId dataset { id } datasetVersionId } } }');
    expect(result.errors).toBeUndefined();
    const golden = result.data.datasets.nodes.find((d: { name: string }) => d.name === 'golden-questions');
    expect(golden.versions.map((v: { name: string }) => v.name)).toEqual(['v2', 'v1']);
    expect(golden.versions[0].dataset).toEqual({ name: 'golden-questions' });
    expect(result.data.experiments.nodes).toEqual([{ name: 'playground-chat', datasetId: null, dataset: null, datasetVersionId: null }]);
    const version = await gw.gql(`{ node(id: "${golden.versions[0].id}") { id } }`);
    expect(version.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/Dataset\.versions/) });
  });

  it('answers NOT_FOUND naming the argument when a list\'s scoping id is unknown (upstream 404)', async () => {
    const cases: Array<[string, string]> = [
      ['{ tasks(project: "UHJvamVjdDo5OTk6eHh4eA==") { nodes { id } } }', 'project'],
      ['{ tasks(space: "U3BhY2U6OTk5Onh4eHg=") { nodes { id } } }', 'space'],
      ['{ projects(space: "U3BhY2U6OTk5Onh4eHg=") { nodes { id } } }', 'space'],
      ['{ evaluators(space: "U3BhY2U6OTk5Onh4eHg=") { nodes { id } } }', 'space'],
      ['{ experiments(dataset: "RGF0YXNldDo5OTk6eHh4eA==") { nodes { id } } }', 'dataset'],
      ['{ task(task: "some-task", space: "U3BhY2U6OTk5Onh4eHg=") { id } }', 'space'],
    ];
    for (const [query, argument] of cases) {
      const result = await gw.gql(query);
      expect(result.errors?.[0], query).toMatchObject({ extensions: { code: 'NOT_FOUND', argument }, message: expect.stringContaining(`\`${argument}\``) });
    }
  });

  it('refuses evaluation fields when updating a RUN_EXPERIMENT task, after reading it and before any write', async () => {
    emu.clearLog();
    const result = await gw.gql(`mutation { updateTask(input: { task: "${experimentTask.id}", samplingRate: 0.5 }) { task { id } } }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.samplingRate' }, message: expect.stringMatching(/RUN_EXPERIMENT task takes `name` and `runConfiguration`/) });
    expect(emu.requests.map((r) => r.method)).toEqual(['GET']);
    const renamed = await gw.gql(`mutation { updateTask(input: { task: "${experimentTask.id}", name: "qa-generation-renamed" }) { task { name type } } }`);
    expect(renamed.data.updateTask.task).toEqual({ name: 'qa-generation-renamed', type: 'RUN_EXPERIMENT' });
  });
});

describe('values the gateway has never heard of', () => {
  it('reads a task of an unknown type and a run of an unknown status as UNKNOWN beside their neighbours, logging each value once', async () => {
    const emu = await emulator({ runs: FAST_RUNS });
    const gw = await api({ emu });
    const [first, second] = emu.control.tasks();
    emu.control.changeTask(first!.id, { type: 'SCHEDULED_EVALUATION' });
    const seededRun = emu.control.runs().find((r) => r.task_id === second!.id)!;
    const run = emu.control.changeRun(seededRun.id, { pendingStatus: 'QUEUED', created: Date.now(), pendingMs: 60_000, cancelledAt: null });
    for (let i = 0; i < 2; i++) {
      const result = await gw.gql(`{ tasks(first: 3) { nodes { id type typeName runs(first: 5) { nodes { id status isTerminal } } } } }`);
      expect(result.errors).toBeUndefined();
      const [a, b, c] = result.data.tasks.nodes;
      expect(a).toMatchObject({ id: first!.id, type: 'UNKNOWN', typeName: 'SCHEDULED_EVALUATION' });
      expect(b).toMatchObject({ type: 'TEMPLATE_EVALUATION', typeName: 'TEMPLATE_EVALUATION' });
      expect(c.type).not.toBe('UNKNOWN');
      expect(b.runs.nodes.find((r: { id: string }) => r.id === run.id)).toEqual({ id: run.id, status: 'UNKNOWN', isTerminal: false });
    }
    const warnings = gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40 && l.field);
    expect(warnings.map((l) => `${l.field}=${l.value}`).sort()).toEqual(['Task.type=SCHEDULED_EVALUATION', 'TaskRun.status=QUEUED']);
  });

  it('keeps watching a run whose status it does not know, and ends when it turns COMPLETED', async () => {
    const emu = await emulator({ runs: { ...FAST_RUNS, holdPending: true } });
    const gw = await api({ emu });
    const task = seeded(emu).firstTask;
    const record = emu.control.addRun(task.id, { pendingStatus: 'QUEUED', fails: false, runningMs: 60_000 });
    const run = steer(emu, record.id);
    const watch = collect(gw.ws(), `subscription($id: ID!) { runStatus(runId: $id) { status isTerminal } }`, { id: record.id });
    await until(() => watch.results.length === 1, 10_000, 'the QUEUED state');
    run.start();
    await until(() => watch.results.length === 2, 10_000, 'the RUNNING state');
    run.finish();
    const states = await watch.done;
    expect(states[0]?.data).toEqual({ runStatus: { status: 'UNKNOWN', isTerminal: false } });
    expect(states.at(-1)?.data).toEqual({ runStatus: { status: 'COMPLETED', isTerminal: true } });
    expect(states.map((s) => s.data?.runStatus.status)).toContain('RUNNING');
    const waited = await gw.gql(`{ waitForTaskRun(id: "${record.id}", pollIntervalSeconds: 0.02, timeoutSeconds: 5) { status } }`);
    expect(waited.data.waitForTaskRun.status).toBe('COMPLETED');
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'pollers to stop');
  });
});

describe('the April 2026 API (legacy dialect): read paths', async () => {
  const emu = await emulator({ dialect: 'legacy' });
  const gw = await api({ emu });
  const projectTask = emu.control.tasks().find((t: Task) => t.project_id && t.last_run_at && t.type !== 'DECISION_JUDGE')!;

  it('lists and gets tasks, runs and what they point at, in uppercase (the type as sent in typeName)', async () => {
    const result = await gw.gql(`{
      tasks(first: 10) { nodes { id type typeName queryFilters evaluators { evaluatorId evaluatorVersionId queryMappings evaluator { type typeName version { type } } } } }
      task(task: "${projectTask.id}") { name type runs(first: 3) { nodes { ${RUN_FIELDS} } } project { name space { name } } }
      evaluators(first: 20) { nodes { type typeName } }
      experiments(first: 1) { nodes { datasetId integrationId spaceId } }
    }`);
    expect(result.errors).toBeUndefined();
    // the seed's Decision Judge task reads UNKNOWN here too, its type as the old server sends it (lowercase)
    const nodes = result.data.tasks.nodes as Array<{ type: string; typeName: string; queryFilters: unknown; evaluators: any[] }>;
    const known = nodes.filter((t) => t.type !== 'UNKNOWN');
    expect(nodes.filter((t) => t.type === 'UNKNOWN').map((t) => t.typeName)).toEqual(['decision_judge']);
    expect(known.every((t) => /^(TEMPLATE|CODE)_EVALUATION$/.test(t.type) && t.typeName === t.type.toLowerCase() && t.queryFilters === null)).toBe(true);
    expect(known.flatMap((t) => t.evaluators).every((e) => e.queryMappings === null)).toBe(true); // an April server sends neither
    const evaluators = known.flatMap((t) => t.evaluators);
    expect(evaluators.every((e: any) => e.evaluatorVersionId === null && ['TEMPLATE', 'CODE'].includes(e.evaluator.type))).toBe(true);
    expect(evaluators.some((e: any) => e.evaluator.version.type === 'TEMPLATE')).toBe(true);
    expect(result.data.task.runs.nodes.length).toBeGreaterThan(0);
    expect(result.data.task.runs.nodes.every((r: { status: string; failureReason: null }) =>
      ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status) && r.failureReason === null)).toBe(true);
    expect(result.data.evaluators.nodes.filter((e: { type: string }) => e.type === 'UNKNOWN')).toEqual([{ type: 'UNKNOWN', typeName: 'decision_judge' }]);
    expect(result.data.experiments.nodes[0]).toMatchObject({ integrationId: null, spaceId: null });
  });

  it('reads nodes and a run by id', async () => {
    const run = emu.control.runs().find((r) => r.task_id === projectTask.id)!;
    const result = await gw.gql(`{ nodes(ids: ["${projectTask.id}", "${run.id}"]) { __typename id ... on TaskRun { status } ... on Task { type } } taskRun(id: "${run.id}") { status isTerminal } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Task', 'TaskRun']);
    expect(result.data.nodes[1].status).toMatch(/^[A-Z]+$/);
  });

  it('watches a run to its terminal state with runStatus and waitForTaskRun', async () => {
    emu.configure({ runs: FAST_RUNS });
    const logged = gw.log.lines.length;
    const record = await held(emu, async () => emu.control.addRun(projectTask.id, { fails: false }));
    const watch = collect(gw.ws(), 'subscription($id: ID!) { runStatus(runId: $id) { status isTerminal } }', { id: record.id });
    await until(() => watch.results.length > 0, 10_000, 'the first state');
    steer(emu, record.id).start();
    const states = await watch.done;
    expect(states[0]?.data?.runStatus.status).toBe('PENDING');
    expect(states.at(-1)?.data).toEqual({ runStatus: { status: 'COMPLETED', isTerminal: true } });
    const waited = await gw.gql(`{ waitForTaskRun(id: "${record.id}", pollIntervalSeconds: 0.02, timeoutSeconds: 5) { status isTerminal } }`);
    expect(waited.data.waitForTaskRun).toEqual({ status: 'COMPLETED', isTerminal: true });
    expect(gw.log.lines.slice(logged).join('\n')).not.toMatch(/does not know/);
  });

  it('keeps an unknown scoping id an empty list, as the April API answered', async () => {
    const result = await gw.gql('{ tasks(space: "U3BhY2U6OTk5Onh4eHg=") { nodes { id } } }');
    expect(result).toMatchObject({ data: { tasks: { nodes: [] } } });
    expect(result.errors).toBeUndefined();
  });
});
