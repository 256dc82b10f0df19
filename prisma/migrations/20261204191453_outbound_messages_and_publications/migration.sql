/*
  Warnings:

  - A unique constraint covering the columns `[message_id]` on the table `flow_session` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "outbound_message_status" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'read', 'failed');

-- AlterTable
ALTER TABLE "flow_session" ADD COLUMN     "flow_version_id" UUID,
ADD COLUMN     "message_id" TEXT,
ADD COLUMN     "recipient_user_id" TEXT,
ADD COLUMN     "recipient_wa_id" TEXT;

-- CreateTable
CREATE TABLE "flow_publication" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "meta_flow_id" TEXT,
    "meta_flow_name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flow_publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "session_id" UUID,
    "recipient_wa_id" TEXT,
    "recipient_user_id" TEXT,
    "kind" TEXT NOT NULL,
    "body" JSON,
    "idempotency_key" TEXT NOT NULL,
    "status" "outbound_message_status" NOT NULL DEFAULT 'queued',
    "wamid" TEXT,
    "error_code" INTEGER,
    "error_subcode" INTEGER,
    "error_message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "read_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "flow_publication_meta_flow_id_idx" ON "flow_publication"("meta_flow_id");

-- CreateIndex
CREATE UNIQUE INDEX "flow_publication_flow_id_connection_id_key" ON "flow_publication"("flow_id", "connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_idempotency_key_key" ON "outbound_message"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_wamid_key" ON "outbound_message"("wamid");

-- CreateIndex
CREATE INDEX "outbound_message_workspace_id_created_at_idx" ON "outbound_message"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "outbound_message_connection_id_status_idx" ON "outbound_message"("connection_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "flow_session_message_id_key" ON "flow_session"("message_id");

-- AddForeignKey
ALTER TABLE "flow_session" ADD CONSTRAINT "flow_session_flow_version_id_fkey" FOREIGN KEY ("flow_version_id") REFERENCES "flow_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_publication" ADD CONSTRAINT "flow_publication_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_publication" ADD CONSTRAINT "flow_publication_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_publication" ADD CONSTRAINT "flow_publication_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "flow_session"("id") ON DELETE SET NULL ON UPDATE CASCADE;
