// What the API returns for an inventory.
import { ApiProperty } from '@nestjs/swagger';

export class InventoryView {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Goes up by one on every change; the ETag' }) version!: number;
  @ApiProperty() nodeCount!: number;
  @ApiProperty() podCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class InventoryListView {
  @ApiProperty({ type: [InventoryView] }) items!: InventoryView[];
}
