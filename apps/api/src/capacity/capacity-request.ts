// POST /v1/capacity/* take a JSON body (one DTO per report), or the manifest itself as application/yaml with
// its options in the query, as POST /v1/analyses does. Each becomes the service's request; a bad one is
// `malformed-input` naming each bad field.
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { manifestSource, type ManifestInput } from '../common/manifest-input';
import { isRawYaml } from '../common/raw-body';
import { AppError, type ErrorDetail } from '../errors/error-codes';
import {
  type HeadroomRequest,
  type ManifestText,
  type MaxReplicasRequest,
  type PlanRequest,
  type ScaleOutRequest,
} from './capacity.service';
import {
  CapacityManifestBodyDto,
  HeadroomBodyDto,
  MaxReplicasBodyDto,
  ScaleOutBodyDto,
  type CapacityQueryDto,
  type HeadroomQueryDto,
  type MaxReplicasQueryDto,
} from './dto/capacity.dto';

const DEFAULT_FILENAME = 'manifest';
const TEMPLATES_FILENAME = 'templates';

export function maxReplicasRequest(body: unknown, query: MaxReplicasQueryDto): MaxReplicasRequest {
  if (isRawYaml(body)) return { ...rawManifestFields(body.rawYaml, query), maxReplicas: query.maxReplicas };
  const dto = validBody(MaxReplicasBodyDto, body);
  return { ...manifestFields(dto, query), maxReplicas: dto.maxReplicas };
}

export function planRequest(body: unknown, query: CapacityQueryDto): PlanRequest {
  if (isRawYaml(body)) return rawManifestFields(body.rawYaml, query);
  return manifestFields(validBody(CapacityManifestBodyDto, body), query);
}

export function scaleOutRequest(body: unknown, query: CapacityQueryDto): ScaleOutRequest {
  if (isRawYaml(body)) {
    throw new AppError(
      'malformed-input',
      'templates: required: send a JSON body with manifest, templates and inventory',
      [{ path: 'templates', message: 'required: send a JSON body with manifest, templates and inventory' }],
    );
  }
  const dto = validBody(ScaleOutBodyDto, body);
  return {
    ...manifestFields(dto, query),
    templates: textOf(TEMPLATES_FILENAME, dto.templates),
  };
}

/** Headroom also takes no body at all: everything is then in the query (`requests=cpu=500m,memory=1Gi`). */
export function headroomRequest(body: unknown, query: HeadroomQueryDto): HeadroomRequest {
  if (body === undefined || isRawYaml(body)) {
    return {
      inventory: requiredInventory(query.inventory),
      groupBy: query.groupBy,
      requests: query.requests === undefined ? undefined : parseRequests(query.requests),
      manifest: body === undefined ? undefined : body.rawYaml,
      fieldValidation: query.fieldValidation,
      filename: query.filename,
    };
  }
  const dto = validBody(HeadroomBodyDto, body);
  const filename = dto.filename ?? query.filename ?? DEFAULT_FILENAME;
  return {
    inventory: requiredInventory(dto.inventory ?? query.inventory),
    groupBy: dto.groupBy ?? query.groupBy,
    requests: dto.requests ?? (query.requests === undefined ? undefined : parseRequests(query.requests)),
    manifest: dto.manifest === undefined ? undefined : textOf(filename, dto.manifest),
    fieldValidation: dto.fieldValidation ?? query.fieldValidation,
    filename,
  };
}

function rawManifestFields(rawYaml: Buffer, query: CapacityQueryDto): PlanRequest {
  return {
    manifest: rawYaml,
    inventory: requiredInventory(query.inventory),
    fieldValidation: query.fieldValidation,
    filename: query.filename,
  };
}

function manifestFields(dto: CapacityManifestBodyDto, query: CapacityQueryDto): PlanRequest {
  const filename = dto.filename ?? query.filename ?? DEFAULT_FILENAME;
  return {
    manifest: textOf(filename, dto.manifest),
    inventory: requiredInventory(dto.inventory ?? query.inventory),
    fieldValidation: dto.fieldValidation ?? query.fieldValidation,
    filename,
  };
}

/** The body as `type`, or `malformed-input` naming every bad field. */
function validBody<T extends object>(type: ClassConstructor<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('malformed-input', 'the body must be a JSON object with a manifest', [
      { path: 'manifest', message: 'the body must be a JSON object with a manifest' },
    ]);
  }
  const dto = plainToInstance(type, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const details = errors.flatMap(problemsOf);
    throw new AppError(
      'malformed-input',
      details.map((detail) => `${detail.path}: ${detail.message}`).join('; '),
      details,
    );
  }
  return dto;
}

// class-validator messages start with the property name (`inventory must be a string`), save an unknown
// property's (`property extra should not exist`): worded as the ValidationPipe's errors are (to-error-body.ts).
// The bodies are flat.
function problemsOf(error: ValidationError): ErrorDetail[] {
  const named = [`${error.property} `, `property ${error.property} `];
  return Object.values(error.constraints ?? {}).map((message) => {
    const prefix = named.find((start) => message.startsWith(start));
    return { path: error.property, message: prefix === undefined ? message : message.slice(prefix.length) };
  });
}

function requiredInventory(inventory: string | undefined): string {
  if (inventory === undefined) {
    throw new AppError('malformed-input', 'inventory: required: the name of a stored inventory', [
      { path: 'inventory', message: 'required' },
    ]);
  }
  return inventory;
}

/** Text (or YAML bytes) as given; a JSON object as its JSON text. */
function textOf(name: string, input: ManifestInput): ManifestText {
  return manifestSource(name, input).content;
}

/** `cpu=500m,memory=1Gi` as a map; the service checks names and quantities. */
function parseRequests(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) {
        throw new AppError('malformed-input', `requests: ${JSON.stringify(pair)} is not name=quantity`, [
          { path: 'requests', message: `${JSON.stringify(pair)} is not name=quantity` },
        ]);
      }
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}
