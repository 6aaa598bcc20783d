/** AiIntegration, Integration and IntegrationType: what a run configuration names; the `aiIntegrations` and `integrations` lists. */
import { builder } from './builder.ts';
import { SPACE_ARGUMENT, cost, listConnection, pageArgs, nameFilterArg } from './args.ts';
import { inSpace } from './cost.ts';
import { listAiIntegrations, listIntegrations } from '../resolvers/lists.ts';
import { UNKNOWN, type AiIntegration, type Integration, type IntegrationType, type Unknown } from '../upstream/types.ts';

const IntegrationTypeEnum = builder.enumType('IntegrationType', {
  description: 'What an integration connects to.',
  values: {
    LLM: { value: 'LLM' as IntegrationType, description: 'An LLM provider.' },
    AGENT: { value: 'AGENT' as IntegrationType, description: 'An agent endpoint (what AGENT_CALL configurations call).' },
  } as const,
});

const IntegrationKindEnum = builder.enumType('IntegrationKind', {
  description: 'An integration\'s type as read: IntegrationType\'s values, or UNKNOWN for one this gateway does not know yet.',
  values: {
    LLM: { value: 'LLM' as IntegrationType, description: 'An LLM provider.' },
    AGENT: { value: 'AGENT' as IntegrationType, description: 'An agent endpoint.' },
    UNKNOWN: { value: UNKNOWN as Unknown, description: 'A type the Arize API sent that this gateway does not know yet.' },
  } as const,
});

const node = builder.nodeInterfaceRef();

const AiIntegrationRef = builder.objectRef<AiIntegration>('AiIntegration').implement({
  description: 'Access to an LLM provider: what `aiIntegrationId` in a run configuration names. Secrets are never shown. A Node: `node(id:)` reads it again (`GET /v2/ai-integrations/{id}`).',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The integration\'s id.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    provider: t.exposeString('provider', { description: 'The provider, as the upstream names it (OPEN_AI, ANTHROPIC, ...).' }),
    hasApiKey: t.exposeBoolean('has_api_key', { description: 'Whether a key is stored (never the key).' }),
    baseUrl: t.string({ nullable: true, description: 'A custom endpoint.', resolve: (a) => a.base_url }),
    modelNames: t.stringList({ description: 'The models it offers.', resolve: (a) => a.model_names }),
    enableDefaultModels: t.exposeBoolean('enable_default_models', { description: 'Whether the provider\'s default models are offered too.' }),
    functionCallingEnabled: t.exposeBoolean('function_calling_enabled', { description: 'Whether tools may be used.' }),
    authType: t.exposeString('auth_type', { description: 'How it authenticates, as the upstream names it.' }),
    scopings: t.field({ type: 'JSON', description: 'Where it is visible (organization, space), as sent.', resolve: (a) => a.scopings }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (a) => a.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it was last updated.', resolve: (a) => a.updated_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created it.', resolve: (a) => a.created_by_user_id }),
  }),
});

const IntegrationRef = builder.objectRef<Integration>('Integration').implement({
  description: 'An LLM or agent integration; an AGENT one backs an AGENT_CALL configuration. A Node: `node(id:)` reads it again (`GET /v2/integrations/{id}`); ' +
    'an LLM integration\'s id names the same object as an AiIntegration, so `node` reads it as an Integration when the selection asks for `... on Integration`.',
  interfaces: [node],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The integration\'s id.' }),
    type: t.field({ type: IntegrationKindEnum, description: 'LLM or AGENT.', resolve: (i) => i.type }),
    name: t.exposeString('name', { description: 'Its name.' }),
    scopings: t.field({ type: 'JSON', description: 'Where it is visible, as sent.', resolve: (i) => i.scopings }),
    config: t.field({ type: 'JSON', description: 'An LLM\'s provider settings, or an agent\'s endpoint, input schema and request presets, as sent.', resolve: (i) => i.config }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (i) => i.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it was last updated.', resolve: (i) => i.updated_at }),
    createdByUserId: t.id({ nullable: true, description: 'Who created it.', resolve: (i) => i.created_by_user_id }),
  }),
});

const SPACE = `Only what is visible in this space. ${SPACE_ARGUMENT}`;

builder.queryFields((t) => ({
  aiIntegrations: t.field({
    type: listConnection(AiIntegrationRef, 'AiIntegration', 'AI integration'),
    description: 'AI integrations (for run configurations), paged forward.',
    args: { space: t.arg.string({ description: SPACE }), name: nameFilterArg(t.arg, 'Case-insensitive substring of the name.'), ...pageArgs(t.arg) },
    extensions: cost(1, 'first', (a) => inSpace(a.space)),
    resolve: (_root, args, ctx) => listAiIntegrations(ctx, args),
  }),
  integrations: t.field({
    type: listConnection(IntegrationRef, 'Integration', 'integration'),
    description: 'Integrations of one type (AGENT ones back AGENT_CALL configurations), paged forward.',
    args: {
      type: t.arg({ type: IntegrationTypeEnum, required: true, description: 'LLM or AGENT.' }),
      space: t.arg.string({ description: SPACE }), name: nameFilterArg(t.arg, 'Case-insensitive substring of the name.'), ...pageArgs(t.arg),
    },
    extensions: cost(1, 'first', (a) => inSpace(a.space)),
    resolve: (_root, args, ctx) => listIntegrations(ctx, args),
  }),
}));
