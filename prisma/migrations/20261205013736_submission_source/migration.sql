-- CreateEnum
CREATE TYPE "submission_source" AS ENUM ('completion', 'endpoint', 'message');

-- AlterTable
ALTER TABLE "submission" ADD COLUMN     "source" "submission_source" NOT NULL DEFAULT 'completion';
