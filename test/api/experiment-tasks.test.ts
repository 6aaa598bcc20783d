/** RUN_EXPERIMENT tasks through GraphQL: create each configuration kind, change, trigger, watch and page the results. */
import { describe, expect, it } from 'vitest';
import { conformance } from '../support/openapi.ts';
import { api, emulator } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const emu = await emulator({ runs: { pendingMs: 40, runningMs: 160, failureRate: 0, progressSteps: 4 } });
const gw = await api({ emu });
const golden = seeded(emu).golden;
const openAi = seeded(emu).openAi;
const agent = seeded(emu).agentIntegration;
const llm = seeded(emu).llmIntegration;
const writes = () => emu.requests.filter((r) => r.method !== 'GET');
let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;

const CREATE = `mutation($input: CreateRunExperimentTaskInput!) { createRunExperimentTask(input: $input) { clientMutationId task {
  id name type datasetId evaluators { evaluatorId } isContinuous
  runConfiguration {
    __typename
    ... on LlmGenerationRunConfig { aiIntegrationId modelName messages { role content toolCallId toolCalls } inputVariableFormat invocationParameters providerParameters toolConfig promptVersionId }
    ... on TemplateEvaluationRunConfig { aiIntegrationId modelName template provideExplanation classificationChoices columnMapping evaluatorVersionId invocationParameters providerParameters }
    ... on AgentCallRunConfig { integrationId inputTemplate }
  } } } }`;

const llmGeneration = {
  aiIntegrationId: openAi.id, modelName: 'gpt-4o-mini', inputVariableFormat: 'MUSTACHE',
  messages: [{ role: 'SYSTEM', content: 'Answer briefly.' }, { role: 'USER', content: '{{question}}' }],
  invocationParameters: { temperature: 0.1, max_tokens: 128 }, providerParameters: { seed: 7 }, toolConfig: { tools: [], tool_choice: 'none' },
};
const templateEvaluation = {
  aiIntegrationId: openAi.id, template: 'Is {{output}} a correct answer to {{question}}?', provideExplanation: true,
  classificationChoices: { correct: 1, incorrect: 0 }, columnMapping: { question: 'question', output: 'answer' },
};
const agentCall = { integrationId: agent.id, inputTemplate: { question: '{{dataset.question}}', channel: 'web' } };

async function createExperimentTask(runConfiguration: Record<string, unknown>) {
  const result = await gw.gql(CREATE, { input: { name: unique('exp'), dataset: 'golden-questions', space: 'Production', runConfiguration } });
  expect(result.errors).toBeUndefined();
  return result.data.createRunExperimentTask.task;
}

describe('createRunExperimentTask', () => {
  it.each([
    ['LLM_GENERATION', { llmGeneration }, 'LlmGenerationRunConfig'],
    ['TEMPLATE_EVALUATION', { templateEvaluation }, 'TemplateEvaluationRunConfig'],
    ['AGENT_CALL', { agentCall }, 'AgentCallRunConfig'],
  ])('creates a %s task, sending exactly its body, and reads the configuration back field by field', async (kind, runConfiguration, typename) => {
    emu.clearLog();
    const task = await createExperimentTask(runConfiguration);
    const [post] = writes();
    expect(conformance('CreateTaskRequest', post?.body, { strict: true })).toEqual([]);
    expect(Object.keys(post?.body as object).sort()).toEqual(['dataset_id', 'name', 'run_configuration', 'type']);
    expect(post?.body).toMatchObject({ type: 'RUN_EXPERIMENT', dataset_id: golden.id, run_configuration: { experiment_type: kind } });
    expect(task).toMatchObject({ type: 'RUN_EXPERIMENT', datasetId: golden.id, evaluators: [], isContinuous: false, runConfiguration: { __typename: typename } });
    const config = task.runConfiguration;
    if (kind === 'LLM_GENERATION') {
      expect(config).toEqual({
        __typename: typename, aiIntegrationId: openAi.id, modelName: 'gpt-4o-mini', inputVariableFormat: 'MUSTACHE',
        messages: [{ role: 'SYSTEM', content: 'Answer briefly.', toolCallId: null, toolCalls: null }, { role: 'USER', content: '{{question}}', toolCallId: null, toolCalls: null }],
        invocationParameters: { temperature: 0.1, max_tokens: 128 }, providerParameters: { seed: 7 }, toolConfig: { tools: [], tool_choice: 'none' }, promptVersionId: null,
      });
    } else if (kind === 'TEMPLATE_EVALUATION') {
      expect(config).toEqual({ __typename: typename, ...templateEvaluation, modelName: null, evaluatorVersionId: null, invocationParameters: null, providerParameters: null });
    } else {
      expect(config).toEqual({ __typename: typename, integrationId: agent.id, inputTemplate: { question: '{{question}}', channel: 'web' } }); // echoed normalised
    }
  });

  it.each([
    ['no branch', {}],
    ['two branches', { llmGeneration, agentCall }],
  ])('refuses a run configuration with %s (@oneOf) before anything runs', async (_what, runConfiguration) => {
    emu.clearLog();
    const result = await gw.gql(CREATE, { input: { name: unique('bad'), dataset: golden.id, runConfiguration } });
    expect(result.errors?.[0]?.message).toMatch(/exactly one key|oneOf|RunConfigurationInput/i);
    expect(typeof result.errors?.[0]?.extensions?.code).toBe('string');
    expect(emu.requests).toEqual([]);
  });

  it.each([
    ['no message', { llmGeneration: { ...llmGeneration, messages: [] } }, /messages`: at least one message/],
    ['an UNKNOWN format', { llmGeneration: { ...llmGeneration, inputVariableFormat: 'UNKNOWN' } }, /inputVariableFormat`: UNKNOWN/],
    ['an UNKNOWN role', { llmGeneration: { ...llmGeneration, messages: [{ role: 'UNKNOWN', content: 'x' }] } }, /role`: UNKNOWN/],
    ['invocation parameters that are not an object', { llmGeneration: { ...llmGeneration, invocationParameters: [1, 2] } }, /invocationParameters`: must be a JSON object/],
    ['an empty template', { templateEvaluation: { ...templateEvaluation, template: '' } }, /template`: the template must not be empty/],
    ['choices that are not numbers', { templateEvaluation: { ...templateEvaluation, classificationChoices: { yes: 'one' } } }, /classificationChoices.yes`: must be a number/],
    ['an input template that is not an object', { agentCall: { ...agentCall, inputTemplate: 'hello' } }, /inputTemplate`: must be a JSON object/],
  ])('refuses %s with BAD_USER_INPUT and no upstream call', async (_what, runConfiguration, message) => {
    emu.clearLog();
    const result = await gw.gql(CREATE, { input: { name: unique('bad'), dataset: golden.id, runConfiguration } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    expect(emu.requests).toEqual([]);
  });

  it('passes the upstream\'s refusal of a non-AGENT integration on as BAD_USER_INPUT, and writes nothing', async () => {
    const before = emu.control.tasks().length;
    const result = await gw.gql(CREATE, { input: { name: unique('llm-agent'), dataset: golden.id, runConfiguration: { agentCall: { ...agentCall, integrationId: llm.id } } } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', upstreamStatus: 400 }, message: expect.stringMatching(/needs an AGENT integration/) });
    expect(emu.control.tasks().length).toBe(before);
  });
});

describe('changing and triggering by the stored task\'s type', () => {
  const TRIGGER = 'mutation($input: TriggerTaskRunInput!) { triggerTaskRun(input: $input) { run { id status experimentId } } }';
  const UPDATE = 'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { name runConfiguration { __typename } } } }';

  it('replaces the run configuration of a RUN_EXPERIMENT task, and refuses evaluation fields there, and runConfiguration on evaluation tasks', async () => {
    const task = await createExperimentTask({ llmGeneration });
    emu.clearLog();
    const updated = await gw.gql(UPDATE, { input: { task: task.id, name: `${task.name}-2`, runConfiguration: { agentCall } } });
    expect(updated.data.updateTask.task).toEqual({ name: `${task.name}-2`, runConfiguration: { __typename: 'AgentCallRunConfig' } });
    expect(writes()[0]?.body).toEqual({ name: `${task.name}-2`, run_configuration: { experiment_type: 'AGENT_CALL', integration_id: agent.id, input_template: agentCall.inputTemplate } });
    expect(conformance('UpdateTaskRequest', writes()[0]?.body, { strict: true })).toEqual([]);
    emu.clearLog();
    const evaluators = await gw.gql(UPDATE, { input: { task: task.id, evaluators: [{ evaluatorId: seeded(emu).firstEvaluator.id }] } });
    expect(evaluators.errors?.[0]?.message).toMatch(/RUN_EXPERIMENT task takes `name` and `runConfiguration`/);
    const evaluationTask = emu.control.tasks().find((t) => t.type === 'TEMPLATE_EVALUATION')!;
    const config = await gw.gql(UPDATE, { input: { task: evaluationTask.id, runConfiguration: { agentCall } } });
    expect(config.errors?.[0]?.message).toMatch(/runConfiguration`: applies to RUN_EXPERIMENT tasks only/);
    expect(writes()).toEqual([]);
  });

  it('sends every experiment trigger field as the contract names it', async () => {
    const task = await createExperimentTask({ llmGeneration });
    const follow = emu.control.tasks().find((t) => t.dataset_id === golden.id && t.type !== 'RUN_EXPERIMENT')!;
    const examples = emu.control.examples(golden.versions[1]!.id).map((e) => e.id);
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: {
      task: task.id, experimentName: unique('every-field'), datasetVersionId: golden.versions[1]!.id, exampleIds: examples.slice(0, 2),
      tracingMetadata: { team: 'qa' }, evaluationTaskIds: [follow.id],
    } });
    expect(result.errors).toBeUndefined();
    const post = writes().find((r) => r.path.endsWith('/trigger'));
    expect(conformance('TriggerTaskRunRequest', post?.body, { strict: true })).toEqual([]);
    expect(post?.body).toEqual({
      experiment_name: expect.any(String), dataset_version_id: golden.versions[1]!.id, example_ids: examples.slice(0, 2),
      tracing_metadata: { team: 'qa' }, evaluation_task_ids: [follow.id],
    });
    emu.clearLog();
    await gw.gql(TRIGGER, { input: { task: task.id, experimentName: unique('max'), maxExamples: 3 } });
    expect(writes()[0]?.body).toEqual({ experiment_name: expect.any(String), max_examples: 3 });
  });

  it.each([
    ['maxSpans on a RUN_EXPERIMENT task', 'experiment', { experimentName: 'x', maxSpans: 5 }, /maxSpans`: applies to evaluation tasks only/],
    ['no experiment name', 'experiment', {}, /needs an experiment name/],
    ['exampleIds with maxExamples', 'experiment', { experimentName: 'x', exampleIds: ['a'], maxExamples: 1 }, /not both/],
    ['maxExamples 0', 'experiment', { experimentName: 'x', maxExamples: 0 }, /maxExamples`: must be a positive integer/],
    ['tracing metadata that is not strings', 'experiment', { experimentName: 'x', tracingMetadata: { a: 1 } }, /tracingMetadata.a`: must be a string/],
    ['an experiment name on an evaluation task', 'evaluation', { experimentName: 'x' }, /experimentName`: applies to RUN_EXPERIMENT tasks only/],
  ] as const)('refuses %s with BAD_USER_INPUT and no write', async (_what, kind, change, message) => {
    const id = kind === 'experiment' ? (await createExperimentTask({ llmGeneration })).id
      : emu.control.tasks().find((t) => t.dataset_id && t.type !== 'RUN_EXPERIMENT')!.id;
    emu.clearLog();
    const result = await gw.gql(TRIGGER, { input: { task: id, ...change } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    expect(writes()).toEqual([]);
  });

  it('reports a reused experiment name as CONFLICT', async () => {
    const task = await createExperimentTask({ llmGeneration });
    const name = unique('once');
    expect((await gw.gql(TRIGGER, { input: { task: task.id, experimentName: name } })).errors).toBeUndefined();
    const again = await gw.gql(TRIGGER, { input: { task: task.id, experimentName: name } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', upstreamStatus: 409 });
  });
});

describe('results', () => {
  it('runs an experiment task to COMPLETED with its experiment, whose runs page with first: 500 and resume mid-page', async () => {
    const task = await createExperimentTask({ llmGeneration });
    const trigger = await gw.gql('mutation($t: String!, $e: String!) { triggerTaskRun(input: { task: $t, experimentName: $e }) { run { id } } }', { t: task.id, e: unique('full') });
    const runId = trigger.data.triggerTaskRun.run.id;
    const done = await gw.gql(`{ waitForTaskRun(id: "${runId}", pollIntervalSeconds: 0.02, timeoutSeconds: 10) {
      status numSuccesses numErrors experimentId experiment { id name datasetId datasetVersionId runs(first: 500) { edges { cursor node { id exampleId output error annotations columns } } pageInfo { hasNextPage } } } } }`);
    expect(done.errors).toBeUndefined();
    const run = done.data.waitForTaskRun;
    const examples = emu.control.examples(golden.versions[0]!.id).map((e) => e.id);
    expect(run).toMatchObject({ status: 'COMPLETED', experimentId: expect.any(String), experiment: { datasetId: golden.id, datasetVersionId: golden.versions[0]!.id } });
    expect(run.numSuccesses + run.numErrors).toBe(examples.length);
    const edges = run.experiment.runs.edges;
    expect(edges.map((e: { node: { exampleId: string } }) => e.node.exampleId)).toEqual(examples);
    expect(run.experiment.runs.pageInfo.hasNextPage).toBe(false);
    expect(edges[0].node.columns).toMatchObject({ 'eval.correctness.label': expect.any(String), 'trace.latency_ms': expect.any(Number) });
    expect(edges.filter((e: { node: { error: string | null } }) => e.node.error !== null)).toHaveLength(run.numErrors);
    const resumed = await gw.gql('query($id: ID!, $after: String) { node(id: $id) { ... on Experiment { runs(first: 2, after: $after) { nodes { exampleId } } } } }', { id: run.experimentId, after: edges[2].cursor });
    expect(resumed.data.node.runs.nodes.map((r: { exampleId: string }) => r.exampleId)).toEqual(examples.slice(3, 5));
    expect((await gw.gql(`{ node(id: "${run.experimentId}") { ... on Experiment { runs(first: 501) { nodes { id } } } } }`)).errors?.[0]?.message).toMatch(/between 1 and 500/);
  });

  it('pages a dataset version\'s examples with their columns', async () => {
    const result = await gw.gql(`{ datasets(name: "golden") { nodes { versions { id name } examples(first: 500) { nodes { id createdAt columns } } old: examples(versionId: "${golden.versions[1]!.id}", first: 2) { nodes { id } pageInfo { hasNextPage } } } } }`);
    expect(result.errors).toBeUndefined();
    const dataset = result.data.datasets.nodes[0];
    expect(dataset.examples.nodes.length).toBe(emu.control.examples(golden.versions[0]!.id).length);
    expect(dataset.examples.nodes[0].columns).toMatchObject({ question: expect.any(String), answer: expect.any(String) });
    expect(dataset.old).toMatchObject({ nodes: [{ id: expect.any(String) }, { id: expect.any(String) }], pageInfo: { hasNextPage: true } });
  });

  it('lists AI integrations and integrations for the forms, by space and name', async () => {
    const result = await gw.gql(`{
      all: aiIntegrations { nodes { name provider modelNames hasApiKey } }
      research: aiIntegrations(space: "Research Sandbox") { nodes { name } }
      openai: aiIntegrations(name: "openai") { nodes { id } }
      agents: integrations(type: AGENT, space: "Production") { nodes { id type name config } }
      llms: integrations(type: LLM) { nodes { type name } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.all.nodes.map((a: { name: string }) => a.name).sort()).toEqual(['Anthropic (shared)', 'OpenAI (production)']);
    expect(result.data.research.nodes).toEqual([{ name: 'Anthropic (shared)' }]); // account-wide ones are visible in every space
    expect(result.data.openai.nodes).toEqual([{ id: openAi.id }]);
    expect(result.data.agents.nodes).toEqual([{ id: agent.id, type: 'AGENT', name: 'Support agent', config: expect.objectContaining({ endpoint: expect.any(String) }) }]);
    expect(result.data.llms.nodes).toEqual([{ type: 'LLM', name: 'OpenAI gateway' }]);
  });
});
