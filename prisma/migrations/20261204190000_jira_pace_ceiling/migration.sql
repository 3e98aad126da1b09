-- The shared Jira pace remembers the rate Jira refused at (the fleet's answers in the second before
-- an unpaced 429): the pace rises toward 90 % of it and no further until it relaxes and re-measures.
ALTER TABLE "JiraSitePace" ADD COLUMN "ceilingRate" DOUBLE PRECISION NOT NULL DEFAULT 0;
