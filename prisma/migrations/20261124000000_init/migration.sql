-- CreateTable
CREATE TABLE "inventories" (
    "id" UUID NOT NULL,
    "name" VARCHAR(253) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_snapshots" (
    "id" UUID NOT NULL,
    "inventory_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "node_count" INTEGER NOT NULL,
    "pod_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nodes" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" VARCHAR(253) NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "taints" JSONB NOT NULL DEFAULT '[]',
    "unschedulable" BOOLEAN NOT NULL DEFAULT false,
    "allocatable" JSONB,
    "capacity" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bound_pods" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "namespace" VARCHAR(253) NOT NULL,
    "name" VARCHAR(253) NOT NULL,
    "node_name" VARCHAR(253) NOT NULL,
    "phase" VARCHAR(32) NOT NULL DEFAULT '',
    "labels" JSONB NOT NULL DEFAULT '{}',
    "pod" JSONB NOT NULL,

    CONSTRAINT "bound_pods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analyses" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "manifest" JSONB NOT NULL,
    "manifest_sha256" CHAR(64) NOT NULL,
    "field_validation" VARCHAR(8) NOT NULL,
    "inventory_id" UUID,
    "inventory_name" VARCHAR(253),
    "inventory_version" INTEGER,
    "snapshot_id" UUID,
    "result" JSONB NOT NULL,
    "idempotency_key" VARCHAR(255),
    "request_sha256" CHAR(64),

    CONSTRAINT "analyses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analysis_workloads" (
    "id" BIGSERIAL NOT NULL,
    "analysis_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "inventory_name" VARCHAR(253),
    "kind" VARCHAR(64) NOT NULL,
    "namespace" VARCHAR(253) NOT NULL,
    "name" VARCHAR(253) NOT NULL,
    "replicas" INTEGER,
    "is_valid" BOOLEAN NOT NULL,
    "qos_class" VARCHAR(16),
    "cpu_millis" BIGINT,
    "memory_bytes" BIGINT,
    "requests" JSONB,
    "limits" JSONB,
    "feasible_nodes" INTEGER,
    "total_nodes" INTEGER,
    "is_schedulable" BOOLEAN,
    "previous_workload_id" BIGINT,
    "change" JSONB,

    CONSTRAINT "analysis_workloads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inventories_name_key" ON "inventories"("name");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_snapshots_inventory_id_version_key" ON "inventory_snapshots"("inventory_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "nodes_snapshot_id_name_key" ON "nodes"("snapshot_id", "name");

-- CreateIndex
CREATE INDEX "bound_pods_snapshot_id_node_name_idx" ON "bound_pods"("snapshot_id", "node_name");

-- CreateIndex
CREATE UNIQUE INDEX "analyses_idempotency_key_key" ON "analyses"("idempotency_key");

-- CreateIndex
CREATE INDEX "analyses_created_at_id_idx" ON "analyses"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "analyses_inventory_name_created_at_idx" ON "analyses"("inventory_name", "created_at" DESC);

-- CreateIndex
CREATE INDEX "analyses_labels_idx" ON "analyses" USING GIN ("labels");

-- CreateIndex
CREATE UNIQUE INDEX "analysis_workloads_analysis_id_ordinal_key" ON "analysis_workloads"("analysis_id", "ordinal");

-- CreateIndex
CREATE INDEX "analysis_workloads_kind_namespace_name_inventory_name_creat_idx" ON "analysis_workloads"("kind", "namespace", "name", "inventory_name", "created_at" DESC);

-- CreateIndex
CREATE INDEX "analysis_workloads_namespace_created_at_idx" ON "analysis_workloads"("namespace", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "inventory_snapshots" ADD CONSTRAINT "inventory_snapshots_inventory_id_fkey" FOREIGN KEY ("inventory_id") REFERENCES "inventories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "inventory_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bound_pods" ADD CONSTRAINT "bound_pods_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "inventory_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_inventory_id_fkey" FOREIGN KEY ("inventory_id") REFERENCES "inventories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "inventory_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_workloads" ADD CONSTRAINT "analysis_workloads_analysis_id_fkey" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_workloads" ADD CONSTRAINT "analysis_workloads_previous_workload_id_fkey" FOREIGN KEY ("previous_workload_id") REFERENCES "analysis_workloads"("id") ON DELETE SET NULL ON UPDATE CASCADE;
