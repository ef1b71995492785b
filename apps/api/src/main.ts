// `npm start`: check the environment, build the app, listen. A bad start is one clear message, exit 1.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { EnvError, validateEnv, type Env } from './config/env';
import { createApp } from './create-app';

async function main(): Promise<void> {
  let env: Env;
  try {
    env = validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`podfit: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createApp(env);
  await app.listen({ port: env.PORT, host: env.HOST });
  new Logger('podfit').log(`listening on ${await app.getUrl()} (API under /v1, docs at /docs)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`podfit: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
