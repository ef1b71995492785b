// A JSON body checked against its DTO where a route takes more than one kind of body (JSON or the manifest
// itself as YAML), so the global ValidationPipe cannot: POST /v1/analyses and POST /v1/capacity/*. A bad
// body is `malformed-input` with one detail per problem, worded as the ValidationPipe's (to-error-body.ts).
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppError, type ErrorDetail } from '../errors/error-codes';

/** The body as `type`, or `malformed-input` naming every bad field (`files[0].name`). */
export function validBody<T extends object>(type: ClassConstructor<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('malformed-input', 'the body must be a JSON object with a manifest', [
      { path: 'manifest', message: 'the body must be a JSON object with a manifest' },
    ]);
  }
  const dto = plainToInstance(type, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const details = errors.flatMap((error) => problemsOf(error, ''));
    throw new AppError(
      'malformed-input',
      details.map((detail) => `${detail.path}: ${detail.message}`).join('; '),
      details,
    );
  }
  return dto;
}

// class-validator messages start with the property name (`inventory must be a string`), save an unknown
// property's (`property extra should not exist`); the path already names it, so the message drops it.
function problemsOf(error: ValidationError, parent: string): ErrorDetail[] {
  const path =
    parent === ''
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
  const named = [`${error.property} `, `property ${error.property} `];
  const own = Object.values(error.constraints ?? {}).map((message) => {
    const prefix = named.find((start) => message.startsWith(start));
    return { path, message: prefix === undefined ? message : message.slice(prefix.length) };
  });
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, path))];
}
