/**
 * Demo data, the same on every start: 2 spaces, 3 projects, 2 datasets with
 * versions and experiments, 5 evaluators, 150 tasks and runs in every status.
 */
import { DEMO_USER_ID, type Store } from './store.ts';
import type { RunStatus, Task } from '../src/upstream/types.ts';

export const SEED_COUNTS = { spaces: 2, projects: 3, datasets: 2, evaluators: 5, tasks: 150 } as const;

const DAY = 86_400_000;
const YEAR = 365 * DAY;

export function seed(store: Store, base = Date.parse('2026-01-05T09:00:00.000Z')): void {
  let clock = base;
  const at = () => new Date((clock += 3_600_000)).toISOString();

  const spaces = [
    { name: 'Production', description: 'Live LLM applications and their evaluations' },
    { name: 'Research Sandbox', description: 'Experiments and prompt iterations' },
  ].map(({ name, description }) => {
    const { n, id } = store.newId('Space');
    const space = { id, name, description, created_at: at() };
    store.spaces.set(id, { n, value: space });
    return space;
  });
  const [production, research] = spaces as [typeof spaces[0], typeof spaces[0]];

  const projects = [
    ['checkout-assistant', production.id],
    ['support-bot', production.id],
    ['rag-playground', research.id],
  ].map(([name, spaceId]) => {
    const { n, id } = store.newId('Project');
    const project = { id, name: name!, space_id: spaceId!, created_at: at() };
    store.projects.set(id, { n, value: project });
    return project;
  });

  const datasets = [
    ['golden-questions', production.id],
    ['adversarial-prompts', research.id],
  ].map(([name, spaceId]) => {
    const { n, id } = store.newId('Dataset');
    const created = at();
    const versions = [1, 2].map((v) => {
      const version = store.newId('DatasetVersion');
      return { id: version.id, name: `v${v}`, dataset_id: id, created_at: created, updated_at: created };
    });
    const dataset = { id, name: name!, space_id: spaceId!, created_at: created, updated_at: created, versions };
    store.datasets.set(id, { n, value: dataset });
    return dataset;
  });

  const experiments = datasets.flatMap((dataset) =>
    ['baseline', 'prompt-v2', 'gpt-4o-mini'].map((suffix) => {
      const { n, id } = store.newId('Experiment');
      const created = at();
      const experiment = {
        id, name: `${dataset.name}-${suffix}`, dataset_id: dataset.id,
        dataset_version_id: dataset.versions[1]!.id, created_at: created, updated_at: created,
      };
      store.experiments.set(id, { n, value: experiment });
      return experiment;
    }),
  );

  const evaluators = [
    ['Hallucination', 'template', production.id, 'Flags answers not supported by the retrieved context'],
    ['Relevance', 'template', production.id, 'Judges whether the answer addresses the question'],
    ['Toxicity', 'template', production.id, null],
    ['Latency budget', 'code', production.id, 'Fails spans slower than the latency budget'],
    ['QA correctness', 'template', research.id, 'Compares the answer with the reference answer'],
  ].map(([name, type, spaceId, description]) => {
    const { n, id } = store.newId('Evaluator');
    const created = at();
    const version = store.newId('EvaluatorVersion');
    const evaluator = {
      id, name: name!, description, type: type as 'template' | 'code', space_id: spaceId!,
      created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID,
      version: {
        id: version.id, evaluator_id: id, commit_hash: `c0ffee${version.n}`, commit_message: 'initial version',
        template_config: { name: String(name).toLowerCase().replace(/\s+/g, '_'), template: 'Evaluate {input} -> {output}', include_explanations: true, use_function_calling_if_available: true, llm_config: { ai_integration_id: id, model_name: 'gpt-4o', invocation_parameters: {}, provider_parameters: {} } },
        created_at: created, created_by_user_id: DEMO_USER_ID,
      },
    };
    store.evaluators.set(id, { n, value: evaluator });
    return evaluator;
  });

  const themes = ['hallucination-check', 'relevance-audit', 'toxicity-guard', 'latency-watch', 'qa-regression'];
  for (let i = 0; i < SEED_COUNTS.tasks; i++) {
    const { n, id } = store.newId('OnlineTask');
    const created = at();
    const onDataset = i % 5 === 4;
    const dataset = datasets[i % 2]!;
    const project = projects[i % 3]!;
    const spaceId = onDataset ? dataset.space_id : project.space_id;
    const pool = evaluators.filter((e) => e.space_id === spaceId);
    const picked = [pool[i % pool.length]!, ...(i % 3 === 0 && pool.length > 1 ? [pool[(i + 1) % pool.length]!] : [])];
    const task: Task = {
      id,
      name: `${themes[i % themes.length]}-${String(i + 1).padStart(3, '0')}`,
      type: picked[0]!.type === 'code' ? 'code_evaluation' : 'template_evaluation',
      project_id: onDataset ? null : project.id,
      dataset_id: onDataset ? dataset.id : null,
      sampling_rate: onDataset ? null : [1, 0.5, 0.25, 0.1][i % 4]!,
      is_continuous: !onDataset && i % 2 === 0,
      query_filter: i % 4 === 1 ? "attributes.llm.model_name = 'gpt-4o'" : null,
      evaluators: picked.map((e, k) => ({
        evaluator_id: e.id,
        evaluator_name: e.name,
        query_filter: k === 1 ? "span_kind = 'LLM'" : null,
        column_mappings: e.type === 'template' ? { input: 'attributes.input.value', output: 'attributes.output.value' } : null,
      })),
      experiment_ids: onDataset ? experiments.filter((x) => x.dataset_id === dataset.id).slice(0, 2).map((x) => x.id) : [],
      last_run_at: null,
      created_at: created,
      updated_at: created,
      created_by_user_id: DEMO_USER_ID,
    };
    store.tasks.set(id, { n, value: task });
  }

  // Runs in every status on the first 30 tasks: finished ones in the past,
  // and pending/running ones that stay so for a year.
  const now = Date.now();
  const statuses: RunStatus[] = ['completed', 'failed', 'cancelled', 'running', 'pending'];
  [...store.tasks.values()].slice(0, 30).forEach(({ value: task }, i) => {
    const count = 1 + (i % 3);
    for (let k = 0; k < count; k++) {
      const status = statuses[(i + k) % statuses.length]!;
      const created = status === 'running' || status === 'pending' ? now - 60_000 : now - (30 - i) * DAY - k * 3_600_000;
      const run = store.addRun(task.id, {
        created,
        pendingMs: status === 'pending' ? YEAR : 30_000,
        runningMs: status === 'running' ? YEAR : 15 * 60_000,
        fails: status === 'failed',
        data_start_time: new Date(created - DAY).toISOString(),
        data_end_time: new Date(created).toISOString(),
      });
      if (status === 'cancelled') run.cancelledAt = created + 60_000;
      task.last_run_at = new Date(Math.max(Date.parse(task.last_run_at ?? '1970-01-01T00:00:00Z'), created)).toISOString();
    }
  });
}
