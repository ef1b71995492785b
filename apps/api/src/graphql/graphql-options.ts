// Apollo Server's options, hardened as RELIABILITY.md section 3 says: the armor's limits (depth, aliases,
// directives, tokens, cost) as validation rules, CSRF prevention, no batching, no persisted queries, no
// stack traces in any environment, and introspection and GraphiQL only when configured.
import { type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type FastifyRequest } from 'fastify';
import { type AnalysisLoadersFactory } from '../analyses/analysis.loaders';
import { type Env } from '../config/env';
import { type GraphQLContext } from './graphql-context';
import { formatGraphQLError } from './graphql-errors';

/** The armor's limits (its defaults, stated): an operation over any of them is refused with 400. */
export const GRAPHQL_LIMITS = {
  maxDepth: 6,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
} as const;

export const GRAPHQL_PATH = '/graphql';

export function graphqlOptions(env: Env, analysisLoaders: AnalysisLoadersFactory): ApolloDriverConfig {
  const armor = new ApolloArmor({
    // A fragment is a way of writing a selection, not a level of it: it adds neither depth nor cost.
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    // graphql-js counts tokens while parsing (parseOptions below): a parse error, 400. The armor's own
    // token plugin throws from a request hook instead, which Apollo answers with 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, flattenFragments: true },
    blockFieldSuggestion: { enabled: !env.PODFIT_GRAPHQL_INTROSPECTION },
  });
  const protection = armor.protect();
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    ...protection,
    // podfit sets no cache hints; Apollo's cache-control plugin would otherwise wrap every field resolver.
    plugins: [...protection.plugins, ApolloServerPluginCacheControlDisabled()],
    introspection: env.PODFIT_GRAPHQL_INTROSPECTION,
    // Without introspection, no "Did you mean …" hints either: they would spell the schema out.
    hideSchemaDetailsFromClientErrors: !env.PODFIT_GRAPHQL_INTROSPECTION,
    // Nest's GraphiQL page when asked for; otherwise Apollo's landing page is off.
    graphiql: env.PODFIT_GRAPHQL_SANDBOX,
    playground: false,
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // Errors are mapped by formatGraphQLError alone, as REST maps them, not by Nest's HttpException codes.
    autoTransformHttpErrors: false,
    // The scope guard for field resolvers too (Nest runs guards on operations only by default), so that a
    // field's @RequireScope holds whichever operation reaches it (auth/scope.guard.ts).
    fieldResolverEnhancers: ['guards'],
    formatError: formatGraphQLError({ bodyLimit: env.PODFIT_BODY_LIMIT }),
    // The Fastify integration calls this with the request (and reply) of each operation.
    context: (request: FastifyRequest): GraphQLContext => ({
      req: request,
      loaders: { analyses: analysisLoaders.create() },
    }),
  };
}
