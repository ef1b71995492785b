// podfit follows `kubectl diff`: 0 nothing to report, 1 findings, 2 podfit could not do its job.
import { type ManifestError } from '@podfit/manifests';

export const EXIT_OK = 0;
/** Some workload is invalid, a document could not be read as a workload, or a workload fits nowhere. */
export const EXIT_FINDINGS = 1;
/** A usage error, or input podfit cannot read at all. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_USAGE;

export const MANIFEST_ERROR_EXIT_CODES = {
  'malformed-input': EXIT_USAGE,
  'invalid-manifest': EXIT_FINDINGS,
} satisfies Record<ManifestError['code'], ExitCode>;

/** Whether a podfit server's error code is one of the manifest reader's, which exit as they do offline. */
export function isManifestErrorCode(code: string): code is ManifestError['code'] {
  return Object.hasOwn(MANIFEST_ERROR_EXIT_CODES, code);
}

/** An error the CLI reports as one `error: …` line. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
