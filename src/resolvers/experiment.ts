/** What the experiment fields do. */
import type { Context } from '../context.ts';
import type { Experiment, ExperimentRun } from '../upstream/types.ts';
import { connectionFromUpstream, type Connection } from './connection.ts';

/** An experiment's runs (outputs per example) in insertion order; `first` up to 500, the upstream's limit. */
export function experimentRuns(ctx: Context, experiment: Experiment, args: { first?: number | null; after?: string | null }): Promise<Connection<ExperimentRun>> {
  return connectionFromUpstream((cursor, limit) => ctx.upstream.listExperimentRuns(experiment.id, { limit, ...(cursor ? { cursor } : {}) }),
    args, `experimentRuns:${experiment.id}`, 500);
}
