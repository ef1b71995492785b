// CLI and server-process tests spawn the real bundled programs; build them once so they never test a stale
// bundle (the Prisma client is generated first when missing).
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
module.exports = () => {
  if (!existsSync(resolve(__dirname, '../apps/api/src/generated/prisma/client.ts'))) {
    execFileSync(process.execPath, [require.resolve('../scripts/generate-prisma.mjs')], { stdio: 'inherit' });
  }
  execFileSync(process.execPath, [require.resolve('../scripts/build.mjs')], { stdio: 'inherit' });
};
