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
import { DECISION_JUDGE, DEMO_USER_ID, type EvaluatorRecord, type Store, type Task, type WireEvaluatorVersion } from './store.ts';
import type { EvaluatorType, EvaluatorVersion, RunStatus } from '../src/upstream/types.ts';

/** How much demo data the seed makes. */
export const SEED_COUNTS = {
  spaces: 7, projects: 6, datasets: 2, evaluators: 15, tasks: 150, autumnTasks: 2, experimentTasks: 1, demoSpaceTasks: 3, aiIntegrations: 2, integrations: 2,
} as const;

const DAY = 86_400_000;
const YEAR = 365 * DAY;

type VersionConfig = Pick<EvaluatorVersion, 'template_config' | 'code_config'>;

function templateConfig(name: string, aiIntegrationId: string, template: string, granularity = 'SPAN'): VersionConfig {
  return {
    code_config: null,
    template_config: {
      name: name.toLowerCase().replace(/\s+/g, '_'), template, include_explanations: true, use_function_calling_if_available: true,
      use_structured_output: true, classification_choices: { pass: 1, fail: 0 }, direction: 'MAXIMIZE', data_granularity: granularity,
      llm_config: { ai_integration_id: aiIntegrationId, model_name: 'gpt-4o', invocation_parameters: { temperature: 0 }, provider_parameters: {} },
    },
  };
}

const customCode = (name: string, code: string): VersionConfig => ({
  template_config: null,
  code_config: { type: 'CUSTOM', name, code, imports: null, variables: ['output'], data_granularity: 'SPAN', query_filter: null },
});

const managedCode = (name: string): VersionConfig => ({
  template_config: null,
  code_config: { type: 'MANAGED', name, managed_evaluator: 'JSON_PARSEABLE', variables: ['output'], static_params: [], data_granularity: 'SPAN', query_filter: null },
});

const bare: VersionConfig = { template_config: null, code_config: null };

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

type At = () => string;

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
type SeededDataset = { id: string; name: string; space_id: string; versions: Array<{ id: string }> };

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

/** Evaluators of all four types, each with a version history. */
function seedEvaluators(store: Store, at: At, spaces: SeededSpaces, aiIntegrationId: string): EvaluatorRecord[] {
  const { production, research } = spaces;
  const evaluatorSpecs: Array<[string, EvaluatorType | typeof DECISION_JUDGE, string, string | null, VersionConfig[]]> = [
    ['Hallucination', 'TEMPLATE', production.id, 'Flags answers not supported by the retrieved context', [
      templateConfig('Hallucination', aiIntegrationId, 'Is {{output}} supported by {{context}}?'),
      templateConfig('Hallucination', aiIntegrationId, 'Given the context {{context}}, is the answer {{output}} factual or hallucinated?'),
    ]],
    ['Relevance', 'TEMPLATE', production.id, 'Judges whether the answer addresses the question', [
      templateConfig('Relevance', aiIntegrationId, 'Does {{output}} answer {{input}}?'),
    ]],
    ['Toxicity', 'TEMPLATE', production.id, null, [
      templateConfig('Toxicity', aiIntegrationId, 'Is {{output}} toxic?'),
      templateConfig('Toxicity', aiIntegrationId, 'Is the text {{output}} toxic or not toxic?'),
      templateConfig('Toxicity', aiIntegrationId, 'Classify {{output}} as toxic or not toxic, with a reason.'),
    ]],
    ['Latency budget', 'CODE', production.id, 'Fails spans slower than the latency budget', [
      customCode('latency_budget', 'def evaluate(output):\n    return output["latency_ms"] < 2000'),
    ]],
    ['QA correctness', 'TEMPLATE', research.id, 'Compares the answer with the reference answer', [
      templateConfig('QA correctness', aiIntegrationId, 'Does {{output}} match {{reference}}?'),
      templateConfig('QA correctness', aiIntegrationId, 'Compare {{output}} with the reference {{reference}}: correct or incorrect?'),
    ]],
    ['JSON parseable', 'CODE', production.id, 'Checks that the output parses as JSON', [managedCode('json_parseable')]],
    ['PII scrubber', 'CODE', production.id, 'Flags outputs that leak personal data', [
      customCode('pii_scrubber', 'import re\ndef evaluate(output):\n    return not re.search(r"\\d{3}-\\d{2}-\\d{4}", output)'),
    ]],
    ['Agent harness', 'HARNESS', production.id, 'Runs the agent test harness', [bare]],
    ['Remote rubric', 'REMOTE', research.id, 'Scores answers with a remote rubric service', [bare, bare]],
    // judges of whole traces: what trace-level tasks attach (one data scope per task)
    ['Trace coherence', 'TEMPLATE', production.id, 'Judges whether a whole trace hangs together', [
      templateConfig('Trace coherence', aiIntegrationId, 'Is the conversation {{conversation}} coherent from start to end?', 'TRACE'),
    ]],
    ['Tool-use correctness', 'TEMPLATE', production.id, 'Judges whether the agent picked the right tools across a trace', [
      templateConfig('Tool-use correctness', aiIntegrationId, 'Given {{conversation}}, were the tools {{tools}} the right ones?', 'TRACE'),
    ]],
    // a kind the gateway does not know yet (its versions carry the common fields only)
    ['Refund decision judge', DECISION_JUDGE, production.id, 'Decides whether a refund decision followed policy', [bare]],
    ['Helpfulness', 'TEMPLATE', spaces.demoSpace.id, null, [templateConfig('Helpfulness', aiIntegrationId, 'Is {{output}} helpful?')]],
    ['Helpfulness', 'TEMPLATE', spaces.demoSpaceUpper.id, null, [templateConfig('Helpfulness', aiIntegrationId, 'Is {{output}} helpful?')]],
    ['Helpfulness', 'TEMPLATE', spaces.demo.id, null, [templateConfig('Helpfulness', aiIntegrationId, 'Is {{output}} helpful?')]],
  ];
  return evaluatorSpecs.map(([name, type, spaceId, description, configs]) => {
    const { n, id } = store.newId('Evaluator');
    const versions = configs.map((config, v): WireEvaluatorVersion => ({
      id: store.newId('EvaluatorVersion').id, evaluator_id: id, type, commit_hash: `c0ffee${n}${v}`,
      commit_message: v === 0 ? 'initial version' : `revision ${v}`, created_at: at(), created_by_user_id: DEMO_USER_ID, ...config,
    }));
    const evaluator: EvaluatorRecord = {
      id, name, description, type, space_id: spaceId,
      created_at: versions[0]!.created_at, updated_at: versions.at(-1)!.created_at, created_by_user_id: DEMO_USER_ID, versions,
    };
    store.evaluators.set(id, { n, value: evaluator });
    return evaluator;
  });
}

type SeededSpaces = ReturnType<typeof seedPlaces>['spaces'];
const evaluatorNamed = (evaluators: EvaluatorRecord[], name: string, spaceId?: string) =>
  evaluators.find((e) => e.name === name && (spaceId === undefined || e.space_id === spaceId))!;
const projectIn = (projects: Array<{ id: string; name: string; space_id: string }>, name: string, spaceId: string) =>
  projects.find((p) => p.name === name && p.space_id === spaceId)!;

/** Where the autumn-2026 tasks go among the evaluation tasks: after the first 8, so the first page of a demo shows them. */
const AUTUMN_TASKS_AT = 8;

/**
 * The autumn-2026 kinds, early in the list so a demo sees them at once: a
 * trace-level task (`query_filters`, evaluators of TRACE granularity with
 * `query_mappings`; camelCase keys and null members, which must round-trip)
 * and a Decision Judge task. Both get runs from {@link seedRuns}.
 */
function seedAutumnTasks(store: Store, at: At, { spaces, projects }: ReturnType<typeof seedPlaces>, evaluators: EvaluatorRecord[]): void {
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
function seedDemoSpaceTasks(store: Store, at: At, { spaces, projects }: ReturnType<typeof seedPlaces>, evaluators: EvaluatorRecord[]): void {
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
function seedTasks(store: Store, at: At, { projects, datasets, experiments }: ReturnType<typeof seedPlaces>, taskEvaluators: EvaluatorRecord[], from: number, to: number): void {
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
function seedRuns(store: Store): void {
  const now = Date.now();
  const statuses: RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'RUNNING', 'PENDING'];
  [...store.tasks.values()].filter(({ value }) => value.type !== 'RUN_EXPERIMENT').slice(0, 30).forEach(({ value: task }, i) => {
    const count = 1 + (i % 3);
    for (let k = 0; k < count; k++) {
      const status = statuses[(i + k) % statuses.length]!;
      const created = status === 'RUNNING' || status === 'PENDING' ? now - 60_000 : now - (30 - i) * 8 * 3_600_000 - k * 3_600_000;
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
function seedExperimentTask(store: Store, at: At, golden: SeededDataset, aiIntegrationId: string): void {
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
