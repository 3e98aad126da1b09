-- One Jira pace per site shared by every server and worker process: a 429's Retry-After pauses the
-- site for all of them, and once Jira pushed back they draw from one token bucket (database clock).

-- CreateTable
CREATE TABLE "JiraSitePace" (
    "site" TEXT NOT NULL,
    "pausedUntil" TIMESTAMPTZ(3),
    "pacedUntil" TIMESTAMPTZ(3),
    "baseRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "riseFrom" TIMESTAMPTZ(3),
    "tokens" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "refilledAt" TIMESTAMPTZ(3),
    "last429At" TIMESTAMPTZ(3),
    "countSecond" BIGINT NOT NULL DEFAULT 0,
    "countCur" INTEGER NOT NULL DEFAULT 0,
    "countPrev" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JiraSitePace_pkey" PRIMARY KEY ("site")
);
