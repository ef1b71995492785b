import { Module } from '@nestjs/common';
import { InventoriesController } from './inventories.controller';
import { InventoriesResolver } from './inventories.resolver';
import { InventoriesService } from './inventories.service';
import { InventorySnapshotsService } from './inventory-snapshots.service';

@Module({
  controllers: [InventoriesController],
  providers: [InventoriesService, InventorySnapshotsService, InventoriesResolver],
  exports: [InventoriesService, InventorySnapshotsService],
})
export class InventoriesModule {}
