/**
 * The emulator's side of "078afbd/d7b5b48 -> autumn 2026" (the E items of
 * `upstream-changes.md`): its answers for the new shapes validate against
 * the OpenAPI document, its rules answer with the contract's statuses, and
 * the legacy dialect's answers keep the April 2026 shape.
 */
import { describe, expect, it } from 'vitest';
import { DECISION_JUDGE } from '../../emulator/store.ts';
import { seeded } from '../support/fixtures.ts';
import { beyondOpenEnums, conformance } from '../support/openapi.ts';
import { emulator } from '../support/servers.ts';

const emu = await emulator();

async function api(method: string, path: string, body?: unknown, target = emu) {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
const enc = encodeURIComponent;
const seed = seeded(emu);
const production = seed.space('Production');
const checkout = seed.project('checkout-assistant');
const traceTask = seed.traceTask;
const judgeTask = seed.judgeTask;
const golden = seed.golden;
const playground = seed.playground;
const hallucination = seed.evaluator('Hallucination');
const coherence = seed.evaluator('Trace coherence');
const toolUse = seed.evaluator('Tool-use correctness');
const queryFilters = { traceFilter: 'x', minSpans: 2, channel: null };
const queryMappings = { conversation: { source: 'trace' }, expectedTool: null };
const traceBody = (extra: Record<string, unknown> = {}) => ({
  name: `trace-${Math.random().toString(36).slice(2)}`, type: 'TEMPLATE_EVALUATION', project_id: checkout.id,
  query_filters: queryFilters, evaluators: [{ evaluator_id: coherence.id, query_mappings: queryMappings }], ...extra,
});

describe('the new shapes, against the OpenAPI document', () => {
  it('serves trace-level and span-level tasks with both filtering keys, the unused side null', async () => {
    const trace = (await api('GET', `/v2/tasks/${enc(traceTask.id)}`)).body;
    expect(conformance('Task', trace)).toEqual([]);
    expect(trace).toMatchObject({ query_filter: null, query_filters: traceTask.query_filters });
    expect(trace.evaluators.every((e: Record<string, unknown>) => e.column_mappings === null && e.query_filter === null && e.query_mappings !== null)).toBe(true);
    const list = (await api('GET', '/v2/tasks?limit=100')).body;
    expect(beyondOpenEnums(conformance('ListTasksResponse', list))).toEqual([]);
    const span = list.tasks.find((t: { name: string }) => t.name === 'hallucination-check-001');
    expect(span).toMatchObject({ query_filters: null });
    expect(span.evaluators.every((e: Record<string, unknown>) => 'query_mappings' in e && e.query_mappings === null)).toBe(true);
  });

  it('creates and updates a trace-level task from bodies the document accepts, echoing the objects unchanged', async () => {
    const body = traceBody();
    expect(conformance('CreateTaskRequest', body, { strict: true })).toEqual([]);
    const created = await api('POST', '/v2/tasks', body);
    expect(created.status).toBe(201);
    expect(conformance('Task', created.body)).toEqual([]);
    expect(JSON.stringify(created.body.query_filters)).toBe(JSON.stringify(queryFilters));
    expect(created.body.evaluators[0].query_mappings).toEqual(queryMappings);
    const patch = { query_filters: null };
    expect(conformance('UpdateTaskRequest', patch, { strict: true })).toEqual([]);
    const cleared = await api('PATCH', `/v2/tasks/${enc(created.body.id)}`, patch);
    expect(cleared).toMatchObject({ status: 200, body: { query_filters: null } });
  });

  it('serves experiments with space_id, a space\'s list with its standalone experiment, and that experiment\'s runs with no example', async () => {
    const list = (await api('GET', `/v2/experiments?space_id=${enc(production.id)}`)).body;
    expect(conformance('ListExperimentsResponse', list)).toEqual([]);
    expect(list.experiments.every((e: { space_id: string }) => e.space_id === production.id)).toBe(true);
    expect(list.experiments.map((e: { id: string }) => e.id)).toContain(playground.id);
    const one = (await api('GET', `/v2/experiments/${enc(playground.id)}`)).body;
    expect(conformance('Experiment', one)).toEqual([]);
    expect(one).toMatchObject({ dataset_id: null, dataset_version_id: null, space_id: production.id });
    const runs = (await api('GET', `/v2/experiments/${enc(playground.id)}/runs`)).body;
    expect(conformance('ListExperimentRunsResponse', runs)).toEqual([]);
    expect(runs.experiment_runs.map((r: Record<string, unknown>) => ('example_id' in r ? r.example_id : 'absent'))).toEqual([null, null, 'absent']);
  });

  it('filters spaces by a case-insensitive substring of the name, paged, and keeps space_name filters working', async () => {
    const page = (await api('GET', '/v2/spaces?name=DEMO&limit=2')).body;
    expect(conformance('ListSpacesResponse', page)).toEqual([]);
    expect(page.spaces.map((s: { name: string }) => s.name)).toEqual(['demo-space', 'Demo-Space']);
    const rest = (await api('GET', `/v2/spaces?name=DEMO&limit=2&cursor=${enc(page.pagination.next_cursor)}`)).body;
    expect(rest).toMatchObject({ spaces: [{ name: 'demo' }], pagination: { has_more: false } });
    expect(emu.control.spaces().filter((s) => s.name === 'Evaluation Lab')).toHaveLength(2);
    const bySpaceName = (await api('GET', '/v2/tasks?space_name=demo&limit=100')).body.tasks;
    expect(bySpaceName.map((t: { name: string }) => t.name)).toEqual(['onboarding-check', 'onboarding-check', 'onboarding-check']);
  });

  it('serves a Decision Judge task (with runs) and evaluator whose only departure from the document is the open type', async () => {
    const task = (await api('GET', `/v2/tasks/${enc(judgeTask.id)}`)).body;
    expect(task.type).toBe('DECISION_JUDGE');
    expect(conformance('Task', task)).toEqual(['Task.type="DECISION_JUDGE" not in TEMPLATE_EVALUATION|CODE_EVALUATION|RUN_EXPERIMENT']);
    const runs = (await api('GET', `/v2/tasks/${enc(judgeTask.id)}/runs`)).body;
    expect(conformance('ListTaskRunsResponse', runs)).toEqual([]);
    expect(runs.task_runs.length).toBeGreaterThan(0);
    const evaluator = (await api('GET', `/v2/evaluators/${enc(task.evaluators[0].evaluator_id)}`)).body;
    expect(evaluator).toMatchObject({ type: 'DECISION_JUDGE', version: { type: 'DECISION_JUDGE', template_config: null, code_config: null } });
    expect(beyondOpenEnums(conformance('EvaluatorWithVersion', evaluator))).toEqual([]);
    expect(conformance('EvaluatorWithVersion', evaluator).length).toBeGreaterThan(0);
  });
});

describe('the new rules, with the contract\'s statuses', () => {
  it('scopes experiments by space_id (404 for an unknown one), the dataset scope winning over it', async () => {
    expect((await api('GET', '/v2/experiments?space_id=U3BhY2U6OTk5Onh4eHg%3D')).status).toBe(404);
    const research = seed.space('Research Sandbox');
    const both = (await api('GET', `/v2/experiments?dataset_id=${enc(golden.id)}&space_id=${enc(research.id)}`)).body.experiments;
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((e: { dataset_id: string }) => e.dataset_id === golden.id)).toBe(true);
  });

  it.each([
    ['query_filters beside query_filter', traceBody({ query_filter: 'a = 1' })],
    ['query_mappings beside column_mappings', traceBody({ query_filters: undefined, evaluators: [
      { evaluator_id: coherence.id, query_mappings: queryMappings }, { evaluator_id: toolUse.id, column_mappings: { input: 'x' } }] })],
    ['query_filters beside an evaluator\'s query_filter', traceBody({ evaluators: [{ evaluator_id: coherence.id, query_filter: 'a = 1' }] })],
  ])('refuses a create that mixes the filtering shapes (%s) with 400', async (_what, body) => {
    expect((await api('POST', '/v2/tasks', body)).status).toBe(400);
  });

  it('judges an update on the task after the patch: a clash is 400, a switch in one patch is 200', async () => {
    const span = emu.control.tasks().find((t) => t.query_filter !== null && t.type === 'TEMPLATE_EVALUATION')!;
    expect((await api('PATCH', `/v2/tasks/${enc(span.id)}`, { query_filters: queryFilters })).status).toBe(400);
    const switched = await api('PATCH', `/v2/tasks/${enc(span.id)}`, { query_filter: null, query_filters: queryFilters, evaluators: [{ evaluator_id: coherence.id, query_mappings: queryMappings }] });
    expect(switched).toMatchObject({ status: 200, body: { query_filter: null, query_filters: queryFilters } });
    expect((await api('PATCH', `/v2/tasks/${enc(span.id)}`, { query_filters: [1] })).status).toBe(400);
  });

  it('refuses evaluators of different data scopes with 422, on create and update, reading a pinned version\'s scope', async () => {
    const mixed = [{ evaluator_id: hallucination.id }, { evaluator_id: coherence.id }];
    const created = await api('POST', '/v2/tasks', { name: 'scopes', type: 'TEMPLATE_EVALUATION', project_id: checkout.id, evaluators: mixed });
    expect(created).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/same data scope.*SPAN \(Hallucination\).*TRACE \(Trace coherence\)/) } });
    expect((await api('PATCH', `/v2/tasks/${enc(traceTask.id)}`, { evaluators: mixed })).status).toBe(422);
    expect((await api('PATCH', `/v2/tasks/${enc(traceTask.id)}`, { evaluators: [{ evaluator_id: coherence.id }, { evaluator_id: toolUse.id }] })).status).toBe(200);
    // a version pinned to a TRACE config makes an otherwise SPAN evaluator TRACE
    const removeVersion = emu.control.addEvaluatorVersion(hallucination.id, {
      ...hallucination.versions[0]!, id: Buffer.from('EvaluatorVersion:9001:zzzz').toString('base64'),
      template_config: { ...hallucination.versions[0]!.template_config, data_granularity: 'TRACE' },
    });
    const pinned = [{ evaluator_id: coherence.id }, { evaluator_id: hallucination.id, evaluator_version_id: Buffer.from('EvaluatorVersion:9001:zzzz').toString('base64') }];
    expect((await api('PATCH', `/v2/tasks/${enc(traceTask.id)}`, { evaluators: pinned })).status).toBe(200);
    removeVersion();
  });

  it('takes query_filter on a RUN_EXPERIMENT trigger (intersected with example_ids, max_examples after it) and refuses it elsewhere', async () => {
    const task = seeded(emu).experimentTask;
    const examples = emu.control.examples(golden.versions[0]!.id);
    const easy = examples.filter((e) => e.difficulty === 'easy').map((e) => e.id);
    const trigger = async (body: Record<string, unknown>) => {
      expect(conformance('TriggerTaskRunRequest', body, { strict: true })).toEqual([]);
      const run = await api('POST', `/v2/tasks/${enc(task.id)}/trigger`, body);
      return { status: run.status, examples: run.status === 201 ? emu.control.runExamples(run.body.id) : undefined };
    };
    const filter = "difficulty = 'easy'";
    expect(await trigger({ experiment_name: 'f-1', query_filter: filter })).toEqual({ status: 201, examples: easy });
    expect(await trigger({ experiment_name: 'f-2', query_filter: filter, max_examples: 2 })).toEqual({ status: 201, examples: easy.slice(0, 2) });
    expect(await trigger({ experiment_name: 'f-3', query_filter: filter, example_ids: examples.slice(0, 3).map((e) => e.id) }))
      .toEqual({ status: 201, examples: examples.slice(0, 3).map((e) => e.id).filter((id) => easy.includes(id)) });
    expect((await api('POST', `/v2/tasks/${enc(task.id)}/trigger`, { experiment_name: 'f-4', query_filter: 'difficulty ~ hard' })).status).toBe(400);
    const evaluation = emu.control.tasks().find((t) => t.type === 'TEMPLATE_EVALUATION' && t.dataset_id)!;
    expect((await api('POST', `/v2/tasks/${enc(evaluation.id)}/trigger`, { query_filter: filter })).status).toBe(400);
  });

  it('refuses to create a Decision Judge task, or a RUN_EXPERIMENT one with query_filters, with 400', async () => {
    expect((await api('POST', '/v2/tasks', { ...traceBody(), type: DECISION_JUDGE })).status).toBe(400);
    const ai = emu.control.aiIntegrations()[0]!;
    const experiment = await api('POST', '/v2/tasks', {
      name: 'exp-filters', type: 'RUN_EXPERIMENT', dataset_id: golden.id, query_filters: {},
      run_configuration: { experiment_type: 'LLM_GENERATION', ai_integration_id: ai.id, input_variable_format: 'F_STRING', messages: [{ role: 'USER', content: '{q}' }] },
    });
    expect(experiment.status).toBe(400);
  });

  it('accepts the credentials it is configured with, whatever their form', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl';
    const oauth = await emulator({ apiKeys: [token] });
    expect((await fetch(`${oauth.url}/v2/spaces`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${oauth.url}/v2/spaces`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
  });
});

describe('the legacy dialect keeps the April 2026 shape', () => {
  it('sends none of the autumn keys, ignores the space_id filter on experiments, and lowercases the new type', async () => {
    const old = await emulator({ dialect: 'legacy' });
    const tasks = (await api('GET', '/v2/tasks?limit=100', undefined, old)).body.tasks as Array<Record<string, unknown>>;
    expect(tasks.some((t) => 'query_filters' in t)).toBe(false);
    expect(tasks.flatMap((t) => t.evaluators as Array<Record<string, unknown>>).some((e) => 'query_mappings' in e)).toBe(false);
    expect(tasks.find((t) => t.name === 'refund-decision-judge')?.type).toBe('decision_judge');
    const experiments = (await api('GET', '/v2/experiments?space_id=U3BhY2U6OTk5Onh4eHg%3D', undefined, old)).body.experiments as Array<Record<string, unknown>>;
    expect(experiments.length).toBe(old.control.experiments().length);
    expect(experiments.some((e) => 'space_id' in e)).toBe(false);
    const one = (await api('GET', `/v2/experiments/${enc(String(experiments[0]!.id))}`, undefined, old)).body;
    expect(one).not.toHaveProperty('space_id');
    expect(one).toHaveProperty('dataset_id');
  });
});
