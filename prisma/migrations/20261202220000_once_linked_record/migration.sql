-- A record linked once is not auto-created again after an unlink: every Link insert, whatever
-- wrote it (panel, auto-create, tests), is remembered per SCI and Zoho record.

-- CreateTable
CREATE TABLE "OnceLinkedRecord" (
    "sciId" TEXT NOT NULL,
    "zohoRecordId" TEXT NOT NULL,
    "jiraIssueKey" TEXT NOT NULL,
    "firstLinkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnceLinkedRecord_pkey" PRIMARY KEY ("sciId","zohoRecordId")
);

-- AddForeignKey
ALTER TABLE "OnceLinkedRecord" ADD CONSTRAINT "OnceLinkedRecord_sciId_fkey" FOREIGN KEY ("sciId") REFERENCES "SmartConnectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Remember every linked record (links that exist today included).
INSERT INTO "OnceLinkedRecord" ("sciId", "zohoRecordId", "jiraIssueKey")
SELECT "sciId", "zohoRecordId", "jiraIssueKey" FROM "Link"
ON CONFLICT DO NOTHING;

CREATE FUNCTION remember_linked_record() RETURNS trigger AS $$
BEGIN
  INSERT INTO "OnceLinkedRecord" ("sciId", "zohoRecordId", "jiraIssueKey")
  VALUES (NEW."sciId", NEW."zohoRecordId", NEW."jiraIssueKey")
  ON CONFLICT ("sciId", "zohoRecordId") DO UPDATE SET "jiraIssueKey" = EXCLUDED."jiraIssueKey";
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Link_remember_linked_record" AFTER INSERT ON "Link"
FOR EACH ROW EXECUTE FUNCTION remember_linked_record();
