/** `node(id:)` and `nodes(ids:)`: dispatch on the id's decoded type prefix to the request's loaders. */
import { brandWithType } from '@pothos/core';
import type { Context } from '../context.ts';
import { badUserInput, notFound, notFoundMessage } from '../errors.ts';
import { typenameOfId } from '../upstream/ids.ts';
import type { Loaders } from './loaders.ts';

/** Most ids one `nodes` call takes (each is one upstream GET). */
export const MAX_NODE_IDS = 100;

type Loadable = 'Task' | 'TaskRun' | 'Space' | 'Project' | 'Dataset' | 'Experiment' | 'Evaluator' | 'EvaluatorVersion' | 'AiIntegration' | 'Integration';

const LOADER: Record<Loadable, keyof Loaders> = {
  Task: 'task', TaskRun: 'run', Space: 'space', Project: 'project', Dataset: 'dataset', Experiment: 'experiment', Evaluator: 'evaluator',
  EvaluatorVersion: 'evaluatorVersion', AiIntegration: 'aiIntegration', Integration: 'integration',
};
/** Each type in words, as every NOT_FOUND message names it. */
const KIND_WORDS: Record<Loadable, string> = {
  Task: 'Task', TaskRun: 'Task run', Space: 'Space', Project: 'Project', Dataset: 'Dataset', Experiment: 'Experiment', Evaluator: 'Evaluator',
  EvaluatorVersion: 'Evaluator version', AiIntegration: 'AI integration', Integration: 'Integration',
};

/**
 * Which GraphQL types the `node`/`nodes` selection asks for by name (its
 * fragments' type conditions). An LLM integration's id (`LlmIntegration:…`)
 * names one upstream object that two types show: an `AiIntegration`
 * (`GET /v2/ai-integrations/{id}`) and an `Integration` of type LLM
 * (`GET /v2/integrations/{id}`). It is read as an `Integration` when the
 * selection asks for that type and not for `AiIntegration` (as a Relay
 * refetch of an Integration does), else as an `AiIntegration`.
 */
export interface NodeSelection { asks(typename: string): boolean }

/** The object with global id `id`, branded with its GraphQL type, or a NOT_FOUND error. */
export async function loadNode(ctx: Context, id: string, selection?: NodeSelection): Promise<object> {
  let typename = typenameOfId(id);
  if (typename === 'AiIntegration' && selection?.asks('Integration') && !selection.asks('AiIntegration')) typename = 'Integration';
  if (typename === 'DatasetVersion') {
    throw notFound(`Dataset version ${JSON.stringify(id)} cannot be looked up by id: the Arize API reads versions through their dataset (\`Dataset.versions\`).`);
  }
  if (!typename || !(typename in LOADER)) {
    throw notFound(`No object has id ${JSON.stringify(id)}: it is not the id of a task, run, space, project, dataset, experiment, evaluator, evaluator version or integration.`);
  }
  const loader = ctx.loaders[LOADER[typename as Loadable]] as { load(id: string): Promise<object | null> };
  const value = await loader.load(id);
  if (!value) throw notFound(notFoundMessage(KIND_WORDS[typename as Loadable], id));
  brandWithType(value, typename as never);
  return value;
}

/** Objects by id, in order; an error (NOT_FOUND) in the place of each missing one. At most {@link MAX_NODE_IDS}. */
export function loadNodes(ctx: Context, ids: readonly string[], selection?: NodeSelection): Promise<Array<object | Error>> {
  if (ids.length > MAX_NODE_IDS) throw badUserInput(`\`ids\`: at most ${MAX_NODE_IDS} ids at once (got ${ids.length}).`, { argument: 'ids' });
  return Promise.all(ids.map((id) => loadNode(ctx, id, selection).catch((error: unknown) => error as Error)));
}
