/** `node(id:)` and `nodes(ids:)`: dispatch on the id's decoded type prefix. */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { builder } from './builder.ts';
import { cost } from './args.ts';
import { MAX_NODE_IDS, loadNode, loadNodes, type NodeSelection } from '../resolvers/node.ts';

const NodeRef = builder.nodeInterfaceRef();

/** The type conditions of the field's selection (inline fragments and named fragments, nested), for ids that two types show. */
function selectionOf(info: GraphQLResolveInfo): NodeSelection {
  const named = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition) named.add(selection.typeCondition.name.value);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) {
          named.add(fragment.typeCondition.name.value);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return { asks: (typename) => named.has(typename) };
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Any object by its global id. Null with NOT_FOUND when there is none. An LLM integration\'s id is read as an `Integration` when the selection asks for `... on Integration` (and not for AiIntegration), else as an `AiIntegration`.',
    args: { id: t.arg.id({ required: true, description: 'A global id.' }) },
    extensions: cost(1),
    resolve: (_root, args, ctx, info) => loadNode(ctx, args.id, selectionOf(info)) as never,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'Objects by their global ids, in order; null in the place of each missing one, with a NOT_FOUND error at its path.',
    args: { ids: t.arg.idList({ required: true, description: `Global ids, at most ${MAX_NODE_IDS}.` }) },
    extensions: cost(1, 'ids'),
    resolve: (_root, args, ctx, info) => loadNodes(ctx, args.ids, selectionOf(info)) as never,
  }),
}));
