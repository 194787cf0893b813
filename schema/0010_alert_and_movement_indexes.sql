-- What the landing screens read at scale (docs/benchmarks.md, "Dashboard": 100,000 items,
-- 1,000,000 movements, 20,000 work orders). Local caches and indexes only: nothing here is
-- replicated, every device and the server derive them from the rows they hold.

-- 1. Stock alerts (core/stock/alerts.cc) read only the on-hand rows that may alert: negative
--    ones, and those not counted since a date (never counted: 0). Without them, every badge
--    refresh walked every on-hand row (400,000 in the benchmark: 7 s in the browser).
CREATE INDEX stock_onhand_negative ON stock_onhand (item_id) WHERE qty < 0;
CREATE INDEX stock_onhand_to_count ON stock_onhand (coalesce(last_count_at, 0)) WHERE qty <> 0;
-- Items with a global minimum (the under-minimum alerts and the dashboard's count): covering,
-- so counting them reads no item row.
CREATE INDEX items_with_min ON items (min_qty, deleted, archived, id) WHERE min_qty > 0;

-- 2. Live movements per day (UTC day number: occurred_at / 86,400,000) and kind: the
--    dashboard's movements over time without a location or category filter reads this
--    instead of every movement of the period. Kept by the triggers below whatever writes the
--    ledger (a mutator, a pulled row, an undo before a rebase);
--    tests/core/stock/ledger_property_test.cc proves it always equals the grouped ledger.
CREATE TABLE stock_movement_days (
  day  INTEGER NOT NULL,
  kind TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (day, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO stock_movement_days (day, kind, n)
  SELECT occurred_at / 86400000, kind, count(*) FROM stock_movements
   WHERE deleted = 0 GROUP BY 1, 2;

CREATE TRIGGER stock_movement_days_ai AFTER INSERT ON stock_movements WHEN NEW.deleted = 0 BEGIN
  INSERT INTO stock_movement_days (day, kind, n) VALUES (NEW.occurred_at / 86400000, NEW.kind, 1)
  ON CONFLICT (day, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stock_movement_days_ad AFTER DELETE ON stock_movements WHEN OLD.deleted = 0 BEGIN
  UPDATE stock_movement_days SET n = n - 1
   WHERE day = OLD.occurred_at / 86400000 AND kind = OLD.kind;
END;
CREATE TRIGGER stock_movement_days_au AFTER UPDATE OF deleted, occurred_at, kind ON stock_movements
WHEN OLD.deleted <> NEW.deleted OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
  OR OLD.kind <> NEW.kind
BEGIN
  UPDATE stock_movement_days SET n = n - 1
   WHERE OLD.deleted = 0 AND day = OLD.occurred_at / 86400000 AND kind = OLD.kind;
  INSERT INTO stock_movement_days (day, kind, n)
  SELECT NEW.occurred_at / 86400000, NEW.kind, 1 WHERE NEW.deleted = 0
  ON CONFLICT (day, kind) DO UPDATE SET n = n + 1;
END;

-- 3. Stock value per category (stock.value grouped by category without filters: the
--    dashboard's stock by category), kept by the triggers below from the on-hand cache and
--    the items' price, category and tombstone. value_cents is the sum over the category's
--    on-hand rows of each row's value rounded as ValueCents does (core/base/decimal.cc: half
--    away from zero), so it equals the scan exactly; `n_rows` counts those on-hand rows (a
--    category appears in the figure while it has one). A product beyond 64 bits becomes a
--    REAL in SQLite: the column is ANY and the reader then falls back to the scan.
--    tests/core/stock/ledger_property_test.cc compares it with the scan.
CREATE TABLE stock_value_by_category (
  category_id TEXT NOT NULL PRIMARY KEY,  -- '' for items without a category
  value_cents ANY NOT NULL,
  n_rows      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(i.category_id, ''),
         sum(CASE WHEN o.qty * i.unit_price_cents >= 0 THEN (o.qty * i.unit_price_cents + 500) / 1000
                  ELSE -((500 - o.qty * i.unit_price_cents) / 1000) END),
         count(*)
    FROM stock_onhand o JOIN items i ON i.id = o.item_id WHERE i.deleted = 0 GROUP BY 1;

CREATE TRIGGER stock_value_onhand_ai AFTER INSERT ON stock_onhand BEGIN
  INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(i.category_id, ''),
         CASE WHEN NEW.qty * i.unit_price_cents >= 0 THEN (NEW.qty * i.unit_price_cents + 500) / 1000
              ELSE -((500 - NEW.qty * i.unit_price_cents) / 1000) END, 1
    FROM items i WHERE i.id = NEW.item_id AND i.deleted = 0
  ON CONFLICT (category_id) DO UPDATE SET value_cents = value_cents + excluded.value_cents,
                                          n_rows = n_rows + 1;
END;
CREATE TRIGGER stock_value_onhand_ad AFTER DELETE ON stock_onhand BEGIN
  INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(i.category_id, ''),
         -CASE WHEN OLD.qty * i.unit_price_cents >= 0 THEN (OLD.qty * i.unit_price_cents + 500) / 1000
               ELSE -((500 - OLD.qty * i.unit_price_cents) / 1000) END, -1
    FROM items i WHERE i.id = OLD.item_id AND i.deleted = 0
  ON CONFLICT (category_id) DO UPDATE SET value_cents = value_cents + excluded.value_cents,
                                          n_rows = n_rows - 1;
END;
-- (The usual change: a movement's upsert of the pair. One item lookup, one upsert.)
CREATE TRIGGER stock_value_onhand_au AFTER UPDATE OF qty ON stock_onhand
WHEN NEW.qty <> OLD.qty BEGIN
  INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(i.category_id, ''),
         CASE WHEN NEW.qty * i.unit_price_cents >= 0 THEN (NEW.qty * i.unit_price_cents + 500) / 1000
              ELSE -((500 - NEW.qty * i.unit_price_cents) / 1000) END
         - CASE WHEN OLD.qty * i.unit_price_cents >= 0 THEN (OLD.qty * i.unit_price_cents + 500) / 1000
                ELSE -((500 - OLD.qty * i.unit_price_cents) / 1000) END, 0
    FROM items i WHERE i.id = NEW.item_id AND i.deleted = 0
  ON CONFLICT (category_id) DO UPDATE SET value_cents = value_cents + excluded.value_cents;
END;
-- An item's price, category or tombstone changes: its rows leave the old figure, enter the new.
CREATE TRIGGER stock_value_items_au AFTER UPDATE OF unit_price_cents, category_id, deleted ON items
WHEN OLD.unit_price_cents <> NEW.unit_price_cents OR OLD.category_id IS NOT NEW.category_id
  OR OLD.deleted <> NEW.deleted
BEGIN
  UPDATE stock_value_by_category
     SET value_cents = value_cents - (
           SELECT coalesce(sum(CASE WHEN o.qty * OLD.unit_price_cents >= 0
                                    THEN (o.qty * OLD.unit_price_cents + 500) / 1000
                                    ELSE -((500 - o.qty * OLD.unit_price_cents) / 1000) END), 0)
             FROM stock_onhand o WHERE o.item_id = OLD.id),
         n_rows = n_rows - (SELECT count(*) FROM stock_onhand o WHERE o.item_id = OLD.id)
   WHERE OLD.deleted = 0 AND category_id = coalesce(OLD.category_id, '');
  INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(NEW.category_id, ''),
         coalesce(sum(CASE WHEN o.qty * NEW.unit_price_cents >= 0
                           THEN (o.qty * NEW.unit_price_cents + 500) / 1000
                           ELSE -((500 - o.qty * NEW.unit_price_cents) / 1000) END), 0),
         count(*)
    FROM stock_onhand o WHERE o.item_id = NEW.id AND NEW.deleted = 0
  ON CONFLICT (category_id) DO UPDATE SET value_cents = value_cents + excluded.value_cents,
                                          n_rows = n_rows + excluded.n_rows;
END;
CREATE TRIGGER stock_value_items_ai AFTER INSERT ON items WHEN NEW.deleted = 0 BEGIN
  INSERT INTO stock_value_by_category (category_id, value_cents, n_rows)
  SELECT coalesce(NEW.category_id, ''),
         coalesce(sum(CASE WHEN o.qty * NEW.unit_price_cents >= 0
                           THEN (o.qty * NEW.unit_price_cents + 500) / 1000
                           ELSE -((500 - o.qty * NEW.unit_price_cents) / 1000) END), 0),
         count(*)
    FROM stock_onhand o WHERE o.item_id = NEW.id
  ON CONFLICT (category_id) DO UPDATE SET value_cents = value_cents + excluded.value_cents,
                                          n_rows = n_rows + excluded.n_rows;
END;
CREATE TRIGGER stock_value_items_ad AFTER DELETE ON items WHEN OLD.deleted = 0 BEGIN
  UPDATE stock_value_by_category
     SET value_cents = value_cents - (
           SELECT coalesce(sum(CASE WHEN o.qty * OLD.unit_price_cents >= 0
                                    THEN (o.qty * OLD.unit_price_cents + 500) / 1000
                                    ELSE -((500 - o.qty * OLD.unit_price_cents) / 1000) END), 0)
             FROM stock_onhand o WHERE o.item_id = OLD.id),
         n_rows = n_rows - (SELECT count(*) FROM stock_onhand o WHERE o.item_id = OLD.id)
   WHERE category_id = coalesce(OLD.category_id, '');
END;

-- 4. Live work orders by status and due date: the dashboard's counts by status and overdue
--    read this index alone instead of every work order.
CREATE INDEX tasks_live_by_status ON tasks (status, due_date) WHERE deleted = 0;
-- A project's live work orders with what its cost figures read (project_costs.cc): the
-- estimates and the join to the parts consumed, without reading the work orders themselves.
CREATE INDEX tasks_live_by_project ON tasks (project_id, status, estimated_hours, id)
  WHERE deleted = 0;
