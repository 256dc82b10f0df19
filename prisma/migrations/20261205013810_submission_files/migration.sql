-- CreateEnum
CREATE TYPE "submission_file_status" AS ENUM ('pending', 'stored', 'fetched', 'failed');

-- CreateTable
CREATE TABLE "submission_file" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "media_id" TEXT NOT NULL,
    "file_name" TEXT,
    "mime_type" TEXT,
    "sha256" TEXT,
    "status" "submission_file_status" NOT NULL DEFAULT 'pending',
    "size" INTEGER,
    "content" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stored_at" TIMESTAMPTZ(3),
    "fetched_at" TIMESTAMPTZ(3),

    CONSTRAINT "submission_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "submission_file_workspace_id_submission_id_idx" ON "submission_file"("workspace_id", "submission_id");

-- CreateIndex
CREATE UNIQUE INDEX "submission_file_submission_id_field_media_id_key" ON "submission_file"("submission_id", "field", "media_id");

-- AddForeignKey
ALTER TABLE "submission_file" ADD CONSTRAINT "submission_file_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_file" ADD CONSTRAINT "submission_file_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
