/**
 * The seeded tasks and runs: 150 evaluation tasks on projects and datasets,
 * the autumn-2026 kinds (a trace-level task and a Decision Judge task), a
 * task of one name in each demo space, runs in every status, and one
 * RUN_EXPERIMENT task with a finished run and its experiment.
 */
import type { RunStatus } from '../src/upstream/types.ts';
import type { At, Places, SeededDataset } from './seed.ts';
import { DECISION_JUDGE, DEMO_USER_ID, type EvaluatorRecord, type Store, type Task } from './store.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

const evaluatorNamed = (evaluators: EvaluatorRecord[], name: string, spaceId?: string) =>
  evaluators.find((e) => e.name === name && (spaceId === undefined || e.space_id === spaceId))!;
const projectIn = (projects: Array<{ id: string; name: string; space_id: string }>, name: string, spaceId: string) =>
  projects.find((p) => p.name === name && p.space_id === spaceId)!;

/** Where the autumn-2026 tasks go among the evaluation tasks: after the first 8, so the first page of a demo shows them. */
export const AUTUMN_TASKS_AT = 8;

/**
 * The autumn-2026 kinds, early in the list so a demo sees them at once: a
 * trace-level task (`query_filters`, evaluators of TRACE granularity with
 * `query_mappings`; camelCase keys and null members, which must round-trip)
 * and a Decision Judge task. Both get runs from {@link seedRuns}.
 */
export function seedAutumnTasks(store: Store, at: At, { spaces, projects }: Places, evaluators: EvaluatorRecord[]): void {
  const add = (fields: Omit<Task, 'id' | 'created_at' | 'updated_at' | 'last_run_at' | 'created_by_user_id' | 'experiment_ids' | 'run_configuration' | 'dataset_id'>) => {
    const { n, id } = store.newId('OnlineTask');
    const created = at();
    store.tasks.set(id, {
      n, value: { id, ...fields, dataset_id: null, experiment_ids: [], run_configuration: null, last_run_at: null, created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID },
    });
  };
  const attach = (e: EvaluatorRecord, queryMappings: Record<string, unknown> | null) => ({
    evaluator_id: e.id, evaluator_name: e.name, evaluator_version_id: null, query_filter: null, column_mappings: null, query_mappings: queryMappings,
  });
  add({
    name: 'trace-coherence-check', type: 'TEMPLATE_EVALUATION', project_id: projectIn(projects, 'checkout-assistant', spaces.production.id).id,
    sampling_rate: 0.5, is_continuous: true, query_filter: null,
    query_filters: { traceFilter: "attributes.llm.model_name = 'gpt-4o'", rootSpanOnly: true, sessionId: null, minSpans: 3 },
    evaluators: [
      attach(evaluatorNamed(evaluators, 'Trace coherence'), { conversation: { source: 'trace', path: 'attributes.input.value' }, expectedTool: null }),
      attach(evaluatorNamed(evaluators, 'Tool-use correctness'), { conversation: { source: 'trace' }, tools: { spanKind: 'TOOL', attribute: 'tool.name' } }),
    ],
  });
  add({
    name: 'refund-decision-judge', type: DECISION_JUDGE, project_id: projectIn(projects, 'support-bot', spaces.production.id).id,
    sampling_rate: 1, is_continuous: false, query_filter: null, query_filters: null,
    evaluators: [attach(evaluatorNamed(evaluators, 'Refund decision judge'), null)],
  });
}

/**
 * One task named `onboarding-check` in each demo space, `demo-space`'s
 * first: a lookup of the name in space `demo` that still searched by space
 * name (a substring) would find that one before `demo`'s own.
 */
export function seedDemoSpaceTasks(store: Store, at: At, { spaces, projects }: Places, evaluators: EvaluatorRecord[]): void {
  for (const space of [spaces.demoSpace, spaces.demoSpaceUpper, spaces.demo]) {
    const { n, id } = store.newId('OnlineTask');
    const created = at();
    const helpfulness = evaluatorNamed(evaluators, 'Helpfulness', space.id);
    store.tasks.set(id, {
      n, value: {
        id, name: 'onboarding-check', type: 'TEMPLATE_EVALUATION', project_id: projectIn(projects, 'demo-app', space.id).id, dataset_id: null,
        sampling_rate: 1, is_continuous: false, query_filter: `metadata.space = '${space.name}'`, query_filters: null,
        evaluators: [{ evaluator_id: helpfulness.id, evaluator_name: helpfulness.name, evaluator_version_id: null, query_filter: null, column_mappings: { output: 'attributes.output.value' }, query_mappings: null }],
        experiment_ids: [], run_configuration: null, last_run_at: null, created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID,
      },
    });
  }
}

/** Evaluation tasks `from`..`to` (of 150) on projects and datasets; they draw on the first five evaluators (one custom code evaluator per space at most). */
export function seedTasks(store: Store, at: At, { projects, datasets, experiments }: Places, taskEvaluators: EvaluatorRecord[], from: number, to: number): void {
  const themes = ['hallucination-check', 'relevance-audit', 'toxicity-guard', 'latency-watch', 'qa-regression'];
  for (let i = from; i < to; i++) {
    const { n, id } = store.newId('OnlineTask');
    const created = at();
    const onDataset = i % 5 === 4;
    const dataset = datasets[i % 2]!;
    const project = projects[i % 3]!;
    const spaceId = onDataset ? dataset.space_id : project.space_id;
    const pool = taskEvaluators.filter((e) => e.space_id === spaceId);
    const picked = [pool[i % pool.length]!, ...(i % 3 === 0 && pool.length > 1 ? [pool[(i + 1) % pool.length]!] : [])];
    const task: Task = {
      id,
      name: `${themes[i % themes.length]}-${String(i + 1).padStart(3, '0')}`,
      type: picked[0]!.type === 'CODE' ? 'CODE_EVALUATION' : 'TEMPLATE_EVALUATION',
      project_id: onDataset ? null : project.id,
      dataset_id: onDataset ? dataset.id : null,
      sampling_rate: onDataset ? null : [1, 0.5, 0.25, 0.1][i % 4]!,
      is_continuous: !onDataset && i % 2 === 0,
      query_filter: i % 4 === 1 ? "attributes.llm.model_name = 'gpt-4o'" : null,
      query_filters: null,
      evaluators: picked.map((e, k) => ({
        evaluator_id: e.id,
        evaluator_name: e.name,
        evaluator_version_id: i % 7 === 3 && k === 0 ? e.versions[0]!.id : null,
        query_filter: k === 1 ? "span_kind = 'LLM'" : null,
        column_mappings: e.type === 'TEMPLATE' ? { input: 'attributes.input.value', output: 'attributes.output.value' } : null,
        query_mappings: null,
      })),
      experiment_ids: onDataset ? experiments.filter((x) => x.dataset_id === dataset.id).slice(0, 2).map((x) => x.id) : [],
      run_configuration: null,
      last_run_at: null,
      created_at: created,
      updated_at: created,
      created_by_user_id: DEMO_USER_ID,
    };
    store.tasks.set(id, { n, value: task });
  }
}

/**
 * Runs in every status on the first 30 evaluation tasks: finished ones in the last ten
 * days (so a trigger from the last run stays inside the 30-day window), and
 * pending/running ones that stay so for a year.
 */
export function seedRuns(store: Store): void {
  const now = Date.now();
  const statuses: RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'RUNNING', 'PENDING'];
  [...store.tasks.values()].filter(({ value }) => value.type !== 'RUN_EXPERIMENT').slice(0, 30).forEach(({ value: task }, i) => {
    const count = 1 + (i % 3);
    const made = Array.from({ length: count }, (_, k) => {
      const status = statuses[(i + k) % statuses.length]!;
      return { status, created: status === 'RUNNING' || status === 'PENDING' ? now - 60_000 : now - (30 - i) * 8 * 3_600_000 - k * 3_600_000 };
    });
    // made oldest first, so that the runs list (newest first, by the order runs were made) is newest first by created_at too
    for (const { status, created } of made.sort((a, b) => a.created - b.created)) {
      const run = store.addRun(task.id, {
        created,
        pendingMs: status === 'PENDING' ? YEAR : 30_000,
        runningMs: status === 'RUNNING' ? YEAR : 15 * 60_000,
        fails: status === 'FAILED',
        data_start_time: task.project_id ? new Date(created - DAY).toISOString() : null,
        data_end_time: task.project_id ? new Date(created).toISOString() : null,
      });
      if (status === 'CANCELLED') run.cancelledAt = created + 60_000;
      task.last_run_at = new Date(Math.max(Date.parse(task.last_run_at ?? '1970-01-01T00:00:00Z'), created)).toISOString();
    }
  });

}

/** One RUN_EXPERIMENT task with a finished run and the experiment it made. */
export function seedExperimentTask(store: Store, at: At, golden: SeededDataset, aiIntegrationId: string): void {
  const now = Date.now();
  const { n, id } = store.newId('OnlineTask');
  const created = at();
  const experimentTask: Task = {
    id, name: 'qa-generation-experiment', type: 'RUN_EXPERIMENT', project_id: null, dataset_id: golden.id, sampling_rate: null,
    is_continuous: false, query_filter: null, query_filters: null, evaluators: [], experiment_ids: [],
    run_configuration: {
      experiment_type: 'LLM_GENERATION', ai_integration_id: aiIntegrationId, model_name: 'gpt-4o-mini',
      messages: [{ role: 'SYSTEM', content: 'Answer in one sentence.' }, { role: 'USER', content: '{question}' }],
      input_variable_format: 'F_STRING', invocation_parameters: { temperature: 0.2, max_tokens: 256 }, provider_parameters: {},
    },
    last_run_at: null, created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID,
  };
  store.tasks.set(id, { n, value: experimentTask });
  const ranAt = now - 2 * DAY;
  const experiment = store.addExperiment({
    name: 'golden-questions-qa-generation-1', dataset_id: golden.id, dataset_version_id: golden.versions[0]!.id, space_id: golden.space_id, integration_id: null,
  }, ranAt);
  const examples = (store.examples.get(golden.versions[0]!.id) ?? []).map((e) => e.value.id);
  store.addRun(id, { created: ranAt, pendingMs: 30_000, runningMs: 5 * 60_000, fails: false, experimentId: experiment.id, examples });
  experimentTask.last_run_at = new Date(ranAt).toISOString();
}
