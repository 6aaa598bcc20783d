/**
 * What a RUN_EXPERIMENT task runs over each dataset example: the
 * `RunConfiguration` union (read) and the `RunConfigurationInput` `@oneOf`
 * input (written), with the upstream's fields in camelCase and its open
 * objects as JSON.
 */
import { builder } from './builder.ts';
import { readEnumValue } from '../resolvers/run-configuration.ts';
import type { RunConfiguration } from '../upstream/types.ts';

type Config = RunConfiguration & Record<string, unknown>;
type Message = Record<string, unknown>;

const MessageRoleEnum = builder.enumType('MessageRole', {
  description: 'Who speaks a message of an LLM prompt.',
  values: {
    USER: { description: 'The user.' }, ASSISTANT: { description: 'The model.' }, SYSTEM: { description: 'System instructions.' },
    TOOL: { description: 'A tool\'s answer.' }, UNKNOWN: { description: 'A role the Arize API sent that this gateway does not know yet (refused as input).' },
  } as const,
});

const InputVariableFormatEnum = builder.enumType('InputVariableFormat', {
  description: 'How a prompt names dataset columns.',
  values: {
    F_STRING: { description: '`{column}`.' }, MUSTACHE: { description: '`{{column}}`.' }, NONE: { description: 'Deprecated alias of F_STRING.' },
    UNKNOWN: { description: 'A format the Arize API sent that this gateway does not know yet (refused as input).' },
  } as const,
});

const str = (o: Record<string, unknown>, key: string) => (typeof o[key] === 'string' ? (o[key] as string) : null);
const json = (o: Record<string, unknown>, key: string) => o[key] ?? null;

const LlmMessageRef = builder.objectRef<Message>('LlmMessage').implement({
  description: 'One message of an LLM prompt.',
  fields: (t) => ({
    role: t.field({ type: MessageRoleEnum, description: 'Who speaks it.', resolve: (m) => readEnumValue(['USER', 'ASSISTANT', 'SYSTEM', 'TOOL'] as const, m.role) }),
    content: t.string({ nullable: true, description: 'The text, with dataset placeholders.', resolve: (m) => str(m, 'content') }),
    toolCallId: t.string({ nullable: true, description: 'For a TOOL message: the call it answers.', resolve: (m) => str(m, 'tool_call_id') }),
    toolCalls: t.field({ type: 'JSON', nullable: true, description: 'For an ASSISTANT message: the tool calls it makes.', resolve: (m) => json(m, 'tool_calls') }),
  }),
});

const LlmGenerationRef = builder.objectRef<Config>('LlmGenerationRunConfig').implement({
  description: 'Run an LLM prompt against each dataset example (`LLM_GENERATION`).',
  isTypeOf: (value) => (value as Config).experiment_type === 'LLM_GENERATION',
  fields: (t) => ({
    aiIntegrationId: t.id({ description: 'The AI integration that serves the model.', resolve: (c) => str(c, 'ai_integration_id') ?? '' }),
    modelName: t.string({ nullable: true, description: 'The model; the integration\'s default when null.', resolve: (c) => str(c, 'model_name') }),
    messages: t.field({ type: [LlmMessageRef], description: 'The prompt.', resolve: (c) => (Array.isArray(c.messages) ? (c.messages as Message[]) : []) }),
    inputVariableFormat: t.field({
      type: InputVariableFormatEnum, description: 'How the prompt names columns.',
      resolve: (c) => readEnumValue(['F_STRING', 'MUSTACHE', 'NONE'] as const, c.input_variable_format),
    }),
    invocationParameters: t.field({ type: 'JSON', nullable: true, description: 'Temperature, max tokens, ... as sent.', resolve: (c) => json(c, 'invocation_parameters') }),
    providerParameters: t.field({ type: 'JSON', nullable: true, description: 'Provider-specific parameters, as sent.', resolve: (c) => json(c, 'provider_parameters') }),
    toolConfig: t.field({ type: 'JSON', nullable: true, description: 'Tools and tool choice, as sent.', resolve: (c) => json(c, 'tool_config') }),
    promptVersionId: t.id({ nullable: true, description: 'The Prompt Hub version it came from.', resolve: (c) => str(c, 'prompt_version_id') }),
  }),
});

const TemplateEvaluationRef = builder.objectRef<Config>('TemplateEvaluationRunConfig').implement({
  description: 'Run a template-based LLM evaluator against each dataset example (`TEMPLATE_EVALUATION`).',
  isTypeOf: (value) => (value as Config).experiment_type === 'TEMPLATE_EVALUATION',
  fields: (t) => ({
    aiIntegrationId: t.id({ description: 'The AI integration of the judging model.', resolve: (c) => str(c, 'ai_integration_id') ?? '' }),
    modelName: t.string({ nullable: true, description: 'The judging model; the integration\'s default when null.', resolve: (c) => str(c, 'model_name') }),
    template: t.string({ description: 'The evaluation prompt, with `{{variable}}` placeholders.', resolve: (c) => str(c, 'template') ?? '' }),
    provideExplanation: t.boolean({ description: 'Whether the judge explains its label.', resolve: (c) => c.provide_explanation === true }),
    classificationChoices: t.field({ type: 'JSON', nullable: true, description: 'Label -> score.', resolve: (c) => json(c, 'classification_choices') }),
    columnMapping: t.field({ type: 'JSON', nullable: true, description: 'Template variable -> dataset column path.', resolve: (c) => json(c, 'column_mapping') }),
    evaluatorVersionId: t.id({ nullable: true, description: 'The Eval Hub evaluator version it came from.', resolve: (c) => str(c, 'evaluator_version_id') }),
    invocationParameters: t.field({ type: 'JSON', nullable: true, description: 'As sent.', resolve: (c) => json(c, 'invocation_parameters') }),
    providerParameters: t.field({ type: 'JSON', nullable: true, description: 'As sent.', resolve: (c) => json(c, 'provider_parameters') }),
  }),
});

const AgentCallRef = builder.objectRef<Config>('AgentCallRunConfig').implement({
  description: 'Call an agent integration with each dataset example (`AGENT_CALL`).',
  isTypeOf: (value) => (value as Config).experiment_type === 'AGENT_CALL',
  fields: (t) => ({
    integrationId: t.id({ description: 'The AGENT integration.', resolve: (c) => str(c, 'integration_id') ?? '' }),
    inputTemplate: t.field({ type: 'JSON', description: 'The request body per example (`{{column}}` placeholders), as the upstream echoes it.', resolve: (c) => json(c, 'input_template') ?? {} }),
  }),
});

/** `RunConfiguration`: one of the three kinds, by `experiment_type`. */
export const RunConfigurationRef = builder.unionType('RunConfiguration', {
  description: 'What a RUN_EXPERIMENT task runs over each example: an LLM prompt, a template evaluation, or an agent call.',
  types: [LlmGenerationRef, TemplateEvaluationRef, AgentCallRef],
});

const LlmMessageInputRef = builder.inputType('LlmMessageInput', {
  description: 'One message of an LLM prompt.',
  fields: (t) => ({
    role: t.field({ type: MessageRoleEnum, required: true, description: 'Who speaks it.' }),
    content: t.string({ description: 'The text, with dataset placeholders in the configuration\'s format.' }),
    toolCallId: t.string({ description: 'For a TOOL message: the call it answers.' }),
    toolCalls: t.field({ type: 'JSON', description: 'For an ASSISTANT message: a JSON list of tool calls.' }),
  }),
});

const LlmGenerationInputRef = builder.inputType('LlmGenerationRunConfigInput', {
  description: 'Run an LLM prompt against each dataset example.',
  fields: (t) => ({
    aiIntegrationId: t.id({ required: true, description: 'An AI integration (see `aiIntegrations`).' }),
    modelName: t.string({ description: 'The model; the integration\'s default when left out.' }),
    messages: t.field({ type: [LlmMessageInputRef], required: true, description: 'The prompt: at least one message.' }),
    inputVariableFormat: t.field({ type: InputVariableFormatEnum, required: true, description: 'How the prompt names columns.' }),
    invocationParameters: t.field({ type: 'JSON', description: 'A JSON object: temperature, max_tokens, top_p, stop, response_format, ...' }),
    providerParameters: t.field({ type: 'JSON', description: 'A JSON object of provider-specific parameters.' }),
    toolConfig: t.field({ type: 'JSON', description: 'A JSON object: `tools` and `tool_choice`.' }),
    promptVersionId: t.id({ description: 'The Prompt Hub version it comes from.' }),
  }),
});

const TemplateEvaluationInputRef = builder.inputType('TemplateEvaluationRunConfigInput', {
  description: 'Run a template-based LLM evaluator against each dataset example.',
  fields: (t) => ({
    aiIntegrationId: t.id({ required: true, description: 'An AI integration (see `aiIntegrations`).' }),
    modelName: t.string({ description: 'The judging model; the integration\'s default when left out.' }),
    template: t.string({ required: true, description: 'The evaluation prompt (not empty), with `{{variable}}` placeholders.' }),
    provideExplanation: t.boolean({ required: true, description: 'Whether the judge explains its label.' }),
    classificationChoices: t.field({ type: 'JSON', description: 'A JSON object: label -> score.' }),
    columnMapping: t.field({ type: 'JSON', description: 'A JSON object: template variable -> dataset column path.' }),
    evaluatorVersionId: t.id({ description: 'The Eval Hub evaluator version it comes from.' }),
    invocationParameters: t.field({ type: 'JSON', description: 'A JSON object of invocation parameters.' }),
    providerParameters: t.field({ type: 'JSON', description: 'A JSON object of provider-specific parameters.' }),
  }),
});

const AgentCallInputRef = builder.inputType('AgentCallRunConfigInput', {
  description: 'Call an agent integration with each dataset example.',
  fields: (t) => ({
    integrationId: t.id({ required: true, description: 'An integration of type AGENT (see `integrations(type: AGENT)`).' }),
    inputTemplate: t.field({ type: 'JSON', required: true, description: 'A JSON object following the agent\'s input schema; `{{column}}` placeholders are filled per example.' }),
  }),
});

/** `RunConfigurationInput`, a `@oneOf` input: exactly one branch, or GraphQL refuses the operation before it runs. */
export const RunConfigurationInputRef = builder.inputType('RunConfigurationInput', {
  description: 'Exactly one kind of run configuration.',
  isOneOf: true,
  fields: (t) => ({
    llmGeneration: t.field({ type: LlmGenerationInputRef, description: 'Run an LLM prompt.' }),
    templateEvaluation: t.field({ type: TemplateEvaluationInputRef, description: 'Run a template evaluation.' }),
    agentCall: t.field({ type: AgentCallInputRef, description: 'Call an agent.' }),
  }),
});

/** `LlmMessageInput`, as the schema declares it. */
export type LlmMessageInput = typeof LlmMessageInputRef.$inferInput;
/** `LlmGenerationRunConfigInput`, as the schema declares it. */
export type LlmGenerationRunConfigInput = typeof LlmGenerationInputRef.$inferInput;
/** `TemplateEvaluationRunConfigInput`, as the schema declares it. */
export type TemplateEvaluationRunConfigInput = typeof TemplateEvaluationInputRef.$inferInput;
/** `AgentCallRunConfigInput`, as the schema declares it. */
export type AgentCallRunConfigInput = typeof AgentCallInputRef.$inferInput;
/** `RunConfigurationInput`, as the schema declares it (`@oneOf`: GraphQL itself refuses none or two branches). */
export type RunConfigurationInput = typeof RunConfigurationInputRef.$inferInput;
