/**
 * The input rules as valibot schemas (`src/schema/rules/`), without GraphQL:
 * the paths and wording the contract's problems get, and the rules that are
 * more than one field's check (uniqueness, windows, one filtering shape).
 * Each problem is read as `@pothos/plugin-validation` hands it over: its
 * path led by the argument's name.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkTriggerAgainst } from '../../src/resolvers/task-rules.ts';
import { TOP, fieldOf, problemsOf } from '../../src/schema/rules/common.ts';
import { createRunExperimentTaskRules, createTaskRules, updateTaskRules } from '../../src/schema/rules/task.ts';
import { triggerTaskRunRules } from '../../src/schema/rules/task-run.ts';
import type { CreateTaskInput, TaskEvaluatorInput } from '../../src/schema/task.ts';
import type { Task } from '../../src/upstream/types.ts';

const id = (text: string) => Buffer.from(text).toString('base64');
const [evaluatorA, evaluatorB] = [id('Evaluator:1:a'), id('Evaluator:2:b')];

/** The problems `rules` finds in `value`, given as the argument `input`. */
function problems<T>(rules: v.GenericSchema<T, unknown>, value: T) {
  const issues = v.safeParse(rules, value).issues ?? [];
  return problemsOf(issues.map((i) => ({ message: i.message, path: ['input', ...(i.path ?? [])] })));
}
const fields = <T>(rules: v.GenericSchema<T, unknown>, value: T) => problems(rules, value).map((p) => p.field);

const create = (change: Partial<CreateTaskInput>): CreateTaskInput => ({
  name: 'n', type: 'TEMPLATE_EVALUATION', project: 'p', evaluators: [{ evaluatorId: evaluatorA }], ...change,
});

describe('problem paths and wording', () => {
  it('writes keys with dots and list indices in brackets, and starts over after TOP', () => {
    expect(fieldOf(['input', { key: 'evaluators' }, { key: 1 }, { key: 'columnMappings' }])).toBe('input.evaluators[1].columnMappings');
    expect(fieldOf(['input', { key: TOP }, { key: 'queryFilters' }])).toBe('queryFilters');
    expect(fieldOf(['input', { key: 'tracingMetadata' }, { key: '0' }])).toBe('input.tracingMetadata.0');
  });

  it('leads each message with its field in backquotes, whatever wrote the message', () => {
    expect(problemsOf([
      { message: ': must be a JSON object.', path: ['input', { key: 'queryFilters' }] },
      { message: ' expects a Task id, but "x" is a TaskRun id.', path: ['input', { key: 'evaluationTaskIds' }, { key: 0 }] },
      { message: 'Invalid length', path: ['input', { key: 'name' }] },
    ])).toEqual([
      { field: 'input.queryFilters', message: '`input.queryFilters`: must be a JSON object.' },
      { field: 'input.evaluationTaskIds[0]', message: '`input.evaluationTaskIds[0]` expects a Task id, but "x" is a TaskRun id.' },
      { field: 'input.name', message: '`input.name`: Invalid length' },
    ]);
  });
});

describe('evaluator lists', () => {
  it('reports a repeated evaluator id at the list, where it repeats, among each entry\'s own problems', () => {
    const evaluators: TaskEvaluatorInput[] = [
      { evaluatorId: evaluatorA, columnMappings: [{ variable: 'q', column: 'a' }, { variable: 'q', column: 'b' }] },
      { evaluatorId: evaluatorA, columnMappings: [{ variable: 'q', column: 'a' }, { variable: 'q', column: 'b' }] },
      { evaluatorId: evaluatorB },
      { evaluatorId: evaluatorB, queryMappings: 'not an object' },
    ];
    expect(problems(createTaskRules, create({ evaluators }))).toEqual([
      { field: 'input.evaluators[0].columnMappings', message: '`input.evaluators[0].columnMappings`: variable "q" is mapped twice.' },
      { field: 'input.evaluators', message: `\`input.evaluators\`: evaluator ${JSON.stringify(evaluatorA)} is given twice; each evaluator may appear once.` },
      { field: 'input.evaluators[1].columnMappings', message: '`input.evaluators[1].columnMappings`: variable "q" is mapped twice.' },
      { field: 'input.evaluators', message: `\`input.evaluators\`: evaluator ${JSON.stringify(evaluatorB)} is given twice; each evaluator may appear once.` },
      { field: 'input.evaluators[3].queryMappings', message: '`input.evaluators[3].queryMappings`: must be a JSON object.' },
    ]);
  });

  it('names an empty id or an id of another kind at the entry, not as a repeat, and needs at least one evaluator', () => {
    const task = id('OnlineTask:1:a');
    expect(fields(createTaskRules, create({ evaluators: [{ evaluatorId: ' ' }, { evaluatorId: ' ' }, { evaluatorId: task }, { evaluatorId: evaluatorA, evaluatorVersionId: evaluatorA }] })))
      .toEqual(['input.evaluators[0].evaluatorId', 'input.evaluators[1].evaluatorId', 'input.evaluators[2].evaluatorId', 'input.evaluators[3].evaluatorVersionId']);
    expect(problems(updateTaskRules, { task: 't', evaluators: [] })).toEqual([
      { field: 'input.evaluators', message: '`input.evaluators`: at least one evaluator is required.' },
    ]);
  });

  it('reports an experiment id given twice once, after the ids of another kind', () => {
    const experiment = id('Experiment:1:a');
    expect(fields(createTaskRules, create({ project: undefined, dataset: 'd', experimentIds: [experiment, evaluatorA, experiment, experiment] })))
      .toEqual(['input.experimentIds[1]', 'input.experimentIds']);
  });
});

describe('data windows', () => {
  const now = Date.parse('2026-03-31T00:00:00Z');
  const trigger = triggerTaskRunRules(() => now);

  it('takes a given start before its end (default now) and at most 30 days from it', () => {
    expect(problems(trigger, { task: 't', dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-31T00:00:00Z' })).toEqual([]);
    expect(problems(trigger, { task: 't', dataStartTime: '2026-03-01T00:00:00Z', dataEndTime: '2026-03-31T00:00:01Z' })).toEqual([{
      field: 'input.dataStartTime',
      message: '`input.dataStartTime`: the data window spans 31 days, more than 30: from dataStartTime to dataEndTime. Give a window of at most 30 days.',
    }]);
    expect(problems(trigger, { task: 't', dataStartTime: '2026-04-01T00:00:00Z' })).toEqual([{
      field: 'input.dataStartTime', message: '`input.dataStartTime`: dataStartTime must be in the past (dataEndTime defaults to now).',
    }]);
    expect(problems(trigger, { task: 't', dataStartTime: '2026-03-02T00:00:00Z', dataEndTime: '2026-03-02T00:00:00Z' })[0]?.message).toMatch(/must be before dataEndTime/);
  });

  it('reads the window from the last run time when no start is given, naming the end', () => {
    const task = {
      id: id('OnlineTask:1:a'), name: 't', type: 'TEMPLATE_EVALUATION', type_name: 'TEMPLATE_EVALUATION', project_id: 'p', dataset_id: null, sampling_rate: null,
      is_continuous: false, query_filter: null, query_filters: null, evaluators: [], experiment_ids: [], run_configuration: null,
      last_run_at: '2026-02-01T00:00:00Z', created_at: '', updated_at: '', created_by_user_id: null,
    } satisfies Task;
    expect(() => checkTriggerAgainst(task, { data_end_time: '2026-03-03T00:00:01Z' }, now)).toThrow(expect.objectContaining({
      extensions: expect.objectContaining({ field: 'input.dataEndTime' }),
      message: '`input.dataEndTime`: the data window spans 31 days, more than 30: from the last run time (2026-02-01T00:00:00Z, the default start) to dataEndTime. Give a window of at most 30 days.',
    }));
    expect(() => checkTriggerAgainst(task, { data_end_time: '2026-03-03T00:00:00Z' }, now)).not.toThrow();
    expect(() => checkTriggerAgainst(task, {}, now)).toThrow(/from the last run time .* to now/);
  });

  it('reports every broken trigger field at once, in the order of the input', () => {
    expect(fields(trigger, {
      task: 't', dataStartTime: '2026-04-01T00:00:00Z', maxSpans: 0, experimentIds: [id('Task:1')], experimentName: '', exampleIds: [], maxExamples: 0,
      queryFilter: ' ', tracingMetadata: { a: 1, b: 'x', c: null }, evaluationTaskIds: [id('TaskRun:1:a')],
    })).toEqual([
      'input.dataStartTime', 'input.maxSpans', 'input.experimentIds[0]', 'input.experimentName', 'input.exampleIds', 'input.exampleIds', 'input.maxExamples',
      'input.queryFilter', 'input.tracingMetadata.a', 'input.tracingMetadata.c', 'input.evaluationTaskIds[0]',
    ]);
  });
});

describe('one filtering shape per task', () => {
  const filters = { traceFilter: 'x' };

  it('names queryFilters when the task-level trace filters take part, else evaluators, from the top', () => {
    expect(fields(createTaskRules, create({ queryFilter: 'a = 1', queryFilters: filters }))).toEqual(['queryFilters']);
    expect(fields(createTaskRules, create({ evaluators: [{ evaluatorId: evaluatorA, queryMappings: {} }, { evaluatorId: evaluatorB, queryFilter: 'b = 1' }] })))
      .toEqual(['evaluators']);
    expect(problems(createTaskRules, create({ queryFilters: filters, evaluators: [{ evaluatorId: evaluatorA, columnMappings: [{ variable: 'q', column: 'a' }] }] }))[0]?.message)
      .toBe('`queryFilters`: a task filters either per span (queryFilter, evaluators\' columnMappings and queryFilter) or per trace/session (queryFilters, ' +
        'evaluators\' queryMappings), never both: this input sets queryFilters together with evaluators\' columnMappings.');
  });

  it('leaves filters that are no object, and evaluators with problems, out of the shape', () => {
    expect(fields(createTaskRules, create({ queryFilter: 'a = 1', queryFilters: [1] }))).toEqual(['input.queryFilters']);
    expect(fields(createTaskRules, create({ queryFilters: filters, evaluators: [{ evaluatorId: '', columnMappings: [] }] }))).toEqual(['input.evaluators[0].evaluatorId']);
  });

  it('lets an update switch shapes by clearing one side, and checks the shape only when every other rule holds', () => {
    expect(fields(updateTaskRules, { task: 't', queryFilter: null, queryFilters: filters })).toEqual([]);
    expect(fields(updateTaskRules, { task: 't', queryFilter: 'a = 1', queryFilters: filters })).toEqual(['queryFilters']);
    expect(fields(updateTaskRules, { task: 't', queryFilter: 'a = 1', queryFilters: filters, samplingRate: 2 })).toEqual(['input.samplingRate']);
  });
});

describe('run configurations', () => {
  it('reports the problems of a nested configuration with the input\'s others', () => {
    expect(fields(createRunExperimentTaskRules, {
      name: '', dataset: 'd',
      runConfiguration: { llmGeneration: { aiIntegrationId: 'a', messages: [{ role: 'UNKNOWN', toolCalls: {} }], inputVariableFormat: 'UNKNOWN', toolConfig: [] } },
    })).toEqual([
      'input.name', 'input.runConfiguration.llmGeneration.messages[0].role', 'input.runConfiguration.llmGeneration.messages[0].toolCalls',
      'input.runConfiguration.llmGeneration.inputVariableFormat', 'input.runConfiguration.llmGeneration.toolConfig',
    ]);
    expect(fields(updateTaskRules, { task: 't', runConfiguration: { templateEvaluation: { aiIntegrationId: 'a', template: '', provideExplanation: true, classificationChoices: { yes: 1, no: 'x' } } } }))
      .toEqual(['input.runConfiguration.templateEvaluation.template', 'input.runConfiguration.templateEvaluation.classificationChoices.no']);
  });
});
