/** Space, Project, Dataset, Experiment and Evaluator: what tasks point at (read-only). */
import { builder } from './builder.ts';
import type { Dataset, Evaluator, Experiment, Project, Space } from '../upstream/types.ts';

export const SpaceRef = builder.objectRef<Space>('Space');
export const ProjectRef = builder.objectRef<Project>('Project');
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
export const EvaluatorRef = builder.objectRef<Evaluator>('Evaluator');

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

ProjectRef.implement({
  description: 'An LLM application whose traces project-based tasks evaluate.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The project\'s global id.' }),
    name: t.exposeString('name', { description: 'The project\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the project belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the project belongs to (fetched only when selected).',
      resolve: (p, _args, ctx) => ctx.loaders.space.load(p.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the project was created.', resolve: (p) => p.created_at }),
  }),
});

DatasetRef.implement({
  description: 'A collection of examples that dataset-based tasks evaluate through experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The dataset\'s global id.' }),
    name: t.exposeString('name', { description: 'The dataset\'s name.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the dataset belongs to.' }),
    space: t.field({
      type: SpaceRef, nullable: true, description: 'The space the dataset belongs to (fetched only when selected).',
      resolve: (d, _args, ctx) => ctx.loaders.space.load(d.space_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the dataset was created.', resolve: (d) => d.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the dataset was last updated.', resolve: (d) => d.updated_at }),
  }),
});

ExperimentRef.implement({
  description: 'A run of an application over a dataset; dataset-based tasks evaluate experiments.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The experiment\'s global id.' }),
    name: t.exposeString('name', { description: 'The experiment\'s name.' }),
    datasetId: t.exposeID('dataset_id', { description: 'Id of the dataset the experiment ran on.' }),
    dataset: t.field({
      type: DatasetRef, nullable: true, description: 'The dataset the experiment ran on (fetched only when selected).',
      resolve: (e, _args, ctx) => ctx.loaders.dataset.load(e.dataset_id),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the experiment was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the experiment was last updated.', resolve: (e) => e.updated_at }),
  }),
});

EvaluatorRef.implement({
  description: 'Reusable evaluation logic (an LLM template or code) that tasks attach.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The evaluator\'s global id.' }),
    name: t.exposeString('name', { description: 'The evaluator\'s name.' }),
    description: t.string({ nullable: true, description: 'What the evaluator checks.', resolve: (e) => e.description ?? null }),
    type: t.exposeString('type', { description: 'The evaluator\'s kind as the upstream names it: `template` (LLM) or `code`.' }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the evaluator belongs to.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the evaluator was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the evaluator was last updated.', resolve: (e) => e.updated_at }),
  }),
});
