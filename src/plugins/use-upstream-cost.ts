/**
 * Refuses an operation whose estimated upstream calls exceed `maxCost`,
 * before it runs. Priced at execution (not validation) so that variables,
 * such as an `ids` list or a `first`, count with their real values.
 *
 * The estimate: lists multiply what is selected under them by their page
 * size (`first`, default 100) or id count, so a nested fan-out is priced at
 * its worst case; each field adds what it declares (`schema/cost.ts`: a
 * name lookup at its search's page budget, an id at nothing); each distinct
 * space name in the operation is priced once (it is resolved once per
 * request). So the estimate bounds the calls the operation can make
 * (retries of a failed GET aside).
 */
import {
  GraphQLError, Kind, getNamedType, getOperationAST, isInterfaceType, isObjectType, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isName, type FieldCost } from '../schema/cost.ts';
import { NAME_LOOKUP_PAGES } from '../upstream/paginate.ts';

/** The plugin: refuse operations over `maxCost` estimated upstream calls. */
export function useUpstreamCost(maxCost: number): Plugin {
  const check = (args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null }) => {
    const cost = estimateCost(args.schema, args.document, args.operationName, args.variableValues);
    return cost > maxCost ? costError(cost, maxCost) : undefined;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

const DEFAULT_PAGE = 100;

/**
 * About how many upstream calls the operation `operationName` of `document`
 * can make, with its `variables` known (a `first` or an `ids` list given as a
 * variable is priced by its value). Lists multiply what is selected under
 * them by their page size.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  // an operation without variables costs what its document says, every time: priced once per parsed operation (yoga caches those)
  if (!operation.variableDefinitions?.length) {
    const priced = fixedCosts.get(operation);
    if (priced?.schema === schema) return priced.cost;
    const cost = walkCost(schema, document, operation, {});
    fixedCosts.set(operation, { schema, cost });
    return cost;
  }
  return walkCost(schema, document, operation, variables ?? {});
}

/** The cost of each operation without variables, as priced for its schema. */
const fixedCosts = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; cost: number }>();

function walkCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const root = operation.operation === 'query' ? schema.getQueryType()
    : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables, spaces: new Set() };
  const fields = selectionCost(operation.selectionSet, root, walk, new Set());
  return Math.round(fields + walk.spaces.size * NAME_LOOKUP_PAGES);
}

/** The error for an operation over the limit, with its estimate. */
export function costError(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `This operation could make about ${cost} upstream calls, more than the limit of ${maxCost} (MAX_QUERY_COST). ` +
      'Ask for smaller pages (`first`), fewer ids, or fewer nested lists.',
    { extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_COST', max: maxCost, cost, maxCost } },
  );
}

/** The walk's state: the schema, the fragments, the variables, and the distinct space names met (each resolved once per request). */
interface Walk { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; variables: Record<string, unknown>; spaces: Set<string> }

function selectionCost(selectionSet: SelectionSetNode, parent: GraphQLNamedType, walk: Walk, seen: Set<string>): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, parent, walk, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : undefined;
      total += selectionCost(selection.selectionSet, type ?? parent, walk, seen);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment && !seen.has(fragment.name.value)) {
        const inner = new Set(seen).add(fragment.name.value);
        total += selectionCost(fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value) ?? parent, walk, inner);
      }
    }
  }
  return total;
}

function fieldCost(field: FieldNode, parent: GraphQLNamedType, walk: Walk, seen: Set<string>): number {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 0;
  const cost = (definition.extensions as { cost?: FieldCost } | undefined)?.cost ?? { calls: 0 };
  let children = 0;
  if (field.selectionSet) {
    const type = getNamedType(definition.type);
    // connections: the page's items sit under edges/nodes, priced by the fan-out below
    children = selectionCost(field.selectionSet, type, walk, seen);
  }
  const fan = fanOut(field, cost, walk.variables);
  let calls = cost.calls;
  if (cost.byArgs) {
    const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, walk.variables)]));
    const dynamic = cost.byArgs(args);
    calls += dynamic.calls;
    for (const space of dynamic.spaces ?? []) if (isName(space)) walk.spaces.add(space);
  }
  return calls * (cost.fanOut === 'ids' ? fan : 1) + fan * children;
}

function fanOut(field: FieldNode, cost: FieldCost, variables: Record<string, unknown>): number {
  if (cost.fanOut === undefined) return 1;
  if (typeof cost.fanOut === 'number') return cost.fanOut;
  const argument = field.arguments?.find((a) => a.name.value === cost.fanOut);
  if (!argument) return DEFAULT_PAGE;
  const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : undefined;
  if (argument.value.kind === Kind.INT) return Math.max(1, Number(argument.value.value));
  if (argument.value.kind === Kind.LIST) return Math.max(1, argument.value.values.length);
  if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
  if (Array.isArray(value)) return Math.max(1, value.length);
  return DEFAULT_PAGE;
}
