/** Project: the data of project-based tasks; the `projects` list. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { inSpace } from './cost.ts';
import { ProjectRef, SpaceRef } from './refs.ts';
import { listProjects } from '../resolvers/lists.ts';

const node = builder.nodeInterfaceRef();

ProjectRef.implement({
  description: 'An LLM application whose traces project-based tasks evaluate.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The project\'s global id.' }),
    name: t.exposeString('name', { description: 'The project\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the project belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the project belongs to (fetched only when selected).', extensions: cost(1),
      resolve: (p, _args, ctx) => ctx.loaders.space.load(p.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the project was created.', resolve: (p) => p.created_at }),
  }),
});


builder.queryField('projects', (t) => t.field({
  type: listConnection(ProjectRef, 'Project', 'project'),
  description: 'Projects (the data of project-based tasks), paged forward.',
  args: { ...pageArgs(t.arg), space: t.arg.string({ description: `Only this space's projects. ${SPACE_ARGUMENT}` }), name: nameFilterArg(t.arg, 'Case-insensitive substring of the project name.') },
  extensions: cost(1, 'first', (a) => inSpace(a.space)),
  resolve: (_root, args, ctx) => listProjects(ctx, args),
}));
