/**
 * Refuses an operation whose estimated upstream calls exceed `maxCost`,
 * before it runs. Priced at execution (not validation) so that variables,
 * such as an `ids` list or a `first`, count with their real values.
 */
import type { Plugin } from 'graphql-yoga';
import { costError, estimateCost } from '../resolvers/cost.ts';

/** The plugin: refuse operations over `maxCost` estimated upstream calls. */
export function useUpstreamCost(maxCost: number): Plugin {
  const check = (args: { schema: Parameters<typeof estimateCost>[0]; document: Parameters<typeof estimateCost>[1]; operationName?: string | null; variableValues?: Record<string, unknown> | null }) => {
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
