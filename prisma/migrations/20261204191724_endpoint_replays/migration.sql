-- CreateTable
CREATE TABLE "endpoint_replay" (
    "fingerprint" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "http_status" INTEGER,
    "answer" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "endpoint_replay_pkey" PRIMARY KEY ("fingerprint")
);

-- CreateIndex
CREATE INDEX "endpoint_replay_expires_at_idx" ON "endpoint_replay"("expires_at");
