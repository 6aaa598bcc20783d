/** Evaluator, EvaluatorVersion and EvaluatorType: what tasks attach; the `evaluators` list. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { inSpace } from './cost.ts';
import { EvaluatorRef, EvaluatorVersionRef } from './refs.ts';
import { evaluatorVersion, evaluatorVersions } from '../resolvers/evaluator.ts';
import { listEvaluators } from '../resolvers/lists.ts';
import { UNKNOWN, type EvaluatorType, type Unknown } from '../upstream/types.ts';

const node = builder.nodeInterfaceRef();

const EvaluatorTypeEnum = builder.enumType('EvaluatorType', {
  description: 'What an evaluator is built from.',
  values: {
    TEMPLATE: { value: 'TEMPLATE' as EvaluatorType, description: 'An LLM judge built from a prompt template.' },
    CODE: { value: 'CODE' as EvaluatorType, description: 'Managed (built-in) or custom Python code.' },
    HARNESS: { value: 'HARNESS' as EvaluatorType, description: 'A test harness evaluator.' },
    REMOTE: { value: 'REMOTE' as EvaluatorType, description: 'A remote evaluator.' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A type the Arize API sent that this gateway does not know yet.' },
  } as const,
});

EvaluatorRef.implement({
  description: 'Reusable evaluation logic (an LLM template, code, a harness or a remote evaluator) that tasks attach.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The evaluator\'s global id.' }),
    name: t.exposeString('name', { description: 'The evaluator\'s name.' }),
    description: t.string({ nullable: true, description: 'What the evaluator checks.', resolve: (e) => e.description ?? null }),
    type: t.field({ type: EvaluatorTypeEnum, description: 'What the evaluator is built from (UNKNOWN for a type this gateway does not know; see typeName).', resolve: (e) => e.type }),
    typeName: t.string({
      description: 'The type exactly as the upstream sent it, in its case (`DECISION_JUDGE`, `template` from an older server, ...): what to show when `type` is UNKNOWN.',
      resolve: (e) => e.type_name,
    }),
    spaceId: t.exposeID('space_id', { description: 'Id of the space the evaluator belongs to.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the evaluator was created.', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the evaluator was last updated.', resolve: (e) => e.updated_at }),
    version: t.field({
      type: EvaluatorVersionRef, nullable: true,
      description: 'One version: the latest, or the one with `id` (null with NOT_FOUND when it is not a version of this evaluator).',
      args: { id: t.arg.id({ description: 'An evaluator version id; the latest version when absent.' }) },
      extensions: cost(1),
      resolve: (e, args, ctx) => evaluatorVersion(ctx, e, args.id),
    }),
    versions: t.field({
      type: EvaluatorVersionConnectionRef,
      description: 'Every version of the evaluator, paged forward.',
      args: pageArgs(t.arg),
      extensions: cost(1, 'first'),
      resolve: (e, args, ctx) => evaluatorVersions(ctx, e, args),
    }),
  }),
});
const EvaluatorVersionConnectionRef = builder.connectionObject(
  { type: EvaluatorVersionRef, name: 'EvaluatorVersionConnection', description: 'A forward-only page of evaluator versions.' },
  { name: 'EvaluatorVersionEdge', description: 'An evaluator version and the cursor to continue right after it.' },
);

EvaluatorVersionRef.implement({
  description: 'A versioned snapshot of an evaluator\'s configuration; its `type` says which config it carries.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The version\'s global id.' }),
    evaluatorId: t.exposeID('evaluator_id', { description: 'Id of the evaluator this is a version of.' }),
    evaluator: t.field({
      type: EvaluatorRef, nullable: true, description: 'The evaluator this is a version of (fetched only when selected).', extensions: cost(1),
      resolve: (v, _args, ctx) => ctx.loaders.evaluator.load(v.evaluator_id),
    }),
    type: t.field({ type: EvaluatorTypeEnum, description: 'Matches the evaluator\'s type.', resolve: (v) => v.type }),
    commitHash: t.exposeString('commit_hash', { description: 'The version\'s commit hash.' }),
    commitMessage: t.string({ nullable: true, description: 'The version\'s commit message.', resolve: (v) => v.commit_message }),
    createdAt: t.field({ type: 'DateTime', description: 'When the version was created.', resolve: (v) => v.created_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created the version.', resolve: (v) => v.created_by_user_id }),
    templateConfig: t.field({
      type: 'JSON', nullable: true, description: 'TEMPLATE versions: the template, its LLM config and choices, as the upstream sends them.',
      resolve: (v) => v.template_config,
    }),
    codeConfig: t.field({
      type: 'JSON', nullable: true, description: 'CODE versions: the managed or custom code config (`type` MANAGED or CUSTOM), as the upstream sends it.',
      resolve: (v) => v.code_config,
    }),
  }),
});


builder.queryField('evaluators', (t) => t.field({
  type: listConnection(EvaluatorRef, 'Evaluator', 'evaluator'),
  description: 'Evaluators a task can attach, most recently updated first, paged forward.',
  args: { ...pageArgs(t.arg), space: t.arg.string({ description: `Only this space's evaluators. ${SPACE_ARGUMENT}` }), name: nameFilterArg(t.arg, 'Case-insensitive substring of the evaluator name.') },
  extensions: cost(1, 'first', (a) => inSpace(a.space)),
  resolve: (_root, args, ctx) => listEvaluators(ctx, args),
}));
