import { describe, expect, it } from 'vitest';
import { codeForUpstreamError } from '../../src/errors.ts';
import { UpstreamError } from '../../src/upstream/errors.ts';

/** The error's own fields with the contract code the gateway maps it to. */
const withCode = (error: UpstreamError) => ({ kind: error.kind, status: error.status, title: error.title, retries: error.retries, retryAfterSeconds: error.retryAfterSeconds, code: codeForUpstreamError(error) });
import type { Task } from '../../src/upstream/types.ts';
import type { UpstreamCallEvent } from '../../src/upstream/transport.ts';
import type { Emulator } from '../../emulator/server.ts';
import { beyondOpenEnums, conformance } from '../support/openapi.ts';
import { emulator, held, sleep, transport } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

/** The emulator's JSON answer to `GET path`, as it is on the wire (before the client reads it). */
async function rawBody(emu: Emulator, path: string): Promise<unknown> {
  const response = await fetch(`${emu.url}${path}`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
  return response.json();
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected the call to fail');
}

describe('upstream client against the emulator', async () => {
  const emu = await emulator();
  const client = transport(emu).bind({ apiKey: emu.apiKey });
  const firstTask = (await client.listTasks({ limit: 1 })).items[0]!;

  it('lists and gets tasks as the OpenAPI document describes them', async () => {
    emu.clearLog();
    const page = await client.listTasks({ limit: 5 });
    expect(beyondOpenEnums(conformance('ListTasksResponse', await rawBody(emu, '/v2/tasks?limit=5')))).toEqual([]);
    expect(page.items).toHaveLength(5);
    expect(page.pagination.has_more).toBe(true);
    const task = await client.getTask(page.items[2]!.id);
    expect(conformance('Task', await rawBody(emu, `/v2/tasks/${encodeURIComponent(task.id)}`))).toEqual([]);
    expect(task).toEqual(page.items[2]);
  });

  it('creates, updates and deletes a task, sending bodies the contract accepts', async () => {
    const project = (await client.listProjects({ name: 'support-bot' })).items[0]!;
    const evaluator = (await client.listEvaluators({ name: 'Toxicity' })).items[0]!;
    const body = { name: 'client-crud', type: 'TEMPLATE_EVALUATION' as const, project_id: project.id, evaluators: [{ evaluator_id: evaluator.id }] };
    expect(conformance('CreateTaskRequest', body, { strict: true })).toEqual([]);
    const created = await client.createTask(body);
    expect(created).toMatchObject({ name: 'client-crud', type: 'TEMPLATE_EVALUATION', project_id: project.id, is_continuous: false, run_configuration: null,
      evaluators: [{ evaluator_id: evaluator.id, evaluator_name: 'Toxicity', evaluator_version_id: null }] });
    const updated = await client.updateTask(created.id, { query_filter: null, sampling_rate: 0.5 });
    expect(updated).toMatchObject({ query_filter: null, sampling_rate: 0.5 });
    const patch = emu.requests.findLast((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ query_filter: null, sampling_rate: 0.5 });
    expect(conformance('UpdateTaskRequest', patch?.body, { strict: true })).toEqual([]);
    await expect(client.deleteTask(created.id)).resolves.toBeUndefined();
    expect((await failure(client.getTask(created.id))).status).toBe(404);
  });

  it('triggers, lists, gets and cancels runs, reading today\'s uppercase statuses', async () => {
    // held PENDING: the PENDING filter and the cancel below cannot race the run's clock on a busy machine
    const run = await held(emu, () => client.triggerRun(firstTask.id, { max_spans: 5 }));
    expect(conformance('TriggerTaskRunRequest', emu.requests.findLast((r) => r.method === 'POST')?.body, { strict: true })).toEqual([]);
    expect(conformance('TaskRun', await rawBody(emu, `/v2/task-runs/${encodeURIComponent(run.id)}`))).toEqual([]);
    expect(run).toMatchObject({ status: 'PENDING', experiment_id: null, failure_reason: null });
    const runs = await client.listRuns(firstTask.id, { status: 'PENDING' });
    expect(emu.requests.at(-1)?.query).toMatchObject({ status: 'PENDING' });
    expect(conformance('ListTaskRunsResponse', await rawBody(emu, `/v2/tasks/${encodeURIComponent(firstTask.id)}/runs?status=PENDING`))).toEqual([]);
    expect(runs.items.map((r) => r.id)).toContain(run.id);
    expect((await client.getRun(run.id)).id).toBe(run.id);
    const cancelled = await client.cancelRun(run.id);
    expect(cancelled.status).toBe('CANCELLED');
  });

  it('lists and gets spaces, projects, datasets, experiments, evaluators and evaluator versions', async () => {
    const spaces = await client.listSpaces();
    expect(conformance('ListSpacesResponse', await rawBody(emu, '/v2/spaces'))).toEqual([]);
    expect(conformance('Space', await rawBody(emu, `/v2/spaces/${encodeURIComponent(spaces.items[0]!.id)}`))).toEqual([]);
    const production = spaces.items.find((s) => s.name === 'Production')!;
    const projects = await client.listProjects({ space_id: production.id });
    expect(conformance('ListProjectsResponse', await rawBody(emu, '/v2/projects?space_name=product'))).toEqual([]);
    expect(projects.items.map((p) => p.name)).toEqual(['checkout-assistant', 'support-bot']);
    const datasets = await client.listDatasets();
    expect(conformance('ListDatasetsResponse', await rawBody(emu, '/v2/datasets'))).toEqual([]);
    const dataset = await client.getDataset(datasets.items[0]!.id);
    expect(conformance('Dataset', await rawBody(emu, `/v2/datasets/${encodeURIComponent(dataset.id)}`))).toEqual([]);
    expect(dataset.versions?.length).toBeGreaterThan(0);
    const experiments = await client.listExperiments({ dataset_id: datasets.items[0]!.id });
    expect(conformance('ListExperimentsResponse', await rawBody(emu, '/v2/experiments'))).toEqual([]);
    expect(experiments.items.length).toBeGreaterThan(0);
    expect(conformance('Experiment', await rawBody(emu, `/v2/experiments/${encodeURIComponent(experiments.items[0]!.id)}`))).toEqual([]);
    const evaluators = await client.listEvaluators({ space_id: spaces.items[0]!.id });
    expect(beyondOpenEnums(conformance('ListEvaluatorsResponse', await rawBody(emu, '/v2/evaluators')))).toEqual([]);
    expect(new Set((await client.listEvaluators()).items.map((e) => e.type))).toEqual(new Set(['TEMPLATE', 'CODE', 'HARNESS', 'REMOTE', 'UNKNOWN']));
    for (const evaluator of (await client.listEvaluators()).items) {
      if (evaluator.type === 'UNKNOWN') continue; // a Decision Judge one: its own test below
      const withVersion = await client.getEvaluator(evaluator.id);
      expect(conformance('EvaluatorWithVersion', await rawBody(emu, `/v2/evaluators/${encodeURIComponent(evaluator.id)}`))).toEqual([]);
      expect(withVersion.version?.type).toBe(evaluator.type);
      const versions = await client.listEvaluatorVersions(evaluator.id);
      expect(conformance('ListEvaluatorVersionsResponse', await rawBody(emu, `/v2/evaluators/${encodeURIComponent(evaluator.id)}/versions`))).toEqual([]);
      expect(versions.items[0]).toEqual(withVersion.version); // newest first
      const oldest = versions.items.at(-1)!;
      expect(await client.getEvaluatorVersion(oldest.id)).toEqual(oldest);
      expect((await client.getEvaluator(evaluator.id, { version_id: oldest.id })).version).toEqual(oldest);
    }
  });

  it('reads the legacy dialect, unknown values and unknown keys without failing, and says each unknown value once', async () => {
    const legacy = await emulator({ dialect: 'legacy' });
    const unknown: string[] = [];
    const legacyClient = transport(legacy, { onUnknownValue: (field, value) => unknown.push(`${field}=${value}`) }).bind({ apiKey: legacy.apiKey });
    const [task] = (await legacyClient.listTasks({ limit: 1 })).items;
    expect(await rawBody(legacy, '/v2/tasks?limit=1')).toMatchObject({ tasks: [{ type: expect.stringMatching(/^[a-z_]+$/) }] });
    expect(task?.type).toMatch(/^(TEMPLATE|CODE)_EVALUATION$/);
    expect(task?.evaluators.map((e) => e.evaluator_version_id)).toEqual(task?.evaluators.map(() => null));
    const run = (await legacyClient.listRuns(task!.id)).items[0]!;
    expect(run).toMatchObject({ status: expect.stringMatching(/^[A-Z]+$/), failure_reason: null, experiment_id: null });
    const version = (await legacyClient.getEvaluator((await legacyClient.listEvaluators({ name: 'Hallucination' })).items[0]!.id)).version;
    expect(version?.type).toBe('TEMPLATE'); // the April API sent no type: read from the config it carries
    expect(unknown).toEqual([]);

    const raw = legacy.control.task(task!.id)! as unknown as Record<string, unknown>;
    raw.type = 'SCHEDULED_EVALUATION';
    raw.brand_new_key = { nested: true };
    delete raw.query_filter;
    const read = await legacyClient.getTask(task!.id);
    expect(read.type).toBe('UNKNOWN');
    expect(read.query_filter).toBeNull();
    expect(read).not.toHaveProperty('brand_new_key');
    await legacyClient.getTask(task!.id);
    await legacyClient.listTasks({ limit: 5 });
    expect(unknown).toEqual(['Task.type=scheduled_evaluation']);
  });

  it('reads the autumn-2026 keys as sent: filters and mappings, experiments\' space, runs with no example, a type it does not know by name', async () => {
    const trace = (await client.listTasks({ name: 'trace-coherence-check' })).items[0]!;
    expect(trace.query_filters).toEqual(emu.control.task(trace.id)!.query_filters);
    expect(trace.evaluators.map((e) => e.query_mappings)).toEqual(emu.control.task(trace.id)!.evaluators.map((e) => e.query_mappings));
    const judge = (await client.listTasks({ name: 'refund-decision-judge' })).items[0]!;
    expect(judge).toMatchObject({ type: 'UNKNOWN', type_name: 'DECISION_JUDGE', query_filters: null });
    const production = (await client.listSpaces({ name: 'Production' })).items[0]!;
    emu.clearLog();
    const experiments = await client.listExperiments({ space_id: production.id, name: 'playground' });
    expect(emu.requests[0]?.query).toEqual({ space_id: production.id, name: 'playground' });
    expect(experiments.items).toMatchObject([{ name: 'playground-chat', dataset_id: null, space_id: production.id }]);
    const runs = await client.listExperimentRuns(experiments.items[0]!.id);
    expect(runs.items.map((r) => r.example_id)).toEqual([null, null, null]);
  });

  it('sends the key as a Bearer header and an x-request-id, and percent-escapes ids in paths', async () => {
    const id = 'VGFza1J1bjo5OTpxUn/+'; // base64 with '/' and '+'
    emu.clearLog();
    await failure(transport(emu).bind({ apiKey: emu.apiKey, requestId: 'req-123' }).getRun(id));
    const [request] = emu.requests;
    expect(request?.path).toBe('/v2/task-runs/VGFza1J1bjo5OTpxUn%2F%2B');
    expect(request?.status).toBe(404); // the key was accepted: a bad one is a 401
    expect(request?.requestId).toBe('req-123');
  });

  it('maps problem+json 400, 401, 404, 409, 422 and 429 into UpstreamError with the contract code', async () => {
    const e400 = await failure(client.listTasks({ limit: 0 }));
    expect(withCode(e400)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', title: 'Invalid request parameters' });
    expect(e400.detail).toMatch(/limit must be an integer between 1 and 100/);

    const e401 = await failure(transport(emu).bind({ apiKey: 'wrong-key' }).listTasks());
    expect(withCode(e401)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    const e404 = await failure(client.getTask('T25saW5lVGFzazo5OTk5OnFSd1g='));
    expect(withCode(e404)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const scoped404 = await failure(client.listTasks({ project_id: 'UHJvamVjdDo5OTk6eHh4eA==' }));
    expect(withCode(scoped404)).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const experimentTask = seeded(emu).experimentTask;
    const taken = emu.control.experiments().find((e) => e.dataset_id === experimentTask.dataset_id)!.name;
    const e409 = await failure(client.triggerRun(experimentTask.id, { experiment_name: taken }));
    expect(withCode(e409)).toMatchObject({ status: 409, code: 'CONFLICT' });

    const e422 = await failure(client.createTask({ name: firstTask.name, type: 'CODE_EVALUATION', project_id: firstTask.project_id!, evaluators: [{ evaluator_id: firstTask.evaluators[0]!.evaluator_id }] }));
    expect(withCode(e422)).toMatchObject({ status: 422, code: 'BAD_USER_INPUT' });
    expect(e422.detail).toMatch(/already exists in this space/);

    emu.addFault({ method: 'POST', path: '/cancel$', status: 429, retryAfterSeconds: 7, times: 1 });
    const e429 = await failure(client.cancelRun('VGFza1J1bjo5OTpxUndY'));
    expect(withCode(e429)).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('never puts the key in an error', async () => {
    const secret = 'sk-very-secret-key-123';
    const error = await failure(transport(emu).bind({ apiKey: secret }).getTask(firstTask.id));
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(secret);
  });

  it('retries a GET through two 503s and returns the data, and reports the retries once', async () => {
    const events: UpstreamCallEvent[] = [];
    const counted = transport(emu, { onCall: (event) => events.push(event) }).bind({ apiKey: emu.apiKey });
    emu.clearLog();
    emu.addFault({ method: 'GET', path: '^/v2/tasks/[^/]+$', status: 503, times: 2 });
    const task: Task = await counted.getTask(firstTask.id);
    expect(task.id).toBe(firstTask.id);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(events).toMatchObject([{ operation: 'getTask', method: 'GET', outcome: 200, retries: 2 }]);

    emu.addFault({ method: 'GET', path: '^/v2/tasks/[^/]+$', status: 503, times: 3 });
    await failure(counted.getTask(firstTask.id));
    expect(events[1]).toMatchObject({ operation: 'getTask', outcome: 503, retries: 2 });
  });

  it('sends list parameters as one query string, leaving out absent ones', async () => {
    emu.clearLog();
    await client.listTasks({ limit: 3, cursor: undefined, name: 'a b&c' });
    expect(emu.requests.at(-1)).toMatchObject({ path: '/v2/tasks', query: { limit: '3', name: 'a b&c' } });
    expect(Object.keys(emu.requests.at(-1)!.query)).toEqual(['limit', 'name']);
  });

  it('retries a DELETE on a 503', async () => {
    const created = await client.createTask({ name: 'delete-retry', type: 'CODE_EVALUATION', project_id: firstTask.project_id!, is_continuous: true, evaluators: [{ evaluator_id: firstTask.evaluators[0]!.evaluator_id }] });
    emu.clearLog();
    emu.addFault({ method: 'DELETE', path: '^/v2/tasks/', status: 503, times: 1 });
    await client.deleteTask(created.id);
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 503', 'DELETE 204']);
  });

  it('counts a DELETE as done when its answer was lost and the retry finds the task gone', async () => {
    const created = await client.createTask({ name: 'lost-answer', type: 'CODE_EVALUATION', project_id: firstTask.project_id!, is_continuous: true, evaluators: [{ evaluator_id: firstTask.evaluators[0]!.evaluator_id }] });
    emu.clearLog();
    emu.addFault({ method: 'DELETE', path: '^/v2/tasks/', status: 503, times: 1, when: 'after' });
    await expect(client.deleteTask(created.id)).resolves.toBeUndefined();
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 503', 'DELETE 404']);
    expect(emu.control.task(created.id) !== undefined).toBe(false);
  });

  it('still reports a first-attempt 404 on DELETE as NOT_FOUND', async () => {
    const error = await failure(client.deleteTask('T25saW5lVGFzazo5OTk5OnFSd1g='));
    expect(withCode(error)).toMatchObject({ code: 'NOT_FOUND', retries: 0 });
  });

  it('never retries a trigger whose answer was lost: exactly one run is started', async () => {
    const runsBefore = emu.control.runs(firstTask.id).length;
    emu.clearLog();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 502, times: 1, when: 'after' });
    // a window of its own: the default starts at the last run, empty if that was this millisecond
    const error = await failure(client.triggerRun(firstTask.id, { data_start_time: new Date(Date.now() - 3_600_000).toISOString() }));
    expect(withCode(error)).toMatchObject({ status: 502, code: 'UPSTREAM_UNAVAILABLE', retries: 0 });
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(1);
    expect(emu.control.runs(firstTask.id).length).toBe(runsBefore + 1);
  });

  it('fails a trigger (POST) on a 503 at once: one request, no extra run', async () => {
    const runsBefore = emu.control.runs(firstTask.id).length;
    emu.clearLog();
    emu.addFault({ method: 'POST', path: '/trigger$', status: 503, times: 1 });
    const error = await failure(client.triggerRun(firstTask.id, {}));
    expect(withCode(error)).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    expect(emu.count('POST', (p) => p.endsWith('/trigger'))).toBe(1);
    expect(emu.control.runs(firstTask.id).length).toBe(runsBefore);
  });

  it('never retries a PATCH', async () => {
    emu.clearLog();
    emu.addFault({ method: 'PATCH', path: '^/v2/tasks/', status: 502, times: 1 });
    await failure(client.updateTask(firstTask.id, { name: firstTask.name }));
    expect(emu.count('PATCH', () => true)).toBe(1);
  });

  it('waits for Retry-After on a 429 before retrying a GET', async () => {
    emu.clearLog();
    emu.addFault({ method: 'GET', path: '^/v2/spaces$', status: 429, retryAfterSeconds: 1, times: 1 });
    await client.listSpaces();
    const [limited, retried] = emu.requests;
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once on a Retry-After longer than the cap, with retryAfterSeconds', async () => {
    emu.clearLog();
    emu.addFault({ method: 'GET', path: '^/v2/spaces$', status: 429, retryAfterSeconds: 60, times: 1 });
    const error = await failure(client.listSpaces());
    expect(withCode(error)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(emu.requests).toHaveLength(1);
  });

  it('reports an unreachable upstream as a network failure, and a slow one as a timeout', async () => {
    const gone = await emulator();
    await gone.stop();
    const network = await failure(transport(gone, { retryLimit: 0 }).bind({ apiKey: 'k' }).listSpaces());
    expect(withCode(network)).toMatchObject({ kind: 'network', code: 'UPSTREAM_UNAVAILABLE' });

    const slow = await emulator({ latencyMs: 400 });
    const timedOut = await failure(transport(slow, { responseTimeoutMs: 100, retryLimit: 0 }).bind({ apiKey: slow.apiKey }).listSpaces());
    expect(withCode(timedOut)).toMatchObject({ kind: 'timeout', code: 'UPSTREAM_UNAVAILABLE' });
    await sleep(400); // let the slow answer arrive before the emulator stops
  });
});
