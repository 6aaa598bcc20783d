/**
 * The upstream's rules for the run inputs that need no upstream call, in
 * the order their problems are reported: a trigger's fields (the ones that
 * need the stored task are `resolvers/task-rules.ts`'s), and the bounds of
 * `waitForTaskRun`'s arguments.
 */
import * as v from 'valibot';
import { windowProblem } from '../../resolvers/task-rules.ts';
import type { TriggerTaskRunInput } from '../task-run.ts';
import { field, idOf, jsonMapOf, positiveInt, rule, says, shaped } from './common.ts';
import { experimentIds } from './task.ts';

/**
 * `triggerTaskRun`, with the clock `now` for the window: a given start
 * before the end (default now) and at most 30 days from it, a positive
 * `maxSpans`, experiment ids of the right kind, none twice; for
 * RUN_EXPERIMENT tasks a non-empty experiment name, `exampleIds` (at least
 * one) or `maxExamples` (at least 1) but not both, a non-empty
 * `queryFilter`, string metadata, task ids of the right kind.
 */
export function triggerTaskRunRules(now: () => number = Date.now) {
  return v.pipe(
    shaped<TriggerTaskRunInput>(),
    rule((input, c) => {
      if (input.dataStartTime === null || input.dataStartTime === undefined) return;
      const window = windowProblem(input.dataStartTime, input.dataEndTime ?? undefined, now());
      if (window) c.report([window.key], says(window.message));
    }),
    field('maxSpans', positiveInt),
    rule((input, c) => {
      if (input.experimentIds && input.experimentIds.length > 0) c.check(['experimentIds'], experimentIds, input.experimentIds);
    }),
    field('experimentName', v.pipe(v.string(), v.minLength(1, says('the experiment name must not be empty.')))),
    field('datasetVersionId', idOf('DatasetVersion')),
    rule((input, c) => {
      if (input.exampleIds && input.maxExamples !== null && input.maxExamples !== undefined) c.report(['exampleIds'], says('give `exampleIds` or `maxExamples`, not both.'));
    }),
    field('exampleIds', v.pipe(v.array(v.string()), v.minLength(1, says('give at least one example id, or leave it out to run every example.')))),
    field('maxExamples', positiveInt),
    field('queryFilter', v.pipe(v.string(), v.check((filter) => filter.trim() !== '', says('the filter must not be empty (leave it out to run every chosen example).')))),
    field('tracingMetadata', jsonMapOf('string')),
    field('evaluationTaskIds', v.array(idOf('Task'))),
  );
}

/** Longest `timeoutSeconds` of `waitForTaskRun` (an hour; use `runStatus` to watch longer). */
export const MAX_WAIT_SECONDS = 3600;
/** Longest `pollIntervalSeconds` of `waitForTaskRun`. */
export const MAX_POLL_INTERVAL_SECONDS = 600;

const seconds = (max: number, hint = '') => v.pipe(v.number(), v.check((s) => Number.isFinite(s) && s > 0 && s <= max,
  (issue) => says(`must be a number of seconds above 0 and at most ${max} (got ${issue.input})${hint}.`)));

/** `waitForTaskRun`'s arguments: positive, finite seconds, at most the bounds above. */
export const waitArgumentRules = v.pipe(
  shaped<{ pollIntervalSeconds?: number | null; timeoutSeconds?: number | null }>(),
  field('pollIntervalSeconds', seconds(MAX_POLL_INTERVAL_SECONDS)),
  field('timeoutSeconds', seconds(MAX_WAIT_SECONDS, '; watch longer runs with runStatus')),
);
