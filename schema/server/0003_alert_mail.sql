-- E-mail alert digests (sync-server/alert_digest.h): what each user receives, chosen by an
-- administrator, and which digests went out (so the daily run sends one per user and day,
-- even after a restart).
ALTER TABLE users ADD COLUMN mail_stock INTEGER NOT NULL DEFAULT 0 CHECK (mail_stock IN (0, 1));
ALTER TABLE users ADD COLUMN mail_orders INTEGER NOT NULL DEFAULT 0 CHECK (mail_orders IN (0, 1));
ALTER TABLE users ADD COLUMN mail_maintenance INTEGER NOT NULL DEFAULT 0
  CHECK (mail_maintenance IN (0, 1));
ALTER TABLE users ADD COLUMN mail_language TEXT NOT NULL DEFAULT 'fr'
  CHECK (mail_language IN ('fr', 'en'));

CREATE TABLE alert_digests_sent (
  day      TEXT NOT NULL,     -- YYYY-MM-DD, the digest's date
  user_id  TEXT NOT NULL REFERENCES users (id),
  sent_at  INTEGER NOT NULL,  -- Unix seconds
  PRIMARY KEY (day, user_id)
) STRICT;
