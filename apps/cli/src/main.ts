declare const PODFIT_VERSION: string;
process.stdout.write(`podfit ${PODFIT_VERSION}\n`);
