// The package version, written into the bundle by scripts/build.mjs; `dev` when run from source (tests).
declare const PODFIT_VERSION: string | undefined;

export const VERSION: string = typeof PODFIT_VERSION === 'string' ? PODFIT_VERSION : 'dev';
