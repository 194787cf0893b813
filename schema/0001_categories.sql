-- Stock categories: a tree. name_key is the trimmed, case- and accent-folded name, used
-- to keep sibling names unique (checked by the category mutators, not by a constraint,
-- because replicas must accept whatever the server confirmed).
-- Every replicated table has: id (device-generated UUID), deleted (tombstone), version
-- (server sequence that last wrote the row; 0 = not yet confirmed).
CREATE TABLE categories (
  id        TEXT PRIMARY KEY NOT NULL,
  parent_id TEXT,
  name      TEXT NOT NULL,
  name_key  TEXT NOT NULL,
  archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX categories_by_parent ON categories (parent_id, name_key);
CREATE INDEX categories_by_version ON categories (version);
