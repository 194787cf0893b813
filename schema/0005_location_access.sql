-- Who works with which location: an employee or a team assigned to a location (and so to
-- every location below it in the tree). A technician may transfer stock only between
-- locations they work with (the stock issue's permission rule). Replicated like any row.
CREATE TABLE location_assignees (
  id          TEXT PRIMARY KEY NOT NULL,
  location_id TEXT NOT NULL,
  employee_id TEXT,
  team_id     TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0,
  CHECK ((employee_id IS NULL) <> (team_id IS NULL))
) STRICT;
CREATE INDEX location_assignees_by_location ON location_assignees (location_id);
CREATE INDEX location_assignees_by_employee ON location_assignees (employee_id)
  WHERE employee_id IS NOT NULL;
CREATE INDEX location_assignees_by_team ON location_assignees (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX location_assignees_by_version ON location_assignees (version);
