import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { GatewayError, connect, operations, type ListTasks, type RunState, type TriggerRun } from '../../examples/client.ts';
import { emulator, gateway } from '../support/servers.ts';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const files = readdirSync(new URL('../../examples/operations/', import.meta.url)).filter((f) => f.endsWith('.graphql'));

describe('examples/operations', () => {
  it('covers listing, task detail, the create form, create and trigger + watch, and experiment tasks', () => {
    expect(files.sort()).toEqual(['create-task.graphql', 'experiment-task.graphql', 'list-tasks.graphql', 'task-detail.graphql', 'task-form.graphql', 'trigger-and-watch.graphql']);
  });

  it.each(files)('%s is valid against schema.graphql', (file) => {
    const errors = validate(schema, parse(operations(file.replace('.graphql', ''))));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('examples/client.ts against a running gateway', () => {
  it('lists and pages tasks, opens a task, creates one, triggers a run and watches it to the end', async () => {
    const gw = await gateway();
    const client = connect(`${gw.url}/graphql`, gw.emu.apiKey);
    try {
      const page1 = await client.request<ListTasks>(operations('list-tasks'), { first: 3 }, 'ListTasks');
      const page2 = await client.request<ListTasks>(operations('list-tasks'), { first: 3, after: page1.tasks.pageInfo.endCursor }, 'ListTasks');
      expect(page2.tasks.edges[0]!.node.name).toBe('latency-watch-004');

      const detail = await client.request<{ task: { name: string; runs: { nodes: unknown[] } } }>(operations('task-detail'), { task: 'hallucination-check-001', space: 'Production' });
      expect(detail.task.name).toBe('hallucination-check-001');

      const form = await client.request<{ projects: { nodes: Array<{ name: string }> }; evaluators: { nodes: Array<{ id: string }> } }>(operations('task-form'), { space: 'Production' }, 'TaskFormOptions');
      expect(form.projects.nodes.map((p) => p.name)).toContain('support-bot');
      const evaluatorId = form.evaluators.nodes[0]!.id;
      const created = await client.request<{ createTask: { task: { id: string } } }>(operations('create-task'), {
        input: { name: 'from-the-example', type: 'TEMPLATE_EVALUATION', project: 'support-bot', space: 'Production', isContinuous: false, evaluators: [{ evaluatorId }] },
      }, 'CreateTask');
      await expect(client.request(operations('create-task'), { input: { name: 'from-the-example', type: 'TEMPLATE_EVALUATION', project: 'support-bot', space: 'Production', isContinuous: false, evaluators: [{ evaluatorId }] } }, 'CreateTask'))
        .rejects.toMatchObject({ code: 'CONFLICT' } satisfies Partial<GatewayError>);

      const { triggerTaskRun } = await client.request<TriggerRun>(operations('trigger-and-watch'), { input: { task: created.createTask.task.id, dataStartTime: new Date(Date.now() - 3_600_000).toISOString() } }, 'TriggerRun');
      const states: RunState[] = [];
      const end = await client.watchRun(triggerTaskRun.run.id, (s) => states.push(s));
      expect(end).toMatchObject({ status: 'COMPLETED', isTerminal: true });
      expect(states[0]!.status).toBe('PENDING');
    } finally {
      await client.close();
    }
  });

  it('runs the experiment-task flow: form options, create, trigger, watch, results', async () => {
    const gw = await gateway({ emu: await emulator({ runs: { pendingMs: 40, runningMs: 160, failureRate: 0, progressSteps: 4 } }) });
    const client = connect(`${gw.url}/graphql`, gw.emu.apiKey);
    try {
      type Form = { datasets: { nodes: Array<{ id: string; name: string }> }; aiIntegrations: { nodes: Array<{ id: string; modelNames: string[] }> }; agents: { nodes: Array<{ id: string }> } };
      const form = await client.request<Form>(operations('experiment-task'), { space: 'Production' }, 'ExperimentFormOptions');
      const dataset = form.datasets.nodes.find((d) => d.name === 'golden-questions')!;
      const ai = form.aiIntegrations.nodes[0]!;
      expect(form.agents.nodes.length).toBeGreaterThan(0);
      const created = await client.request<{ createRunExperimentTask: { task: { id: string; runConfiguration: { __typename: string } } } }>(operations('experiment-task'), {
        input: {
          name: 'experiment-from-the-example', dataset: dataset.id,
          runConfiguration: { llmGeneration: { aiIntegrationId: ai.id, modelName: ai.modelNames[0], inputVariableFormat: 'MUSTACHE', messages: [{ role: 'USER', content: '{{question}}' }] } },
        },
      }, 'CreateExperimentTask');
      expect(created.createRunExperimentTask.task.runConfiguration.__typename).toBe('LlmGenerationRunConfig');
      const { triggerTaskRun } = await client.request<{ triggerTaskRun: { run: { id: string } } }>(operations('experiment-task'),
        { task: created.createRunExperimentTask.task.id, experimentName: 'example-experiment', maxExamples: 3 }, 'TriggerExperiment');
      const end = await client.watchRun(triggerTaskRun.run.id, () => {});
      expect(end).toMatchObject({ status: 'COMPLETED' });
      type Results = { taskRun: { experiment: { runs: { edges: Array<{ node: { exampleId: string } }>; pageInfo: { hasNextPage: boolean } } } } };
      const results = await client.request<Results>(operations('experiment-task'), { runId: triggerTaskRun.run.id, first: 500 }, 'ExperimentResults');
      expect(results.taskRun.experiment.runs.edges).toHaveLength(3);
      expect(results.taskRun.experiment.runs.pageInfo.hasNextPage).toBe(false);
    } finally {
      await client.close();
    }
  });
});
