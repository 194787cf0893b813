-- Device side of sync (local only, never replicated; unused on the server).

-- Pending mutations, in order. `changes` holds the before-images of every row the
-- mutation wrote locally ([{table, id, before}]) so it can be undone exactly on rebase.
CREATE TABLE sync_outbox (
  mutation_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  args        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  changes     TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- Key/value state: client_id, cookie (last pulled version), next_mutation_id,
-- clock_offset_ms, last_success_at, last_error.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

-- Mutations the server rejected, kept for the user to read until dismissed.
CREATE TABLE sync_rejections (
  mutation_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  args        TEXT NOT NULL,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  at          INTEGER NOT NULL
) STRICT;
