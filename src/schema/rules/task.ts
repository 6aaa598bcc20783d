/**
 * The upstream's rules for the task inputs that need no upstream call, in
 * the order their problems are reported. The rules that need the stored
 * task (its type, its data source) are `resolvers/task-rules.ts`'s; the
 * one-custom-code-evaluator rule needs the evaluators' code and is the
 * upstream's to enforce.
 */
import * as v from 'valibot';
import { UNKNOWN } from '../../upstream/types.ts';
import type { CreateRunExperimentTaskInput, CreateTaskInput, TaskEvaluatorInput, UpdateTaskInput } from '../task.ts';
import { TOP, field, idOf, jsonObject, rule, says, shaped, type RuleContext } from './common.ts';
import { runConfigurationRules } from './run-configuration.ts';

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

const taskName = v.pipe(v.string(), v.minLength(1, says('a task name must not be empty.')));

const samplingRate = v.pipe(v.number(), v.check((rate) => Number.isFinite(rate) && rate >= 0 && rate <= 1,
  (issue) => says(`the sampling rate must be between 0 and 1 (got ${issue.input}).`)));

/** Experiment ids: each of the Experiment kind, none twice. */
export const experimentIds = v.pipe(
  v.array(idOf('Experiment')),
  v.check((ids) => new Set(ids).size === ids.length, says('an experiment id is given twice.')),
);

const evaluatorId = idOf('Evaluator');

/** An evaluator entry's rules besides its id: a pin only when given, no template variable mapped twice, mappings as an object. */
const evaluatorEntry = v.pipe(
  shaped<TaskEvaluatorInput>(),
  field('evaluatorVersionId', v.pipe(
    v.string(),
    v.check((id) => id.trim() !== '', says('an evaluator version id must not be empty (leave it out to run the latest version).')),
    idOf('EvaluatorVersion'),
  )),
  field('columnMappings', v.pipe(shaped<NonNullable<TaskEvaluatorInput['columnMappings']>>(), rule((mappings, c) => {
    const seen = new Set<string>();
    for (const { variable } of mappings) {
      if (seen.has(variable)) c.report([], says(`variable ${JSON.stringify(variable)} is mapped twice.`));
      seen.add(variable);
    }
  }))),
  field('queryMappings', jsonObject),
);

/**
 * At least one evaluator and no evaluator id twice; each entry's problems
 * in turn, a repeated id reported (at the list) where it repeats.
 */
export const evaluatorList = v.pipe(shaped<TaskEvaluatorInput[]>(), rule((evaluators, c) => {
  if (evaluators.length === 0) c.report([], says('at least one evaluator is required.'));
  const seen = new Set<string>();
  evaluators.forEach((entry, i) => {
    const id = entry.evaluatorId;
    c.check([i, 'evaluatorId'], evaluatorId, id);
    if (id.trim() === '') c.report([i, 'evaluatorId'], says('an evaluator id must not be empty.'));
    else if (seen.has(id)) c.report([], says(`evaluator ${JSON.stringify(id)} is given twice; each evaluator may appear once.`));
    seen.add(id);
    c.check([i], evaluatorEntry, entry);
  });
}));

/**
 * One filtering shape per task (`upstream-api.md`, "Span-level or
 * trace/session-level filtering"): span level (`queryFilter`, evaluators'
 * `columnMappings` and `queryFilter`) or trace/session level
 * (`queryFilters`, evaluators' `queryMappings`), never both in one input. A
 * value cleared with null counts as neither (an update that switches shapes
 * clears one side and sets the other). The field named, from the top, is
 * `queryFilters` when the task-level trace filters take part, else
 * `evaluators`.
 */
function oneShape(input: { queryFilter?: string | null; queryFilters?: unknown; evaluators?: TaskEvaluatorInput[] | null }, c: RuleContext): void {
  const evaluators = input.evaluators ?? [];
  const spanParts = [
    ...(given(input.queryFilter) ? ['queryFilter'] : []),
    ...(evaluators.some((e) => given(e.columnMappings)) ? ['evaluators\' columnMappings'] : []),
    ...(evaluators.some((e) => given(e.queryFilter)) ? ['evaluators\' queryFilter'] : []),
  ];
  const traceParts = [
    ...(given(input.queryFilters) ? ['queryFilters'] : []),
    ...(evaluators.some((e) => given(e.queryMappings)) ? ['evaluators\' queryMappings'] : []),
  ];
  if (spanParts.length === 0 || traceParts.length === 0) return;
  c.report([TOP, traceParts[0] === 'queryFilters' ? 'queryFilters' : 'evaluators'],
    says('a task filters either per span (queryFilter, evaluators\' columnMappings and queryFilter) or per trace/session (queryFilters, evaluators\' queryMappings), ' +
      `never both: this input sets ${traceParts.join(' and ')} together with ${spanParts.join(' and ')}.`));
}

/**
 * Exactly one of project and dataset; experiments required for dataset
 * tasks and refused for project tasks; sampling rate 0..1 and only for
 * project tasks; continuity never true for dataset tasks. When the kind of
 * task is unclear (neither or both), only the rules of both kinds.
 */
function oneDataSource(input: CreateTaskInput, c: RuleContext): void {
  const hasProject = given(input.project) && input.project !== '';
  const hasDataset = given(input.dataset) && input.dataset !== '';
  const experiments = input.experimentIds ?? [];
  if (hasProject === hasDataset) {
    c.report(['project'], says('give exactly one of `project` (a project-based task) or `dataset` (a dataset-based task).'));
    if (given(input.samplingRate)) c.check(['samplingRate'], samplingRate, input.samplingRate);
  } else if (hasDataset) {
    if (experiments.length === 0) c.report(['experimentIds'], says('a dataset-based task needs at least one experiment id.'));
    if (input.isContinuous === true) c.report(['isContinuous'], says('a dataset-based task cannot be continuous.'));
    if (given(input.samplingRate)) c.report(['samplingRate'], says('a sampling rate applies to project-based tasks only.'));
  } else {
    if (experiments.length > 0) c.report(['experimentIds'], says('experiment ids apply to dataset-based tasks only.'));
    if (given(input.samplingRate)) c.check(['samplingRate'], samplingRate, input.samplingRate);
  }
}

/** `createTask`: an evaluation type, a name, one data source and its rules, evaluators, JSON objects, one filtering shape. */
export const createTaskRules = v.pipe(
  shaped<CreateTaskInput>(),
  field('type', v.pipe(
    v.string(),
    v.check((type) => type !== 'RUN_EXPERIMENT',
      says('RUN_EXPERIMENT tasks are created with the `createRunExperimentTask` mutation; `createTask` makes TEMPLATE_EVALUATION and CODE_EVALUATION tasks.')),
    v.check((type) => type !== UNKNOWN, says('UNKNOWN only reports a type this gateway does not know; create TEMPLATE_EVALUATION or CODE_EVALUATION tasks.')),
  )),
  field('name', taskName),
  rule(oneDataSource),
  field('experimentIds', experimentIds),
  field('evaluators', evaluatorList),
  field('queryFilters', jsonObject),
  // an evaluator list with problems, or filters that are no object, take no part in the shape
  rule((input, c) => {
    if (!c.failed('evaluators')) oneShape({ ...input, queryFilters: c.failed('queryFilters') ? undefined : input.queryFilters }, c);
  }),
);

/** The fields an update can change. */
const UPDATE_FIELDS = ['name', 'samplingRate', 'isContinuous', 'queryFilter', 'queryFilters', 'evaluators', 'runConfiguration'] as const;
/** The fields where null means nothing (`queryFilter: null` and `queryFilters: null` clear). */
const NOT_NULL = ['name', 'samplingRate', 'isContinuous', 'evaluators', 'runConfiguration'] as const;

/**
 * `updateTask`: no null but the clearing ones, the given fields' own rules,
 * then (when all those hold) one filtering shape and at least one field to
 * change. graphql-js leaves absent fields out of the input object, so null
 * and absent are told apart. A clash with the stored task is the
 * upstream's to refuse.
 */
export const updateTaskRules = v.pipe(
  shaped<UpdateTaskInput>(),
  rule((input, c) => {
    for (const key of NOT_NULL) {
      if (input[key] === null) c.report([key], says('null is not allowed here (only `queryFilter: null` and `queryFilters: null` clear a value); leave the field out to keep it.'));
    }
  }),
  field('name', taskName),
  field('samplingRate', samplingRate),
  field('queryFilters', jsonObject),
  field('evaluators', evaluatorList),
  field('runConfiguration', runConfigurationRules),
  rule((input, c) => {
    if (!c.failed()) oneShape(input, c);
  }),
  rule((input, c) => {
    if (!c.failed() && UPDATE_FIELDS.every((key) => input[key] === undefined)) {
      c.report([], says('give at least one field to change: name, samplingRate, isContinuous, queryFilter, queryFilters, evaluators or runConfiguration.'));
    }
  }),
);

/** `createRunExperimentTask`: a name and a run configuration. */
export const createRunExperimentTaskRules = v.pipe(
  shaped<CreateRunExperimentTaskInput>(),
  field('name', taskName),
  field('runConfiguration', runConfigurationRules),
);
