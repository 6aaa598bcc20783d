/**
 * Demo data, the same on every start: 7 spaces (Production and Research
 * Sandbox; `demo-space`, `Demo-Space` and `demo`, whose names contain one
 * another; two named `Evaluation Lab`), 6 projects, 2 datasets with versions
 * and experiments (and one standalone experiment, in a space with no
 * dataset, whose runs have no example), 15 evaluators of all four types and
 * a Decision Judge one (`DECISION_JUDGE`, a type the gateway does not know),
 * with version histories, some of TRACE granularity; 150 evaluation tasks
 * (some pinned to an evaluator version) with a trace-level task
 * (`query_filters`, evaluators with `query_mappings`) and a Decision Judge
 * task 9th and 10th among them (on a demo's first page), runs in every
 * status on the first 30 evaluation tasks, one RUN_EXPERIMENT task with a
 * finished run and its experiment (13th, after the first ten evaluation
 * tasks, so a first page of tasks shows every kind), and a task of one name
 * in each `demo` space.
 */
import { DEMO_USER_ID, type Store } from './store.ts';
import { seedEvaluators } from './seed-evaluators.ts';
import { AUTUMN_TASKS_AT, seedAutumnTasks, seedDemoSpaceTasks, seedExperimentTask, seedRuns, seedTasks } from './seed-tasks.ts';

/** How much demo data the seed makes. */
export const SEED_COUNTS = {
  spaces: 7, projects: 6, datasets: 2, evaluators: 15, tasks: 150, autumnTasks: 2, experimentTasks: 1, demoSpaceTasks: 3, aiIntegrations: 2, integrations: 2,
} as const;

/** Fills `store` with the demo data; `base` is the first creation time (each later one is an hour on). */
export function seed(store: Store, base = Date.parse('2026-01-05T09:00:00.000Z')): void {
  let clock = base;
  const at = () => new Date((clock += 3_600_000)).toISOString();
  const places = seedPlaces(store, at);
  seedExamples(store, at, places.datasets);
  const aiIntegrationId = seedIntegrations(store, at, places.spaces);
  const evaluators = seedEvaluators(store, at, places.spaces, aiIntegrationId);
  seedTasks(store, at, places, evaluators.slice(0, 5), 0, AUTUMN_TASKS_AT);
  seedAutumnTasks(store, at, places, evaluators);
  seedTasks(store, at, places, evaluators.slice(0, 5), AUTUMN_TASKS_AT, EXPERIMENT_TASK_AT);
  // the experiment task after the first ten evaluation tasks: a first page of tasks shows every kind
  seedExperimentTask(store, at, places.datasets[0]!, aiIntegrationId);
  seedTasks(store, at, places, evaluators.slice(0, 5), EXPERIMENT_TASK_AT, SEED_COUNTS.tasks);
  seedRuns(store);
  seedDemoSpaceTasks(store, at, places, evaluators);
}

/** How many evaluation tasks come before the RUN_EXPERIMENT task in the list. */
const EXPERIMENT_TASK_AT = 10;

/** The clock of seeded creation times: each call is an hour after the last. */
export type At = () => string;

const QUESTIONS = [
  ['What is the capital of France?', 'Paris'], ['How many legs does a spider have?', 'Eight'], ['Who wrote Hamlet?', 'William Shakespeare'],
  ['What is 12 times 12?', '144'], ['What gas do plants absorb?', 'Carbon dioxide'], ['What is the boiling point of water at sea level in Celsius?', '100'],
  ['Which planet is known as the red planet?', 'Mars'], ['What is the largest ocean?', 'The Pacific'], ['Who painted the Mona Lisa?', 'Leonardo da Vinci'],
  ['What is the chemical symbol for gold?', 'Au'],
];

/** Examples for each dataset version: v1 has fewer rows than v2 (ids are UUID-like, not global ids). */
function seedExamples(store: Store, at: At, datasets: SeededDataset[]): void {
  datasets.forEach((dataset, d) => {
    const versions = [...dataset.versions].reverse(); // oldest first
    versions.forEach((version, v) => {
      const rows = QUESTIONS.slice(0, (d === 0 ? 6 : 4) + v * 2).map(([question, answer], i) => {
        const { n } = store.newId('Example');
        const created = at();
        const id = `${(0x1a2b3c4d + n).toString(16)}-${d}${v}${i}0-4000-8000-${String(n).padStart(12, '0')}`;
        return { n, value: { id, created_at: created, updated_at: created, question, answer, difficulty: i % 3 === 0 ? 'hard' : 'easy' } };
      });
      store.examples.set(version.id, rows);
    });
  });
}

/** AI integrations (what LLM_GENERATION and TEMPLATE_EVALUATION configs name) and integrations (an LLM and an AGENT). Returns the OpenAI one's id. */
function seedIntegrations(store: Store, at: At, { production }: { production: { id: string } }): string {
  const ai = (name: string, provider: string, models: string[], spaceId: string | null) => {
    const { n, id } = store.newId('LlmIntegration');
    const created = at();
    store.aiIntegrations.set(id, {
      n, value: {
        id, name, provider, has_api_key: true, base_url: null, model_names: models, enable_default_models: true, function_calling_enabled: true,
        auth_type: 'DEFAULT', scopings: [{ organization_id: null, space_id: spaceId }], created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID,
      },
    });
    return id;
  };
  const openAi = ai('OpenAI (production)', 'OPEN_AI', ['gpt-4o', 'gpt-4o-mini'], production.id);
  ai('Anthropic (shared)', 'ANTHROPIC', ['claude-3-5-sonnet'], null);
  const integration = (type: 'LLM' | 'AGENT', name: string, config: Record<string, unknown>) => {
    const { n, id } = store.newId(type === 'AGENT' ? 'RemoteEndpointIntegration' : 'LlmIntegration');
    const created = at();
    store.integrations.set(id, { n, value: { id, type, name, scopings: [{ organization_id: null, space_id: production.id }], created_at: created, updated_at: created, created_by_user_id: DEMO_USER_ID, config } });
  };
  integration('LLM', 'OpenAI gateway', { provider: 'OPEN_AI', default_model: 'gpt-4o-mini' });
  integration('AGENT', 'Support agent', {
    endpoint: 'https://agents.example.com/support', has_headers: false,
    input_schema: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
    request_presets: [{ name: 'default', config: { question: '{{question}}' } }],
  });
  return openAi;
}
/** A seeded dataset, as the later seeding steps need it. */
export type SeededDataset = { id: string; name: string; space_id: string; versions: Array<{ id: string }> };

/** What {@link seedPlaces} made, for the later seeding steps. */
export type Places = ReturnType<typeof seedPlaces>;

/** Spaces, projects, datasets with versions, and experiments. */
function seedPlaces(store: Store, at: At) {

  const spaces = [
    { name: 'Production', description: 'Live LLM applications and their evaluations' },
    { name: 'Research Sandbox', description: 'Experiments and prompt iterations' },
    // names that contain one another: Arize's `name` filter on spaces is a case-insensitive substring
    { name: 'demo-space', description: 'A demo space whose name contains "demo"' },
    { name: 'Demo-Space', description: 'Another demo space: the same name as demo-space but for its case' },
    { name: 'demo', description: 'The demo space whose name is contained in the other two' },
    // space names are not unique
    { name: 'Evaluation Lab', description: 'One of two spaces of this name (the team\'s)' },
    { name: 'Evaluation Lab', description: 'One of two spaces of this name (the vendor\'s)' },
  ].map(({ name, description }) => {
    const { n, id } = store.newId('Space');
    const space = { id, name, description, created_at: at() };
    store.spaces.set(id, { n, value: space });
    return space;
  });
  const [production, research, demoSpace, demoSpaceUpper, demo] = spaces as [typeof spaces[0], typeof spaces[0], typeof spaces[0], typeof spaces[0], typeof spaces[0]];

  const projects = [
    ['checkout-assistant', production.id],
    ['support-bot', production.id],
    ['rag-playground', research.id],
    ['demo-app', demoSpace.id],
    ['demo-app', demoSpaceUpper.id],
    ['demo-app', demo.id],
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
    }).reverse(); // newest first, as the API sends them
    const dataset = { id, name: name!, space_id: spaceId!, created_at: created, updated_at: created, versions };
    store.datasets.set(id, { n, value: dataset });
    return dataset;
  });

  const experiments = datasets.flatMap((dataset) =>
    ['baseline', 'prompt-v2', 'gpt-4o-mini'].map((suffix) =>
      store.addExperiment({
        name: `${dataset.name}-${suffix}`, dataset_id: dataset.id, dataset_version_id: dataset.versions[0]!.id, space_id: dataset.space_id, integration_id: null,
      }, Date.parse(at())),
    ),
  );
  seedStandaloneExperiment(store, at, production.id);
  return { spaces: { production, research, demoSpace, demoSpaceUpper, demo }, projects, datasets, experiments };
}

/** A standalone experiment (a space, no dataset, as `ax experiments create --space` makes): its runs have no example. */
function seedStandaloneExperiment(store: Store, at: At, spaceId: string): void {
  const experiment = store.addExperiment({ name: 'playground-chat', dataset_id: null, dataset_version_id: null, space_id: spaceId, integration_id: null }, Date.parse(at()));
  const prompts = ['Summarise our refund policy in one sentence.', 'Draft a greeting for a returning customer.', 'Explain the difference between a trace and a span.'];
  store.standaloneRuns.set(experiment.id, prompts.map((prompt, i) => ({
    id: `${experiment.id.slice(0, 8)}-run-${i + 1}`,
    // the first two say null, the last leaves the key out: both mean "no example"
    ...(i < 2 ? { example_id: null } : {}),
    output: i === 1 ? null : `A reply to: ${prompt}`,
    error: i === 1 ? 'The model refused the prompt.' : null,
    annotations: [],
    'input.prompt': prompt,
    'eval.helpfulness.label': i === 1 ? null : 'helpful',
  })));
}

