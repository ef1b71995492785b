import { Global, Module } from '@nestjs/common';
import { Env } from '../config/env';
import { DatabaseService } from './database.service';

@Global()
@Module({
  providers: [
    { provide: DatabaseService, inject: [Env], useFactory: (env: Env) => DatabaseService.open(env) },
  ],
  exports: [DatabaseService],
})
export class DatabaseModule {}
