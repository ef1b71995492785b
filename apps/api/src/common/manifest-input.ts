// What the API takes where Kubernetes objects are expected: the text (YAML or JSON, as `kubectl get -o
// yaml|json` prints it) or the parsed JSON object itself. Both go through the same manifest reader.
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { type SourceText } from '@podfit/manifests';

/** Text, bytes (a YAML body, checked as UTF-8 by the reader), or a parsed JSON object or array. */
export type ManifestInput = string | Uint8Array | Record<string, unknown> | unknown[];

export function isManifestInput(value: unknown): value is ManifestInput {
  return typeof value === 'string' || (typeof value === 'object' && value !== null);
}

/** A string of YAML/JSON, or a JSON object or array of objects. */
export function IsManifestInput(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isManifestInput',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be YAML or JSON text, or a JSON object', ...options },
      validator: { validate: isManifestInput },
    });
}

/** The reader's source for `input`, named `name` in every problem it reports. */
export function manifestSource(name: string, input: ManifestInput): SourceText {
  if (typeof input === 'string' || input instanceof Uint8Array) return { name, content: input };
  const object = Array.isArray(input) ? { apiVersion: 'v1', kind: 'List', items: input } : input;
  return { name, content: JSON.stringify(object) };
}
