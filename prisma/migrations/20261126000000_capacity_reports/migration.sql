-- CreateTable
CREATE TABLE "capacity_reports" (
    "id" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inventory_id" UUID,
    "snapshot_id" UUID,
    "inventory_name" VARCHAR(253) NOT NULL,
    "inventory_version" INTEGER NOT NULL,
    "token_id" UUID,
    "inputs" JSONB NOT NULL,
    "report" JSON NOT NULL,
    "fits" BOOLEAN,
    "workload_count" INTEGER NOT NULL,

    CONSTRAINT "capacity_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "capacity_reports_created_at_id_idx" ON "capacity_reports"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "capacity_reports_kind_created_at_id_idx" ON "capacity_reports"("kind", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "capacity_reports_inventory_name_created_at_id_idx" ON "capacity_reports"("inventory_name", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "capacity_reports" ADD CONSTRAINT "capacity_reports_inventory_id_fkey" FOREIGN KEY ("inventory_id") REFERENCES "inventories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capacity_reports" ADD CONSTRAINT "capacity_reports_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "inventory_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capacity_reports" ADD CONSTRAINT "capacity_reports_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand (Prisma does not model CHECK constraints, and its migrations leave them alone): a report is
-- one of the four kinds the server computes.
ALTER TABLE "capacity_reports" ADD CONSTRAINT "capacity_reports_kind_check"
    CHECK ("kind" IN ('MaxReplicas', 'CapacityPlan', 'ScaleOut', 'Headroom'));
