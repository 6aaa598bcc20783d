/**
 * The upstream's rules for a `RunConfigurationInput` (one `@oneOf` branch):
 * at least one message, a non-empty template, known formats and roles,
 * objects where the API takes open objects, ids of the right kind. Checked
 * as part of the input that carries it (`createRunExperimentTask`,
 * `updateTask`), so its problems come with the input's others.
 */
import * as v from 'valibot';
import { UNKNOWN } from '../../upstream/types.ts';
import type {
  AgentCallRunConfigInput, LlmGenerationRunConfigInput, LlmMessageInput, RunConfigurationInput, TemplateEvaluationRunConfigInput,
} from '../run-configuration.ts';
import { field, idOf, jsonMapOf, jsonObject, rule, says, shaped } from './common.ts';

/** An enum value the upstream knows (UNKNOWN only reports values the gateway does not know). */
const known = v.pipe(v.string(), v.check((value) => value !== UNKNOWN, says('UNKNOWN only reports values this gateway does not know; pick a value.')));

const message = v.pipe(
  shaped<LlmMessageInput>(),
  field('role', known),
  field('toolCalls', v.pipe(v.unknown(), v.check(Array.isArray, says('must be a JSON list of tool calls.')))),
);

const llmGeneration = v.pipe(
  shaped<LlmGenerationRunConfigInput>(),
  field('aiIntegrationId', idOf('AiIntegration')),
  field('messages', v.pipe(v.array(message), v.minLength(1, says('at least one message is required.')))),
  field('inputVariableFormat', known),
  field('invocationParameters', jsonObject),
  field('providerParameters', jsonObject),
  field('toolConfig', jsonObject),
);

const templateEvaluation = v.pipe(
  shaped<TemplateEvaluationRunConfigInput>(),
  field('aiIntegrationId', idOf('AiIntegration')),
  field('template', v.pipe(v.string(), v.minLength(1, says('the template must not be empty.')))),
  field('classificationChoices', jsonMapOf('number')),
  field('columnMapping', jsonMapOf('string')),
  field('evaluatorVersionId', idOf('EvaluatorVersion')),
  field('invocationParameters', jsonObject),
  field('providerParameters', jsonObject),
);

/** An LLM integration's id (`LlmIntegration:`) is an integration too: the upstream refuses it for AGENT_CALL in its own words. */
const agentCall = v.pipe(shaped<AgentCallRunConfigInput>(), field('integrationId', idOf('Integration', 'AiIntegration')), field('inputTemplate', jsonObject));

/** A run configuration: the rules of the branch given. */
export const runConfigurationRules = v.pipe(
  shaped<RunConfigurationInput>(),
  rule((input, c) => {
    if (!input.llmGeneration && !input.templateEvaluation && !input.agentCall) c.report([], says('give one of llmGeneration, templateEvaluation or agentCall.'));
  }),
  field('llmGeneration', llmGeneration),
  field('templateEvaluation', templateEvaluation),
  field('agentCall', agentCall),
);
