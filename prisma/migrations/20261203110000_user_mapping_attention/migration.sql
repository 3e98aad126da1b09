-- Needs attention beyond status (a value Zoho or Jira refused, a user who cannot be mapped) and
-- user mapping: an admin table pairing Zoho users with Jira accounts, and a per-item policy for
-- users who have no counterpart. The status walk keeps Link.needsAttention; field writes own
-- Link.attention, so neither clears the other's reason.

-- CreateEnum
CREATE TYPE "UnmappedUserPolicy" AS ENUM ('unassigned', 'default_user', 'attention');

-- AlterTable
ALTER TABLE "SmartConnectedItem" ADD COLUMN "unmappedUserPolicy" "UnmappedUserPolicy" NOT NULL DEFAULT 'attention',
ADD COLUMN "unmappedUserJiraDefault" TEXT,
ADD COLUMN "unmappedUserZohoDefault" TEXT;

-- AlterTable
ALTER TABLE "Link" ADD COLUMN "attention" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "UserMapping" (
    "id" TEXT NOT NULL,
    "installationId" TEXT NOT NULL,
    "zohoPortalId" TEXT NOT NULL,
    "zohoUserId" TEXT NOT NULL,
    "zohoName" TEXT,
    "zohoEmail" TEXT,
    "jiraAccountId" TEXT NOT NULL,
    "jiraDisplayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserMapping_installationId_idx" ON "UserMapping"("installationId");

-- CreateIndex
CREATE UNIQUE INDEX "UserMapping_installationId_zohoPortalId_zohoUserId_key" ON "UserMapping"("installationId", "zohoPortalId", "zohoUserId");

-- CreateIndex
CREATE UNIQUE INDEX "UserMapping_installationId_zohoPortalId_jiraAccountId_key" ON "UserMapping"("installationId", "zohoPortalId", "jiraAccountId");

-- AddForeignKey
ALTER TABLE "UserMapping" ADD CONSTRAINT "UserMapping_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
