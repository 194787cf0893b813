-- A doughnut is a widget type (the dashboard draws stock by category as one). SQLite cannot
-- alter a CHECK constraint, so the table is rebuilt with the same columns, rows and indexes.
CREATE TABLE dashboard_widgets_new (
  id          TEXT PRIMARY KEY NOT NULL,
  user_id     TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('number', 'bar', 'pie', 'doughnut', 'line', 'table', 'list')),
  data_source TEXT NOT NULL,
  title       TEXT,
  filters     TEXT NOT NULL DEFAULT '{}',  -- JSON object, the arguments of the data source query
  position    INTEGER NOT NULL DEFAULT 0,
  width       INTEGER NOT NULL DEFAULT 1,
  height      INTEGER NOT NULL DEFAULT 1,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO dashboard_widgets_new
  SELECT id, user_id, type, data_source, title, filters, position, width, height, deleted, version
    FROM dashboard_widgets;
DROP TABLE dashboard_widgets;
ALTER TABLE dashboard_widgets_new RENAME TO dashboard_widgets;
CREATE INDEX dashboard_widgets_by_user ON dashboard_widgets (user_id, position);
CREATE INDEX dashboard_widgets_by_version ON dashboard_widgets (version);
