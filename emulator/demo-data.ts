/**
 * Names and ids from the demo data, for whoever shows the demo (the
 * gateway's GraphiQL fills its example variables in with them under
 * `npm start`): a space, a project task in it, another project, a template
 * evaluator, a dataset, and an AI integration with a model.
 */
import type { Store } from './store.ts';

/** The demo's names and ids, from `store` (the seeded demo data); the gateway's `DemoData` is this shape. */
export function demoData(store: Store) {
  const values = <T>(map: Map<string, { value: T }>) => [...map.values()].map((record) => record.value);
  const task = values(store.tasks).find((t) => t.project_id)!;
  const project = values(store.projects).find((p) => p.id === task.project_id)!;
  const space = values(store.spaces).find((s) => s.id === project.space_id)!;
  const ai = values(store.aiIntegrations)[0];
  return {
    space: space.name,
    task: task.name,
    project: values(store.projects).find((p) => p.space_id === space.id && p.id !== project.id)?.name ?? project.name,
    evaluatorId: values(store.evaluators).find((e) => e.space_id === space.id && String(e.type).toUpperCase() === 'TEMPLATE')!.id,
    dataset: values(store.datasets).find((d) => d.space_id === space.id)!.name,
    ...(ai ? { aiIntegrationId: ai.id, ...(ai.model_names[0] ? { modelName: ai.model_names[0] } : {}) } : {}),
  };
}
