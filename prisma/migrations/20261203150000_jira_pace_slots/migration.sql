-- The shared Jira pace books send slots on one timeline instead of drawing from a token bucket:
-- a process gets several slots per round trip, so throughput no longer depends on database latency.
ALTER TABLE "JiraSitePace" DROP COLUMN "tokens";
ALTER TABLE "JiraSitePace" RENAME COLUMN "refilledAt" TO "nextSlotAt";
