import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { GatewayError, connect, type RunState } from '../../examples/client.ts';
import {
  CreateExperimentTaskDocument, CreateTaskDocument, ExperimentFormOptionsDocument, ExperimentResultsDocument, ListTasksDocument,
  TaskDetailDocument, TaskFormOptionsDocument, TriggerExperimentDocument, TriggerRunDocument,
} from '../../examples/generated/graphql.ts';
import { FAST_RUNS, emulator, gateway } from '../support/servers.ts';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const files = readdirSync(new URL('../../examples/operations/', import.meta.url)).filter((f) => f.endsWith('.graphql'));

describe('examples/operations', () => {
  it('covers listing, task detail, the create form, create and trigger + watch, and experiment tasks', () => {
    expect(files.sort()).toEqual(['create-task.graphql', 'experiment-task.graphql', 'list-tasks.graphql', 'task-detail.graphql', 'task-form.graphql', 'trigger-and-watch.graphql']);
  });

  it.each(files)('%s is valid against schema.graphql', (file) => {
    const errors = validate(schema, parse(readFileSync(new URL(`../../examples/operations/${file}`, import.meta.url), 'utf8')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('examples/client.ts against a running gateway', () => {
  it('lists and pages tasks, opens a task, creates one, triggers a run and watches it to the end', async () => {
    // the run stays PENDING until the watch has seen it, however slow the machine
    const gw = await gateway({ emu: await emulator({ runs: { ...FAST_RUNS, holdPending: true } }) });
    const client = connect({ url: `${gw.url}/graphql`, apiKey: gw.emu.apiKey });
    try {
      const page1 = await client.request(ListTasksDocument, { first: 3 });
      const page2 = await client.request(ListTasksDocument, { first: 3, after: page1.tasks.pageInfo.endCursor });
      expect(page2.tasks.edges[0]!.node.name).toBe('latency-watch-004');

      const detail = await client.request(TaskDetailDocument, { task: 'hallucination-check-001', space: 'Production' });
      expect(detail.task?.name).toBe('hallucination-check-001');

      const form = await client.request(TaskFormOptionsDocument, { space: 'Production' });
      expect(form.projects.nodes.map((p) => p.name)).toContain('support-bot');
      const evaluatorId = form.evaluators.nodes[0]!.id;
      const input = { name: 'from-the-example', type: 'TEMPLATE_EVALUATION' as const, project: 'support-bot', space: 'Production', isContinuous: false, evaluators: [{ evaluatorId }] };
      const created = await client.request(CreateTaskDocument, { input });
      await expect(client.request(CreateTaskDocument, { input })).rejects.toMatchObject({ code: 'CONFLICT' } satisfies Partial<GatewayError>);

      const { triggerTaskRun } = await client.request(TriggerRunDocument, { input: { task: created.createTask.task.id, dataStartTime: new Date(Date.now() - 3_600_000).toISOString() } });
      const states: RunState[] = [];
      const end = await client.watchRun(triggerTaskRun.run.id, (s) => {
        states.push(s);
        if (s.status === 'PENDING') gw.emu.control.release(triggerTaskRun.run.id);
      });
      expect(end).toMatchObject({ status: 'COMPLETED', isTerminal: true });
      expect(states[0]!.status).toBe('PENDING');
      expect(states.map((s) => s.status)).toEqual(['PENDING', ...states.slice(1, -1).map(() => 'RUNNING'), 'COMPLETED']);
    } finally {
      await client.close();
    }
  });

  it('with persisted: true against PERSISTED_OPERATIONS=only, sends hashes alone and watches a run over the WebSocket', async () => {
    const gw = await gateway({ emu: await emulator({ runs: { pendingMs: 40, runningMs: 160, failureRate: 0, progressSteps: 4 } }), env: { PERSISTED_OPERATIONS: 'only' } });
    const client = connect({ url: `${gw.url}/graphql`, apiKey: gw.emu.apiKey, persisted: true });
    try {
      const { tasks } = await client.request(ListTasksDocument, { first: 1 });
      const task = tasks.edges[0]!.node;
      const { triggerTaskRun } = await client.request(TriggerRunDocument, { input: { task: task.id, dataStartTime: new Date(Date.now() - 3_600_000).toISOString() } });
      const end = await client.watchRun(triggerTaskRun.run.id);
      expect(end).toMatchObject({ status: 'COMPLETED', isTerminal: true });
    } finally {
      await client.close();
    }
  });

  it('runs the experiment-task flow: form options, create, trigger, watch, results', async () => {
    const gw = await gateway({ emu: await emulator({ runs: { pendingMs: 40, runningMs: 160, failureRate: 0, progressSteps: 4 } }) });
    const client = connect({ url: `${gw.url}/graphql`, apiKey: gw.emu.apiKey });
    try {
      const form = await client.request(ExperimentFormOptionsDocument, { space: 'Production' });
      const dataset = form.datasets.nodes.find((d) => d.name === 'golden-questions')!;
      const ai = form.aiIntegrations.nodes[0]!;
      expect(form.agents.nodes.length).toBeGreaterThan(0);
      const created = await client.request(CreateExperimentTaskDocument, {
        input: {
          name: 'experiment-from-the-example', dataset: dataset.id,
          runConfiguration: { llmGeneration: { aiIntegrationId: ai.id, modelName: ai.modelNames[0], inputVariableFormat: 'MUSTACHE', messages: [{ role: 'USER', content: '{{question}}' }] } },
        },
      });
      expect(created.createRunExperimentTask.task.runConfiguration?.__typename).toBe('LlmGenerationRunConfig');
      const { triggerTaskRun } = await client.request(TriggerExperimentDocument, { task: created.createRunExperimentTask.task.id, experimentName: 'example-experiment', maxExamples: 3 });
      const end = await client.watchRun(triggerTaskRun.run.id, () => {});
      expect(end).toMatchObject({ status: 'COMPLETED' });
      const results = await client.request(ExperimentResultsDocument, { runId: triggerTaskRun.run.id, first: 500 });
      expect(results.taskRun?.experiment?.runs.edges).toHaveLength(3);
      expect(results.taskRun?.experiment?.runs.pageInfo.hasNextPage).toBe(false);
    } finally {
      await client.close();
    }
  });
});
