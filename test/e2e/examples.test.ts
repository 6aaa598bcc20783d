import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { GatewayError, connect, operations, type ListTasks, type RunState, type TriggerRun } from '../../examples/client.ts';
import { gateway } from '../support/servers.ts';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const files = readdirSync(new URL('../../examples/operations/', import.meta.url)).filter((f) => f.endsWith('.graphql'));

describe('examples/operations', () => {
  it('covers listing, task detail, the create form, create and trigger + watch', () => {
    expect(files.sort()).toEqual(['create-task.graphql', 'list-tasks.graphql', 'task-detail.graphql', 'task-form.graphql', 'trigger-and-watch.graphql']);
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
});
