import DataLoader from 'dataloader';
import { isNotFound } from '../upstream/errors.ts';
import type { UpstreamClient } from '../upstream/client.ts';
import type { Dataset, DatasetVersion, Evaluator, EvaluatorVersion, Experiment, Project, Space, Task, TaskRun } from '../upstream/types.ts';

/**
 * Per-request by-id loaders. The upstream has no batch endpoints, so a batch
 * is one GET per distinct id, made at most once per request; a 404 loads as
 * `null`. Built by the context, never shared between requests.
 */
export interface Loaders {
  task: DataLoader<string, Task | null>;
  run: DataLoader<string, TaskRun | null>;
  project: DataLoader<string, Project | null>;
  dataset: DataLoader<string, Dataset | null>;
  experiment: DataLoader<string, Experiment | null>;
  evaluator: DataLoader<string, Evaluator | null>;
  evaluatorVersion: DataLoader<string, EvaluatorVersion | null>;
  /** A dataset's versions by dataset id (the list of datasets does not carry them). */
  datasetVersions: DataLoader<string, DatasetVersion[] | null>;
  space: DataLoader<string, Space | null>;
}

function byId<T>(get: (id: string) => Promise<T>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>((ids) =>
    Promise.all(ids.map((id) => get(id).catch((error: unknown) => (isNotFound(error) ? null : (error as Error))))),
  );
}

/** Fresh by-id loaders over one request's upstream client. */
export function createLoaders(upstream: UpstreamClient): Loaders {
  return {
    task: byId((id) => upstream.getTask(id)),
    run: byId((id) => upstream.getRun(id)),
    project: byId((id) => upstream.getProject(id)),
    dataset: byId((id) => upstream.getDataset(id)),
    experiment: byId((id) => upstream.getExperiment(id)),
    evaluator: byId((id) => upstream.getEvaluator(id)),
    evaluatorVersion: byId((id) => upstream.getEvaluatorVersion(id)),
    datasetVersions: byId((id) => upstream.getDataset(id).then((dataset) => dataset.versions ?? [])),
    space: byId((id) => upstream.getSpace(id)),
  };
}
