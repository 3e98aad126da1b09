-- Event outbox: an accepted Jira event is durably recorded with its signal payload; the server's
-- relay delivers pending rows to the issue's entity workflow and marks them signalled.

-- AlterTable
ALTER TABLE "EventReceipt" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "jiraIssueId" TEXT,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL,
ADD COLUMN     "signal" JSONB,
ADD COLUMN     "signalledAt" TIMESTAMP(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'signalled';

-- CreateIndex
CREATE INDEX "EventReceipt_state_claimedAt_idx" ON "EventReceipt"("state", "claimedAt");
