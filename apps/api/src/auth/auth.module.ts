// Authentication (the Authenticator behind the onRequest hook), authorization (ScopeGuard) and rate
// limiting (TokenThrottlerGuard) for the whole app. The guards are global and run in this order: a request
// refused for its scope does not count against its token's rate.
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../config/env';
import { Authenticator } from './authenticator';
import { ScopeGuard } from './scope.guard';
import { TokenThrottlerGuard } from './token-throttler.guard';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        // blockDuration 0: a sliding window of one minute, no penalty beyond it.
        throttlers: [{ ttl: MINUTE_MS, limit: env.PODFIT_RATE_LIMIT_PER_MINUTE, blockDuration: 0 }],
        skipIf: () => env.PODFIT_RATE_LIMIT_PER_MINUTE === 0,
      }),
    }),
  ],
  providers: [
    Authenticator,
    { provide: APP_GUARD, useClass: ScopeGuard },
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
