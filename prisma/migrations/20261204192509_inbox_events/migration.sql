-- CreateEnum
CREATE TYPE "inbox_event_status" AS ENUM ('received', 'processed', 'malformed');

-- CreateTable
CREATE TABLE "inbox_event" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "connection_id" UUID,
    "app_id" TEXT NOT NULL,
    "raw" TEXT,
    "status" "inbox_event_status" NOT NULL DEFAULT 'received',
    "summary" JSONB,
    "problem" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_item" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "lease_until" TIMESTAMPTZ(3),
    "handled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_item_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "inbox_event_workspace_id_received_at_idx" ON "inbox_event"("workspace_id", "received_at");

-- CreateIndex
CREATE INDEX "inbox_event_status_received_at_idx" ON "inbox_event"("status", "received_at");

-- CreateIndex
CREATE INDEX "inbox_item_event_id_idx" ON "inbox_item"("event_id");

-- CreateIndex
CREATE INDEX "inbox_item_created_at_idx" ON "inbox_item"("created_at");

-- AddForeignKey
ALTER TABLE "inbox_event" ADD CONSTRAINT "inbox_event_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_event" ADD CONSTRAINT "inbox_event_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
