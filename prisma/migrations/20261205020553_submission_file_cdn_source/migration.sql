-- AlterTable
ALTER TABLE "submission_file" ADD COLUMN     "cdn_source" TEXT;
