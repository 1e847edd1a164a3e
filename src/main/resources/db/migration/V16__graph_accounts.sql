-- Issue 22: Microsoft Graph accounts (email-model.md section 8). Portable SQL: HSQLDB 2.7 and PostgreSQL 12+.

-- A Graph account has no authentication or security (it speaks https to Graph): both may now be NULL.
ALTER TABLE email_account ALTER COLUMN authentication DROP NOT NULL;
ALTER TABLE email_account ALTER COLUMN security DROP NOT NULL;

-- Its settings. URLs NULL: the global cloud's. The expiry is the admin's note of the secret's or certificate's end.
ALTER TABLE email_account ADD COLUMN graph_tenant_id VARCHAR(320);
ALTER TABLE email_account ADD COLUMN graph_client_id VARCHAR(500);
ALTER TABLE email_account ADD COLUMN graph_mailbox VARCHAR(320);
ALTER TABLE email_account ADD COLUMN graph_token_url VARCHAR(2000);
ALTER TABLE email_account ADD COLUMN graph_url VARCHAR(2000);
ALTER TABLE email_account ADD COLUMN graph_secret_expires_on DATE;

-- Its secrets, sealed (AES-GCM, "v1:..."): a client secret (2,000 characters seal to 8,043), or a
-- certificate and its private key (PEM up to 7,000 characters seal to 9,375; FieldLimits).
ALTER TABLE email_account ADD COLUMN graph_client_secret VARCHAR(8192);
ALTER TABLE email_account ADD COLUMN graph_certificate VARCHAR(16000);
ALTER TABLE email_account ADD COLUMN graph_private_key VARCHAR(16000);
