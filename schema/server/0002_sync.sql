-- Server side of sync: the global version, the devices (clients) and the mutation log,
-- which is also the audit trail.

-- One row: the last version assigned. Versions are assigned by the single writer, in
-- commit order, so a device that pulled version N never misses a row of version <= N.
CREATE TABLE server_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO server_state (id, version) VALUES (1, 0);

-- A device's client id belongs to exactly one user.
CREATE TABLE sync_clients (
  client_id        TEXT PRIMARY KEY NOT NULL,
  user_id          TEXT NOT NULL REFERENCES users (id),
  last_mutation_id INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL
) STRICT;

-- Every processed mutation, accepted or rejected (the audit trail).
CREATE TABLE mutation_log (
  seq          INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL,
  mutation_id  INTEGER NOT NULL,
  user_id      TEXT NOT NULL,
  name         TEXT NOT NULL,
  args         TEXT NOT NULL,
  device_time  INTEGER,
  server_time  INTEGER NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('accepted', 'rejected')),
  code         TEXT,
  message      TEXT,
  version      INTEGER,
  touched      TEXT NOT NULL DEFAULT '[]',  -- JSON ["table:id", ...]
  UNIQUE (client_id, mutation_id)
) STRICT;
CREATE INDEX mutation_log_by_user ON mutation_log (user_id, server_time);
CREATE INDEX mutation_log_by_name ON mutation_log (name, server_time);
CREATE INDEX mutation_log_by_time ON mutation_log (server_time);
