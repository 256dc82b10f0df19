-- DropIndex
DROP INDEX "job_queue_status_locked_until_idx";
