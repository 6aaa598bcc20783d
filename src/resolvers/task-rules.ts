/**
 * The input rules that need the stored task, picked by its type as the
 * upstream does (Arize's client reads the task first): which fields an
 * update or a trigger may carry, and a trigger's window against the task's
 * last run. Each throws every broken rule at once (one BAD_USER_INPUT per
 * problem, each naming its field). The rules that need no task run before
 * the field resolves (`schema/rules/`).
 */
import { inputProblems, type InputProblem } from '../errors.ts';
import type { TriggerRunBody, UpdateTaskBody } from '../upstream/requests.ts';
import { UNKNOWN, type Task } from '../upstream/types.ts';

/** Longest evaluation window the upstream accepts. */
const MAX_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** A problem of `field`, worded "`field`: message". */
const problem = (field: string, message: string): InputProblem => ({ field, message: `\`${field}\`: ${message}` });

const throwAll = (problems: InputProblem[]) => {
  if (problems.length > 0) throw inputProblems(problems);
};

/**
 * What is wrong with a data window from `start` to `end` (default `now`): a
 * start not before the end, or more than {@link MAX_WINDOW_DAYS} days. The
 * start is the input's `dataStartTime`, or (`startIsLastRun`) the task's last
 * run time, when the problem is the `dataEndTime`'s. Undefined when it holds.
 */
export function windowProblem(start: string, end: string | undefined, now: number, startIsLastRun = false):
  { key: 'dataStartTime' | 'dataEndTime'; message: string } | undefined {
  const startMs = Date.parse(start);
  const endMs = end !== undefined ? Date.parse(end) : now;
  const key = startIsLastRun ? 'dataEndTime' : 'dataStartTime';
  const from = startIsLastRun ? `the last run time (${start}, the default start)` : 'dataStartTime';
  if (startMs >= endMs) {
    return { key, message: end !== undefined ? `${from} must be before dataEndTime.` : `${from} must be in the past (dataEndTime defaults to now).` };
  }
  if (endMs - startMs > MAX_WINDOW_DAYS * DAY_MS) {
    const days = Math.ceil((endMs - startMs) / DAY_MS);
    return {
      key,
      message: `the data window spans ${days} days, more than ${MAX_WINDOW_DAYS}: from ${from} to ${end !== undefined ? 'dataEndTime' : 'now'}. Give a window of at most ${MAX_WINDOW_DAYS} days.`,
    };
  }
  return undefined;
}

const UPDATE_FIELDS: Record<keyof UpdateTaskBody, string> = {
  name: 'name', sampling_rate: 'samplingRate', is_continuous: 'isContinuous', query_filter: 'queryFilter',
  query_filters: 'queryFilters', evaluators: 'evaluators', run_configuration: 'runConfiguration',
};

/**
 * The update rules that need the stored task: a RUN_EXPERIMENT task takes
 * only `name` and `runConfiguration`; an evaluation task takes no
 * `runConfiguration`, and sampling rate and continuity only when it is
 * project-based. A task of a type this gateway does not know is left to the
 * upstream's rules.
 */
export function checkUpdateAgainst(task: Task, body: UpdateTaskBody): void {
  if (task.type === UNKNOWN) return;
  const problems: InputProblem[] = [];
  const present = Object.keys(body) as Array<keyof UpdateTaskBody>;
  if (task.type === 'RUN_EXPERIMENT') {
    for (const wrong of present.filter((key) => key !== 'name' && key !== 'run_configuration')) {
      problems.push(problem(`input.${UPDATE_FIELDS[wrong]}`, 'applies to evaluation tasks only; a RUN_EXPERIMENT task takes `name` and `runConfiguration`.'));
    }
  } else {
    if (body.run_configuration !== undefined) problems.push(problem('input.runConfiguration', 'applies to RUN_EXPERIMENT tasks only.'));
    if (!task.project_id) {
      if (body.sampling_rate !== undefined) problems.push(problem('input.samplingRate', 'a sampling rate applies to project-based tasks only.'));
      if (body.is_continuous !== undefined) problems.push(problem('input.isContinuous', 'continuity applies to project-based tasks only.'));
    }
  }
  throwAll(problems);
}

const EXPERIMENT_TRIGGER_FIELDS: Array<[keyof TriggerRunBody, string]> = [
  ['experiment_name', 'experimentName'], ['dataset_version_id', 'datasetVersionId'], ['example_ids', 'exampleIds'],
  ['max_examples', 'maxExamples'], ['query_filter', 'queryFilter'], ['tracing_metadata', 'tracingMetadata'], ['evaluation_task_ids', 'evaluationTaskIds'],
];

const EVALUATION_TRIGGER_FIELDS: Array<[keyof TriggerRunBody, string]> = [
  ['data_start_time', 'dataStartTime'], ['data_end_time', 'dataEndTime'], ['max_spans', 'maxSpans'],
  ['override_evaluations', 'overrideEvaluations'], ['experiment_ids', 'experimentIds'],
];

/**
 * The trigger rules that need the stored task. Evaluation tasks: the window
 * applies to project-based tasks only, needs a start on the task's first
 * run (afterwards it defaults to the last run time, and the window from it
 * is checked here; a given start was checked with the input), and
 * experiment ids apply to dataset-based tasks only. RUN_EXPERIMENT tasks
 * take no evaluation field and need an experiment name.
 */
export function checkTriggerAgainst(task: Task, body: TriggerRunBody, now = Date.now()): void {
  if (task.type === UNKNOWN) return;
  const problems: InputProblem[] = [];
  if (task.type === 'RUN_EXPERIMENT') {
    for (const [key, name] of EVALUATION_TRIGGER_FIELDS) {
      if (body[key] !== undefined) problems.push(problem(`input.${name}`, 'applies to evaluation tasks only, not to a RUN_EXPERIMENT task.'));
    }
    if (body.experiment_name === undefined) problems.push(problem('input.experimentName', 'a RUN_EXPERIMENT task needs an experiment name to run.'));
    return throwAll(problems);
  }
  for (const [key, name] of EXPERIMENT_TRIGGER_FIELDS) {
    if (body[key] !== undefined) problems.push(problem(`input.${name}`, 'applies to RUN_EXPERIMENT tasks only, not to an evaluation task.'));
  }
  if (body.experiment_ids && !task.dataset_id) problems.push(problem('input.experimentIds', 'experiment ids apply to dataset-based tasks only.'));
  if (!task.project_id) {
    if (body.data_start_time !== undefined) problems.push(problem('input.dataStartTime', 'a data window applies to project-based tasks only.'));
    if (body.data_end_time !== undefined) problems.push(problem('input.dataEndTime', 'a data window applies to project-based tasks only.'));
  } else if (body.data_start_time === undefined) {
    if (task.last_run_at === null) {
      problems.push(problem('input.dataStartTime', 'this project-based task has never run: its first run needs a `dataStartTime` (later runs default to the last run time).'));
    } else {
      const window = windowProblem(task.last_run_at, body.data_end_time, now, true);
      if (window) problems.push(problem(`input.${window.key}`, window.message));
    }
  }
  throwAll(problems);
}
