-- CreateTable
CREATE TABLE "privacy_request" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "privacy_request_workspace_id_phone_created_at_idx" ON "privacy_request"("workspace_id", "phone", "created_at");

-- AddForeignKey
ALTER TABLE "privacy_request" ADD CONSTRAINT "privacy_request_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
