-- CreateEnum
CREATE TYPE "InstallationStatus" AS ENUM ('active', 'uninstalled');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('display_only', 'one_way', 'two_way', 'custom');

-- CreateEnum
CREATE TYPE "FieldOwner" AS ENUM ('zoho', 'jira', 'both');

-- CreateEnum
CREATE TYPE "ZohoModule" AS ENUM ('tasks', 'issues', 'milestones', 'timesheets');

-- CreateEnum
CREATE TYPE "RuleOperator" AS ENUM ('equals', 'not_equals', 'is_empty', 'is_not_empty');

-- CreateEnum
CREATE TYPE "LinkOrigin" AS ENUM ('manual', 'auto');

-- CreateEnum
CREATE TYPE "SyncDirection" AS ENUM ('zoho_to_jira', 'jira_to_zoho');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'succeeded', 'partial', 'failed');

-- CreateTable
CREATE TABLE "Installation" (
    "id" TEXT NOT NULL,
    "appId" TEXT,
    "cloudId" TEXT,
    "siteUrl" TEXT,
    "apiBaseUrl" TEXT NOT NULL,
    "status" "InstallationStatus" NOT NULL DEFAULT 'active',
    "systemTokenEnc" TEXT,
    "systemTokenExpiresAt" TIMESTAMP(3),
    "lastHeardAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZohoConnection" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "dataCenter" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEnc" TEXT NOT NULL,
    "refreshTokenEnc" TEXT NOT NULL,
    "accessTokenEnc" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "zohoUserName" TEXT,
    "zohoUserEmail" TEXT,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZohoConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartConnectedItem" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "SyncMode" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "zohoPortalId" TEXT NOT NULL,
    "zohoPortalName" TEXT,
    "zohoProjectId" TEXT NOT NULL,
    "zohoProjectName" TEXT,
    "zohoModule" "ZohoModule" NOT NULL,
    "jiraProjectIds" TEXT[],
    "jiraProjectKeys" TEXT[],
    "jiraIssueTypeId" TEXT,
    "jiraIssueTypeName" TEXT,
    "displayFields" TEXT[],
    "autoCreate" BOOLEAN NOT NULL DEFAULT false,
    "syncStatus" BOOLEAN NOT NULL DEFAULT false,
    "syncComments" BOOLEAN NOT NULL DEFAULT false,
    "syncAttachments" BOOLEAN NOT NULL DEFAULT false,
    "showAssociations" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmartConnectedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldMapping" (
    "id" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "jiraFieldId" TEXT NOT NULL,
    "jiraFieldName" TEXT,
    "zohoFieldId" TEXT NOT NULL,
    "zohoFieldName" TEXT,
    "owner" "FieldOwner" NOT NULL,

    CONSTRAINT "FieldMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConditionalSyncRule" (
    "id" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "zohoFieldId" TEXT NOT NULL,
    "zohoFieldName" TEXT,
    "operator" "RuleOperator" NOT NULL,
    "value" TEXT,
    "metJiraStatusId" TEXT NOT NULL,
    "metJiraStatusName" TEXT,
    "notMetJiraStatusId" TEXT,
    "notMetJiraStatusName" TEXT,
    "createIssueWhenNotMet" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ConditionalSyncRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "jiraIssueId" TEXT NOT NULL,
    "jiraIssueKey" TEXT NOT NULL,
    "zohoRecordId" TEXT NOT NULL,
    "zohoRecordKey" TEXT,
    "zohoRecordName" TEXT,
    "origin" "LinkOrigin" NOT NULL,
    "zohoNoteCommentId" TEXT,
    "lastZohoModifiedAt" TIMESTAMP(3),
    "lastJiraUpdatedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "baseline" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "sciId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "zohoModifiedAfter" TIMESTAMP(3),
    "lastFullScanAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("sciId")
);

-- CreateTable
CREATE TABLE "WriteReceipt" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "direction" "SyncDirection" NOT NULL,
    "valueHash" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WriteReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentMirror" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "zohoCommentId" TEXT NOT NULL,
    "jiraCommentId" TEXT NOT NULL,
    "origin" "SyncDirection" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentMirror_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttachmentMirror" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "zohoAttachmentId" TEXT NOT NULL,
    "jiraAttachmentId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "origin" "SyncDirection" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentMirror_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventReceipt" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'scheduled',
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "zohoCalls" INTEGER NOT NULL DEFAULT 0,
    "jiraCalls" INTEGER NOT NULL DEFAULT 0,
    "conflicts" JSONB NOT NULL DEFAULT '[]',
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutoCreateIntent" (
    "id" TEXT NOT NULL,
    "sciId" TEXT NOT NULL,
    "zohoRecordId" TEXT NOT NULL,
    "firstTryAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "jiraIssueId" TEXT,
    "jiraIssueKey" TEXT,

    CONSTRAINT "AutoCreateIntent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ZohoConnection_installationId_key" ON "ZohoConnection"("installationId");

-- CreateIndex
CREATE INDEX "SmartConnectedItem_installationId_idx" ON "SmartConnectedItem"("installationId");

-- CreateIndex
CREATE UNIQUE INDEX "SmartConnectedItem_installationId_name_key" ON "SmartConnectedItem"("installationId", "name");

-- CreateIndex
CREATE INDEX "FieldMapping_sciId_idx" ON "FieldMapping"("sciId");

-- CreateIndex
CREATE UNIQUE INDEX "FieldMapping_sciId_jiraFieldId_key" ON "FieldMapping"("sciId", "jiraFieldId");

-- CreateIndex
CREATE UNIQUE INDEX "ConditionalSyncRule_sciId_key" ON "ConditionalSyncRule"("sciId");

-- CreateIndex
CREATE INDEX "Link_installationId_jiraIssueId_idx" ON "Link"("installationId", "jiraIssueId");

-- CreateIndex
CREATE UNIQUE INDEX "Link_installationId_jiraIssueId_sciId_key" ON "Link"("installationId", "jiraIssueId", "sciId");

-- CreateIndex
CREATE UNIQUE INDEX "Link_sciId_zohoRecordId_key" ON "Link"("sciId", "zohoRecordId");

-- CreateIndex
CREATE UNIQUE INDEX "WriteReceipt_linkId_field_direction_key" ON "WriteReceipt"("linkId", "field", "direction");

-- CreateIndex
CREATE UNIQUE INDEX "CommentMirror_linkId_zohoCommentId_key" ON "CommentMirror"("linkId", "zohoCommentId");

-- CreateIndex
CREATE UNIQUE INDEX "CommentMirror_linkId_jiraCommentId_key" ON "CommentMirror"("linkId", "jiraCommentId");

-- CreateIndex
CREATE UNIQUE INDEX "AttachmentMirror_linkId_zohoAttachmentId_key" ON "AttachmentMirror"("linkId", "zohoAttachmentId");

-- CreateIndex
CREATE UNIQUE INDEX "AttachmentMirror_linkId_jiraAttachmentId_key" ON "AttachmentMirror"("linkId", "jiraAttachmentId");

-- CreateIndex
CREATE INDEX "EventReceipt_receivedAt_idx" ON "EventReceipt"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventReceipt_installationId_deliveryKey_key" ON "EventReceipt"("installationId", "deliveryKey");

-- CreateIndex
CREATE INDEX "SyncRun_sciId_startedAt_idx" ON "SyncRun"("sciId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_workflowId_runId_key" ON "SyncRun"("workflowId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "AutoCreateIntent_sciId_zohoRecordId_key" ON "AutoCreateIntent"("sciId", "zohoRecordId");

-- AddForeignKey
ALTER TABLE "ZohoConnection" ADD CONSTRAINT "ZohoConnection_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartConnectedItem" ADD CONSTRAINT "SmartConnectedItem_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldMapping" ADD CONSTRAINT "FieldMapping_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConditionalSyncRule" ADD CONSTRAINT "ConditionalSyncRule_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncCursor" ADD CONSTRAINT "SyncCursor_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WriteReceipt" ADD CONSTRAINT "WriteReceipt_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentMirror" ADD CONSTRAINT "CommentMirror_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentMirror" ADD CONSTRAINT "AttachmentMirror_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventReceipt" ADD CONSTRAINT "EventReceipt_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
