import { describe, expect, it } from 'vitest';
import { conformance } from '../support/openapi.ts';
import { FAST_RUNS, api, held, sleep, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const gw = await api();
const { emu } = gw;

const project = seeded(emu).project('checkout-assistant');
const dataset = seeded(emu).golden;
const experiments = emu.control.experiments().filter((e) => e.dataset_id === dataset.id);
const otherExperiment = emu.control.experiments().find((e) => e.dataset_id !== dataset.id)!;
const [hallucination, relevance] = emu.control.evaluators();
const writes = () => emu.requests.filter((r) => r.method !== 'GET');

const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { clientMutationId task {
  id name type projectId datasetId samplingRate isContinuous queryFilter experimentIds
  evaluators { evaluatorId evaluatorName queryFilter columnMappings { variable column } } } } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { clientMutationId task {
  id name samplingRate isContinuous queryFilter evaluators { evaluatorId } } } }`;
const TRIGGER = 'mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { clientMutationId run { id taskId status dataStartTime dataEndTime } } }';

/** A data window start an hour ago: a project task's first run needs one. */
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
let counter = 0;
const uniqueName = (prefix = 'gql') => `${prefix}-${Date.now().toString(36)}-${counter++}`;
const projectInput = (extra: Record<string, unknown> = {}) => ({
  name: uniqueName(), type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', space: 'Production', isContinuous: true,
  evaluators: [{ evaluatorId: hallucination!.id }], ...extra,
});
async function createProjectTask(extra: Record<string, unknown> = {}) {
  const result = await gw.gql(CREATE, { input: projectInput(extra) });
  expect(result.errors).toBeUndefined();
  return result.data.createTask.task as { id: string; name: string };
}

describe('createTask', () => {
  it('creates a project-based task, resolving the project by name within the space', async () => {
    const input = projectInput({
      samplingRate: 0.25, queryFilter: "span_kind = 'LLM'", clientMutationId: 'c1',
      evaluators: [
        { evaluatorId: hallucination!.id, queryFilter: 'latency > 1', columnMappings: [{ variable: 'input', column: 'attributes.input.value' }] },
        { evaluatorId: relevance!.id },
      ],
    });
    emu.clearLog();
    const result = await gw.gql(CREATE, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.createTask).toMatchObject({
      clientMutationId: 'c1',
      task: {
        name: input.name, type: 'TEMPLATE_EVALUATION', projectId: project.id, datasetId: null, samplingRate: 0.25, isContinuous: true,
        queryFilter: "span_kind = 'LLM'", experimentIds: [],
        evaluators: [
          { evaluatorId: hallucination!.id, evaluatorName: hallucination!.name, queryFilter: 'latency > 1', columnMappings: [{ variable: 'input', column: 'attributes.input.value' }] },
          { evaluatorId: relevance!.id, evaluatorName: relevance!.name, queryFilter: null, columnMappings: [] },
        ],
      },
    });
    const [post] = writes();
    expect(conformance('CreateTaskRequest', post?.body, { strict: true })).toEqual([]);
    expect(post?.body).toEqual({
      name: input.name, type: 'TEMPLATE_EVALUATION', project_id: project.id, sampling_rate: 0.25, is_continuous: true,
      query_filter: "span_kind = 'LLM'",
      evaluators: [
        { evaluator_id: hallucination!.id, query_filter: 'latency > 1', column_mappings: { input: 'attributes.input.value' } },
        { evaluator_id: relevance!.id },
      ],
    });
  });

  it('creates a dataset-based task with experiments', async () => {
    const result = await gw.gql(CREATE, { input: {
      name: uniqueName('ds'), type: 'CODE_EVALUATION', dataset: dataset.id, experimentIds: experiments.map((e) => e.id),
      evaluators: [{ evaluatorId: relevance!.id }],
    } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createTask.task).toMatchObject({ datasetId: dataset.id, projectId: null, isContinuous: false, experimentIds: experiments.map((e) => e.id) });
  });

  const rejected: Array<[string, Record<string, unknown>, RegExp]> = [
    ['both project and dataset', projectInput({ dataset: dataset.id }), /exactly one of `project`/],
    ['neither project nor dataset', projectInput({ project: null }), /exactly one of `project`/],
    ['a dataset task without experiments', { ...projectInput({ project: undefined, dataset: dataset.id, isContinuous: undefined }) }, /needs at least one experiment/],
    ['a dataset task with an empty experiment list', projectInput({ project: undefined, dataset: dataset.id, isContinuous: undefined, experimentIds: [] }), /needs at least one experiment/],
    ['a continuous dataset task', projectInput({ project: undefined, dataset: dataset.id, experimentIds: [experiments[0]!.id], isContinuous: true }), /cannot be continuous/],
    ['a sampling rate on a dataset task', projectInput({ project: undefined, dataset: dataset.id, experimentIds: [experiments[0]!.id], isContinuous: undefined, samplingRate: 0.5 }), /project-based tasks only/],
    ['experiments on a project task', projectInput({ experimentIds: [experiments[0]!.id] }), /dataset-based tasks only/],
    ['a RUN_EXPERIMENT task', projectInput({ type: 'RUN_EXPERIMENT' }), /createRunExperimentTask/],
    ['type UNKNOWN', projectInput({ type: 'UNKNOWN' }), /UNKNOWN only reports a type/],
    ['an empty evaluator version id', projectInput({ evaluators: [{ evaluatorId: hallucination!.id, evaluatorVersionId: '' }] }), /must not be empty/],
    ['an evaluator id as the evaluator version', projectInput({ evaluators: [{ evaluatorId: hallucination!.id, evaluatorVersionId: relevance!.id }] }), /expects an EvaluatorVersion id, but .* is an Evaluator id/],
    ['a sampling rate above 1', projectInput({ samplingRate: 1.01 }), /between 0 and 1/],
    ['a negative sampling rate', projectInput({ samplingRate: -0.5 }), /between 0 and 1/],
    ['no evaluator', projectInput({ evaluators: [] }), /at least one evaluator/],
    ['an evaluator twice', projectInput({ evaluators: [{ evaluatorId: hallucination!.id }, { evaluatorId: hallucination!.id }] }), /given twice/],
    ['a variable mapped twice', projectInput({ evaluators: [{ evaluatorId: hallucination!.id, columnMappings: [{ variable: 'a', column: 'x' }, { variable: 'a', column: 'y' }] }] }), /mapped twice/],
    ['an empty name', projectInput({ name: '' }), /must not be empty/],
    ['a project name without a space', projectInput({ space: undefined }), /give `space`/],
    ['a task id as the evaluator', projectInput({ evaluators: [{ evaluatorId: seeded(emu).firstTask.id }] }), /expects an Evaluator id, but .* is a Task id/],
    ['a project id given as dataset', projectInput({ project: undefined, dataset: project.id, experimentIds: [experiments[0]!.id], isContinuous: undefined }), /expects a Dataset id/],
  ];

  it.each(rejected)('refuses %s with BAD_USER_INPUT and never calls the upstream to write', async (_what, input, message) => {
    emu.clearLog();
    const result = await gw.gql(CREATE, { input });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(writes()).toEqual([]);
    expect(emu.requests).toEqual([]);
  });

  it('refuses a name already used in the space with CONFLICT, before any write', async () => {
    const existing = await createProjectTask();
    emu.clearLog();
    const result = await gw.gql(CREATE, { input: projectInput({ name: existing.name, project: project.id }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(writes()).toEqual([]);
  });

  it('answers CONFLICT when another write takes the name between its check and its create', async () => {
    const existing = await createProjectTask();
    const name = uniqueName('raced');
    const hold = emu.hold('POST', /^\/v2\/tasks$/);
    const pending = gw.gql(CREATE, { input: projectInput({ name, project: project.id }) });
    await until(() => hold.waiting === 1);
    emu.control.copyTask(emu.control.task(existing.id)!, name); // the name is taken while the create is on its way
    hold.release();
    const result = await pending;
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toMatch(/already exists in this space/);
    expect(seeded(emu).tasksNamed(name)).toHaveLength(1);
  });

  it('passes an experiment of another dataset to the upstream and relays its detail', async () => {
    const result = await gw.gql(CREATE, { input: {
      name: uniqueName(), type: 'CODE_EVALUATION', dataset: dataset.id, experimentIds: [otherExperiment.id], evaluators: [{ evaluatorId: relevance!.id }],
    } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamStatus: 400 });
    expect(result.errors?.[0]?.message).toMatch(/does not belong to dataset/);
  });

  it('creates a project task without isContinuous, and sends none (today\'s rule)', async () => {
    emu.clearLog();
    const result = await gw.gql(CREATE, { input: projectInput({ isContinuous: undefined }) });
    expect(result.errors).toBeUndefined();
    expect(result.data.createTask.task.isContinuous).toBe(false);
    expect(writes()[0]?.body).not.toHaveProperty('is_continuous');
  });

  it('passes the upstream\'s one-custom-code-evaluator rule on with its detail, and writes nothing', async () => {
    const custom = emu.control.evaluators().filter((e) => (e.versions.at(-1)?.code_config as { type?: string } | null)?.type === 'CUSTOM');
    expect(custom.length).toBeGreaterThanOrEqual(2);
    const before = emu.control.tasks().length;
    const result = await gw.gql(CREATE, { input: projectInput({ type: 'CODE_EVALUATION', evaluators: custom.slice(0, 2).map((e) => ({ evaluatorId: e.id })) }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamStatus: 422 });
    expect(result.errors?.[0]?.message).toMatch(/Only one custom code evaluator runs per task\. Create one task per custom evaluator\./);
    expect(emu.control.tasks().length).toBe(before);
  });

  it('pins an evaluator version on create and update, reads it back, and unpins when left out', async () => {
    const [oldest, latest] = hallucination!.versions;
    const pinnedQuery = `id evaluators { evaluatorId evaluatorVersionId evaluatorVersion { id type commitHash templateConfig evaluator { name } } }`;
    emu.clearLog();
    const created = await gw.gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { task { ${pinnedQuery} } } }`,
      { input: projectInput({ evaluators: [{ evaluatorId: hallucination!.id, evaluatorVersionId: oldest!.id }] }) });
    expect(created.errors).toBeUndefined();
    expect(writes()[0]?.body).toMatchObject({ evaluators: [{ evaluator_id: hallucination!.id, evaluator_version_id: oldest!.id }] });
    expect(created.data.createTask.task.evaluators).toEqual([{
      evaluatorId: hallucination!.id, evaluatorVersionId: oldest!.id,
      evaluatorVersion: { id: oldest!.id, type: 'TEMPLATE', commitHash: oldest!.commit_hash, templateConfig: oldest!.template_config, evaluator: { name: 'Hallucination' } },
    }]);
    const id = created.data.createTask.task.id;
    const repinned = await gw.gql(`mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { ${pinnedQuery} } } }`,
      { input: { task: id, evaluators: [{ evaluatorId: hallucination!.id, evaluatorVersionId: latest!.id }] } });
    expect(repinned.data.updateTask.task.evaluators[0]).toMatchObject({ evaluatorVersionId: latest!.id, evaluatorVersion: { id: latest!.id } });
    emu.clearLog();
    const unpinned = await gw.gql(`mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { ${pinnedQuery} } } }`,
      { input: { task: id, evaluators: [{ evaluatorId: hallucination!.id }] } });
    expect(writes()[0]?.body).toEqual({ evaluators: [{ evaluator_id: hallucination!.id }] });
    expect(unpinned.data.updateTask.task.evaluators[0]).toMatchObject({ evaluatorVersionId: null, evaluatorVersion: null });
  });

  it('passes the upstream\'s 422 for a version of another evaluator on as BAD_USER_INPUT, and writes nothing', async () => {
    const before = emu.control.tasks().length;
    const result = await gw.gql(CREATE, { input: projectInput({ evaluators: [{ evaluatorId: hallucination!.id, evaluatorVersionId: relevance!.versions[0]!.id }] }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamStatus: 422 });
    expect(result.errors?.[0]?.message).toMatch(/is not a version of evaluator/);
    expect(emu.control.tasks().length).toBe(before);
  });

  it('is NOT_FOUND for an unknown evaluator', async () => {
    const result = await gw.gql(CREATE, { input: projectInput({ evaluators: [{ evaluatorId: 'RXZhbHVhdG9yOjk5OTp4eHh4' }] }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('updateTask', () => {
  it.each([
    ['name', { name: 'renamed-' }, (t: any, input: any) => expect(t.name).toBe(input.name)],
    ['samplingRate', { samplingRate: 0.1 }, (t: any) => expect(t.samplingRate).toBe(0.1)],
    ['isContinuous', { isContinuous: false }, (t: any) => expect(t.isContinuous).toBe(false)],
    ['queryFilter', { queryFilter: "status = 'ERROR'" }, (t: any) => expect(t.queryFilter).toBe("status = 'ERROR'")],
    ['evaluators', { evaluators: [{ evaluatorId: 'RELEVANCE' }] }, (t: any) => expect(t.evaluators).toEqual([{ evaluatorId: relevance!.id }])],
  ] as const)('changes %s and sends only that field', async (field, change, verify) => {
    const task = await createProjectTask({ queryFilter: 'x = 1' });
    const input: Record<string, unknown> = { task: task.id, ...change };
    if (field === 'name') input.name = uniqueName('renamed');
    if (field === 'evaluators') input.evaluators = [{ evaluatorId: relevance!.id }];
    emu.clearLog();
    const result = await gw.gql(UPDATE, { input });
    expect(result.errors).toBeUndefined();
    verify(result.data.updateTask.task, input);
    const patch = writes().find((r) => r.method === 'PATCH');
    expect(conformance('UpdateTaskRequest', patch?.body, { strict: true })).toEqual([]);
    expect(Object.keys(patch?.body as object)).toEqual([({ samplingRate: 'sampling_rate', isContinuous: 'is_continuous', queryFilter: 'query_filter' } as Record<string, string>)[field] ?? field]);
  });

  it('sends queryFilter: null as JSON null, and leaves it alone when absent', async () => {
    const task = await createProjectTask({ queryFilter: 'keep = 1' });
    emu.clearLog();
    const kept = await gw.gql(UPDATE, { input: { task: task.id, samplingRate: 0.5 } });
    expect(kept.data.updateTask.task.queryFilter).toBe('keep = 1');
    expect(writes()[0]?.body).toEqual({ sampling_rate: 0.5 });
    emu.clearLog();
    const cleared = await gw.gql('mutation($id: String!) { updateTask(input: { task: $id, queryFilter: null }) { task { queryFilter } } }', { id: task.id });
    expect(cleared.data.updateTask.task.queryFilter).toBeNull();
    expect(writes()[0]?.body).toEqual({ query_filter: null });
    expect(conformance('UpdateTaskRequest', writes()[0]?.body, { strict: true })).toEqual([]);
  });

  it('shows the updated task to later fields of the same document', async () => {
    const task = await createProjectTask();
    const renamed = uniqueName('fresh');
    const result = await gw.gql(`mutation($id: String!, $name: String!, $start: DateTime!) {
      a: updateTask(input: { task: $id, name: $name }) { task { name } }
      b: triggerTaskRun(input: { task: $id, dataStartTime: $start }) { run { task { name } } }
    }`, { id: task.id, name: renamed, start: hourAgo() });
    expect(result.errors).toBeUndefined();
    expect(result.data.b.run.task.name).toBe(renamed);
  });

  it('updates a task found by name within its space', async () => {
    const task = await createProjectTask();
    const result = await gw.gql(UPDATE, { input: { task: task.name, space: 'Production', isContinuous: false, clientMutationId: 'u1' } });
    expect(result.data.updateTask).toMatchObject({ clientMutationId: 'u1', task: { id: task.id, isContinuous: false } });
  });

  it.each([
    ['no field', {}, /at least one field/],
    ['null name', { name: null }, /null is not allowed/],
    ['null samplingRate', { samplingRate: null }, /null is not allowed/],
    ['null isContinuous', { isContinuous: null }, /null is not allowed/],
    ['null evaluators', { evaluators: null }, /null is not allowed/],
    ['empty evaluators', { evaluators: [] }, /at least one evaluator/],
    ['duplicate evaluators', { evaluators: [{ evaluatorId: relevance!.id }, { evaluatorId: relevance!.id }] }, /given twice/],
    ['sampling rate 2', { samplingRate: 2 }, /between 0 and 1/],
  ])('refuses %s with BAD_USER_INPUT and no write', async (_what, change, message) => {
    const task = await createProjectTask();
    emu.clearLog();
    const result = await gw.gql(UPDATE, { input: { task: task.id, ...change } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(writes()).toEqual([]);
  });

  it('refuses samplingRate and isContinuous on a dataset-based task before writing', async () => {
    const created = await gw.gql(CREATE, { input: { name: uniqueName('ds'), type: 'CODE_EVALUATION', dataset: dataset.id, experimentIds: [experiments[0]!.id], evaluators: [{ evaluatorId: relevance!.id }] } });
    const id = created.data.createTask.task.id;
    emu.clearLog();
    const rate = await gw.gql(UPDATE, { input: { task: id, samplingRate: 0.5 } });
    expect(rate.errors?.[0]?.message).toMatch(/project-based tasks only/);
    const continuous = await gw.gql(UPDATE, { input: { task: id, isContinuous: true } });
    expect(continuous.errors?.[0]?.message).toMatch(/project-based tasks only/);
    expect(writes()).toEqual([]);
  });

  it('refuses a rename onto another task\'s name with CONFLICT', async () => {
    const a = await createProjectTask();
    const b = await createProjectTask();
    emu.clearLog();
    const result = await gw.gql(UPDATE, { input: { task: b.id, name: a.name } });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(writes()).toEqual([]);
  });

  it('answers CONFLICT when another write takes the new name between its check and its update', async () => {
    const a = await createProjectTask();
    const b = await createProjectTask();
    const name = uniqueName('raced');
    const hold = emu.hold('PATCH', /^\/v2\/tasks\//);
    const pending = gw.gql(UPDATE, { input: { task: b.id, name } });
    await until(() => hold.waiting === 1);
    emu.control.copyTask(emu.control.task(a.id)!, name);
    hold.release();
    const result = await pending;
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(emu.control.task(b.id)?.name).toBe(b.name);
  });
});

describe('deleteTask', () => {
  it('deletes a task; getting it afterwards is NOT_FOUND', async () => {
    const task = await createProjectTask();
    const deleted = await gw.gql('mutation($t: String!) { deleteTask(input: { task: $t, clientMutationId: "d1" }) { deletedTaskId clientMutationId } }', { t: task.id });
    expect(deleted.data.deleteTask).toEqual({ deletedTaskId: task.id, clientMutationId: 'd1' });
    const after = await gw.gql('query($t: String!) { task(task: $t) { id } }', { t: task.id });
    expect(after.data.task).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const again = await gw.gql('mutation($t: String!) { deleteTask(input: { task: $t }) { deletedTaskId } }', { t: task.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports a delete as done when the upstream deleted it but its answer was lost', async () => {
    const task = await createProjectTask();
    emu.addFault({ method: 'DELETE', path: '^/v2/tasks/', status: 503, times: 1, when: 'after' });
    const deleted = await gw.gql('mutation($t: String!) { deleteTask(input: { task: $t }) { deletedTaskId } }', { t: task.id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteTask.deletedTaskId).toBe(task.id);
  });

  it('deletes a task by name within a space', async () => {
    const task = await createProjectTask();
    const deleted = await gw.gql('mutation($t: String!) { deleteTask(input: { task: $t, space: "Production" }) { deletedTaskId } }', { t: task.name });
    expect(deleted.data.deleteTask.deletedTaskId).toBe(task.id);
  });
});

describe('triggerTaskRun, cancelTaskRun, waitForTaskRun', () => {
  it('triggers with every parameter and sends them upstream as the contract names them', async () => {
    const projectTask = await createProjectTask();
    emu.clearLog();
    const input = {
      task: projectTask.id, dataStartTime: '2026-03-01T00:00:00.000Z', dataEndTime: '2026-03-31T00:00:00.000Z', maxSpans: 500,
      overrideEvaluations: true, clientMutationId: 't1',
    };
    const result = await gw.gql(TRIGGER, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.triggerTaskRun).toMatchObject({ clientMutationId: 't1', run: { taskId: projectTask.id, status: 'PENDING', dataStartTime: input.dataStartTime, dataEndTime: input.dataEndTime } });
    const post = writes().find((r) => r.path.endsWith('/trigger'));
    expect(conformance('TriggerTaskRunRequest', post?.body, { strict: true })).toEqual([]);
    expect(post?.body).toEqual({ data_start_time: input.dataStartTime, data_end_time: input.dataEndTime, max_spans: 500, override_evaluations: true });

    const created = await gw.gql(CREATE, { input: { name: uniqueName('ds'), type: 'CODE_EVALUATION', dataset: dataset.id, experimentIds: [experiments[0]!.id], evaluators: [{ evaluatorId: relevance!.id }] } });
    emu.clearLog();
    const onDataset = await gw.gql(TRIGGER, { input: { task: created.data.createTask.task.id, maxSpans: 10, overrideEvaluations: false, experimentIds: experiments.map((e) => e.id) } });
    expect(onDataset.errors).toBeUndefined();
    expect(onDataset.data.triggerTaskRun.run).toMatchObject({ dataStartTime: null, dataEndTime: null });
    const datasetPost = writes().find((r) => r.path.endsWith('/trigger'));
    expect(conformance('TriggerTaskRunRequest', datasetPost?.body, { strict: true })).toEqual([]);
    expect(datasetPost?.body).toEqual({ max_spans: 10, override_evaluations: false, experiment_ids: experiments.map((e) => e.id) });
  });

  it('triggers with no parameters as an empty body, by task name, once the task has run (the start defaults to the last run)', async () => {
    const task = await createProjectTask();
    await gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: hourAgo() } });
    await sleep(2); // in the last run's millisecond the default window is empty, and the upstream refuses it
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: task.name, space: 'Production' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.triggerTaskRun.run.status).toBe('PENDING');
    expect(writes()[0]?.body).toEqual({});
  });

  it.each([
    ['a start after the end', { dataStartTime: '2026-03-02T00:00:00Z', dataEndTime: '2026-03-01T00:00:00Z' }, /before dataEndTime/],
    ['a start in the future with no end', { dataStartTime: '2999-01-01T00:00:00Z' }, /in the past/],
    ['a window over 30 days', { dataStartTime: '2026-01-01T00:00:00Z', dataEndTime: '2026-01-31T00:00:01Z' }, /spans 31 days, more than 30/],
    ['a start over 30 days ago with no end', { dataStartTime: '2020-01-01T00:00:00Z' }, /more than 30/],
    ['30 February', { dataStartTime: '2026-02-30T10:00:00Z' }, /exists on the calendar/],
    ['29 February of a common year', { dataStartTime: '2025-02-29T12:00:00Z', dataEndTime: '2025-03-01T00:00:00Z' }, /exists on the calendar/],
    ['hour 24', { dataStartTime: '2026-03-01T24:00:00Z' }, /exists on the calendar/],
    ['maxSpans 0', { dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-02T00:00:00Z', maxSpans: 0 }, /positive integer/],
    ['a date without a zone', { dataStartTime: '2026-03-01T00:00:00' }, /ISO 8601 date-time with a zone/],
  ])('refuses %s before any upstream call', async (_what, change, message) => {
    const task = await createProjectTask();
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: task.id, ...change } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(emu.requests).toEqual([]);
  });

  it.each([
    ['experiments on a project task', 'project', { dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-02T00:00:00Z', experimentIds: ['RXhwZXJpbWVudDoxOmFCY0Q='] }, /dataset-based tasks only/],
    ['a project task\'s first run without a start', 'project', {}, /never run: its first run needs a `dataStartTime`/],
    ['a window on a dataset task', 'dataset', { dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-02T00:00:00Z' }, /project-based tasks only/],
    ['evaluation fields on a RUN_EXPERIMENT task', 'experiment', { maxSpans: 5 }, /evaluation tasks only/],
    ['a RUN_EXPERIMENT trigger without an experiment name', 'experiment', {}, /needs an experiment name/],
  ] as const)('refuses %s after reading the task, and writes nothing', async (_what, kind, change, message) => {
    const id = kind === 'project' ? (await createProjectTask()).id
      : kind === 'dataset' ? (await gw.gql(CREATE, { input: { name: uniqueName('ds'), type: 'CODE_EVALUATION', dataset: dataset.id, experimentIds: [experiments[0]!.id], evaluators: [{ evaluatorId: relevance!.id }] } })).data.createTask.task.id
      : seeded(emu).experimentTask.id;
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: id, ...change } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(writes()).toEqual([]);
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/tasks/${encodeURIComponent(id)}`]);
  });

  it('refuses a window from the last run over 30 days old before writing', async () => {
    const task = await createProjectTask();
    emu.control.changeTask(task.id, { last_run_at: '2020-01-01T00:00:00.000Z' });
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: task.id } });
    expect(result.errors?.[0]?.message).toMatch(/more than 30: from the last run time \(2020-01-01T00:00:00.000Z, the default start\) to now/);
    expect(writes()).toEqual([]);
  });

  it('shows why a re-evaluation of a labelled window ended CANCELLED with 0/0/0', async () => {
    const task = await createProjectTask();
    const window = { dataStartTime: new Date(Date.now() - 7_200_000).toISOString(), dataEndTime: new Date(Date.now() - 3_600_000).toISOString() };
    const WAIT = 'query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 0.02, timeoutSeconds: 10) { status numSuccesses numErrors numSkipped failureReason isTerminal } }';
    const first = (await gw.gql(TRIGGER, { input: { task: task.id, ...window } })).data.triggerTaskRun.run;
    expect((await gw.gql(WAIT, { id: first.id })).data.waitForTaskRun).toMatchObject({ status: 'COMPLETED', failureReason: null });
    const again = (await gw.gql(TRIGGER, { input: { task: task.id, ...window } })).data.triggerTaskRun.run;
    expect((await gw.gql(WAIT, { id: again.id })).data.waitForTaskRun).toEqual({
      status: 'CANCELLED', numSuccesses: 0, numErrors: 0, numSkipped: 0, isTerminal: true, failureReason: expect.stringMatching(/override_evaluations/),
    });
  });

  it('never retries a failed trigger: one POST, no run', async () => {
    const task = await createProjectTask();
    emu.clearLog();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, times: 1 });
    const result = await gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: hourAgo() } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503 });
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(1);
    expect(emu.control.runs(task.id)).toHaveLength(0);
  });

  it('cancels a running run, and refuses to cancel a finished one with the upstream\'s detail', async () => {
    const task = await createProjectTask();
    // held PENDING: it cannot have finished by the time the cancel arrives, however slow the machine
    const run = (await held(emu, () => gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: hourAgo() } }))).data.triggerTaskRun.run;
    const cancel = 'mutation($id: ID!, $c: String) { cancelTaskRun(input: { runId: $id, clientMutationId: $c }) { clientMutationId run { id status isTerminal } } }';
    const cancelled = await gw.gql(cancel, { id: run.id, c: 'x' });
    expect(cancelled.data.cancelTaskRun).toEqual({ clientMutationId: 'x', run: { id: run.id, status: 'CANCELLED', isTerminal: true } });
    const again = await gw.gql(cancel, { id: run.id, c: 'y' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamStatus: 400 });
    expect(again.errors?.[0]?.message).toMatch(/only a PENDING or RUNNING run can be cancelled/);
    const wrongKind = await gw.gql(cancel, { id: task.id });
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('waits until the run completes', async () => {
    const task = await createProjectTask();
    const run = (await gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: hourAgo() } })).data.triggerTaskRun.run;
    const started = Date.now();
    const result = await gw.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 0.02, timeoutSeconds: 10) { id status isTerminal numSuccesses runFinishedAt } }', { id: run.id });
    expect(result.errors).toBeUndefined();
    expect(result.data.waitForTaskRun).toMatchObject({ id: run.id, status: 'COMPLETED', isTerminal: true });
    expect(result.data.waitForTaskRun.runFinishedAt).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST_RUNS.pendingMs + FAST_RUNS.runningMs - 50);
    expect(gw.runFeed.activePollers).toBe(0);
  });

  it('times out with TIMEOUT, distinct from upstream failures', async () => {
    const task = await createProjectTask();
    emu.configure({ runs: { pendingMs: 60_000 } });
    const run = (await gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: hourAgo() } })).data.triggerTaskRun.run;
    emu.configure({ runs: { pendingMs: FAST_RUNS.pendingMs } });
    const result = await gw.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 0.02, timeoutSeconds: 0.2) { id } }', { id: run.id });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(result.errors?.[0]?.message).toMatch(/did not finish within 0.2 s \(last status: PENDING\)/);
    await until(() => gw.runFeed.activePollers === 0, 10_000, 'the poller to stop');
  });

  it.each([
    ['a zero interval', 'pollIntervalSeconds: 0', /pollIntervalSeconds/],
    ['a negative timeout', 'timeoutSeconds: -1', /timeoutSeconds/],
  ])('refuses %s with no upstream call', async (_what, args, message) => {
    const before = emu.requests.length;
    const result = await gw.gql(`{ waitForTaskRun(id: "VGFza1J1bjo5OTpxUndY", ${args}) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(emu.requests.length).toBe(before);
  });

  it('is NOT_FOUND when waiting for an unknown run', async () => {
    const result = await gw.gql('{ waitForTaskRun(id: "VGFza1J1bjo5OTk5OTpxUndY", pollIntervalSeconds: 0.02, timeoutSeconds: 2) { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('waitForTaskRun during shutdown', () => {
  it('fails with UPSTREAM_UNAVAILABLE instead of returning an unfinished run', async () => {
    const g = await api({ emu });
    emu.configure({ runs: { pendingMs: 60_000 } });
    const task = seeded(emu).firstTask;
    const run = (await g.gql(TRIGGER, { input: { task: task.id } })).data.triggerTaskRun.run;
    emu.configure({ runs: { pendingMs: FAST_RUNS.pendingMs } });
    const waiting = g.gql('query($id: ID!) { waitForTaskRun(id: $id, pollIntervalSeconds: 0.02) { status } }', { id: run.id });
    await until(() => g.runFeed.activePollers === 1, 10_000, 'the wait to be polling');
    g.runFeed.close();
    const result = await waiting;
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(result.errors?.[0]?.message).toMatch(/shutting down/);
  });
});

describe('every problem of one input at once', () => {
  it('answers a create form with four mistakes with four BAD_USER_INPUT errors, each naming its field, and calls nothing', async () => {
    emu.clearLog();
    const { data, errors } = await gw.gql(CREATE, { input: {
      name: '', type: 'TEMPLATE_EVALUATION', project: 'checkout-assistant', samplingRate: 1.5,
      evaluators: [{ evaluatorId: hallucination!.id }, { evaluatorId: hallucination!.id, columnMappings: [{ variable: 'q', column: 'a' }, { variable: 'q', column: 'b' }] }],
    } });
    expect(data?.createTask ?? null).toBeNull();
    expect(errors?.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'input.name' },
      { code: 'BAD_USER_INPUT', field: 'input.samplingRate' },
      { code: 'BAD_USER_INPUT', field: 'input.evaluators' },
      { code: 'BAD_USER_INPUT', field: 'input.evaluators[1].columnMappings' },
    ]);
    expect(errors?.every((e) => e.path?.[0] === 'createTask' && e.message.startsWith(`\`${e.extensions!.field}\``))).toBe(true);
    expect(emu.requests).toEqual([]);
  });

  it('names the field of a value the input\'s type refuses (a DateTime with no zone, an unknown enum value, a missing field), by the argument the variable fills', async () => {
    const task = seeded(emu).projectTask;
    emu.clearLog();
    // a form's <input type="datetime-local"> gives no zone; the variable is named otherwise than the argument
    const trigger = await gw.gql('mutation Trigger($form: TriggerTaskRunInput!) { triggerTaskRun(input: $form) { run { id } } }',
      { form: { task: task.id, dataStartTime: '2026-12-06T10:30' } });
    expect(trigger.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.dataStartTime' }]);
    const create = await gw.gql(CREATE, { input: { name: 'x', type: 'NOT_A_TYPE', project: 'checkout-assistant', evaluators: [{ columnMappings: [] }] } });
    expect(create.errors?.map((e) => e.extensions?.field).sort()).toEqual(['input.evaluators[0].evaluatorId', 'input.type']);
    const missing = await gw.gql(CREATE, {});
    expect(missing.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input' }]);
    expect(emu.requests).toEqual([]);
  });

  it('reports every broken trigger field, and a single mistake as one error', async () => {
    const task = seeded(emu).projectTask;
    emu.clearLog();
    const many = await gw.gql(TRIGGER, { input: { task: task.id, dataStartTime: new Date(Date.now() + 60_000).toISOString(), maxSpans: 0, exampleIds: [], experimentName: '' } });
    expect(many.errors?.map((e) => e.extensions?.field)).toEqual(['input.dataStartTime', 'input.maxSpans', 'input.experimentName', 'input.exampleIds']);
    expect(writes()).toEqual([]);
    const one = await gw.gql(UPDATE, { input: { task: task.id, samplingRate: 7 } });
    expect(one.errors).toHaveLength(1);
    expect(one.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.samplingRate' } });
  });
});
