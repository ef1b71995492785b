// What every GraphQL resolver receives as its context: the Fastify request (authentication reads its
// principal, as REST does) and the DataLoaders of this one request, so nested fields load in batches.
import { type FastifyRequest } from 'fastify';
import { type AnalysisLoaders } from '../analyses/analysis.loaders';

export interface RequestLoaders {
  readonly analyses: AnalysisLoaders;
}

export interface GraphQLContext {
  readonly req: FastifyRequest;
  readonly loaders: RequestLoaders;
}
