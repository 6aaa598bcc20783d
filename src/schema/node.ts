/** `node(id:)` and `nodes(ids:)`: dispatch on the id's decoded type prefix. */
import { brandWithType } from '@pothos/core';
import { builder } from './builder.ts';
import { badUserInput, notFound } from '../errors.ts';

/** Most ids one `nodes` call takes (each is one upstream GET). */
export const MAX_NODE_IDS = 100;
import type { Context } from '../context.ts';
import { typenameOfId } from '../upstream/ids.ts';

type Loadable = 'Task' | 'TaskRun' | 'Space' | 'Project' | 'Dataset' | 'Experiment' | 'Evaluator' | 'EvaluatorVersion';

const LOADER: Record<Loadable, keyof Context['loaders']> = {
  Task: 'task', TaskRun: 'run', Space: 'space', Project: 'project', Dataset: 'dataset', Experiment: 'experiment', Evaluator: 'evaluator',
  EvaluatorVersion: 'evaluatorVersion',
};

/** The object with global id `id`, branded with its GraphQL type, or a NOT_FOUND error. */
async function loadNode(ctx: Context, id: string): Promise<object> {
  const typename = typenameOfId(id);
  if (typename === 'DatasetVersion') {
    throw notFound(`Dataset version ${JSON.stringify(id)} cannot be looked up by id: the Arize API reads versions through their dataset (\`Dataset.versions\`).`);
  }
  if (!typename || !(typename in LOADER)) {
    throw notFound(`No object has id ${JSON.stringify(id)}: it is not the id of a task, run, space, project, dataset, experiment, evaluator or evaluator version.`);
  }
  const loader = ctx.loaders[LOADER[typename as Loadable]] as { load(id: string): Promise<object | null> };
  const value = await loader.load(id);
  if (!value) throw notFound(`${typename} ${JSON.stringify(id)} was not found.`);
  brandWithType(value, typename as never);
  return value;
}

const NodeRef = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Any object by its global id. Null with NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'A global id.' }) },
    resolve: (_root, args, ctx) => loadNode(ctx, args.id) as never,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'Objects by their global ids, in order; null in the place of each missing one, with a NOT_FOUND error at its path.',
    args: { ids: t.arg.idList({ required: true, description: `Global ids, at most ${MAX_NODE_IDS}.` }) },
    resolve: (_root, args, ctx) => {
      if (args.ids.length > MAX_NODE_IDS) throw badUserInput(`\`ids\`: at most ${MAX_NODE_IDS} ids at once (got ${args.ids.length}).`, { argument: 'ids' });
      return Promise.all(args.ids.map((id) => loadNode(ctx, id).catch((error: unknown) => error as Error))) as never;
    },
  }),
}));
