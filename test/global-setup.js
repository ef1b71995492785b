// CLI tests spawn the real bundled binary; build it once so they never test a stale bundle.
const { execFileSync } = require('node:child_process');
module.exports = () => {
  execFileSync(process.execPath, [require.resolve('../scripts/build.mjs')], { stdio: 'inherit' });
};
