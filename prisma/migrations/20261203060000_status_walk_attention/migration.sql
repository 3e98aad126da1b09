-- Status walk on multi-step Jira workflows: a link remembers the Jira status it still has to reach
-- (unsettled until Jira's status matches), and a record that cannot be synced carries the reason.
-- Runs count the records they left needing attention.

-- AlterTable
ALTER TABLE "Link" ADD COLUMN "statusTarget" JSONB,
ADD COLUMN "needsAttention" TEXT,
ADD COLUMN "needsAttentionAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "needsAttention" INTEGER NOT NULL DEFAULT 0;
