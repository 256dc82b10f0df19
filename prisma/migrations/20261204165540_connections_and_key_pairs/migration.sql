-- CreateEnum
CREATE TYPE "key_pair_status" AS ENUM ('active', 'retiring', 'retired');

-- CreateTable
CREATE TABLE "connection" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "waba_id" TEXT NOT NULL,
    "phone_number_id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "app_secret" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "webhook_verify_token" TEXT NOT NULL,
    "graph_api_url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_pair" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "private_key" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" "key_pair_status" NOT NULL,
    "retires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploaded_at" TIMESTAMPTZ(3),
    "signature_status" TEXT,
    "signature_checked_at" TIMESTAMPTZ(3),

    CONSTRAINT "key_pair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "connection_phone_number_id_idx" ON "connection"("phone_number_id");

-- CreateIndex
CREATE UNIQUE INDEX "connection_workspace_id_name_key" ON "connection"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "key_pair_connection_id_status_idx" ON "key_pair"("connection_id", "status");

-- AddForeignKey
ALTER TABLE "connection" ADD CONSTRAINT "connection_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_pair" ADD CONSTRAINT "key_pair_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
