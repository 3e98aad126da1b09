-- Per-issue sync history: one row per action on a link (field update, status move, comment,
-- attachment, link/unlink, create, failure, skip), newest first per link, pruned by retention.

-- CreateTable
CREATE TABLE "SyncHistoryEntry" (
    "id" BIGSERIAL NOT NULL,
    "installationId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "jiraIssueId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "direction" TEXT,
    "kind" TEXT NOT NULL,
    "field" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "why" TEXT,
    "detail" TEXT,
    "workflowId" TEXT,
    "runId" TEXT,

    CONSTRAINT "SyncHistoryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncHistoryEntry_linkId_at_idx" ON "SyncHistoryEntry"("linkId", "at" DESC);

-- CreateIndex
CREATE INDEX "SyncHistoryEntry_at_idx" ON "SyncHistoryEntry"("at");

-- AddForeignKey
ALTER TABLE "SyncHistoryEntry" ADD CONSTRAINT "SyncHistoryEntry_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
