-- Stock: reference data, the movement ledger, counts, alert acknowledgements.
-- Conventions (see 0001): id TEXT uuid, deleted tombstone, version = server sequence.
-- Quantities are integers in thousandths of the item's unit ("milli", 3 decimals, exact).
-- Money is integer cents. Times are integers in milliseconds since the Unix epoch (UTC).
-- Uniqueness of human keys (references, barcodes, names) is checked by the mutators, not
-- by constraints: a replica must accept whatever the server confirmed.

-- Custom attribute definitions, per category (an item's category decides its attributes).
CREATE TABLE attribute_defs (
  id          TEXT PRIMARY KEY NOT NULL,
  category_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice')),
  unit        TEXT,
  required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  choices     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings, for type 'choice'
  position    INTEGER NOT NULL DEFAULT 0,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX attribute_defs_by_category ON attribute_defs (category_id, position);
CREATE INDEX attribute_defs_by_version ON attribute_defs (version);

CREATE TABLE suppliers (
  id       TEXT PRIMARY KEY NOT NULL,
  name     TEXT NOT NULL,
  name_key TEXT NOT NULL,
  contact  TEXT,
  email    TEXT,
  phone    TEXT,
  notes    TEXT,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX suppliers_by_name ON suppliers (name_key);
CREATE INDEX suppliers_by_version ON suppliers (version);

-- Locations: a tree (warehouse > zone > bin), vehicles, client sites. All can hold stock.
CREATE TABLE locations (
  id        TEXT PRIMARY KEY NOT NULL,
  parent_id TEXT,
  kind      TEXT NOT NULL CHECK (kind IN ('warehouse', 'zone', 'bin', 'vehicle', 'site')),
  name      TEXT NOT NULL,
  name_key  TEXT NOT NULL,
  code      TEXT,
  notes     TEXT,
  archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX locations_by_parent ON locations (parent_id, name_key);
CREATE INDEX locations_by_version ON locations (version);

CREATE TABLE items (
  id               TEXT PRIMARY KEY NOT NULL,
  reference        TEXT NOT NULL,
  reference_key    TEXT NOT NULL,   -- trimmed, case-folded: unique among live items
  label            TEXT NOT NULL,
  description      TEXT,
  category_id      TEXT,
  unit             TEXT NOT NULL DEFAULT 'piece',
  unit_price_cents INTEGER NOT NULL DEFAULT 0,
  supplier_id      TEXT,
  supplier_ref     TEXT,
  barcode          TEXT,            -- unique among live items when set
  min_qty          INTEGER NOT NULL DEFAULT 0,  -- milli-units, global minimum
  attributes       TEXT NOT NULL DEFAULT '{}',  -- JSON {attribute_def_id: value}
  archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX items_by_reference ON items (reference_key);
CREATE INDEX items_by_barcode ON items (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX items_by_category ON items (category_id);
CREATE INDEX items_by_version ON items (version);

-- Per-location minimum quantity (overrides nothing: both the global and the per-location
-- minimum raise their own alert).
CREATE TABLE item_location_mins (
  id          TEXT PRIMARY KEY NOT NULL,
  item_id     TEXT NOT NULL,
  location_id TEXT NOT NULL,
  min_qty     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX item_location_mins_by_item ON item_location_mins (item_id, location_id);
CREATE INDEX item_location_mins_by_version ON item_location_mins (version);

-- THE LEDGER. Append-only: mutators only insert; a mistake is corrected by a reversing
-- entry (reverses_id). kind:
--   receipt     +qty at to_location (from a supplier, unit_cost_cents)
--   issue       -qty at from_location (optionally for a task, to a client site)
--   transfer    -qty at from_location, +qty at to_location
--   adjustment  +qty (signed) at to_location, with a reason
--   count       observation: the quantity at to_location WAS qty at occurred_at
-- On-hand(item, location) = latest count (by occurred_at, id) + every effect after it.
CREATE TABLE stock_movements (
  id               TEXT PRIMARY KEY NOT NULL,
  item_id          TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'transfer', 'adjustment', 'count')),
  from_location_id TEXT,
  to_location_id   TEXT,
  qty              INTEGER NOT NULL,
  unit_cost_cents  INTEGER,
  supplier_id      TEXT,
  task_id          TEXT,
  site_id          TEXT,            -- issue: the client site the parts went to
  count_session_id TEXT,
  reverses_id      TEXT,
  reason           TEXT,
  note             TEXT,
  occurred_at      INTEGER NOT NULL,
  actor_id         TEXT NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX stock_movements_by_item_to ON stock_movements (item_id, to_location_id, occurred_at);
CREATE INDEX stock_movements_by_item_from ON stock_movements (item_id, from_location_id, occurred_at);
CREATE INDEX stock_movements_by_time ON stock_movements (occurred_at);
CREATE INDEX stock_movements_by_task ON stock_movements (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX stock_movements_by_version ON stock_movements (version);

-- Every effect of the ledger on one (item, location): one row per side of a movement.
CREATE VIEW stock_effects AS
  SELECT id, item_id, to_location_id AS location_id, kind, occurred_at,
         qty AS delta, (kind = 'count') AS is_count
    FROM stock_movements WHERE deleted = 0 AND to_location_id IS NOT NULL
  UNION ALL
  SELECT id, item_id, from_location_id AS location_id, kind, occurred_at,
         -qty AS delta, 0 AS is_count
    FROM stock_movements WHERE deleted = 0 AND from_location_id IS NOT NULL;

-- Cache of the fold, maintained by the triggers below for every (item, location) a ledger
-- row touches, whatever writes it (a mutator, a pulled server row, an undo). Local only:
-- not replicated. A test proves it always equals the fold.
CREATE TABLE stock_onhand (
  item_id       TEXT NOT NULL,
  location_id   TEXT NOT NULL,
  qty           INTEGER NOT NULL,
  last_count_at INTEGER,
  PRIMARY KEY (item_id, location_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stock_onhand_by_location ON stock_onhand (location_id);

CREATE TABLE stock_onhand_dirty (
  item_id     TEXT NOT NULL,
  location_id TEXT NOT NULL,
  PRIMARY KEY (item_id, location_id)
) STRICT, WITHOUT ROWID;

-- Recomputes the cache for every dirty pair, then clears the dirty set.
-- (No OR REPLACE/OR IGNORE in these triggers: SQLite lets the conflict policy of the
-- statement that fired a trigger override the one inside it.)
CREATE TRIGGER stock_onhand_refresh AFTER INSERT ON stock_onhand_dirty BEGIN
  DELETE FROM stock_onhand WHERE item_id = NEW.item_id AND location_id = NEW.location_id;
  INSERT INTO stock_onhand (item_id, location_id, qty, last_count_at)
  SELECT NEW.item_id, NEW.location_id,
         coalesce(c.qty, 0) + coalesce((
           SELECT sum(e.delta) FROM stock_effects e
            WHERE e.item_id = NEW.item_id AND e.location_id = NEW.location_id AND e.is_count = 0
              AND (c.id IS NULL OR (e.occurred_at, e.id) > (c.occurred_at, c.id))), 0),
         c.occurred_at
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT id, qty, occurred_at FROM stock_movements
                WHERE item_id = NEW.item_id AND to_location_id = NEW.location_id
                  AND kind = 'count' AND deleted = 0
                ORDER BY occurred_at DESC, id DESC LIMIT 1) AS c;
  DELETE FROM stock_onhand_dirty WHERE item_id = NEW.item_id AND location_id = NEW.location_id;
END;

-- Appending a movement (the common case) updates the cache incrementally: its effect is
-- added unless a later count at that (item, location) already absorbs it. A count, an
-- update or a delete (undo on rebase) recomputes the affected pairs from the ledger.
CREATE TRIGGER stock_movements_ai_to AFTER INSERT ON stock_movements
WHEN NEW.kind <> 'count' AND NEW.deleted = 0 AND NEW.to_location_id IS NOT NULL BEGIN
  INSERT INTO stock_onhand (item_id, location_id, qty, last_count_at)
  SELECT NEW.item_id, NEW.to_location_id, NEW.qty, NULL
   WHERE NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = NEW.item_id AND c.to_location_id = NEW.to_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (NEW.occurred_at, NEW.id))
  ON CONFLICT (item_id, location_id) DO UPDATE SET qty = qty + excluded.qty;
END;
CREATE TRIGGER stock_movements_ai_from AFTER INSERT ON stock_movements
WHEN NEW.kind <> 'count' AND NEW.deleted = 0 AND NEW.from_location_id IS NOT NULL BEGIN
  INSERT INTO stock_onhand (item_id, location_id, qty, last_count_at)
  SELECT NEW.item_id, NEW.from_location_id, -NEW.qty, NULL
   WHERE NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = NEW.item_id AND c.to_location_id = NEW.from_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (NEW.occurred_at, NEW.id))
  ON CONFLICT (item_id, location_id) DO UPDATE SET qty = qty + excluded.qty;
END;
CREATE TRIGGER stock_movements_ai_count AFTER INSERT ON stock_movements
WHEN NEW.kind = 'count' OR NEW.deleted = 1 BEGIN
  INSERT INTO stock_onhand_dirty SELECT NEW.item_id, NEW.to_location_id WHERE NEW.to_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT NEW.item_id, NEW.from_location_id WHERE NEW.from_location_id IS NOT NULL;
END;
CREATE TRIGGER stock_movements_au AFTER UPDATE ON stock_movements BEGIN
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.to_location_id WHERE OLD.to_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.from_location_id WHERE OLD.from_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT NEW.item_id, NEW.to_location_id WHERE NEW.to_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT NEW.item_id, NEW.from_location_id WHERE NEW.from_location_id IS NOT NULL;
END;
CREATE TRIGGER stock_movements_ad AFTER DELETE ON stock_movements BEGIN
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.to_location_id WHERE OLD.to_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.from_location_id WHERE OLD.from_location_id IS NOT NULL;
END;

-- Count sessions and their lines. Closing a session writes one 'count' movement per
-- counted item, at the time its (last) line was counted.
CREATE TABLE count_sessions (
  id           TEXT PRIMARY KEY NOT NULL,
  location_id  TEXT NOT NULL,
  name         TEXT,
  scope        TEXT NOT NULL CHECK (scope IN ('all', 'category', 'list')),
  category_id  TEXT,
  item_ids     TEXT NOT NULL DEFAULT '[]',  -- JSON array, scope 'list'
  blind        INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
  repeat_mode  TEXT NOT NULL DEFAULT 'add' CHECK (repeat_mode IN ('add', 'replace')),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_at    INTEGER NOT NULL,
  opened_by    TEXT NOT NULL,
  closed_at    INTEGER,
  closed_by    TEXT,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX count_sessions_by_location ON count_sessions (location_id, status);
CREATE INDEX count_sessions_by_version ON count_sessions (version);

CREATE TABLE count_lines (
  id         TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  qty        INTEGER NOT NULL,          -- milli-units: added or replacing, per repeat_mode
  counted_at INTEGER NOT NULL,
  actor_id   TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),  -- undone
  version    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX count_lines_by_session ON count_lines (session_id, counted_at);
CREATE INDEX count_lines_by_version ON count_lines (version);

-- Acknowledged alerts. An alert stays hidden while its severity is not worse than the
-- severity recorded here; it reappears when the situation worsens.
CREATE TABLE alert_acks (
  id          TEXT PRIMARY KEY NOT NULL,
  alert_key   TEXT NOT NULL,   -- kind:item_id:location_id
  severity    INTEGER NOT NULL,
  acked_at    INTEGER NOT NULL,
  actor_id    TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX alert_acks_by_key ON alert_acks (alert_key, acked_at);
CREATE INDEX alert_acks_by_version ON alert_acks (version);

-- Full-text search over items (query item.search, core/stock/search.h): reference, label,
-- barcode, supplier reference and text attributes; unicode61 with diacritics removed, so
-- "ecrou" finds "Écrou"; prefix indexes for 1 to 3 characters (type-ahead).
-- Only live items (deleted = 0) are indexed. `filters` holds filter tokens so that filtering
-- happens inside the index, without reading items rows for every match: "archived" for
-- archived items and "c" + the category id without dashes.
-- The search expression always restricts the user's words to the first five columns.
-- The rowid is items.rowid (kept by UPDATE and by VACUUM, because items has indexes).
CREATE VIRTUAL TABLE items_fts USING fts5 (
  reference, label, barcode, supplier_ref, attributes_text, filters,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TRIGGER items_fts_ai AFTER INSERT ON items WHEN NEW.deleted = 0 BEGIN
  INSERT INTO items_fts (rowid, reference, label, barcode, supplier_ref, attributes_text,
                         filters)
  VALUES (NEW.rowid, NEW.reference, NEW.label, NEW.barcode, NEW.supplier_ref,
          (SELECT group_concat(value, ' ') FROM json_each(NEW.attributes) WHERE type = 'text'),
          iif(NEW.archived, 'archived ', '') || coalesce('c' || replace(NEW.category_id, '-', ''), ''));
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  DELETE FROM items_fts WHERE rowid = OLD.rowid;
END;
-- Only when an indexed value changes (a version stamp alone does not re-index).
CREATE TRIGGER items_fts_au AFTER UPDATE OF reference, label, barcode, supplier_ref, attributes,
    category_id, archived, deleted ON items BEGIN
  DELETE FROM items_fts WHERE rowid = OLD.rowid;
  INSERT INTO items_fts (rowid, reference, label, barcode, supplier_ref, attributes_text,
                         filters)
  SELECT NEW.rowid, NEW.reference, NEW.label, NEW.barcode, NEW.supplier_ref,
         (SELECT group_concat(value, ' ') FROM json_each(NEW.attributes) WHERE type = 'text'),
         iif(NEW.archived, 'archived ', '') || coalesce('c' || replace(NEW.category_id, '-', ''), '')
   WHERE NEW.deleted = 0;
END;
