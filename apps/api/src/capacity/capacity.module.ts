import { Module } from '@nestjs/common';
import { InventoriesModule } from '../inventories/inventories.module';
import { CapacityController } from './capacity.controller';
import { CapacityResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';
import { CapacityStore } from './capacity-store';

@Module({
  imports: [InventoriesModule],
  controllers: [CapacityController],
  providers: [CapacityService, CapacityStore, CapacityResolver],
  exports: [CapacityService],
})
export class CapacityModule {}
