-- CreateEnum
CREATE TYPE "flow_session_status" AS ENUM ('open', 'closed');

-- AlterTable
ALTER TABLE "flow" ADD COLUMN     "endpoint_debug" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "endpoint_test_mode" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "flow_session" (
    "id" UUID NOT NULL,
    "flow_token" TEXT NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "connection_id" UUID,
    "status" "flow_session_status" NOT NULL DEFAULT 'open',
    "test_mode" BOOLEAN NOT NULL DEFAULT false,
    "state" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flow_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoint_call" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "session_id" UUID,
    "connection_id" UUID,
    "action" TEXT,
    "screen" TEXT,
    "http_status" INTEGER NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "debug_payload" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "endpoint_call_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "flow_session_flow_token_key" ON "flow_session"("flow_token");

-- CreateIndex
CREATE INDEX "flow_session_flow_id_status_idx" ON "flow_session"("flow_id", "status");

-- CreateIndex
CREATE INDEX "endpoint_call_flow_id_created_at_idx" ON "endpoint_call"("flow_id", "created_at");

-- AddForeignKey
ALTER TABLE "flow_session" ADD CONSTRAINT "flow_session_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_session" ADD CONSTRAINT "flow_session_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_session" ADD CONSTRAINT "flow_session_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_call" ADD CONSTRAINT "endpoint_call_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_call" ADD CONSTRAINT "endpoint_call_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_call" ADD CONSTRAINT "endpoint_call_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "flow_session"("id") ON DELETE SET NULL ON UPDATE CASCADE;
