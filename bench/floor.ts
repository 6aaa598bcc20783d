/**
 * The `floor` arm of `npm run bench:compare`: the least a GraphQL gateway on
 * this stack can do for the two operations the bench sends, so the gateway's
 * CPU per request can be read against it. graphql-yoga 5 + graphql-js 16 +
 * got 14 (the project's own copies), serving
 *
 * - `task(task: String!): Task` with `{ id name type }`, and
 * - `tasks(first: Int = 100)` with `{ nodes { id name type } pageInfo { hasNextPage endCursor } }`
 *
 * from the upstream REST API (`GET /v2/tasks/{id}`, `GET /v2/tasks?limit=`),
 * with nothing else: no plugins, loaders, cost limits, auth (the caller's
 * `authorization` header is passed on as it came), readers, cursors of its
 * own (`endCursor` is the upstream's), logging or metrics. got has only a
 * keep-alive agent and the API's prefix; its defaults do the rest.
 *
 * Run compiled (bench/compare.ts transpiles it to `dist/bench/floor.js` with
 * esbuild, so it runs under plain `node` as the compiled gateway does and
 * resolves the project's `node_modules`, never `bench/peers/`'s). Env:
 * `FLOOR_PORT` (0: any), `ARIZE_API_URL`. Prints `{ "url": ... }` on stdout
 * once it listens; readiness at yoga's `/health`.
 */
import http from 'node:http';
import got from 'got';
import { GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga } from 'graphql-yoga';

interface UpstreamTask { id: string; name: string; type: string }
interface UpstreamTaskPage { tasks: UpstreamTask[]; pagination: { has_more: boolean; next_cursor?: string | null } }
interface Context { request: Request }

const upstream = got.extend({
  prefixUrl: new URL('v2/', `${process.env.ARIZE_API_URL ?? 'http://127.0.0.1:4010'}/`).toString(),
  agent: { http: new http.Agent({ keepAlive: true }) },
});
const authorization = (context: Context) => ({ authorization: context.request.headers.get('authorization') ?? '' });

const TaskType = new GraphQLEnumType({
  name: 'TaskType',
  values: { TEMPLATE_EVALUATION: {}, CODE_EVALUATION: {}, RUN_EXPERIMENT: {}, UNKNOWN: {} },
});
const Task = new GraphQLObjectType<UpstreamTask>({
  name: 'Task',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    type: { type: new GraphQLNonNull(TaskType) },
  },
});
const PageInfo = new GraphQLObjectType({
  name: 'PageInfo',
  fields: { hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) }, endCursor: { type: GraphQLString } },
});
const TaskConnection = new GraphQLObjectType({
  name: 'TaskConnection',
  fields: { nodes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Task))) }, pageInfo: { type: new GraphQLNonNull(PageInfo) } },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      task: {
        type: Task,
        args: { task: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_, args: { task: string }, context) =>
          upstream.get(`tasks/${encodeURIComponent(args.task)}`, { headers: authorization(context) }).json<UpstreamTask>(),
      },
      tasks: {
        type: new GraphQLNonNull(TaskConnection),
        args: { first: { type: GraphQLInt, defaultValue: 100 } },
        resolve: async (_, args: { first: number }, context) => {
          const page = await upstream.get('tasks', { searchParams: { limit: args.first }, headers: authorization(context) }).json<UpstreamTaskPage>();
          return { nodes: page.tasks, pageInfo: { hasNextPage: page.pagination.has_more, endCursor: page.pagination.next_cursor ?? null } };
        },
      },
    },
  }),
});

const yoga = createYoga<Record<string, never>>({ schema, graphiql: false, landingPage: false, logging: false });
const server = http.createServer(yoga);
server.listen(Number(process.env.FLOOR_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
