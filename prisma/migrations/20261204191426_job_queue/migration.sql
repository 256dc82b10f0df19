-- CreateEnum
CREATE TYPE "job_status" AS ENUM ('pending', 'running', 'done', 'dead');

-- CreateTable
CREATE TABLE "job" (
    "id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "key" TEXT,
    "workspace_id" UUID,
    "payload" JSONB,
    "status" "job_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_queue_status_run_at_idx" ON "job"("queue", "status", "run_at");

-- CreateIndex
CREATE INDEX "job_queue_status_locked_until_idx" ON "job"("queue", "status", "locked_until");

-- CreateIndex
CREATE UNIQUE INDEX "job_queue_key_key" ON "job"("queue", "key");
