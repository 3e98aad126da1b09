-- Zoho webhook tokens are kept only as their SHA-256 digest ("sha256:<hex>"); a token issued before
-- keeps working, since the digest of what Zoho sends is compared with the digest stored here.
UPDATE "SmartConnectedItem"
SET "zohoWebhookToken" = 'sha256:' || encode(sha256(convert_to("zohoWebhookToken", 'UTF8')), 'hex')
WHERE "zohoWebhookToken" IS NOT NULL AND "zohoWebhookToken" NOT LIKE 'sha256:%';
