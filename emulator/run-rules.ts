/**
 * The upstream's rules for task runs (`../shared/upstream-api.md`):
 * trigger (the body's shape picked by the task's type, the 30-day window,
 * the already-labelled window, experiment names unique per dataset 409),
 * cancel, list, and an experiment's runs. What a run shows comes from the
 * run clock.
 */
import type { TaskRun } from '../src/upstream/types.ts';
import { badRequest, conflict, invalid, notFound } from './problems.ts';
import { exampleFilter, optionalBoolean, optionalString, optionalStringArray, optionalTime } from './readers.ts';
import type { RunRecord } from './run-clock.ts';
import type { Entry, Store, Task } from './store.ts';
import { checkExperiments } from './task-rules.ts';

type Body = Record<string, unknown>;

const DAY_MS = 86_400_000;
const MAX_WINDOW_MS = 30 * DAY_MS;

/** `POST /v2/tasks/{id}/trigger`: the body's shape is picked by the stored task's type. */
export function triggerRun(store: Store, taskId: string, body: Body, userId: string | null): TaskRun {
  const task = store.get(store.tasks, taskId, 'task');
  const run = task.type === 'RUN_EXPERIMENT' ? triggerExperiment(store, task, body, userId) : triggerEvaluation(store, task, body, userId);
  task.last_run_at = new Date(run.created).toISOString();
  return store.clock.view(run);
}

/** `POST /v2/task-runs/{id}/cancel`: only a PENDING or RUNNING run. */
export function cancelRun(store: Store, runId: string): TaskRun {
  const run = store.run(runId);
  const current = store.clock.view(run);
  if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(current.status)) {
    throw badRequest(`run is already ${current.status}; only a PENDING or RUNNING run can be cancelled`);
  }
  run.cancelledAt = store.now();
  return store.clock.view(run);
}

/** `GET /v2/tasks/{id}/runs`: newest first, of one `status` when given. */
export function listRuns(store: Store, taskId: string, status: string | undefined): Array<Entry<TaskRun>> {
  store.get(store.tasks, taskId, 'task');
  return [...store.runs.values()]
    .filter((run) => run.task_id === taskId)
    .sort((a, b) => b.n - a.n)
    .map((run) => ({ n: run.n, value: store.clock.view(run) }))
    .filter((item) => status === undefined || item.value.status === status);
}

function triggerEvaluation(store: Store, task: Task, body: Body, userId: string | null): RunRecord {
  const experimentFields = ['experiment_name', 'dataset_version_id', 'example_ids', 'max_examples', 'query_filter', 'tracing_metadata', 'evaluation_task_ids'];
  const wrong = Object.keys(body).find((key) => experimentFields.includes(key));
  if (wrong) throw badRequest(`${wrong} applies to RUN_EXPERIMENT tasks only`);
  const start = optionalTime(body, 'data_start_time');
  const end = optionalTime(body, 'data_end_time');
  if ('max_spans' in body) {
    const maxSpans = body.max_spans;
    if (typeof maxSpans !== 'number' || !Number.isInteger(maxSpans) || maxSpans < 1) {
      throw badRequest('max_spans must be a positive integer');
    }
  }
  const override = optionalBoolean(body, 'override_evaluations') ?? false;
  const experimentIds = optionalStringArray(body, 'experiment_ids');
  const now = store.now();
  let window: { start: string; end: string } | undefined;
  if (task.project_id) {
    if (experimentIds !== undefined && experimentIds.length > 0) throw badRequest('experiment_ids is only applicable to dataset-based tasks');
    const from = start ?? task.last_run_at ?? undefined;
    if (from === undefined) throw invalid('data_start_time is required on the first run of a project-based task');
    const to = end ?? new Date(now).toISOString();
    if (Date.parse(from) >= Date.parse(to)) throw invalid('data_start_time must be before data_end_time');
    if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_MS) throw invalid('the data window must span no more than 30 days');
    window = { start: from, end: to };
  } else {
    if (start !== undefined || end !== undefined) throw badRequest('data_start_time and data_end_time apply to project-based tasks only');
    if (experimentIds !== undefined && experimentIds.length > 0) checkExperiments(store, experimentIds, task.dataset_id ?? '');
  }
  const alreadyLabelled = window !== undefined && !override && evaluated(store, task.id, window);
  return store.addRun(task.id, {
    created: now,
    data_start_time: window?.start ?? null,
    data_end_time: window?.end ?? null,
    created_by_user_id: userId,
    ...(alreadyLabelled ? { alreadyLabelled } : {}),
  });
}

/** True when an earlier run of the task that did not fail or get cancelled covered `window`. */
function evaluated(store: Store, taskId: string, window: { start: string; end: string }): boolean {
  return [...store.runs.values()].some((run) => {
    if (run.task_id !== taskId || run.data_start_time === null || run.data_end_time === null) return false;
    const status = store.clock.view(run).status;
    if (status === 'FAILED' || status === 'CANCELLED') return false;
    return Date.parse(run.data_start_time) <= Date.parse(window.start) && Date.parse(run.data_end_time) >= Date.parse(window.end);
  });
}

function triggerExperiment(store: Store, task: Task, body: Body, userId: string | null): RunRecord {
  const evaluationFields = ['data_start_time', 'data_end_time', 'max_spans', 'override_evaluations', 'experiment_ids'];
  const wrong = Object.keys(body).find((key) => evaluationFields.includes(key));
  if (wrong) throw badRequest(`${wrong} applies to evaluation tasks only, not to a RUN_EXPERIMENT task`);
  const name = body.experiment_name;
  if (typeof name !== 'string' || name === '') throw badRequest('experiment_name is required for a RUN_EXPERIMENT task');
  if ('example_ids' in body && 'max_examples' in body) throw badRequest('example_ids and max_examples are mutually exclusive');
  optionalStringArray(body, 'example_ids');
  if ('max_examples' in body) {
    const max = body.max_examples;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) throw badRequest('max_examples must be an integer of at least 1');
  }
  const filter = optionalString(body, 'query_filter');
  const matches = filter === undefined ? () => true : exampleFilter(filter);
  const tracing = body.tracing_metadata;
  if (tracing !== undefined && (!tracing || typeof tracing !== 'object' || Array.isArray(tracing) || Object.values(tracing).some((v) => typeof v !== 'string'))) {
    throw badRequest('tracing_metadata must map strings to strings');
  }
  const evaluationTaskIds = optionalStringArray(body, 'evaluation_task_ids') ?? [];
  for (const id of evaluationTaskIds) {
    const follow = store.get(store.tasks, id, 'evaluation task');
    if (follow.type === 'RUN_EXPERIMENT') throw badRequest(`evaluation_task_ids: '${id}' is a RUN_EXPERIMENT task, not an evaluation task`);
  }
  const { dataset, version, chosen } = chooseExamples(store, task, body, matches);
  for (const { value } of store.experiments.values()) {
    if (value.dataset_id === dataset.id && value.name === name) {
      throw conflict(`an experiment named '${name}' already exists for this dataset: experiment names are unique within a dataset`);
    }
  }
  const now = store.now();
  const experiment = store.addExperiment({
    name, dataset_id: dataset.id, dataset_version_id: version || null, space_id: dataset.space_id,
    integration_id: task.run_configuration?.experiment_type === 'AGENT_CALL' ? String(task.run_configuration.integration_id ?? '') || null : null,
  }, now);
  const run = store.addRun(task.id, { created: now, created_by_user_id: userId, experimentId: experiment.id, examples: chosen, evaluationTaskIds });
  if (evaluationTaskIds.length > 0) store.clock.whenCompleted(run, () => triggerFollowUps(store, run));
  return run;
}

/** The dataset version's examples a trigger runs over: the filter first; then the intersection with example_ids, or max_examples counted after filtering. */
function chooseExamples(store: Store, task: Task, body: Body, matches: (example: Record<string, unknown>) => boolean) {
  const dataset = store.get(store.datasets, task.dataset_id ?? '', 'dataset');
  const versionId = optionalString(body, 'dataset_version_id');
  if (versionId !== undefined && !dataset.versions.some((v) => v.id === versionId)) {
    throw notFound(`dataset version '${versionId}' was not found in dataset '${dataset.id}'`);
  }
  const version = versionId ?? dataset.versions[0]?.id ?? '';
  const examples = (store.examples.get(version) ?? []).map((e) => e.value);
  const available = examples.map((e) => e.id);
  const exampleIds = optionalStringArray(body, 'example_ids');
  for (const id of exampleIds ?? []) if (!available.includes(id)) throw notFound(`example '${id}' was not found in dataset version '${version}'`);
  const matching = examples.filter(matches).map((e) => e.id);
  const chosen = exampleIds ? exampleIds.filter((id) => matching.includes(id))
    : typeof body.max_examples === 'number' ? matching.slice(0, body.max_examples) : matching;
  return { dataset, version, chosen };
}

/** Once an experiment run completes, its evaluation tasks run over its experiment (dataset tasks) or from their last run (project tasks). */
function triggerFollowUps(store: Store, run: RunRecord): void {
  for (const id of run.evaluationTaskIds ?? []) {
    const follow = store.tasks.get(id)?.value;
    if (!follow) continue;
    try {
      triggerRun(store, id, follow.dataset_id && run.experimentId ? { experiment_ids: [run.experimentId] } : {}, run.created_by_user_id);
    } catch {
      // a follow-up the rules refuse is skipped, as a server would log and move on
    }
  }
}

/** `GET /v2/experiments/{id}/runs`: one per example its task run has reached so far, in order; every seventh errs. */
export function experimentRuns(store: Store, experimentId: string): Array<Entry<Record<string, unknown>>> {
  store.get(store.experiments, experimentId, 'experiment');
  const standalone = store.standaloneRuns.get(experimentId);
  if (standalone) return standalone.map((value, i) => ({ n: i + 1, value }));
  const run = [...store.runs.values()].find((r) => r.experimentId === experimentId);
  if (!run?.examples) return [];
  const view = store.clock.view(run);
  const done = Math.min(run.examples.length, view.num_successes + view.num_errors);
  const byId = new Map([...store.examples.values()].flat().map((e) => [e.value.id, e.value]));
  return run.examples.slice(0, done).map((exampleId, i) => {
    const example = byId.get(exampleId);
    const failed = i % 7 === 6;
    return {
      n: i + 1,
      value: {
        id: `${experimentId.slice(0, 8)}-run-${i + 1}`, example_id: exampleId,
        output: failed ? null : `Answer to: ${String(example?.question ?? exampleId)}`,
        error: failed ? 'The model timed out for this example.' : null,
        annotations: [],
        'eval.correctness.label': failed ? null : i % 3 === 0 ? 'incorrect' : 'correct',
        'eval.correctness.score': failed ? null : i % 3 === 0 ? 0 : 1,
        'trace.latency_ms': 400 + 37 * i,
      },
    };
  });
}
