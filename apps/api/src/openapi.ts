// The OpenAPI document, generated from the controllers and DTOs, with the analysis contract added from
// schema/analysis.schema.json (the JSON Schema the CLI's output is tested against), so the two cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const CHANGE_SCHEMA: Schema = {
  type: 'object',
  nullable: true,
  description:
    'What changed since the previous analysis of this workload (same kind, namespace, name, inventory)',
  properties: {
    previousAnalysisId: { type: 'string', format: 'uuid' },
    previousCreatedAt: { type: 'string', format: 'date-time' },
    requests: { type: 'object', additionalProperties: schemaRef('QuantityChange') },
    limits: { type: 'object', additionalProperties: schemaRef('QuantityChange') },
    qosClass: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    replicas: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
    feasibleNodes: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
    summary: {
      type: 'string',
      example: 'memory request +512Mi, feasible nodes 14 -> 11, QoS Guaranteed -> Burstable',
    },
  },
};

const SERVER_SCHEMAS: Record<string, Schema> = {
  QuantityChange: {
    type: 'object',
    properties: {
      from: { type: 'string', nullable: true },
      to: { type: 'string', nullable: true },
      delta: { type: 'string', example: '+512Mi' },
    },
  },
  AnalysedWorkload: {
    allOf: [schemaRef('Workload'), { type: 'object', properties: { change: CHANGE_SCHEMA } }],
  },
  InventoryRef: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' } } },
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
      workloads: { type: 'array', items: schemaRef('AnalysedWorkload') },
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
          'Every error is `{statusCode, code, message, details}` (ErrorBody).',
      )
      .setVersion(version)
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
