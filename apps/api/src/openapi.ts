// The OpenAPI document, generated from the controllers and DTOs, with the analysis contract added from
// schema/analysis.schema.json (the JSON Schema the CLI's output is tested against), so the two cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const SERVER_SCHEMAS: Record<string, Schema> = {
  InventoryRef: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' } } },
  AnalysisCreator: {
    type: 'object',
    description: 'The API token that stored the analysis',
    required: ['tokenId', 'tokenName'],
    properties: { tokenId: { type: 'string', format: 'uuid' }, tokenName: { type: 'string' } },
  },
  AnalysisView: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: ['podfit.dev/v1'] },
      kind: { type: 'string', enum: ['Analysis'] },
      id: { type: 'string', format: 'uuid', nullable: true, description: 'null for a dry run' },
      createdAt: { type: 'string', format: 'date-time' },
      inventory: { allOf: [schemaRef('InventoryRef')], nullable: true },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      manifestSha256: { type: 'string' },
      createdBy: {
        allOf: [schemaRef('AnalysisCreator')],
        nullable: true,
        description: 'null for a dry run, and for an analysis stored while the server ran open',
      },
      workloads: { type: 'array', items: schemaRef('Workload') },
    },
  },
  ErrorBody: {
    type: 'object',
    required: ['statusCode', 'code', 'message', 'details'],
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', example: 'invalid-manifest' },
      message: { type: 'string' },
      details: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            file: { type: 'string' },
            document: { type: 'integer' },
            path: { type: 'string' },
            line: { type: 'integer' },
            column: { type: 'integer' },
            message: { type: 'string' },
          },
        },
      },
    },
  },
};

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('podfit')
      .setDescription(
        'What kube-scheduler will reserve for each pod, its QoS class, and which nodes of a stored inventory can take it. ' +
          'Every error is `{statusCode, code, message, details}` (ErrorBody). ' +
          'Send an API token as `Authorization: Bearer <token>`: without a valid one the answer is 401 `unauthorized`, ' +
          'without the scope a route needs 403 `forbidden`, over the rate limit 429 `too-many-requests` with Retry-After.',
      )
      .setVersion(version)
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'podfit API token',
        description: 'podfit_…',
      })
      .build(),
  );
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...contractSchemas(), ...SERVER_SCHEMAS };
  return document;
}

// schema/analysis.schema.json's definitions, renamed to PascalCase components with their $refs rewritten.
function contractSchemas(): Record<string, Schema> {
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema', 'analysis.schema.json'), 'utf8')) as {
    definitions: Record<string, Schema>;
  };
  const rename = (name: string) => name[0]!.toUpperCase() + name.slice(1);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string'
          ? [key, `#/components/schemas/${rename(inner.replace('#/definitions/', ''))}`]
          : [key, rewrite(inner)],
      ),
    );
  };
  return Object.fromEntries(
    Object.entries(schema.definitions).map(([name, definition]) => [
      rename(name),
      rewrite(definition) as Schema,
    ]),
  );
}
