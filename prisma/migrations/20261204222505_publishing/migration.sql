-- AlterTable
ALTER TABLE "flow_publication" ADD COLUMN     "categories" JSON,
ADD COLUMN     "cloned_from_meta_flow_id" TEXT,
ADD COLUMN     "create_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "endpoint_uri" TEXT,
ADD COLUMN     "preview_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "preview_url" TEXT,
ADD COLUMN     "published_at" TIMESTAMPTZ(3),
ADD COLUMN     "uploaded_hash" TEXT,
ADD COLUMN     "validation_errors" JSON;

-- CreateTable
CREATE TABLE "publish_run" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "content_hash" TEXT NOT NULL,
    "flow_json_text" TEXT NOT NULL,
    "meta_flow_id" TEXT,
    "uploaded" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "problems" JSON,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "publish_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_step" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "detail" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "publish_step_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "publish_run_workspace_id_flow_id_created_at_idx" ON "publish_run"("workspace_id", "flow_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "publish_step_run_id_position_key" ON "publish_step"("run_id", "position");

-- AddForeignKey
ALTER TABLE "publish_run" ADD CONSTRAINT "publish_run_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_run" ADD CONSTRAINT "publish_run_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_run" ADD CONSTRAINT "publish_run_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_step" ADD CONSTRAINT "publish_step_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "publish_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
