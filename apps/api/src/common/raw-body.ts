// A body that is itself a manifest: JSON arrives parsed, YAML (application/yaml) arrives as its text.
import { AppError } from '../errors/error-codes';
import { isManifestInput, type ManifestInput } from './manifest-input';

export interface RawYamlBody {
  readonly rawYaml: Buffer;
}

export function isRawYaml(body: unknown): body is RawYamlBody {
  return typeof body === 'object' && body !== null && Buffer.isBuffer((body as RawYamlBody).rawYaml);
}

/** The manifest a request body carries, whatever its media type. */
export function bodyAsManifest(body: unknown): ManifestInput {
  if (isRawYaml(body)) return body.rawYaml;
  if (!isManifestInput(body)) {
    throw new AppError('malformed-input', 'the body must be a Kubernetes object or list, as JSON or YAML', [
      { path: '', message: 'expected an object' },
    ]);
  }
  return body;
}
