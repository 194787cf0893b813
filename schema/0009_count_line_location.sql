-- A count opened on a warehouse counts the stock of its zones and bins: each line says where
-- the item was counted (the session's location or a location inside it), and closing writes
-- one observation per item and place. NULL: the session's own location (lines written
-- before this column existed).
ALTER TABLE count_lines ADD COLUMN location_id TEXT;
