-- The database's epoch: a random id that restore-database replaces, so devices holding rows
-- from before the restore (versions the server no longer has) start over instead of
-- silently missing what the server writes next under the same version numbers
-- (core/sync/client.h, "Epochs"; docs/operations.md, "Restoring a backup").
ALTER TABLE server_state ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
UPDATE server_state SET epoch = lower(hex(randomblob(16)));
