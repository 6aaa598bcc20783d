/** `node(id:)` and `nodes(ids:)`: dispatch on the id's decoded type prefix. */
import { builder } from './builder.ts';
import { cost } from './args.ts';
import { MAX_NODE_IDS, loadNode, loadNodes } from '../resolvers/node.ts';

const NodeRef = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Any object by its global id. Null with NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'A global id.' }) },
    extensions: cost(1),
    resolve: (_root, args, ctx) => loadNode(ctx, args.id) as never,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'Objects by their global ids, in order; null in the place of each missing one, with a NOT_FOUND error at its path.',
    args: { ids: t.arg.idList({ required: true, description: `Global ids, at most ${MAX_NODE_IDS}.` }) },
    extensions: cost(1, 'ids'),
    resolve: (_root, args, ctx) => loadNodes(ctx, args.ids) as never,
  }),
}));
