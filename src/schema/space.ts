/** Space: the container tasks and what they point at live in; the `spaces` list. */
import { builder } from './builder.ts';
import { cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { SpaceRef } from './refs.ts';
import { listSpaces } from '../resolvers/lists.ts';

const node = builder.nodeInterfaceRef();

SpaceRef.implement({
  description: 'A container within an organization for projects, datasets and evaluators.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The space\'s global id.' }),
    name: t.exposeString('name', { description: 'The space\'s name.' }),
    description: t.string({ nullable: true, description: 'What the space is for.', resolve: (s) => s.description ?? null }),
    createdAt: t.field({ type: 'DateTime', description: 'When the space was created.', resolve: (s) => s.created_at }),
  }),
});


builder.queryField('spaces', (t) => t.field({
  type: listConnection(SpaceRef, 'Space', 'space'),
  description: 'Spaces the key can see, paged forward.',
  args: { ...pageArgs(t.arg), name: nameFilterArg(t.arg, 'Case-insensitive substring of the space name (this list\'s filter; a `space` argument elsewhere takes an exact name or an id).') },
  extensions: cost(1, 'first'),
  resolve: (_root, args, ctx) => listSpaces(ctx, args),
}));
