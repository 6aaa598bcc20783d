import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createTaskBody, triggerRunBody, updateTaskBody } from '../../src/resolvers/bodies.ts';
import { expectIdKind, requireId } from '../../src/resolvers/id-args.ts';
import { checkTriggerAgainst, checkUpdateAgainst } from '../../src/resolvers/task-rules.ts';
import { problemsOf } from '../../src/schema/rules/common.ts';
import { createTaskRules, updateTaskRules } from '../../src/schema/rules/task.ts';
import { triggerTaskRunRules, waitArgumentRules } from '../../src/schema/rules/task-run.ts';
import type { CreateTaskInput } from '../../src/schema/task.ts';
import { idPrefix, looksLikeId, typenameOfId } from '../../src/upstream/ids.ts';
import type { Task } from '../../src/upstream/types.ts';

const id = (text: string) => Buffer.from(text).toString('base64');

describe('Arize global ids', () => {
  it('looks like an id exactly when it is base64 of text with a colon', () => {
    expect(looksLikeId(id('OnlineTask:45:qRwX'))).toBe(true);
    expect(looksLikeId('VGFzazoxMjM0NQ==')).toBe(true);
    expect(looksLikeId('dGFzazox')).toBe(true); // decodes to task:1: counts as an id, as the SDK says
    for (const name of ['', 'hallucination-check-001', 'abc', 'VGFzaw', 'VGFza_1']) expect(looksLikeId(name)).toBe(false);
  });

  it('names the kind by the decoded prefix, with Task/OnlineTask and Model/Project alike', () => {
    expect(typenameOfId(id('OnlineTask:1:a'))).toBe('Task');
    expect(typenameOfId(id('Task:1'))).toBe('Task');
    expect(typenameOfId(id('Model:123:aBcD'))).toBe('Project');
    expect(typenameOfId(id('EvaluatorVersion:10:XyZw'))).toBe('EvaluatorVersion');
    expect(typenameOfId(id('Unheard:1'))).toBeUndefined();
    expect(idPrefix(id('Unheard:1'))).toBe('Unheard');
  });

  it('refuses an id of another known kind, passes unknown prefixes, and needs an id where one is due', () => {
    expect(() => expectIdKind(id('TaskRun:1:a'), 'Task', 'task')).toThrow(/expects a Task id, but .* is a TaskRun id/);
    expect(expectIdKind(id('Model:1:a'), 'Project', 'project')).toBe(id('Model:1:a'));
    expect(expectIdKind(id('Unheard:1'), 'Task', 'task')).toBe(id('Unheard:1'));
    expect(() => requireId('not-an-id', 'TaskRun', 'id')).toThrow(/must be a TaskRun id/);
    expect(() => expectIdKind(id('User:1:a'), 'Evaluator', 'evaluatorId')).toThrow(/expects an Evaluator id, but .* is a User id/);
  });
});

const task = (extra: Partial<Task>): Task => ({
  id: id('OnlineTask:1:a'), name: 't', type: 'TEMPLATE_EVALUATION', type_name: 'TEMPLATE_EVALUATION', project_id: null, dataset_id: null, sampling_rate: null, is_continuous: false,
  query_filter: null, query_filters: null, evaluators: [], experiment_ids: [], run_configuration: null, last_run_at: null, created_at: '', updated_at: '', created_by_user_id: null, ...extra,
});
const evaluatorId = id('Evaluator:1:a');

/** What `rules` says about `value` given as the argument `argument` (none: the field's arguments themselves), as the plugin reports it. */
function refusal<T>(rules: v.GenericSchema<T, unknown>, value: T, argument?: string): string {
  const issues = v.safeParse(rules, value).issues ?? [];
  return problemsOf(issues.map((i) => ({ message: i.message, path: [...(argument ? [argument] : []), ...(i.path ?? [])] }))).map((p) => p.message).join(' ');
}

describe('input rules', () => {
  it('builds the create body from what was given, in today\'s values', () => {
    const input: CreateTaskInput = { name: 'n', type: 'CODE_EVALUATION', project: 'p', evaluators: [{ evaluatorId, evaluatorVersionId: id('EvaluatorVersion:2:b') }] };
    expect(refusal(createTaskRules, input, 'input')).toBe('');
    expect(createTaskBody(input))
      .toEqual({ source: 'project', body: { name: 'n', type: 'CODE_EVALUATION', evaluators: [{ evaluator_id: evaluatorId, evaluator_version_id: id('EvaluatorVersion:2:b') }] } });
  });

  it.each<[string, Partial<CreateTaskInput>, RegExp]>([
    ['RUN_EXPERIMENT', { type: 'RUN_EXPERIMENT' }, /createRunExperimentTask/],
    ['UNKNOWN', { type: 'UNKNOWN' }, /UNKNOWN only reports/],
    ['an empty name', { name: '' }, /must not be empty/],
    ['both sources', { dataset: 'd' }, /exactly one of/],
    ['no evaluator', { evaluators: [] }, /at least one evaluator/],
    ['a sampling rate of 2', { samplingRate: 2 }, /between 0 and 1/],
  ])('refuses a create with %s', (_what, change, message) => {
    expect(refusal(createTaskRules, { name: 'n', type: 'TEMPLATE_EVALUATION', project: 'p', evaluators: [{ evaluatorId }], ...change }, 'input')).toMatch(message);
  });

  it('keeps queryFilter: null, refuses other nulls and empty updates, and checks fields against the stored type', () => {
    expect(refusal(updateTaskRules, { task: 't', queryFilter: null }, 'input')).toBe('');
    expect(updateTaskBody({ task: 't', queryFilter: null })).toEqual({ query_filter: null });
    expect(refusal(updateTaskRules, { task: 't', name: null }, 'input')).toMatch(/null is not allowed/);
    expect(refusal(updateTaskRules, { task: 't' }, 'input')).toMatch(/at least one field/);
    expect(() => checkUpdateAgainst(task({ type: 'RUN_EXPERIMENT' }), { sampling_rate: 0.5 })).toThrow(/RUN_EXPERIMENT task takes `name` and `runConfiguration`/);
    expect(() => checkUpdateAgainst(task({ dataset_id: 'd' }), { is_continuous: true })).toThrow(/project-based tasks only/);
    expect(() => checkUpdateAgainst(task({ type: 'UNKNOWN' }), { sampling_rate: 0.5 })).not.toThrow();
  });

  it('checks the trigger window: start before end, at most 30 days, a start on the first run', () => {
    const now = Date.parse('2026-03-31T00:00:00Z');
    const trigger = triggerTaskRunRules(() => now);
    expect(refusal(trigger, { task: 't', dataStartTime: '2026-03-02T00:00:00Z', dataEndTime: '2026-03-01T00:00:00Z' }, 'input')).toMatch(/before dataEndTime/);
    expect(refusal(trigger, { task: 't', dataStartTime: '2026-01-01T00:00:00Z' }, 'input')).toMatch(/more than 30/);
    expect(refusal(trigger, { task: 't', dataStartTime: '2026-03-01T00:00:00Z' }, 'input')).toBe('');
    expect(triggerRunBody({ task: 't', dataStartTime: '2026-03-01T00:00:00Z' })).toEqual({ data_start_time: '2026-03-01T00:00:00Z' });
    const projectTask = task({ project_id: 'p' });
    expect(() => checkTriggerAgainst(projectTask, {}, now)).toThrow(/first run needs a `dataStartTime`/);
    expect(() => checkTriggerAgainst({ ...projectTask, last_run_at: '2026-02-01T00:00:00Z' }, {}, now)).toThrow(/the last run time/);
    expect(() => checkTriggerAgainst({ ...projectTask, last_run_at: '2026-03-30T00:00:00Z' }, {}, now)).not.toThrow();
    expect(() => checkTriggerAgainst(task({ dataset_id: 'd' }), { data_start_time: '2026-03-01T00:00:00Z' }, now)).toThrow(/project-based tasks only/);
    expect(() => checkTriggerAgainst(task({ type: 'RUN_EXPERIMENT' }), {}, now)).toThrow(/experiment name/);
  });

  it('bounds the wait arguments', () => {
    expect(refusal(waitArgumentRules, { pollIntervalSeconds: 5, timeoutSeconds: 600 })).toBe('');
    expect(refusal(waitArgumentRules, { pollIntervalSeconds: 0, timeoutSeconds: 10 })).toMatch(/pollIntervalSeconds/);
    expect(refusal(waitArgumentRules, { pollIntervalSeconds: 601, timeoutSeconds: 10 })).toMatch(/at most 600/);
    expect(refusal(waitArgumentRules, { pollIntervalSeconds: 1, timeoutSeconds: 3601 })).toMatch(/at most 3600/);
    expect(refusal(waitArgumentRules, { pollIntervalSeconds: 1, timeoutSeconds: Number.POSITIVE_INFINITY })).toMatch(/timeoutSeconds/);
  });
});
