-- Reconciliation and the faster Zoho lane: per-item Zoho cadence and drift-check cadence, the
-- item's Zoho webhook secret, and drift counts on reconcile runs (kind 'reconcile').

-- AlterTable
ALTER TABLE "SmartConnectedItem" ADD COLUMN "zohoCadenceMinutes" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "reconcileEveryHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN "zohoWebhookToken" TEXT;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "driftFound" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "driftFixed" INTEGER NOT NULL DEFAULT 0;
