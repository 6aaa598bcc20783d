import { describe, expect, it } from 'vitest';
import { SEED_COUNTS } from '../../emulator/seed.ts';
import { beyondOpenEnums, conformance } from '../support/openapi.ts';
import { FAST_RUNS, emulator, held, sleep, steer, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const emu = await emulator();

async function api(method: string, path: string, body?: unknown, key: string | null = emu.apiKey) {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : undefined };
}

const first = async <T>(path: string, key: string): Promise<T> => (await api('GET', path)).body[key][0];
const project = await first<{ id: string; space_id: string }>('/v2/projects?name=checkout-assistant', 'projects');
const dataset = await first<{ id: string }>('/v2/datasets?name=golden-questions', 'datasets');
const experiment = await first<{ id: string }>(`/v2/experiments?dataset_id=${encodeURIComponent(dataset.id)}`, 'experiments');
const otherDataset = await first<{ id: string }>('/v2/datasets?name=adversarial', 'datasets');
const otherExperiment = await first<{ id: string }>(`/v2/experiments?dataset_id=${encodeURIComponent(otherDataset.id)}`, 'experiments');
const evaluator = await first<{ id: string }>('/v2/evaluators?name=Hallucination', 'evaluators');
const evaluator2 = await first<{ id: string }>('/v2/evaluators?name=Relevance', 'evaluators');
const evaluator2Version = (await api('GET', `/v2/evaluators/${encodeURIComponent(evaluator2.id)}`)).body.version.id as string;
const latency = await first<{ id: string }>('/v2/evaluators?name=Latency', 'evaluators');
const pii = await first<{ id: string }>('/v2/evaluators?name=PII', 'evaluators');
const aiIntegration = await first<{ id: string }>('/v2/ai-integrations', 'ai_integrations');
const agent = await first<{ id: string }>('/v2/integrations?type=AGENT', 'integrations');
const llm = await first<{ id: string }>('/v2/integrations?type=LLM', 'integrations');
const llmConfig = {
  experiment_type: 'LLM_GENERATION', ai_integration_id: aiIntegration.id, input_variable_format: 'F_STRING',
  messages: [{ role: 'USER', content: '{question}' }],
};

const projectTask = (extra: Record<string, unknown> = {}) => ({
  name: `t-${Math.random().toString(36).slice(2)}`, type: 'TEMPLATE_EVALUATION', project_id: project.id, is_continuous: false,
  evaluators: [{ evaluator_id: evaluator.id }], ...extra,
});
const datasetTask = (extra: Record<string, unknown> = {}) => ({
  name: `d-${Math.random().toString(36).slice(2)}`, type: 'TEMPLATE_EVALUATION', dataset_id: dataset.id,
  experiment_ids: [experiment.id], evaluators: [{ evaluator_id: evaluator.id }], ...extra,
});

describe('seed data', () => {
  it('holds enough demo data to page through, in every run status', async () => {
    expect((await api('GET', '/v2/spaces')).body.spaces.length).toBeGreaterThanOrEqual(2);
    expect((await api('GET', '/v2/projects')).body.projects.length).toBeGreaterThanOrEqual(3);
    expect((await api('GET', '/v2/datasets')).body.datasets.length).toBeGreaterThanOrEqual(2);
    expect((await api('GET', '/v2/evaluators')).body.evaluators.length).toBeGreaterThanOrEqual(4);
    expect(emu.control.tasks().length).toBeGreaterThanOrEqual(SEED_COUNTS.tasks);
    const statuses = new Set(emu.control.runs().map((run) => run.status));
    expect([...statuses].sort()).toEqual(['CANCELLED', 'COMPLETED', 'FAILED', 'PENDING', 'RUNNING']);
  });

  it('uses Arize global ids: base64 of Type:N:salt', async () => {
    const task = await first<{ id: string }>('/v2/tasks', 'tasks');
    expect(Buffer.from(task.id, 'base64').toString()).toMatch(/^OnlineTask:\d+:.{4}$/);
    expect(Buffer.from(project.id, 'base64').toString()).toMatch(/^Project:\d+:/);
  });
});

describe('paging', () => {
  it('visits every seeded task exactly once with limit=7', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await api('GET', `/v2/tasks?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(beyondOpenEnums(conformance('ListTasksResponse', body))).toEqual([]);
      expect(body.tasks.length).toBeLessThanOrEqual(7);
      seen.push(...body.tasks.map((t: { id: string }) => t.id));
      cursor = body.pagination.has_more ? body.pagination.next_cursor : undefined;
      if (!body.pagination.has_more) expect(body.pagination.next_cursor).toBeUndefined();
      pages++;
    } while (cursor);
    expect(seen.length).toBe(emu.control.tasks().length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(emu.control.tasks().length / 7));
  });

  it('lists datasets newest first and evaluators most recently updated first, as the API documents, and pages them', async () => {
    const datasets = (await api('GET', '/v2/datasets')).body.datasets as Array<{ created_at: string }>;
    expect(datasets.map((d) => d.created_at)).toEqual(datasets.map((d) => d.created_at).sort().reverse());
    const evaluators = (await api('GET', '/v2/evaluators')).body.evaluators as Array<{ id: string; updated_at: string }>;
    expect(evaluators.map((e) => e.updated_at)).toEqual(evaluators.map((e) => e.updated_at).sort().reverse());
    const first = (await api('GET', '/v2/evaluators?limit=2')).body;
    const rest = (await api('GET', `/v2/evaluators?limit=100&cursor=${encodeURIComponent(first.pagination.next_cursor)}`)).body;
    expect([...first.evaluators, ...rest.evaluators].map((e: { id: string }) => e.id)).toEqual(evaluators.map((e) => e.id));
  });

  it('lists every seeded task\'s runs newest first, as the API documents', async () => {
    const fresh = await emulator();
    const call = async (path: string) => (await fetch(`${fresh.url}${path}`, { headers: { authorization: `Bearer ${fresh.apiKey}` } })).json();
    const withRuns = [...new Set(fresh.control.runs().map((run) => run.task_id))];
    expect(withRuns.length).toBeGreaterThan(1);
    for (const taskId of withRuns) {
      const created = ((await call(`/v2/tasks/${encodeURIComponent(taskId)}/runs?limit=100`)).task_runs as Array<{ created_at: string }>).map((run) => Date.parse(run.created_at));
      expect(created, `runs of ${taskId}`).toEqual([...created].sort((a, b) => b - a));
    }
  });

  it('resumes after a deleted item where it stood', async () => {
    const knobs = await emulator();
    const call = (path: string, method = 'GET') => fetch(`${knobs.url}${path}`, { method, headers: { authorization: `Bearer ${knobs.apiKey}` } });
    const page1 = await (await call('/v2/tasks?limit=3')).json();
    await call(`/v2/tasks/${encodeURIComponent(page1.tasks[2].id)}`, 'DELETE');
    const page2 = await (await call(`/v2/tasks?limit=2&cursor=${encodeURIComponent(page1.pagination.next_cursor)}`)).json();
    const ids = knobs.control.tasks().map((t) => t.id);
    expect(page2.tasks.map((t: { id: string }) => t.id)).toEqual(ids.slice(2, 4));
  });

  it.each(['0', '101', 'abc', '-1', '2.5'])('refuses limit=%s with a 400 problem', async (limit) => {
    const r = await api('GET', `/v2/tasks?limit=${limit}`);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 400, title: 'Invalid request parameters', type: 'https://arize.com/docs/ax/rest-reference/errors#invalid-request' });
    expect(r.body.detail).toMatch(/limit must be an integer between 1 and 100/);
  });

  it('refuses a cursor it did not make', async () => {
    const r = await api('GET', '/v2/tasks?cursor=bm9wZQ');
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/cursor is not valid/);
  });
});

describe('filters', () => {
  it('filters tasks by case-insensitive name and space_name substrings, exact ids and type', async () => {
    const byName = (await api('GET', '/v2/tasks?name=TOXICITY&limit=100')).body.tasks;
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((t: { name: string }) => t.name.includes('toxicity'))).toBe(true);
    const bySpace = (await api('GET', '/v2/tasks?space_name=sandbox&limit=100')).body.tasks;
    expect(bySpace.length).toBeGreaterThan(0);
    const byProject = (await api('GET', `/v2/tasks?project_id=${encodeURIComponent(project.id)}&limit=100`)).body.tasks;
    expect(byProject.every((t: { project_id: string }) => t.project_id === project.id)).toBe(true);
    const byDataset = (await api('GET', `/v2/tasks?dataset_id=${encodeURIComponent(dataset.id)}&limit=100`)).body.tasks;
    expect(byDataset.length).toBeGreaterThan(0);
    expect(byDataset.every((t: { dataset_id: string }) => t.dataset_id === dataset.id)).toBe(true);
    const bySpaceId = (await api('GET', `/v2/tasks?space_id=${encodeURIComponent(project.space_id)}&limit=100`)).body.tasks;
    expect(bySpaceId.some((t: { project_id: string }) => t.project_id === project.id)).toBe(true);
    const code = (await api('GET', '/v2/tasks?type=CODE_EVALUATION&limit=100')).body.tasks;
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((t: { type: string }) => t.type === 'CODE_EVALUATION')).toBe(true);
  });

  it('refuses an unknown type or status with a 400 naming the allowed values', async () => {
    expect((await api('GET', '/v2/tasks?type=llm')).body.detail).toMatch(/type must be one of TEMPLATE_EVALUATION, CODE_EVALUATION, RUN_EXPERIMENT/);
    const task = await first<{ id: string }>('/v2/tasks', 'tasks');
    const r = await api('GET', `/v2/tasks/${encodeURIComponent(task.id)}/runs?status=done`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/status must be one of PENDING, RUNNING, COMPLETED, FAILED, CANCELLED/);
  });
});

describe('auth', () => {
  it('answers 401 problem without a key and with a wrong key', async () => {
    const none = await api('GET', '/v2/tasks', undefined, null);
    expect(none.status).toBe(401);
    expect(none.type).toBe('application/problem+json');
    expect(none.body.detail).toMatch(/missing Authorization/);
    expect((await api('GET', '/v2/tasks', undefined, 'nope')).status).toBe(401);
  });

  it('accepts the configured keys only, and read-only keys only for reads', async () => {
    const custom = await emulator({ apiKeys: ['k1', 'k2'], readOnlyKeys: ['k2'] });
    const call = (key: string, method = 'GET') => fetch(`${custom.url}/v2/tasks`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect((await call('k1')).status).toBe(200);
    expect((await call('emulator-key')).status).toBe(401);
    expect((await call('k2', 'POST')).status).toBe(403);
  });
});

describe('validation rules', () => {
  const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
    ['no evaluator', projectTask({ evaluators: [] }), 400, /at least one evaluator is required/],
    ['a duplicate evaluator', projectTask({ evaluators: [{ evaluator_id: evaluator.id }, { evaluator_id: evaluator.id }] }), 400, /duplicate evaluator id/],
    ['both project and dataset', projectTask({ dataset_id: dataset.id }), 400, /exactly one of project_id or dataset_id/],
    ['neither project nor dataset', projectTask({ project_id: undefined }), 400, /exactly one of project_id or dataset_id/],
    ['a dataset task without experiments', datasetTask({ experiment_ids: [] }), 400, /at least one entry for a dataset-based task/],
    ['a continuous dataset task', datasetTask({ is_continuous: true }), 400, /is_continuous must be false or omitted/],
    ['a sampling rate on a dataset task', datasetTask({ sampling_rate: 0.5 }), 400, /sampling_rate is only supported on project-based tasks/],
    ['experiments on a project task', projectTask({ experiment_ids: [experiment.id] }), 400, /must be omitted or empty for a project-based task/],
    ['a sampling rate above 1', projectTask({ sampling_rate: 1.5 }), 400, /sampling_rate must be a number between 0 and 1/],
    ['a negative sampling rate', projectTask({ sampling_rate: -0.1 }), 400, /sampling_rate must be a number between 0 and 1/],
    ['an unknown type', projectTask({ type: 'vibes' }), 400, /type must be one of TEMPLATE_EVALUATION, CODE_EVALUATION, RUN_EXPERIMENT/],
    ['a lowercase type', projectTask({ type: 'template_evaluation' }), 400, /type must be one of/],
    ['an empty name', projectTask({ name: '' }), 400, /name is required/],
    ['an id', projectTask({ id: 'x' }), 400, /id cannot be set on create/],
    ['a run configuration on an evaluation task', projectTask({ run_configuration: {} }), 400, /run_configuration applies to RUN_EXPERIMENT tasks only/],
    ['an experiment of another dataset', datasetTask({ experiment_ids: [otherExperiment.id] }), 400, /does not belong to dataset/],
    ['an unknown evaluator', projectTask({ evaluators: [{ evaluator_id: 'RXZhbHVhdG9yOjk5OTp4eHh4' }] }), 404, /evaluator .* was not found/],
    ['an unknown project', projectTask({ project_id: 'UHJvamVjdDo5OTk6eHh4eA==' }), 404, /project .* was not found/],
    ['a pinned version of another evaluator', projectTask({ evaluators: [{ evaluator_id: evaluator.id, evaluator_version_id: evaluator2Version }] }), 422, /is not a version of evaluator/],
    ['two custom code evaluators on a CODE_EVALUATION task', projectTask({ type: 'CODE_EVALUATION', evaluators: [{ evaluator_id: latency.id }, { evaluator_id: pii.id }] }), 422, /^Only one custom code evaluator runs per task\. Create one task per custom evaluator\.$/],
    ['evaluators on a RUN_EXPERIMENT task', { name: 'x', type: 'RUN_EXPERIMENT', dataset_id: dataset.id, run_configuration: llmConfig, evaluators: [] }, 400, /evaluators must be omitted for a RUN_EXPERIMENT task/],
    ['a RUN_EXPERIMENT task without a dataset', { name: 'x', type: 'RUN_EXPERIMENT', run_configuration: llmConfig }, 400, /dataset_id is required/],
    ['a run configuration without messages', { name: 'x', type: 'RUN_EXPERIMENT', dataset_id: dataset.id, run_configuration: { ...llmConfig, messages: [] } }, 400, /messages must hold at least one message/],
    ['an unknown experiment type', { name: 'x', type: 'RUN_EXPERIMENT', dataset_id: dataset.id, run_configuration: { experiment_type: 'VIBES' } }, 400, /experiment_type must be one of/],
  ];

  it.each(cases)('refuses a create with %s', async (_what, body, status, detail) => {
    const before = emu.control.tasks().length;
    const r = await api('POST', '/v2/tasks', body);
    expect(r.status).toBe(status);
    expect(r.type).toBe('application/problem+json');
    expect(conformance('Problem', r.body)).toEqual([]);
    expect(r.body.detail).toMatch(detail);
    expect(emu.control.tasks().length).toBe(before);
  });

  it('refuses a duplicate task name within a space', async () => {
    const body = projectTask();
    expect((await api('POST', '/v2/tasks', body)).status).toBe(201);
    const again = await api('POST', '/v2/tasks', { ...body, is_continuous: true });
    expect(again.status).toBe(422);
    expect(conformance('Problem', again.body)).toEqual([]);
    expect(again.body.detail).toMatch(/already exists in this space/);
  });

  it('refuses a body that is not a JSON object', async () => {
    const r = await api('POST', '/v2/tasks', '[1,2');
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/JSON object/);
  });

  it('refuses an empty update, nulls other than query_filter, and project-only fields on dataset tasks', async () => {
    const projectOne = (await api('POST', '/v2/tasks', projectTask())).body;
    const datasetOne = (await api('POST', '/v2/tasks', datasetTask())).body;
    const patch = (id: string, body: unknown) => api('PATCH', `/v2/tasks/${encodeURIComponent(id)}`, body);
    expect((await patch(projectOne.id, {})).body.detail).toMatch(/at least one field is required/);
    expect((await patch(projectOne.id, { run_configuration: llmConfig })).body).toMatchObject({ status: 400, detail: expect.stringMatching(/run_configuration is not valid for a TEMPLATE_EVALUATION task/) });
    expect((await patch(projectOne.id, { evaluators: [{ evaluator_id: evaluator.id, evaluator_version_id: evaluator2Version }] })).status).toBe(422);
    expect((await patch(projectOne.id, { name: null })).body.detail).toMatch(/name must not be null/);
    expect((await patch(projectOne.id, { evaluators: [] })).body.detail).toMatch(/at least one evaluator/);
    expect((await patch(projectOne.id, { evaluators: [{ evaluator_id: evaluator.id }, { evaluator_id: evaluator.id }] })).body.detail).toMatch(/duplicate evaluator/);
    expect((await patch(projectOne.id, { sampling_rate: 2 })).status).toBe(400);
    expect((await patch(datasetOne.id, { sampling_rate: 0.5 })).body.detail).toMatch(/only applicable to project-based tasks/);
    expect((await patch(datasetOne.id, { is_continuous: true })).body.detail).toMatch(/only applicable to project-based tasks/);
    const cleared = await patch(projectOne.id, { query_filter: null, evaluators: [{ evaluator_id: evaluator2.id }] });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ query_filter: null, evaluators: [{ evaluator_id: evaluator2.id, evaluator_name: 'Relevance' }] });
  });

  it('refuses trigger bodies that break the rules', async () => {
    const projectOne = (await api('POST', '/v2/tasks', projectTask())).body;
    const trigger = (body: unknown) => api('POST', `/v2/tasks/${encodeURIComponent(projectOne.id)}/trigger`, body);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect((await trigger({ data_start_time: hourAgo, max_spans: 0 })).body.detail).toMatch(/max_spans must be a positive integer/);
    expect((await trigger({ data_start_time: 'yesterday' })).body.detail).toMatch(/data_start_time must be an ISO 8601/);
    expect((await trigger({ data_start_time: '2026-02-30T00:00:00Z' })).body.detail).toMatch(/data_start_time must be an ISO 8601/);
    const window = await trigger({ data_start_time: '2026-03-02T00:00:00Z', data_end_time: '2026-03-01T00:00:00Z' });
    expect(window).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/data_start_time must be before data_end_time/) } });
    const long = await trigger({ data_start_time: '2026-01-01T00:00:00Z', data_end_time: '2026-02-01T00:00:00Z' });
    expect(long).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/no more than 30 days/) } });
    expect((await trigger({})).body).toMatchObject({ status: 422, detail: expect.stringMatching(/data_start_time is required on the first run/) });
    expect((await trigger({ data_start_time: hourAgo, experiment_ids: [experiment.id] })).body.detail).toMatch(/only applicable to dataset-based tasks/);
    expect((await trigger({ experiment_name: 'x' })).body).toMatchObject({ status: 400, detail: expect.stringMatching(/applies to RUN_EXPERIMENT tasks only/) });
    expect(emu.control.runs(projectOne.id)).toHaveLength(0);
    const ok = await trigger({ data_start_time: hourAgo });
    expect(ok.status).toBe(201);
    expect(ok.body.data_end_time).not.toBeNull();
    await sleep(2); // in the last run's millisecond the default window is empty (422)
    const next = await trigger({}); // later runs start from the last run time
    expect(next.status).toBe(201);
    expect(next.body.data_start_time).toBe(ok.body.created_at);
  });

  it('answers 404 problems for unknown tasks and runs, and 405 for a wrong method', async () => {
    expect((await api('GET', '/v2/tasks/bm9wZQ==')).body).toMatchObject({ status: 404, title: 'Resource not found' });
    expect((await api('GET', '/v2/task-runs/bm9wZQ==')).status).toBe(404);
    expect((await api('PUT', '/v2/tasks')).status).toBe(405);
  });
});

describe('runs that live', () => {
  it('moves a run pending -> running (counters growing) -> completed within the configured durations', async () => {
    // long enough phases that a poll every 20 ms sees each of them even on a busy machine
    const timing = { pendingMs: 300, runningMs: 2000, failureRate: 0, progressSteps: 4 };
    const slow = await emulator({ runs: timing });
    const call = (method: string, path: string) => fetch(`${slow.url}${path}`, { method, headers: { authorization: `Bearer ${slow.apiKey}` } }).then((r) => r.json());
    const task = seeded(slow).firstTask;
    const run = await call('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`);
    expect(run.status).toBe('PENDING');
    const seen: Array<{ status: string; num_successes: number }> = [];
    const deadline = Date.now() + timing.pendingMs + timing.runningMs + 2000;
    let current = run;
    while (current.status !== 'COMPLETED' && Date.now() < deadline) {
      await sleep(20);
      current = await call('GET', `/v2/task-runs/${encodeURIComponent(run.id)}`);
      expect(conformance('TaskRun', current)).toEqual([]);
      seen.push({ status: current.status, num_successes: current.num_successes });
    }
    expect(current.status).toBe('COMPLETED');
    expect(current.run_finished_at).not.toBeNull();
    const statuses = [...new Set(seen.map((s) => s.status))];
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'COMPLETED'].filter((s) => statuses.includes(s)));
    expect(statuses).toContain('RUNNING');
    const counts = seen.filter((s) => s.status === 'RUNNING').map((s) => s.num_successes);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBeGreaterThan(1);
    expect(Date.parse(current.run_finished_at) - Date.parse(current.created_at)).toBe(timing.pendingMs + timing.runningMs);
    expect(slow.control.task(task.id)!.last_run_at).toBe(run.created_at);
  });

  it('runs a RUN_EXPERIMENT run\'s evaluation tasks when it completes, with nobody reading the run, and no GET ever changes anything', async () => {
    const quick = await emulator({ runs: { ...FAST_RUNS, pendingMs: 0, runningMs: 100 } });
    const call = (method: string, path: string, body?: unknown) => fetch(`${quick.url}${path}`, { method, headers: { authorization: `Bearer ${quick.apiKey}` }, ...(body ? { body: JSON.stringify(body) } : {}) }).then((r) => r.json());
    const fixtures = seeded(quick);
    const follow = fixtures.datasetTask;
    const before = quick.control.runs(follow.id).length;
    const run = await call('POST', `/v2/tasks/${encodeURIComponent(fixtures.experimentTask.id)}/trigger`, { experiment_name: 'unread', evaluation_task_ids: [follow.id] });
    expect(run.status).toBe('RUNNING');
    // only the follow-up task's runs are looked at: the experiment run itself is never read
    await until(() => quick.control.runs(follow.id).length === before + 1, 10_000, 'the follow-up run');
    const [followUp] = quick.control.runs(follow.id).slice(-1);
    expect(followUp).toMatchObject({ task_id: follow.id });
    expect((await call('GET', `/v2/task-runs/${encodeURIComponent(run.id)}`)).status).toBe('COMPLETED');
    await sleep(100);
    expect(quick.control.runs(follow.id)).toHaveLength(before + 1); // done once
  });

  it('holds new runs PENDING until released (runs.holdPending), then runs them for runningMs', async () => {
    const holding = await emulator({ runs: { ...FAST_RUNS, pendingMs: 0, runningMs: 60_000 } });
    const call = (method: string, path: string, body?: unknown) => fetch(`${holding.url}${path}`, { method, headers: { authorization: `Bearer ${holding.apiKey}` }, ...(body ? { body: JSON.stringify(body) } : {}) }).then((r) => r.json());
    expect((await call('PATCH', '/__emulator/config', { runs: { holdPending: true } })).runs.holdPending).toBe(true);
    const task = seeded(holding).firstTask;
    // explicit windows: without one, the second trigger starts at the first's time, and in
    // the same millisecond that window is empty (a 422, as the contract says); the second's
    // is wider, so the first run does not already cover it
    const since = (hours: number) => ({ data_start_time: new Date(Date.now() - hours * 3_600_000).toISOString() });
    const first = await call('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, since(1));
    const second = await call('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, since(2));
    expect([first.id, second.id].every((id) => typeof id === 'string')).toBe(true);
    await call('PATCH', '/__emulator/config', { runs: { holdPending: false } });
    await sleep(50); // pendingMs is 0: unheld, it would be RUNNING by now
    const pending = await call('GET', `/v2/task-runs/${encodeURIComponent(first.id)}`);
    expect(pending).toMatchObject({ status: 'PENDING', run_started_at: null, run_finished_at: null, num_successes: 0 });
    expect(conformance('TaskRun', pending)).toEqual([]);
    expect(await call('POST', '/__emulator/release', { runId: first.id })).toEqual({ released: 1 });
    expect((await call('GET', `/v2/task-runs/${encodeURIComponent(first.id)}`)).status).toBe('RUNNING');
    expect((await call('GET', `/v2/task-runs/${encodeURIComponent(second.id)}`)).status).toBe('PENDING');
    steer(holding, first.id).advance(60_000); // its clock past the end
    expect((await call('GET', `/v2/task-runs/${encodeURIComponent(first.id)}`)).status).toBe('COMPLETED');
    expect(await call('POST', '/__emulator/release', {})).toEqual({ released: 1 }); // every held run: the second
    expect(holding.control.release()).toBe(0);
  });

  it('ends a configurable share of runs failed', async () => {
    const failing = await emulator({ runs: { ...FAST_RUNS, pendingMs: 0, runningMs: 0, failureRate: 1 } });
    const task = seeded(failing).firstTask;
    const run = failing.control.trigger(task.id, {});
    await sleep(5);
    expect(failing.control.run(run.id).status).toBe('FAILED');
  });

  it('cancels a pending or running run, and refuses to cancel a finished one', async () => {
    const task = (await api('POST', '/v2/tasks', projectTask())).body;
    const run = (await held(emu, () => api('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, { data_start_time: new Date(Date.now() - 3_600_000).toISOString() }))).body;
    const cancelled = await api('POST', `/v2/task-runs/${encodeURIComponent(run.id)}/cancel`);
    expect(cancelled.body.status).toBe('CANCELLED');
    const again = await api('POST', `/v2/task-runs/${encodeURIComponent(run.id)}/cancel`);
    expect(again.status).toBe(400);
    expect(again.body.detail).toMatch(/already CANCELLED; only a PENDING or RUNNING run can be cancelled/);
    await sleep(FAST_RUNS.pendingMs + FAST_RUNS.runningMs + 50);
    expect((await api('GET', `/v2/task-runs/${encodeURIComponent(run.id)}`)).body.status).toBe('CANCELLED');
  });

  it('refuses to cancel a completed run', async () => {
    const done = await emulator({ runs: { pendingMs: 0, runningMs: 0, failureRate: 0, progressSteps: 1 } });
    const task = seeded(done).firstTask;
    const run = done.control.trigger(task.id, {});
    await sleep(5);
    const r = await fetch(`${done.url}/v2/task-runs/${encodeURIComponent(run.id)}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${done.apiKey}` } });
    expect(r.status).toBe(400);
    expect((await r.json()).detail).toMatch(/already COMPLETED/);
    expect(done.control.run(run.id).status).toBe('COMPLETED');
  });

  it('deletes a task\'s runs with the task', async () => {
    const task = (await api('POST', '/v2/tasks', projectTask())).body;
    const run = (await api('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, { data_start_time: new Date(Date.now() - 3_600_000).toISOString() })).body;
    expect((await api('DELETE', `/v2/tasks/${encodeURIComponent(task.id)}`)).status).toBe(204);
    expect((await api('GET', `/v2/task-runs/${encodeURIComponent(run.id)}`)).status).toBe(404);
  });
});

describe('knobs under /__emulator/', () => {
  it('logs and counts requests, and resets the log', async () => {
    await fetch(`${emu.url}/__emulator/requests`, { method: 'DELETE' });
    await api('GET', '/v2/spaces?limit=1');
    const log = await (await fetch(`${emu.url}/__emulator/requests?method=GET&path=^/v2/spaces`)).json();
    expect(log.count).toBe(1);
    expect(log.requests[0]).toMatchObject({ method: 'GET', path: '/v2/spaces', query: { limit: '1' }, status: 200 });
    await fetch(`${emu.url}/__emulator/requests`, { method: 'DELETE' });
    expect((await (await fetch(`${emu.url}/__emulator/requests`)).json()).count).toBe(0);
  });

  it('forces 5xx or 429 with Retry-After on chosen routes, a number of times', async () => {
    await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ path: '^/v2/spaces$', status: 429, retryAfterSeconds: 3, times: 1 }) });
    const limited = await api('GET', '/v2/spaces');
    expect(limited).toMatchObject({ status: 429, retryAfter: '3', type: 'application/problem+json' });
    expect((await api('GET', '/v2/spaces')).status).toBe(200);
    await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ method: 'GET', path: '^/v2/projects', status: 503 }) });
    expect((await api('GET', '/v2/projects')).status).toBe(503);
    expect((await api('GET', '/v2/projects')).status).toBe(503);
    await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    expect((await api('GET', '/v2/projects')).status).toBe(200);
  });

  it('adds latency and an error rate, and changes run durations', async () => {
    const knobs = await emulator();
    const patch = (body: unknown) => fetch(`${knobs.url}/__emulator/config`, { method: 'PATCH', body: JSON.stringify(body) });
    await patch({ latencyMs: 120 });
    const started = performance.now();
    await fetch(`${knobs.url}/v2/spaces`, { headers: { authorization: `Bearer ${knobs.apiKey}` } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await patch({ latencyMs: 0, errorRate: 1 });
    expect((await fetch(`${knobs.url}/v2/spaces`, { headers: { authorization: `Bearer ${knobs.apiKey}` } })).status).toBe(500);
    await patch({ errorRate: 0, runs: { pendingMs: 5000 } });
    expect((await (await fetch(`${knobs.url}/__emulator/config`)).json()).runs.pendingMs).toBe(5000);
  });

  it('reseeds on reset', async () => {
    const knobs = await emulator();
    const task = seeded(knobs).firstTask;
    await fetch(`${knobs.url}/v2/tasks/${encodeURIComponent(task.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${knobs.apiKey}` } });
    expect(knobs.control.task(task.id) !== undefined).toBe(false);
    await fetch(`${knobs.url}/__emulator/reset`, { method: 'POST' });
    expect(knobs.control.task(task.id) !== undefined).toBe(true);
  });
});

describe('today\'s API', () => {
  const experimentTask = () => seeded(emu).experimentTask;

  it('serves a seeded RUN_EXPERIMENT task and its finished run as the contract describes them', async () => {
    const task = experimentTask();
    const served = (await api('GET', `/v2/tasks/${encodeURIComponent(task.id)}`)).body;
    expect(conformance('Task', served)).toEqual([]);
    expect(served).toMatchObject({ type: 'RUN_EXPERIMENT', evaluators: [], is_continuous: false, run_configuration: { experiment_type: 'LLM_GENERATION' } });
    const [run] = (await api('GET', `/v2/tasks/${encodeURIComponent(task.id)}/runs`)).body.task_runs;
    expect(conformance('TaskRun', run)).toEqual([]);
    expect(run).toMatchObject({ status: 'COMPLETED', data_start_time: null, experiment_id: expect.any(String), failure_reason: null });
    expect((await api('GET', `/v2/experiments/${encodeURIComponent(run.experiment_id)}`)).body).toMatchObject({ dataset_id: task.dataset_id });
    const plain = (await api('GET', '/v2/tasks?type=TEMPLATE_EVALUATION&limit=1')).body.tasks[0];
    expect(plain).not.toHaveProperty('run_configuration');
    expect(plain.evaluators[0]).toHaveProperty('evaluator_version_id');
  });

  it('updates and triggers a RUN_EXPERIMENT task by its own rules', async () => {
    const created = await api('POST', '/v2/tasks', { name: `exp-${Date.now()}`, type: 'RUN_EXPERIMENT', dataset_id: dataset.id, run_configuration: llmConfig });
    expect(created.status).toBe(201);
    const id = encodeURIComponent(created.body.id);
    expect((await api('PATCH', `/v2/tasks/${id}`, { evaluators: [{ evaluator_id: evaluator.id }] })).body.detail).toMatch(/evaluators is not valid for a RUN_EXPERIMENT task/);
    expect((await api('PATCH', `/v2/tasks/${id}`, { run_configuration: { experiment_type: 'AGENT_CALL', integration_id: llm.id, input_template: {} } })).body.detail)
      .toMatch(/AGENT_CALL needs an AGENT integration/);
    expect((await api('PATCH', `/v2/tasks/${id}`, { run_configuration: { ...llmConfig, ai_integration_id: 'TGxtSW50ZWdyYXRpb246OTk5OnggeA==' } })).status).toBe(404);
    const renamed = await api('PATCH', `/v2/tasks/${id}`, { run_configuration: { experiment_type: 'AGENT_CALL', integration_id: agent.id, input_template: { q: '{{dataset.question}}' } } });
    expect(renamed.body.run_configuration).toEqual({ experiment_type: 'AGENT_CALL', integration_id: agent.id, input_template: { q: '{{question}}' } });
    const trigger = (body: unknown) => api('POST', `/v2/tasks/${id}/trigger`, body);
    expect((await trigger({})).body).toMatchObject({ status: 400, detail: expect.stringMatching(/experiment_name is required/) });
    expect((await trigger({ experiment_name: 'e', max_spans: 5 })).body.detail).toMatch(/max_spans applies to evaluation tasks only/);
    expect((await trigger({ experiment_name: 'e', example_ids: ['a'], max_examples: 1 })).body.detail).toMatch(/mutually exclusive/);
    const name = `run-${Date.now()}`;
    const run = await trigger({ experiment_name: name, max_examples: 2 });
    expect(run.status).toBe(201);
    expect(conformance('TaskRun', run.body)).toEqual([]);
    expect((await trigger({ experiment_name: name })).body).toMatchObject({ status: 409, type: 'https://arize.com/docs/ax/rest-reference/errors#resource-conflict' });
  });

  it('ends a re-evaluation of an already labelled window CANCELLED with 0/0/0 and a failure reason, unless overridden', async () => {
    const timed = await emulator({ runs: { pendingMs: 0, runningMs: 0, failureRate: 0, progressSteps: 1 } });
    const task = seeded(timed).projectTaskThatHasRun;
    const window = { data_start_time: new Date(Date.now() - 7_200_000).toISOString(), data_end_time: new Date(Date.now() - 3_600_000).toISOString() };
    const first = timed.control.trigger(task.id, window);
    await sleep(5);
    expect(timed.control.run(first.id).status).toBe('COMPLETED');
    const again = timed.control.trigger(task.id, window);
    await sleep(5);
    expect(timed.control.run(again.id)).toMatchObject({ status: 'CANCELLED', num_successes: 0, num_errors: 0, num_skipped: 0, failure_reason: expect.stringMatching(/override_evaluations/) });
    const forced = timed.control.trigger(task.id, { ...window, override_evaluations: true });
    await sleep(5);
    expect(timed.control.run(forced.id)).toMatchObject({ status: 'COMPLETED', failure_reason: null });
  });

  it('answers 404 for a list whose scoping id is unknown', async () => {
    const unknownSpace = 'U3BhY2U6OTk5Onh4eHg=';
    for (const path of ['/v2/tasks', '/v2/projects', '/v2/datasets', '/v2/evaluators']) {
      const r = await api('GET', `${path}?space_id=${encodeURIComponent(unknownSpace)}`);
      expect(r.status).toBe(404);
      expect(r.body.detail).toMatch(/space .* was not found/);
    }
    expect((await api('GET', '/v2/tasks?project_id=UHJvamVjdDo5OTk6eHh4eA%3D%3D')).status).toBe(404);
    expect((await api('GET', '/v2/experiments?dataset_id=RGF0YXNldDo5OTk6eHh4eA%3D%3D')).status).toBe(404);
    expect((await api('GET', '/v2/tasks?space_name=no-such-space')).body.tasks).toEqual([]);
  });

  it('serves evaluators of every type with version histories, and pinned task evaluators', async () => {
    const evaluators = (await api('GET', '/v2/evaluators')).body.evaluators as Array<{ id: string; type: string }>;
    expect(new Set(evaluators.map((e) => e.type))).toEqual(new Set(['TEMPLATE', 'CODE', 'HARNESS', 'REMOTE', 'DECISION_JUDGE']));
    for (const e of evaluators) {
      const versions = (await api('GET', `/v2/evaluators/${encodeURIComponent(e.id)}/versions`)).body;
      if (e.type !== 'DECISION_JUDGE') expect(conformance('ListEvaluatorVersionsResponse', versions)).toEqual([]);
      for (const version of versions.evaluator_versions) {
        expect(version.type).toBe(e.type);
        expect((await api('GET', `/v2/evaluator-versions/${encodeURIComponent(version.id)}`)).body).toEqual(version);
      }
    }
    expect((await api('GET', `/v2/evaluators/${encodeURIComponent(evaluator.id)}?version_id=${encodeURIComponent(evaluator2Version)}`)).status).toBe(404);
    const pinned = emu.control.tasks().some((t) => t.evaluators.some((e) => e.evaluator_version_id !== null));
    expect(pinned).toBe(true);
  });

  it('speaks the April 2026 dialect when asked: lowercase values, none of the new keys, empty lists for unknown scopes', async () => {
    const old = await emulator({ dialect: 'legacy' });
    const call = async (path: string) => (await fetch(`${old.url}${path}`, { headers: { authorization: `Bearer ${old.apiKey}` } })).json();
    const tasks = (await call('/v2/tasks?limit=100')).tasks as Array<Record<string, unknown>>;
    expect(tasks.every((t) => /^[a-z_]+$/.test(String(t.type)) && !('run_configuration' in t))).toBe(true);
    expect(tasks.flatMap((t) => t.evaluators as object[]).some((e) => 'evaluator_version_id' in e)).toBe(false);
    const run = (await call(`/v2/tasks/${encodeURIComponent(String(tasks[0]!.id))}/runs`)).task_runs[0];
    expect(run.status).toMatch(/^[a-z]+$/);
    expect(run).not.toHaveProperty('failure_reason');
    expect((await call('/v2/tasks?type=code_evaluation&limit=1')).tasks[0].type).toBe('code_evaluation');
    expect((await call('/v2/tasks?type=CODE_EVALUATION')).status).toBe(400);
    expect((await call('/v2/tasks?space_id=U3BhY2U6OTk5Onh4eHg%3D')).tasks).toEqual([]);
    const version = (await call(`/v2/evaluators/${encodeURIComponent(evaluator.id)}`)).version;
    expect(version).not.toHaveProperty('type');
    await fetch(`${old.url}/__emulator/config`, { method: 'PATCH', body: JSON.stringify({ dialect: 'current' }) });
    expect(old.dialect).toBe('current');
    expect((await call('/v2/tasks?limit=1')).tasks[0].type).toMatch(/^[A-Z_]+$/);
  });
});

describe('experiment tasks run through their life', () => {
  it('creates the experiment, adds one run per chosen example as the task run progresses, and pages them (limit up to 500)', async () => {
    const timed = await emulator({ runs: { pendingMs: 50, runningMs: 200, failureRate: 0, progressSteps: 4 } });
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${timed.url}${path}`, { method, headers: { authorization: `Bearer ${timed.apiKey}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: r.status, body: await r.json() };
    };
    const golden = (await call('GET', '/v2/datasets?name=golden')).body.datasets[0];
    const examples = (await call('GET', `/v2/datasets/${encodeURIComponent(golden.id)}/examples?limit=500`)).body;
    expect(conformance('ListDatasetExamplesResponse', examples)).toEqual([]);
    expect(examples.examples.length).toBeGreaterThan(4);
    expect((await call('GET', `/v2/datasets/${encodeURIComponent(golden.id)}/examples?limit=501`)).status).toBe(400);
    const ai = (await call('GET', '/v2/ai-integrations')).body;
    expect(conformance('ListAiIntegrationsResponse', ai)).toEqual([]);
    const integrations = (await call('GET', '/v2/integrations?type=AGENT')).body;
    expect(conformance('ListIntegrationsResponse', integrations)).toEqual([]);
    expect((await call('GET', '/v2/integrations')).status).toBe(400);
    const task = (await call('POST', '/v2/tasks', { name: 'exp-life', type: 'RUN_EXPERIMENT', dataset_id: golden.id, run_configuration: { ...llmConfig, ai_integration_id: ai.ai_integrations[0].id } })).body;
    const chosen = examples.examples.slice(0, 3).map((e: { id: string }) => e.id);
    const run = (await call('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, { experiment_name: 'life-1', example_ids: chosen })).body;
    expect(run.experiment_id).toBeNull(); // not provisioned while PENDING
    await sleep(400);
    const done = (await call('GET', `/v2/task-runs/${encodeURIComponent(run.id)}`)).body;
    expect(done).toMatchObject({ status: 'COMPLETED', num_successes: 3, num_errors: 0, experiment_id: expect.any(String) });
    const runs = (await call('GET', `/v2/experiments/${encodeURIComponent(done.experiment_id)}/runs?limit=2`)).body;
    expect(conformance('ListExperimentRunsResponse', runs)).toEqual([]);
    expect(runs.experiment_runs.map((r: { example_id: string }) => r.example_id)).toEqual(chosen.slice(0, 2));
    const rest = (await call('GET', `/v2/experiments/${encodeURIComponent(done.experiment_id)}/runs?cursor=${encodeURIComponent(runs.pagination.next_cursor)}`)).body;
    expect(rest.experiment_runs.map((r: { example_id: string }) => r.example_id)).toEqual(chosen.slice(2));
    expect((await call('POST', `/v2/tasks/${encodeURIComponent(task.id)}/trigger`, { experiment_name: 'life-2', example_ids: ['nope'] })).status).toBe(404);
  });
});
