-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "error_details" TEXT;
