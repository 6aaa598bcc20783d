/**
 * A validation rule that estimates how many upstream calls an operation can
 * make and refuses it before it runs when that exceeds the limit. Lists
 * multiply what is selected under them by their page size (`first`, default
 * 100), so a nested fan-out is priced at its worst case.
 */
import {
  GraphQLError, Kind, getNamedType, isInterfaceType, isObjectType,
  type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType, type SelectionSetNode, type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Upstream calls one field makes per parent, and how many children each parent has under it. */
interface FieldCost { calls: number; fanOut?: number | 'first' | 'ids' }

const COSTS: Record<string, FieldCost> = {
  'Query.tasks': { calls: 1, fanOut: 'first' },
  'Query.taskRuns': { calls: 2, fanOut: 'first' },
  'Query.task': { calls: 2 },
  'Query.taskRun': { calls: 1 },
  'Query.waitForTaskRun': { calls: 1 },
  'Query.node': { calls: 1 },
  'Query.nodes': { calls: 1, fanOut: 'ids' },
  'Query.spaces': { calls: 1, fanOut: 'first' },
  'Query.projects': { calls: 1, fanOut: 'first' },
  'Query.datasets': { calls: 1, fanOut: 'first' },
  'Query.experiments': { calls: 2, fanOut: 'first' },
  'Query.evaluators': { calls: 1, fanOut: 'first' },
  'Task.runs': { calls: 1, fanOut: 'first' },
  'Task.project': { calls: 1 },
  'Task.dataset': { calls: 1 },
  'Task.experiments': { calls: 5, fanOut: 5 },
  'Task.evaluators': { calls: 0, fanOut: 5 },
  'TaskEvaluator.evaluator': { calls: 1 },
  'TaskEvaluator.evaluatorVersion': { calls: 1 },
  'TaskRun.task': { calls: 1 },
  'TaskRun.experiment': { calls: 1 },
  'Evaluator.version': { calls: 1 },
  'Evaluator.versions': { calls: 1, fanOut: 'first' },
  'EvaluatorVersion.evaluator': { calls: 1 },
  'Dataset.versions': { calls: 1, fanOut: 10 },
  'DatasetVersion.dataset': { calls: 1 },
  'Project.space': { calls: 1 },
  'Dataset.space': { calls: 1 },
  'Experiment.dataset': { calls: 1 },
  'Mutation.createTask': { calls: 4 },
  'Mutation.updateTask': { calls: 4 },
  'Mutation.deleteTask': { calls: 2 },
  'Mutation.triggerTaskRun': { calls: 3 },
  'Mutation.cancelTaskRun': { calls: 1 },
  'Subscription.runStatus': { calls: 1 },
};
const DEFAULT_PAGE = 100;

export function upstreamCostRule(maxCost: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const schema = context.getSchema();
    return {
      OperationDefinition(node) {
        const root = node.operation === 'query' ? schema.getQueryType()
          : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) return;
        const cost = selectionCost(node.selectionSet, root, fragments, new Set());
        if (cost > maxCost) {
          context.reportError(new GraphQLError(
            `This operation could make about ${Math.round(cost)} upstream calls, more than the limit of ${maxCost}. ` +
              'Ask for smaller pages (`first`) or fewer nested lists.',
            { nodes: [node], extensions: { code: 'BAD_USER_INPUT', cost: Math.round(cost), maxCost } },
          ));
        }
      },
    };
  };
}

function selectionCost(
  selectionSet: SelectionSetNode, parent: GraphQLNamedType, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, parent, fragments, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += selectionCost(selection.selectionSet, parent, fragments, seen);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !seen.has(fragment.name.value)) {
        const inner = new Set(seen).add(fragment.name.value);
        total += selectionCost(fragment.selectionSet, parent, fragments, inner);
      }
    }
  }
  return total;
}

function fieldCost(field: FieldNode, parent: GraphQLNamedType, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 0;
  const cost = COSTS[`${parent.name}.${field.name.value}`] ?? { calls: 0 };
  let children = 0;
  if (field.selectionSet) {
    const type = getNamedType(definition.type);
    // connections: the page's items sit under edges/nodes, priced by the fan-out below
    children = selectionCost(field.selectionSet, type, fragments, seen);
  }
  return cost.calls + fanOut(field, cost) * children;
}

function fanOut(field: FieldNode, cost: FieldCost): number {
  if (cost.fanOut === undefined) return 1;
  if (typeof cost.fanOut === 'number') return cost.fanOut;
  const name = cost.fanOut === 'first' ? 'first' : 'ids';
  const argument = field.arguments?.find((a) => a.name.value === name);
  if (!argument) return DEFAULT_PAGE;
  if (argument.value.kind === Kind.INT) return Math.max(1, Number(argument.value.value));
  if (argument.value.kind === Kind.LIST) return Math.max(1, argument.value.values.length);
  return DEFAULT_PAGE;
}
