-- One Zoho call budget per connection shared by every server and worker process: each call is a
-- row, counted in a sliding window under a per-connection advisory lock; a throttle answer pauses
-- the connection for everyone.

-- CreateTable
CREATE TABLE "ZohoCall" (
    "id" BIGSERIAL NOT NULL,
    "connectionKey" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lane" TEXT NOT NULL,

    CONSTRAINT "ZohoCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZohoBudgetPause" (
    "connectionKey" TEXT NOT NULL,
    "pausedUntil" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ZohoBudgetPause_pkey" PRIMARY KEY ("connectionKey")
);

-- CreateIndex
CREATE INDEX "ZohoCall_connectionKey_at_idx" ON "ZohoCall"("connectionKey", "at");
