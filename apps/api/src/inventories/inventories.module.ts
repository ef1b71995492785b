import { Module } from '@nestjs/common';
import { InventoriesController } from './inventories.controller';
import { InventoriesService } from './inventories.service';
import { InventorySnapshotsService } from './inventory-snapshots.service';

@Module({
  controllers: [InventoriesController],
  providers: [InventoriesService, InventorySnapshotsService],
  exports: [InventoriesService, InventorySnapshotsService],
})
export class InventoriesModule {}
