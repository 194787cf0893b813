-- Cheaper appends to the ledger (docs/benchmarks.md, "Sync server throughput"). Same data,
-- same on-hand cache (it still always equals the fold); less work per appended or undone row.
--
-- 1. The two (item, location, time) indexes hold only the rows that have that side: a receipt
--    (no from_location_id) no longer writes an entry into the "from" index, an issue none into
--    the "to" index. Every query that uses them compares the location column with `=`, which
--    implies IS NOT NULL, so SQLite still picks them (checked with EXPLAIN QUERY PLAN: the
--    on-hand refresh, the "has history" probe of the CSV import; the later-count probe keeps
--    using stock_movements_counts).
DROP INDEX stock_movements_by_item_to;
DROP INDEX stock_movements_by_item_from;
CREATE INDEX stock_movements_by_item_to ON stock_movements (item_id, to_location_id, occurred_at)
  WHERE to_location_id IS NOT NULL;
CREATE INDEX stock_movements_by_item_from ON stock_movements (item_id, from_location_id, occurred_at)
  WHERE from_location_id IS NOT NULL;

-- 2. One AFTER INSERT trigger for the incremental case instead of two (each trigger that a row
--    fires is a sub-program call with its own frame, even when its WHEN is false). Same two
--    statements as 0002's stock_movements_ai_to / _ai_from, guarded by the side's presence.
DROP TRIGGER stock_movements_ai_to;
DROP TRIGGER stock_movements_ai_from;
CREATE TRIGGER stock_movements_ai_effect AFTER INSERT ON stock_movements
WHEN NEW.kind <> 'count' AND NEW.deleted = 0 BEGIN
  INSERT INTO stock_onhand (item_id, location_id, qty, last_count_at)
  SELECT NEW.item_id, NEW.to_location_id, NEW.qty, NULL
   WHERE NEW.to_location_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = NEW.item_id AND c.to_location_id = NEW.to_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (NEW.occurred_at, NEW.id))
  ON CONFLICT (item_id, location_id) DO UPDATE SET qty = qty + excluded.qty;
  INSERT INTO stock_onhand (item_id, location_id, qty, last_count_at)
  SELECT NEW.item_id, NEW.from_location_id, -NEW.qty, NULL
   WHERE NEW.from_location_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = NEW.item_id AND c.to_location_id = NEW.from_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (NEW.occurred_at, NEW.id))
  ON CONFLICT (item_id, location_id) DO UPDATE SET qty = qty + excluded.qty;
END;

-- 3. Removing a live non-count movement (a device undoing its pending mutations before a
--    rebase) is the mirror image of appending it: its effect is subtracted unless a later
--    count at that (item, location) had absorbed it. Only a removed count or tombstone still
--    recomputes the pair from the ledger. (The row of the pair exists: the insert created it.)
DROP TRIGGER stock_movements_ad;
CREATE TRIGGER stock_movements_ad_effect AFTER DELETE ON stock_movements
WHEN OLD.kind <> 'count' AND OLD.deleted = 0 BEGIN
  UPDATE stock_onhand SET qty = qty - OLD.qty
   WHERE OLD.to_location_id IS NOT NULL
     AND item_id = OLD.item_id AND location_id = OLD.to_location_id
     AND NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = OLD.item_id AND c.to_location_id = OLD.to_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (OLD.occurred_at, OLD.id));
  UPDATE stock_onhand SET qty = qty + OLD.qty
   WHERE OLD.from_location_id IS NOT NULL
     AND item_id = OLD.item_id AND location_id = OLD.from_location_id
     AND NOT EXISTS (SELECT 1 FROM stock_movements c
                      WHERE c.item_id = OLD.item_id AND c.to_location_id = OLD.from_location_id
                        AND c.kind = 'count' AND c.deleted = 0
                        AND (c.occurred_at, c.id) > (OLD.occurred_at, OLD.id));
END;
CREATE TRIGGER stock_movements_ad_count AFTER DELETE ON stock_movements
WHEN OLD.kind = 'count' OR OLD.deleted = 1 BEGIN
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.to_location_id WHERE OLD.to_location_id IS NOT NULL;
  INSERT INTO stock_onhand_dirty SELECT OLD.item_id, OLD.from_location_id WHERE OLD.from_location_id IS NOT NULL;
END;
