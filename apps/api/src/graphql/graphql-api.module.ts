// GraphQL at /graphql: Apollo Server 5 on the app's Fastify, code-first (the schema is built from the
// resolvers' classes at start, in memory, sorted). Every request is held to the armor's limits and Apollo's
// CSRF rule before any resolver runs; resolvers call the same services as REST, under the same scopes.
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AnalysesModule } from '../analyses/analyses.module';
import { AnalysisLoadersFactory } from '../analyses/analysis.loaders';
import { Env } from '../config/env';
import { graphqlOptions } from './graphql-options';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AnalysesModule],
      inject: [Env, AnalysisLoadersFactory],
      useFactory: graphqlOptions,
    }),
  ],
})
export class GraphQLApiModule {}
