/**
 * One table of invalid inputs, run against both sides of the contract: the
 * gateway must refuse each with BAD_USER_INPUT and no upstream call at all,
 * and the emulator (the upstream's rules) must refuse the same body with 400
 * or 422. A rule the gateway forgets, or checks differently, shows here.
 */
import { describe, expect, it } from 'vitest';
import { gateway } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const gw = await gateway();
const { emu } = gw;
const project = seeded(emu).firstProject;
const dataset = seeded(emu).firstDataset;
const experiment = emu.control.experiments().find((e) => e.dataset_id === dataset.id)!;
const evaluator = seeded(emu).firstEvaluator;
const task = emu.control.tasks().find((t) => t.project_id === project.id && t.last_run_at)!;

type Row = {
  what: string;
  mutation: 'createTask' | 'updateTask' | 'triggerTaskRun';
  input: Record<string, unknown>;
  upstream: { method: string; path: string; body: Record<string, unknown> };
  status: 400 | 422;
};

const create = (input: Record<string, unknown>, body: Record<string, unknown>, what: string, status: 400 | 422 = 400): Row => ({
  what, mutation: 'createTask', status,
  input: { name: 'rule-check', type: 'TEMPLATE_EVALUATION', project: project.id, evaluators: [{ evaluatorId: evaluator.id }], ...input },
  upstream: { method: 'POST', path: '/v2/tasks', body: { name: 'rule-check', type: 'TEMPLATE_EVALUATION', project_id: project.id, evaluators: [{ evaluator_id: evaluator.id }], ...body } },
});
const update = (input: Record<string, unknown>, body: Record<string, unknown>, what: string): Row => ({
  what, mutation: 'updateTask', status: 400, input: { task: task.id, ...input },
  upstream: { method: 'PATCH', path: `/v2/tasks/${encodeURIComponent(task.id)}`, body },
});
const trigger = (input: Record<string, unknown>, body: Record<string, unknown>, what: string, status: 400 | 422): Row => ({
  what, mutation: 'triggerTaskRun', status, input: { task: task.id, ...input },
  upstream: { method: 'POST', path: `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, body },
});

const rows: Row[] = [
  create({ evaluators: [] }, { evaluators: [] }, 'no evaluator'),
  create({ evaluators: [{ evaluatorId: evaluator.id }, { evaluatorId: evaluator.id }] }, { evaluators: [{ evaluator_id: evaluator.id }, { evaluator_id: evaluator.id }] }, 'an evaluator twice'),
  create({ dataset: dataset.id, experimentIds: [experiment.id] }, { dataset_id: dataset.id, experiment_ids: [experiment.id] }, 'both a project and a dataset'),
  create({ project: null, dataset: dataset.id }, { project_id: undefined, dataset_id: dataset.id }, 'a dataset task without experiments'),
  create({ project: null, dataset: dataset.id, experimentIds: [experiment.id], isContinuous: true }, { project_id: undefined, dataset_id: dataset.id, experiment_ids: [experiment.id], is_continuous: true }, 'a continuous dataset task'),
  create({ project: null, dataset: dataset.id, experimentIds: [experiment.id], samplingRate: 0.5 }, { project_id: undefined, dataset_id: dataset.id, experiment_ids: [experiment.id], sampling_rate: 0.5 }, 'a sampling rate on a dataset task'),
  create({ experimentIds: [experiment.id] }, { experiment_ids: [experiment.id] }, 'experiments on a project task'),
  create({ samplingRate: 1.5 }, { sampling_rate: 1.5 }, 'a sampling rate above 1'),
  create({ name: '' }, { name: '' }, 'an empty name'),
  create({ type: 'RUN_EXPERIMENT' }, { type: 'RUN_EXPERIMENT' }, 'a RUN_EXPERIMENT type with evaluation fields'),
  create({ queryFilter: 'a = 1', queryFilters: { traceFilter: 'b' } }, { query_filter: 'a = 1', query_filters: { traceFilter: 'b' } }, 'span and trace/session filters together'),
  create({ evaluators: [{ evaluatorId: evaluator.id, columnMappings: [{ variable: 'input', column: 'x' }], queryMappings: { input: null } }] },
    { evaluators: [{ evaluator_id: evaluator.id, column_mappings: { input: 'x' }, query_mappings: { input: null } }] }, 'column and query mappings on one evaluator'),
  create({ queryFilters: [1, 2] }, { query_filters: [1, 2] }, 'query filters that are not a JSON object'),
  update({}, {}, 'no field to change'),
  update({ queryFilter: 'a = 1', queryFilters: { traceFilter: 'b' } }, { query_filter: 'a = 1', query_filters: { traceFilter: 'b' } }, 'span and trace/session filters in one update'),
  update({ name: null }, { name: null }, 'a null name'),
  update({ evaluators: [] }, { evaluators: [] }, 'an empty evaluator list'),
  update({ samplingRate: 2 }, { sampling_rate: 2 }, 'a sampling rate of 2'),
  trigger({ dataStartTime: '2026-03-02T00:00:00Z', dataEndTime: '2026-03-01T00:00:00Z' }, { data_start_time: '2026-03-02T00:00:00Z', data_end_time: '2026-03-01T00:00:00Z' }, 'a window that ends before it starts', 422),
  trigger({ dataStartTime: '2026-01-01T00:00:00Z', dataEndTime: '2026-02-15T00:00:00Z' }, { data_start_time: '2026-01-01T00:00:00Z', data_end_time: '2026-02-15T00:00:00Z' }, 'a window over 30 days', 422),
  trigger({ dataStartTime: '2026-02-30T00:00:00Z' }, { data_start_time: '2026-02-30T00:00:00Z' }, 'a date that does not exist', 400),
  trigger({ dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-02T00:00:00Z', maxSpans: 0 }, { data_start_time: '2026-03-01T00:00:00Z', data_end_time: '2026-03-02T00:00:00Z', max_spans: 0 }, 'maxSpans 0', 400),
];

const MUTATION: Record<Row['mutation'], string> = {
  createTask: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }',
  updateTask: 'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } } }',
  triggerTaskRun: 'mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id } } }',
};

describe('one table of invalid inputs, on both sides', () => {
  it.each(rows.map((row) => [row.what, row] as const))('%s: the gateway refuses it with no call, the emulator with 400/422', async (_what, row) => {
    emu.clearLog();
    const refused = await gw.gql(MUTATION[row.mutation], { input: row.input });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(emu.requests).toEqual([]);

    const response = await fetch(`${emu.url}${row.upstream.path}`, {
      method: row.upstream.method, headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(row.upstream.body),
    });
    expect(response.status).toBe(row.status);
  });
});
