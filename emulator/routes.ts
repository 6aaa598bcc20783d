/**
 * The emulated REST API v2: one route per operation, with the query filters,
 * limits and scoping rules of `../shared/upstream-api.md`. The rules on
 * bodies live in `task-rules.ts` and `run-rules.ts`, the data in the store.
 */
import { ProblemError, badRequest, titleFor } from './problems.ts';
import { cancelRun, experimentRuns, listRuns, triggerRun } from './run-rules.ts';
import type { Store } from './store.ts';
import { createTask, deleteTask, updateTask } from './task-rules.ts';
import type { Dialect } from './dialect.ts';
import { RUN_STATUSES, TASK_TYPES } from '../src/upstream/wire-values.ts';

/** One API route: a method, a path pattern (its groups are the path parameters) and a handler. */
export interface Route {
  method: string;
  pattern: RegExp;
  handle: (ctx: RequestContext) => { status: number; body?: unknown };
}

/** What a handler gets: decoded path parameters, the query, the JSON body, the caller and the dialect. */
export interface RequestContext {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  userId: string | null;
  dialect: Dialect;
}

const ID = '([^/]+)';

/** Every API route, over the current store. */
export function apiRoutes(store: () => Store): Route[] {
  const lists = listing(store);
  return [...taskRoutes(store, lists), ...resourceRoutes(store, lists)];
}

/** Paging, scoping and filtering shared by the list routes. */
function listing(store: () => Store) {
  const list = <T>(key: string, items: Array<{ n: number; value: T }>, query: URLSearchParams, descending = false, maxLimit = 100) => {
    const page = store().page(items, limitOf(query, maxLimit), query.get('cursor') ?? undefined, descending);
    return { status: 200, body: { [key]: page.items, pagination: page.pagination } };
  };
  /**
   * True when every scoping id in the query exists. An unknown one is a 404
   * today; the legacy API answered an empty list instead (false).
   */
  const scopesExist = (ctx: RequestContext, scopes: Array<[string, Map<string, unknown>, string]>): boolean => {
    for (const [key, map, what] of scopes) {
      const id = ctx.query.get(key);
      if (id && !map.has(id)) {
        if (ctx.dialect === 'legacy') return false;
        throw new ProblemError(404, titleFor(404), `${what} '${id}' was not found`);
      }
    }
    return true;
  };
  const spaceScope = (): [string, Map<string, unknown>, string] => ['space_id', store().spaces, 'space'];
  const inSpace = <T extends { space_id: string; name: string }>(values: Iterable<{ n: number; value: T }>, query: URLSearchParams) => {
    const spaceId = query.get('space_id');
    const spaceName = lowerFilter(query, 'space_name');
    const name = lowerFilter(query, 'name');
    return [...values].filter(({ value }) =>
      (!spaceId || value.space_id === spaceId) &&
      (!spaceName || (store().spaces.get(value.space_id)?.value.name.toLowerCase().includes(spaceName) ?? false)) &&
      (!name || value.name.toLowerCase().includes(name)));
  };
  const empty = (key: string) => ({ status: 200, body: { [key]: [], pagination: { has_more: false } } });
  return { list, scopesExist, spaceScope, inSpace, empty };
}

/** Tasks and task runs. */
function taskRoutes(store: () => Store, { list, scopesExist, spaceScope, empty }: ReturnType<typeof listing>): Route[] {
  return [
    {
      method: 'GET', pattern: /^\/v2\/tasks$/, handle: (ctx) => {
        const { query } = ctx;
        const s = store();
        const type = enumFilter(query, 'type', TASK_TYPES);
        const projectId = query.get('project_id');
        const datasetId = query.get('dataset_id');
        const spaceId = query.get('space_id');
        const spaceName = lowerFilter(query, 'space_name');
        const name = lowerFilter(query, 'name');
        limitOf(query);
        if (!scopesExist(ctx, [spaceScope(), ['project_id', s.projects, 'project'], ['dataset_id', s.datasets, 'dataset']])) return empty('tasks');
        const items = [...s.tasks.values()].filter(({ value: t }) => {
          if (type && t.type !== type) return false;
          if (projectId && t.project_id !== projectId) return false;
          if (datasetId && t.dataset_id !== datasetId) return false;
          if (name && !t.name.toLowerCase().includes(name)) return false;
          if (spaceId || spaceName) {
            const space = s.spaces.get(s.spaceOf(t))?.value;
            if (spaceId && space?.id !== spaceId) return false;
            if (spaceName && !space?.name.toLowerCase().includes(spaceName)) return false;
          }
          return true;
        }).map(({ n, value }) => ({ n, value: taskView(value) }));
        return list('tasks', items, query);
      },
    },
    { method: 'POST', pattern: /^\/v2\/tasks$/, handle: ({ body, userId }) => ({ status: 201, body: createTask(store(), body, userId) }) },
    { method: 'GET', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params }) => ({ status: 200, body: taskView(store().get(store().tasks, params[0]!, 'task')) }) },
    { method: 'PATCH', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params, body }) => ({ status: 200, body: taskView(updateTask(store(), params[0]!, body)) }) },
    { method: 'DELETE', pattern: new RegExp(`^/v2/tasks/${ID}$`), handle: ({ params }) => { deleteTask(store(), params[0]!); return { status: 204 }; } },
    { method: 'POST', pattern: new RegExp(`^/v2/tasks/${ID}/trigger$`), handle: ({ params, body, userId }) => ({ status: 201, body: triggerRun(store(), params[0]!, body, userId) }) },
    {
      method: 'GET', pattern: new RegExp(`^/v2/tasks/${ID}/runs$`), handle: ({ params, query }) => {
        const status = enumFilter(query, 'status', RUN_STATUSES);
        limitOf(query);
        return list('task_runs', listRuns(store(), params[0]!, status), query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/task-runs/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().getRun(params[0]!) }) },
    { method: 'POST', pattern: new RegExp(`^/v2/task-runs/${ID}/cancel$`), handle: ({ params }) => ({ status: 200, body: cancelRun(store(), params[0]!) }) },
  ];
}

/** Spaces, projects, datasets, experiments, evaluators and evaluator versions. */
function resourceRoutes(store: () => Store, { list, scopesExist, spaceScope, inSpace, empty }: ReturnType<typeof listing>): Route[] {
  return [
    {
      method: 'GET', pattern: /^\/v2\/spaces$/, handle: ({ query }) => {
        const name = lowerFilter(query, 'name');
        limitOf(query);
        return list('spaces', [...store().spaces.values()].filter(({ value }) => !name || value.name.toLowerCase().includes(name)), query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/spaces/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().spaces, params[0]!, 'space') }) },
    {
      method: 'GET', pattern: /^\/v2\/projects$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('projects');
        return list('projects', inSpace(store().projects.values(), ctx.query), ctx.query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/projects/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().projects, params[0]!, 'project') }) },
    {
      method: 'GET', pattern: /^\/v2\/datasets$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('datasets');
        // newest first, as the API documents; the list carries no versions
        const items = inSpace(store().datasets.values(), ctx.query).reverse().map(({ n, value: { versions: _versions, ...rest } }) => ({ n, value: rest }));
        return list('datasets', items, ctx.query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/datasets/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().datasets, params[0]!, 'dataset') }) },
    {
      method: 'GET', pattern: /^\/v2\/experiments$/, handle: (ctx) => {
        const { query, dialect } = ctx;
        const datasetId = query.get('dataset_id');
        // space_id came with standalone experiments; the legacy API did not know it
        const spaceId = dialect === 'legacy' ? null : query.get('space_id');
        const name = lowerFilter(query, 'name');
        limitOf(query);
        const scopes: Array<[string, Map<string, unknown>, string]> = [['dataset_id', store().datasets, 'dataset']];
        if (dialect !== 'legacy') scopes.push(spaceScope());
        if (!scopesExist(ctx, scopes)) return empty('experiments');
        const items = [...store().experiments.values()].filter(({ value }) =>
          // with dataset_id, the dataset scope wins over space_id
          (datasetId ? value.dataset_id === datasetId : !spaceId || value.space_id === spaceId) && (!name || value.name.toLowerCase().includes(name)))
          .map(({ n, value }) => ({ n, value: experimentView(value, dialect) }));
        return list('experiments', items, query);
      },
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/experiments/${ID}$`),
      handle: ({ params, dialect }) => ({ status: 200, body: experimentView(store().get(store().experiments, params[0]!, 'experiment'), dialect) }),
    },
    ...evaluatorRoutes(store, { list, scopesExist, spaceScope, inSpace, empty }),
    ...experimentRoutes(store, { list, scopesExist, spaceScope, empty }),
  ];
}

/** Evaluators and their versions. */
function evaluatorRoutes(store: () => Store, { list, scopesExist, spaceScope, inSpace, empty }: ReturnType<typeof listing>): Route[] {
  return [
    {
      method: 'GET', pattern: /^\/v2\/evaluators$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('evaluators');
        // most recently updated first, as the API documents
        const items = inSpace(store().evaluators.values(), ctx.query)
          .sort((a, b) => b.value.updated_at.localeCompare(a.value.updated_at) || b.n - a.n)
          .map(({ n, value }) => ({ n, value: store().evaluatorView(value) }));
        return list('evaluators', items, ctx.query, true);
      },
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/evaluators/${ID}$`), handle: ({ params, query }) =>
        ({ status: 200, body: store().evaluatorWithVersion(params[0]!, query.get('version_id') || undefined) }),
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/evaluators/${ID}/versions$`), handle: ({ params, query }) => {
        limitOf(query);
        return list('evaluator_versions', store().evaluatorVersions(params[0]!), query, true);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/evaluator-versions/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().evaluatorVersion(params[0]!) }) },
  ];
}

/** What RUN_EXPERIMENT tasks read and name: dataset examples, experiment runs, AI integrations and integrations. */
function experimentRoutes(store: () => Store, { list, scopesExist, spaceScope, empty }: Pick<ReturnType<typeof listing>, 'list' | 'scopesExist' | 'spaceScope' | 'empty'>): Route[] {
  /** Integrations visible in a space: those scoped to it and the account- or organization-wide ones. */
  const visible = <T extends { name: string; scopings: unknown[] }>(values: Iterable<{ n: number; value: T }>, query: URLSearchParams) => {
    const spaceId = query.get('space_id');
    const spaceName = lowerFilter(query, 'space_name');
    const name = lowerFilter(query, 'name');
    const spaces = (value: T) => (value.scopings as Array<{ space_id?: string | null }>).map((s) => s.space_id ?? null);
    const inSpace = (value: T, test: (spaceId: string) => boolean) => spaces(value).some((id) => id === null || test(id));
    return [...values].filter(({ value }) =>
      (!spaceId || inSpace(value, (id) => id === spaceId)) &&
      (!spaceName || inSpace(value, (id) => store().spaces.get(id)?.value.name.toLowerCase().includes(spaceName) ?? false)) &&
      (!name || value.name.toLowerCase().includes(name)));
  };
  return [
    {
      method: 'GET', pattern: new RegExp(`^/v2/datasets/${ID}/examples$`), handle: ({ params, query }) => {
        const dataset = store().get(store().datasets, params[0]!, 'dataset');
        const versionId = query.get('dataset_version_id') || dataset.versions[0]?.id || '';
        if (!dataset.versions.some((v) => v.id === versionId)) throw new ProblemError(404, titleFor(404), `dataset version '${versionId}' was not found`);
        limitOf(query, 500);
        return list('examples', store().examples.get(versionId) ?? [], query, false, 500);
      },
    },
    {
      method: 'GET', pattern: new RegExp(`^/v2/experiments/${ID}/runs$`), handle: ({ params, query }) => {
        limitOf(query, 500);
        return list('experiment_runs', experimentRuns(store(), params[0]!), query, false, 500);
      },
    },
    {
      method: 'GET', pattern: /^\/v2\/ai-integrations$/, handle: (ctx) => {
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('ai_integrations');
        return list('ai_integrations', visible(store().aiIntegrations.values(), ctx.query), ctx.query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/ai-integrations/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().aiIntegrations, params[0]!, 'AI integration') }) },
    {
      method: 'GET', pattern: /^\/v2\/integrations$/, handle: (ctx) => {
        const type = enumFilter(ctx.query, 'type', ['LLM', 'AGENT'] as const);
        if (!type) throw badRequest('type is required: LLM or AGENT');
        limitOf(ctx.query);
        if (!scopesExist(ctx, [spaceScope()])) return empty('integrations');
        return list('integrations', visible(store().integrations.values(), ctx.query).filter(({ value }) => value.type === type), ctx.query);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v2/integrations/${ID}$`), handle: ({ params }) => ({ status: 200, body: store().get(store().integrations, params[0]!, 'integration') }) },
  ];
}

/** An experiment as the dialect sends it: the legacy API had no `space_id` on experiments. */
function experimentView<T extends { space_id?: unknown }>(experiment: T, dialect: Dialect): T {
  if (dialect !== 'legacy') return experiment;
  const { space_id: _omitted, ...rest } = experiment;
  return rest as T;
}

/** A task as the API sends it: `run_configuration` only on RUN_EXPERIMENT tasks. */
function taskView<T extends { run_configuration?: unknown }>(task: T): T {
  if (task.run_configuration !== null && task.run_configuration !== undefined) return task;
  const { run_configuration: _omitted, ...rest } = task;
  return rest as T;
}

function limitOf(query: URLSearchParams, max = 100): number {
  const raw = query.get('limit');
  if (raw === null) return 50;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(`limit must be an integer between 1 and ${max} (got '${raw}')`);
  }
  return Number(raw);
}

function lowerFilter(query: URLSearchParams, key: string): string | undefined {
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  if ([...value].length > 255) throw badRequest(`${key} must be at most 255 characters`); // characters (code points), as the spec's maxLength counts
  return value.toLowerCase();
}

function enumFilter<T extends string>(query: URLSearchParams, key: string, allowed: readonly T[]): T | undefined {
  // values are checked exactly: today's API takes uppercase (a legacy request was uppercased before)
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  if (!allowed.includes(value as T)) throw badRequest(`${key} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

