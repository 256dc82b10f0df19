-- CreateTable
CREATE TABLE "audit_entry" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSON,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_policy" (
    "workspace_id" UUID NOT NULL,
    "raw_webhook_hours" INTEGER NOT NULL DEFAULT 24,
    "delete_delivered_submissions" BOOLEAN NOT NULL DEFAULT true,
    "submission_days" INTEGER NOT NULL DEFAULT 30,
    "log_days" INTEGER NOT NULL DEFAULT 14,
    "session_days" INTEGER NOT NULL DEFAULT 7,
    "alert_days" INTEGER NOT NULL DEFAULT 90,
    "audit_days" INTEGER NOT NULL DEFAULT 365,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "retention_policy_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateIndex
CREATE INDEX "audit_entry_workspace_id_at_idx" ON "audit_entry"("workspace_id", "at");

-- CreateIndex
CREATE INDEX "audit_entry_at_idx" ON "audit_entry"("at");

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_policy" ADD CONSTRAINT "retention_policy_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
