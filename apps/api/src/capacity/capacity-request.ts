// POST /v1/capacity/* take a JSON body (one DTO per report), or the manifest itself as application/yaml with
// its options in the query, as POST /v1/analyses does; GraphQL's mutations hand their inputs here as JSON
// bodies. Each becomes the service's request, its options checked (maxReplicas, groupBy, at most one
// reference pod); a bad one is `malformed-input` naming each bad field. Manifests, templates and
// quantities are the service's to read.
import { DEFAULT_REPLICA_CAP, isQualifiedName, LABEL_KEY_RULE } from '@podfit/scheduling';
import { manifestSource, type ManifestInput } from '../common/manifest-input';
import { isRawYaml } from '../common/raw-body';
import { validBody } from '../common/valid-body';
import { AppError } from '../errors/error-codes';
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
  MAX_REQUESTS,
  MaxReplicasBodyDto,
  ScaleOutBodyDto,
  type CapacityQueryDto,
  type HeadroomQueryDto,
  type MaxReplicasQueryDto,
} from './dto/capacity.dto';

const DEFAULT_FILENAME = 'manifest';
const TEMPLATES_FILENAME = 'templates';

export function maxReplicasRequest(body: unknown, query: MaxReplicasQueryDto): MaxReplicasRequest {
  if (isRawYaml(body)) {
    return { ...rawManifestFields(body.rawYaml, query), maxReplicas: checkReplicaCap(query.maxReplicas) };
  }
  const dto = validBody(MaxReplicasBodyDto, body);
  return { ...manifestFields(dto, query), maxReplicas: checkReplicaCap(dto.maxReplicas) };
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
  const queryRequests = () => (query.requests === undefined ? undefined : parseRequests(query.requests));
  if (body === undefined || isRawYaml(body)) {
    return {
      inventory: requiredInventory(query.inventory),
      groupBy: checkGroupBy(query.groupBy),
      ...referencePod(queryRequests(), body?.rawYaml),
      fieldValidation: query.fieldValidation,
      filename: query.filename,
    };
  }
  const dto = validBody(HeadroomBodyDto, body);
  const filename = dto.filename ?? query.filename ?? DEFAULT_FILENAME;
  return {
    inventory: requiredInventory(dto.inventory ?? query.inventory),
    groupBy: checkGroupBy(dto.groupBy ?? query.groupBy),
    ...referencePod(
      dto.requests ?? queryRequests(),
      dto.manifest === undefined ? undefined : textOf(filename, dto.manifest),
    ),
    fieldValidation: dto.fieldValidation ?? query.fieldValidation,
    filename,
  };
}

/**
 * A reference pod's requests given as a list of resource and quantity (GraphQL's, `--requests`'s) as the
 * map a JSON body gives: each resource once, at most MAX_REQUESTS of them.
 */
export function requestsMap(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  if (entries.length > MAX_REQUESTS) {
    throw new AppError('malformed-input', `requests: must name at most ${MAX_REQUESTS} resources`, [
      { path: 'requests', message: `must name at most ${MAX_REQUESTS} resources` },
    ]);
  }
  const map: Record<string, string> = {};
  for (const [resource, quantity] of entries) {
    if (Object.hasOwn(map, resource)) {
      throw new AppError('malformed-input', `requests: ${JSON.stringify(resource)} is given twice`, [
        { path: 'requests', message: `${JSON.stringify(resource)} is given twice` },
      ]);
    }
    map[resource] = quantity;
  }
  return map;
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
  return requestsMap(
    text.split(',').map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) {
        throw new AppError('malformed-input', `requests: ${JSON.stringify(pair)} is not name=quantity`, [
          { path: 'requests', message: `${JSON.stringify(pair)} is not name=quantity` },
        ]);
      }
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const;
    }),
  );
}

/** The headroom's reference pod: from `requests`, from a one-workload `manifest`, or none; not both. */
function referencePod(
  requests: Record<string, string> | undefined,
  manifest: ManifestText | undefined,
): Pick<HeadroomRequest, 'requests' | 'manifest'> {
  if (requests !== undefined && manifest !== undefined) {
    throw new AppError('malformed-input', 'give the reference pod as requests or as a manifest, not both', [
      { path: 'requests', message: 'not allowed with manifest' },
    ]);
  }
  return { requests, manifest };
}

function checkReplicaCap(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1 || value > DEFAULT_REPLICA_CAP) {
    throw new AppError(
      'malformed-input',
      `maxReplicas: must be a whole number from 1 to ${DEFAULT_REPLICA_CAP}`,
      [{ path: 'maxReplicas', message: `must be a whole number from 1 to ${DEFAULT_REPLICA_CAP}` }],
    );
  }
  return value;
}

function checkGroupBy(value: string | undefined): string | undefined {
  if (value !== undefined && !isQualifiedName(value)) {
    throw new AppError('malformed-input', `groupBy: ${LABEL_KEY_RULE}`, [
      { path: 'groupBy', message: LABEL_KEY_RULE },
    ]);
  }
  return value;
}
