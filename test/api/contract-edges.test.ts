/**
 * Edges of the two contracts (`graphql-api.md`, `upstream-api.md`) that a
 * frontend can reach, found by driving the gateway as a client would: each
 * test names the rule it holds the gateway to.
 */
import { describe, expect, it } from 'vitest';
import { heldRun, seeded } from '../support/fixtures.ts';
import { api, steer, until } from '../support/servers.ts';

const gw = await api();
const { emu } = gw;

describe('what looks like an id (the SDK\'s is_resource_id)', () => {
  it('takes base64 whose bytes are not UTF-8 for a name, even with a colon in them', async () => {
    const notUtf8 = Buffer.from([0xff, 0xfe, 0xfd, 0x3a]).toString('base64'); // "//79Og==": bytes ff fe fd ':'
    emu.clearLog();
    const result = await gw.gql('query($task: String!) { task(task: $task) { id } }', { task: notUtf8 });
    expect(result.errors?.[0]).toMatchObject({ path: ['task'], extensions: { code: 'BAD_USER_INPUT', field: 'task' } });
    expect(result.errors?.[0]?.message).toMatch(/is a name: give `space`/);
    expect(emu.requests).toEqual([]);
  });

  it('takes base64 of text whose colon comes first for an id, used as it is', async () => {
    const colonFirst = Buffer.from(':1').toString('base64'); // "OjE="
    emu.clearLog();
    const result = await gw.gql('query($task: String!) { task(task: $task) { id } }', { task: colonFirst });
    expect(result.errors?.[0]).toMatchObject({ path: ['task'], extensions: { code: 'NOT_FOUND' } });
    expect(emu.requests.map((r) => [r.method, r.path])).toEqual([['GET', `/v2/tasks/${encodeURIComponent(colonFirst)}`]]);
  });
});

describe('ids of another known kind in a run configuration', () => {
  const data = seeded(emu);
  const taskId = data.projectTask.id;
  const create = (runConfiguration: Record<string, unknown>) => gw.gql(
    'mutation($input: CreateRunExperimentTaskInput!) { createRunExperimentTask(input: $input) { task { id } } }',
    { input: { name: 'wrong-kind', dataset: data.golden.id, runConfiguration } },
  );

  it.each([
    ['llmGeneration', 'aiIntegrationId', { llmGeneration: { aiIntegrationId: taskId, messages: [{ role: 'USER', content: 'hi' }], inputVariableFormat: 'MUSTACHE' } }],
    ['templateEvaluation', 'aiIntegrationId', { templateEvaluation: { aiIntegrationId: taskId, template: 'Is {{output}} right?', provideExplanation: true } }],
    ['agentCall', 'integrationId', { agentCall: { integrationId: taskId, inputTemplate: { q: '{{question}}' } } }],
  ])('refuses a task id as the %s %s, before any upstream call', async (branch, key, runConfiguration) => {
    emu.clearLog();
    const result = await create(runConfiguration);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      path: ['createRunExperimentTask'],
      extensions: { code: 'BAD_USER_INPUT', field: `input.runConfiguration.${branch}.${key}` },
    });
    expect(result.errors?.[0]?.message).toMatch(/is a Task id/);
    expect(emu.requests).toEqual([]);
  });

  it('refuses a task id as an experiment task\'s new integration without writing', async () => {
    emu.clearLog();
    const result = await gw.gql('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }', {
      input: { task: data.experimentTask.id, runConfiguration: { agentCall: { integrationId: taskId, inputTemplate: {} } } },
    });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.runConfiguration.agentCall.integrationId' } });
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('a write refused with 404 for an object its input names', () => {
  const data = seeded(emu);
  const ghost = (text: string) => Buffer.from(text).toString('base64');

  it('does not claim that an existing task is missing when the upstream cannot find an evaluator of the update', async () => {
    const task = data.projectTask;
    const result = await gw.gql('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }', {
      input: { task: task.id, evaluators: [{ evaluatorId: ghost('Evaluator:9999:zz') }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
    expect(result.errors?.[0]?.message).toBe(`Task ${JSON.stringify(task.id)}, or an object the input names, was not found.`);
    expect(emu.control.task(task.id)).toBeDefined();
  });

  it('does not claim that an existing task is missing when the upstream cannot find an experiment of the trigger', async () => {
    const task = data.datasetTask;
    const result = await gw.gql('mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id } } }', {
      input: { task: task.id, experimentIds: [ghost('Experiment:9999:zz')] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
    expect(result.errors?.[0]?.message).toBe(`Task ${JSON.stringify(task.id)}, or an object the input names, was not found.`);
  });

  it('still says the task was not found when the input names nothing else', async () => {
    const missing = ghost('OnlineTask:9999:zz');
    const result = await gw.gql('mutation($input: DeleteTaskInput!) { deleteTask(input: $input) { deletedTaskId } }', { input: { task: missing } });
    expect(result.errors?.[0]?.message).toBe(`Task ${JSON.stringify(missing)} was not found.`);
  });
});

describe('waitForTaskRun at its deadline (wait_for_run)', () => {
  it('reads the run once more at the deadline and returns it when it has ended since the last poll', async () => {
    const data = seeded(emu);
    const run = await heldRun(emu, data.projectTaskThatHasRun.id);
    const reads = () => emu.count('GET', (p) => p === `/v2/task-runs/${encodeURIComponent(run.id)}`);
    const before = reads();
    const waiting = gw.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 600, timeoutSeconds: 1) { id status isTerminal } }', { id: run.id });
    await until(() => reads() > before, 5000, 'the first poll');
    steer(emu, run.id).finish(); // ends between the first poll and the deadline; the next interval's poll would be 10 minutes away
    const result = await waiting;
    expect(result.errors).toBeUndefined();
    expect(result.data.waitForTaskRun).toEqual({ id: run.id, status: 'COMPLETED', isTerminal: true });
  });

  it('returns a run that had already ended even when the timeout is shorter than one upstream answer', async () => {
    const finished = seeded(emu).firstRun;
    emu.configure({ latencyMs: 200 });
    try {
      const result = await gw.gql('query($id: ID!) { waitForTaskRun(id: $id, timeoutSeconds: 0.05) { id status } }', { id: finished.id });
      expect(result.errors).toBeUndefined();
      expect(result.data.waitForTaskRun).toEqual({ id: finished.id, status: finished.status });
    } finally {
      emu.configure({ latencyMs: 0 });
    }
  });

  it('still answers TIMEOUT when the run has not ended by the deadline', async () => {
    const data = seeded(emu);
    const run = await heldRun(emu, data.projectTaskThatHasRun.id);
    const result = await gw.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 600, timeoutSeconds: 0.3) { id } }', { id: run.id });
    expect(result.errors?.[0]).toMatchObject({ path: ['waitForTaskRun'], extensions: { code: 'TIMEOUT' } });
    expect(result.errors?.[0]?.message).toMatch(/last status: PENDING/);
  });
});

describe('a list scoped by an unknown version of an object that exists', () => {
  it('names the unknown dataset version, not the dataset it has just read', async () => {
    const dataset = seeded(emu).golden;
    const unknownVersion = Buffer.from('DatasetVersion:9999:zz').toString('base64');
    const result = await gw.gql('query($id: ID!, $v: ID) { node(id: $id) { ... on Dataset { name examples(versionId: $v, first: 1) { nodes { id } } } } }', { id: dataset.id, v: unknownVersion });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['node', 'examples'], extensions: { code: 'NOT_FOUND', argument: 'versionId' } });
    expect(result.errors?.[0]?.message).toBe(`Dataset ${JSON.stringify(dataset.id)} has no version ${JSON.stringify(unknownVersion)} (or this key cannot read it).`);
  });
});

describe('names longer than the upstream\'s name filter takes (NameFilter: maxLength 255)', () => {
  const long = 'n'.repeat(256);

  it.each([
    ['tasks', 'tasks(name: $name, first: 1) { nodes { id } }'],
    ['spaces', 'spaces(name: $name, first: 1) { nodes { id } }'],
    ['projects', 'projects(name: $name, first: 1) { nodes { id } }'],
    ['datasets', 'datasets(name: $name, first: 1) { nodes { id } }'],
    ['evaluators', 'evaluators(name: $name, first: 1) { nodes { id } }'],
    ['experiments', 'experiments(name: $name, first: 1) { nodes { id } }'],
    ['aiIntegrations', 'aiIntegrations(name: $name, first: 1) { nodes { id } }'],
    ['integrations', 'integrations(type: LLM, name: $name, first: 1) { nodes { id } }'],
  ])('refuses a %s name filter of 256 characters before any upstream call', async (field, selection) => {
    emu.clearLog();
    const result = await gw.gql(`query($name: String) { ${selection} }`, { name: long });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: [field], extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    expect(result.errors?.[0]?.message).toMatch(/at most 255 characters/);
    expect(emu.requests).toEqual([]);
  });

  it('passes a name filter of 255 characters on', async () => {
    emu.clearLog();
    const result = await gw.gql('query($name: String) { tasks(name: $name, first: 1) { nodes { id } } }', { name: 'n'.repeat(255) });
    expect(result.errors).toBeUndefined();
    expect(emu.requests.map((r) => r.path)).toEqual(['/v2/tasks']);
  });

  it('counts a name in characters (code points), as the spec\'s maxLength does: 255 emoji pass on, 256 do not', async () => {
    const emoji = '\u{1F600}'.repeat(255); // 510 UTF-16 code units
    emu.clearLog();
    const listed = await gw.gql('query($name: String) { tasks(name: $name, first: 1) { nodes { id } } }', { name: emoji });
    expect(listed.errors).toBeUndefined();
    const byName = await gw.gql('query($task: String!) { task(task: $task, space: "Production") { id } }', { task: emoji });
    expect(byName.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(emu.requests.filter((r) => r.path === '/v2/tasks').length).toBeGreaterThanOrEqual(2);
    const over = await gw.gql('query($name: String) { tasks(name: $name, first: 1) { nodes { id } } }', { name: `${emoji}n` });
    expect(over.errors?.[0]?.message).toMatch(/at most 255 characters.*got 256/);
  });

  it('refuses to look up a task name or a space name that long, before any upstream call', async () => {
    emu.clearLog();
    const byName = await gw.gql('query($task: String!) { task(task: $task, space: "Production") { id } }', { task: long });
    expect(byName.errors?.[0]).toMatchObject({ path: ['task'], extensions: { code: 'BAD_USER_INPUT', field: 'task' } });
    const inSpace = await gw.gql('query($space: String) { tasks(space: $space, first: 1) { nodes { id } } }', { space: long });
    expect(inSpace.errors?.[0]).toMatchObject({ path: ['tasks'], extensions: { code: 'BAD_USER_INPUT', field: 'space' } });
    expect(emu.requests).toEqual([]);
  });
});
