// Optimistic concurrency as HTTP has it: the ETag is the version, `If-Match` must name the current one.
import { AppError } from '../errors/error-codes';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The versions an `If-Match` header accepts: null for none given, 'any' for `*`. */
export function parseIfMatch(header: string | undefined): number[] | 'any' | null {
  if (header === undefined || header.trim() === '') return null;
  if (header.trim() === '*') return 'any';
  return header.split(',').map((tag) => {
    const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(tag);
    if (match === null)
      throw new AppError('malformed-input', `If-Match: not an entity tag: ${JSON.stringify(tag.trim())}`);
    return Number(match[1]);
  });
}

/** Throws `version-conflict` unless `ifMatch` accepts `current`. */
export function checkIfMatch(ifMatch: number[] | 'any' | null, current: number, what: string): void {
  if (ifMatch === null || ifMatch === 'any' || ifMatch.includes(current)) return;
  throw new AppError(
    'version-conflict',
    `${what} is at version ${current}, not ${ifMatch.join(' or ')}: it changed since you read it`,
    [{ message: 'current version', version: current }],
  );
}
