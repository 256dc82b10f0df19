-- CreateEnum
CREATE TYPE "submission_status" AS ENUM ('received', 'delivered', 'dead', 'no_destination');

-- CreateTable
CREATE TABLE "submission" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID,
    "flow_version_id" UUID,
    "session_id" UUID,
    "connection_id" UUID,
    "message_id" TEXT NOT NULL,
    "flow_token" TEXT,
    "customer_wa_id" TEXT,
    "customer_user_id" TEXT,
    "answers" JSON,
    "raw_response" TEXT,
    "response_error" TEXT,
    "fields" JSON NOT NULL DEFAULT '[]',
    "missing_required" JSON NOT NULL DEFAULT '[]',
    "destination_ids" JSON NOT NULL DEFAULT '[]',
    "status" "submission_status" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "answers_deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "destination" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempt" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "latency_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_alert" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID,
    "meta_flow_id" TEXT,
    "kind" TEXT NOT NULL,
    "alert_state" TEXT,
    "message" TEXT NOT NULL,
    "details" JSON,
    "read" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "submission_workspace_id_flow_id_received_at_idx" ON "submission"("workspace_id", "flow_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "submission_workspace_id_message_id_key" ON "submission"("workspace_id", "message_id");

-- CreateIndex
CREATE INDEX "destination_workspace_id_flow_id_idx" ON "destination"("workspace_id", "flow_id");

-- CreateIndex
CREATE INDEX "delivery_attempt_submission_id_created_at_idx" ON "delivery_attempt"("submission_id", "created_at");

-- CreateIndex
CREATE INDEX "flow_alert_workspace_id_read_created_at_idx" ON "flow_alert"("workspace_id", "read", "created_at");

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_flow_version_id_fkey" FOREIGN KEY ("flow_version_id") REFERENCES "flow_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "flow_session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destination" ADD CONSTRAINT "destination_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destination" ADD CONSTRAINT "destination_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_alert" ADD CONSTRAINT "flow_alert_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_alert" ADD CONSTRAINT "flow_alert_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
