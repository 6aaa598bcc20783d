/**
 * The seeded evaluators: all four types and a Decision Judge one, each with
 * a version history (template, custom and managed code configurations),
 * some of TRACE granularity.
 */
import type { EvaluatorType, EvaluatorVersion } from '../src/upstream/types.ts';
import type { Places } from './seed.ts';
import { DECISION_JUDGE, DEMO_USER_ID, type EvaluatorRecord, type Store, type WireEvaluatorVersion } from './store.ts';

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

/** Evaluators of all four types, each with a version history. */
export function seedEvaluators(store: Store, at: () => string, spaces: Places['spaces'], aiIntegrationId: string): EvaluatorRecord[] {
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
