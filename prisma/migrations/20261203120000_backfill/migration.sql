-- Backfill of existing records (issue 12 §4): progress per run, per record, and the matching Jira issues.

-- CreateTable
CREATE TABLE "Backfill" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'zoho',
    "zohoPage" INTEGER NOT NULL DEFAULT 1,
    "jiraPageToken" TEXT,
    "jiraScanned" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "workflowId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Backfill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackfillRecord" (
    "backfillId" TEXT NOT NULL,
    "zohoRecordId" TEXT NOT NULL,
    "matchValue" TEXT,
    "record" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "jiraIssueKey" TEXT,
    "detail" TEXT,

    CONSTRAINT "BackfillRecord_pkey" PRIMARY KEY ("backfillId","zohoRecordId")
);

-- CreateTable
CREATE TABLE "BackfillCandidate" (
    "backfillId" TEXT NOT NULL,
    "matchValue" TEXT NOT NULL,
    "jiraIssueId" TEXT NOT NULL,
    "jiraIssueKey" TEXT NOT NULL,

    CONSTRAINT "BackfillCandidate_pkey" PRIMARY KEY ("backfillId","matchValue","jiraIssueId")
);

-- CreateIndex
CREATE INDEX "Backfill_sciId_startedAt_idx" ON "Backfill"("sciId", "startedAt");

-- CreateIndex
CREATE INDEX "BackfillRecord_backfillId_matchValue_idx" ON "BackfillRecord"("backfillId", "matchValue");

-- CreateIndex
CREATE INDEX "BackfillRecord_backfillId_state_idx" ON "BackfillRecord"("backfillId", "state");

-- AddForeignKey
ALTER TABLE "Backfill" ADD CONSTRAINT "Backfill_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackfillRecord" ADD CONSTRAINT "BackfillRecord_backfillId_fkey" FOREIGN KEY ("backfillId") REFERENCES "Backfill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackfillCandidate" ADD CONSTRAINT "BackfillCandidate_backfillId_fkey" FOREIGN KEY ("backfillId") REFERENCES "Backfill"("id") ON DELETE CASCADE ON UPDATE CASCADE;
