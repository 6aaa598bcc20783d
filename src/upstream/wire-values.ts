/**
 * The wire values the gateway knows (task types, run statuses, evaluator,
 * experiment and integration types) and the data-scope rule: plain constants
 * with no package behind them, so the emulator can share them without
 * loading the gateway's schema library. `types.ts` re-exports all of it.
 */

/** The task types the gateway knows (today's wire values). */
export const TASK_TYPES = ['TEMPLATE_EVALUATION', 'CODE_EVALUATION', 'RUN_EXPERIMENT'] as const;
/** A task type the gateway knows. */
export type TaskType = (typeof TASK_TYPES)[number];
/** The run statuses the gateway knows, in the order a run moves through them. */
export const RUN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
/** A run status the gateway knows. */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** The evaluator types the gateway knows. */
export const EVALUATOR_TYPES = ['TEMPLATE', 'CODE', 'HARNESS', 'REMOTE'] as const;
/** An evaluator type the gateway knows. */
export type EvaluatorType = (typeof EVALUATOR_TYPES)[number];
/** The kinds of run configuration of a `RUN_EXPERIMENT` task. */
export const EXPERIMENT_TYPES = ['LLM_GENERATION', 'TEMPLATE_EVALUATION', 'AGENT_CALL'] as const;
/** A kind of run configuration the gateway knows. */
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];
/** The integration types the gateway knows. */
export const INTEGRATION_TYPES = ['LLM', 'AGENT'] as const;
/** An integration type the gateway knows (`AGENT` integrations back `AGENT_CALL` run configurations). */
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** The part of an evaluator version that says its data scope. */
export interface ScopedVersion {
  template_config?: { data_granularity?: unknown } | null;
  code_config?: { data_granularity?: unknown } | null;
}

/**
 * The data scope a version evaluates (`SPAN`, `TRACE` or `SESSION`): its
 * config's `data_granularity`, upper-cased; null, absent, or a version with
 * no config (`HARNESS`, `REMOTE`, kinds this gateway does not know) counts as
 * `SPAN`, as the upstream's same-scope rule reads it.
 */
export function dataScopeOf(version: ScopedVersion): string {
  const granularity = (version.template_config ?? version.code_config)?.data_granularity;
  return typeof granularity === 'string' && granularity !== '' ? granularity.toUpperCase() : 'SPAN';
}
