-- Maintenance, projects and people: employees, skills, teams, availability; clients and
-- projects; assets with status history and meters; work orders (tasks) with assignees,
-- checklists, planned materials, time entries; preventive plans; attachments metadata;
-- dashboard widgets. See docs/maintenance.md.
-- Conventions (see 0001, 0002): id TEXT uuid, deleted tombstone, version = server sequence.
-- Quantities and hours are integers in thousandths ("milli": 2.5 h = 2500). Money is
-- integer cents. Instants are integer ms since the Unix epoch (UTC). Calendar dates are
-- TEXT 'YYYY-MM-DD'. Uniqueness of human keys (project code, names) and "one live row per
-- pair" rules are checked by the mutators, not by constraints: a replica must accept
-- whatever the server confirmed.

-- ---- People ----
CREATE TABLE employees (
  id            TEXT PRIMARY KEY NOT NULL,
  user_id       TEXT,                         -- optional linked user account
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL,
  email         TEXT,
  phone         TEXT,
  job_title     TEXT,
  working_hours TEXT NOT NULL DEFAULT '[]',  -- JSON [{weekday 1..7, start, end}] minutes; [] = not set
  notes         TEXT,
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX employees_by_name ON employees (name_key);
CREATE INDEX employees_by_user ON employees (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX employees_by_version ON employees (version);

-- Hourly rates: the rate applying on a date is the live row with the latest
-- effective_from <= that date (one live row per employee × date: checked by the mutator).
CREATE TABLE employee_rates (
  id             TEXT PRIMARY KEY NOT NULL,
  employee_id    TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  rate_cents     INTEGER NOT NULL CHECK (rate_cents >= 0),
  deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX employee_rates_by_employee ON employee_rates (employee_id, effective_from);
CREATE INDEX employee_rates_by_version ON employee_rates (version);

CREATE TABLE skills (
  id          TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  description TEXT,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX skills_by_name ON skills (name_key);
CREATE INDEX skills_by_version ON skills (version);

CREATE TABLE employee_skills (
  id          TEXT PRIMARY KEY NOT NULL,
  employee_id TEXT NOT NULL,
  skill_id    TEXT NOT NULL,
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX employee_skills_by_employee ON employee_skills (employee_id, skill_id);
CREATE INDEX employee_skills_by_skill ON employee_skills (skill_id);
CREATE INDEX employee_skills_by_version ON employee_skills (version);

CREATE TABLE teams (
  id          TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  description TEXT,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX teams_by_name ON teams (name_key);
CREATE INDEX teams_by_version ON teams (version);

CREATE TABLE team_members (
  id          TEXT PRIMARY KEY NOT NULL,
  team_id     TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),  -- removed
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX team_members_by_team ON team_members (team_id, employee_id);
CREATE INDEX team_members_by_employee ON team_members (employee_id);
CREATE INDEX team_members_by_version ON team_members (version);

-- Absences: whole days, start_date..end_date inclusive.
CREATE TABLE absences (
  id          TEXT PRIMARY KEY NOT NULL,
  employee_id TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('vacation', 'sick', 'training', 'other')),
  start_date  TEXT NOT NULL,
  end_date    TEXT NOT NULL,
  note        TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX absences_by_employee ON absences (employee_id, start_date);
CREATE INDEX absences_by_dates ON absences (start_date, end_date);
CREATE INDEX absences_by_version ON absences (version);

-- ---- Clients and projects ----
CREATE TABLE clients (
  id        TEXT PRIMARY KEY NOT NULL,
  name      TEXT NOT NULL,
  name_key  TEXT NOT NULL,
  contacts  TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, role?, email?, phone?}]
  addresses TEXT NOT NULL DEFAULT '[]',  -- JSON [{label, text}]
  notes     TEXT,
  archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX clients_by_name ON clients (name_key);
CREATE INDEX clients_by_version ON clients (version);

CREATE TABLE projects (
  id           TEXT PRIMARY KEY NOT NULL,
  code         TEXT NOT NULL,
  code_key     TEXT NOT NULL,   -- folded code: unique among live projects
  name         TEXT NOT NULL,
  client_id    TEXT,
  description  TEXT,
  start_date   TEXT,
  end_date     TEXT,
  budget_cents INTEGER NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'active', 'on_hold', 'done', 'cancelled')),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX projects_by_code ON projects (code_key);
CREATE INDEX projects_by_client ON projects (client_id);
CREATE INDEX projects_by_version ON projects (version);

-- Costs other than parts and labour (subcontracting, travel, rentals). Signed: a credit is
-- negative.
CREATE TABLE project_cost_lines (
  id           TEXT PRIMARY KEY NOT NULL,
  project_id   TEXT NOT NULL,
  label        TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  incurred_on  TEXT NOT NULL,
  note         TEXT,
  actor_id     TEXT NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_cost_lines_by_project ON project_cost_lines (project_id, incurred_on);
CREATE INDEX project_cost_lines_by_version ON project_cost_lines (version);

-- ---- Assets ----
-- A tree: site > line > machine > component. status is the status of the latest
-- asset_status_events row (by at, id), rewritten by every asset.set_status.
CREATE TABLE assets (
  id              TEXT PRIMARY KEY NOT NULL,
  parent_id       TEXT,
  kind            TEXT NOT NULL CHECK (kind IN ('site', 'line', 'machine', 'component')),
  name            TEXT NOT NULL,
  name_key        TEXT NOT NULL,
  code            TEXT,
  location_id     TEXT,            -- a location (warehouse, site...) where it stands
  client_id       TEXT,            -- owning client, if not ours
  serial_number   TEXT,
  manufacturer    TEXT,
  model           TEXT,
  commissioned_on TEXT,
  criticality     TEXT NOT NULL DEFAULT 'medium'
                  CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
  status          TEXT NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'degraded', 'down', 'retired')),
  notes           TEXT,
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX assets_by_parent ON assets (parent_id, name_key);
CREATE INDEX assets_by_location ON assets (location_id);
CREATE INDEX assets_by_version ON assets (version);

-- Append-only status history (the source of downtime, MTTR and MTBF).
CREATE TABLE asset_status_events (
  id              TEXT PRIMARY KEY NOT NULL,
  asset_id        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('running', 'degraded', 'down', 'retired')),
  previous_status TEXT,
  at              INTEGER NOT NULL,
  task_id         TEXT,
  note            TEXT,
  actor_id        TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX asset_status_events_by_asset ON asset_status_events (asset_id, at);
CREATE INDEX asset_status_events_by_version ON asset_status_events (version);

CREATE TABLE meters (
  id       TEXT PRIMARY KEY NOT NULL,
  asset_id TEXT NOT NULL,
  name     TEXT NOT NULL,
  name_key TEXT NOT NULL,
  unit     TEXT NOT NULL,          -- "h", "km", "cycles"...
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX meters_by_asset ON meters (asset_id);
CREATE INDEX meters_by_version ON meters (version);

-- Readings (milli-units of the meter's unit). A reading never goes below the previous one
-- unless is_reset = 1 (counter replaced or rolled over: the counter restarted from zero).
CREATE TABLE meter_readings (
  id       TEXT PRIMARY KEY NOT NULL,
  meter_id TEXT NOT NULL,
  value    INTEGER NOT NULL CHECK (value >= 0),
  read_at  INTEGER NOT NULL,
  is_reset INTEGER NOT NULL DEFAULT 0 CHECK (is_reset IN (0, 1)),
  task_id  TEXT,
  note     TEXT,
  actor_id TEXT NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX meter_readings_by_meter ON meter_readings (meter_id, read_at);
CREATE INDEX meter_readings_by_version ON meter_readings (version);

-- ---- Preventive maintenance plans ----
-- trigger 'calendar': occurrences due on start_date + k × interval_n interval_unit (k >= 0),
--   generated lead_days before they are due. last_due_date: the latest generated occurrence.
-- trigger 'meter': occurrence k (k >= 1) due when the meter's cumulative total reaches
--   meter_base + k × meter_interval, generated lead_units before; the work order is due
--   due_days after generation. last_meter_k: the latest generated occurrence.
CREATE TABLE pm_plans (
  id              TEXT PRIMARY KEY NOT NULL,
  asset_id        TEXT NOT NULL,
  title           TEXT NOT NULL,
  description     TEXT,
  task_type       TEXT NOT NULL DEFAULT 'preventive'
                  CHECK (task_type IN ('preventive', 'inspection')),
  priority        TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  trigger_kind    TEXT NOT NULL CHECK (trigger_kind IN ('calendar', 'meter')),
  interval_n      INTEGER,
  interval_unit   TEXT CHECK (interval_unit IN ('day', 'week', 'month', 'year')),
  start_date      TEXT,
  lead_days       INTEGER NOT NULL DEFAULT 0,
  meter_id        TEXT,
  meter_interval  INTEGER,
  meter_base      INTEGER,
  lead_units      INTEGER NOT NULL DEFAULT 0,
  due_days        INTEGER NOT NULL DEFAULT 7,
  estimated_hours INTEGER NOT NULL DEFAULT 0,
  checklist       TEXT NOT NULL DEFAULT '[]',  -- JSON [{label, required?, meter_id?}]
  team_id         TEXT,                         -- assigned to generated work orders
  last_due_date   TEXT,
  last_meter_k    INTEGER,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX pm_plans_by_asset ON pm_plans (asset_id);
CREATE INDEX pm_plans_by_version ON pm_plans (version);

-- ---- Work orders / tasks ----
CREATE TABLE tasks (
  id               TEXT PRIMARY KEY NOT NULL,
  project_id       TEXT,
  asset_id         TEXT,
  location_id      TEXT,             -- where the work happens (a site, a warehouse...)
  pm_plan_id       TEXT,
  pm_occurrence    TEXT,             -- the due date or "m<k>" of the plan occurrence
  title            TEXT NOT NULL,
  description      TEXT,
  type             TEXT NOT NULL DEFAULT 'corrective'
                   CHECK (type IN ('corrective', 'preventive', 'inspection', 'installation', 'other')),
  priority         TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status           TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled')),
  planned_start    INTEGER,
  planned_end      INTEGER,
  due_date         TEXT,
  estimated_hours  INTEGER NOT NULL DEFAULT 0,  -- milli-hours
  completion_note  TEXT,
  signer_name      TEXT,
  started_at       INTEGER,
  completed_at     INTEGER,
  created_at       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX tasks_by_project ON tasks (project_id);
CREATE INDEX tasks_by_asset ON tasks (asset_id);
CREATE INDEX tasks_by_plan ON tasks (pm_plan_id, pm_occurrence);
CREATE INDEX tasks_by_status ON tasks (status, due_date);
CREATE INDEX tasks_by_planned ON tasks (planned_start);
CREATE INDEX tasks_by_version ON tasks (version);

CREATE TABLE task_status_events (
  id          TEXT PRIMARY KEY NOT NULL,
  task_id     TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  actor_id    TEXT NOT NULL,
  note        TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX task_status_events_by_task ON task_status_events (task_id, at);
CREATE INDEX task_status_events_by_version ON task_status_events (version);

-- Exactly one of employee_id / team_id. deleted = unassigned.
CREATE TABLE task_assignees (
  id          TEXT PRIMARY KEY NOT NULL,
  task_id     TEXT NOT NULL,
  employee_id TEXT,
  team_id     TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0,
  CHECK ((employee_id IS NULL) <> (team_id IS NULL))
) STRICT;
CREATE INDEX task_assignees_by_task ON task_assignees (task_id);
CREATE INDEX task_assignees_by_employee ON task_assignees (employee_id) WHERE employee_id IS NOT NULL;
CREATE INDEX task_assignees_by_team ON task_assignees (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX task_assignees_by_version ON task_assignees (version);

CREATE TABLE task_skills (
  id        TEXT PRIMARY KEY NOT NULL,
  task_id   TEXT NOT NULL,
  skill_id  TEXT NOT NULL,
  min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX task_skills_by_task ON task_skills (task_id, skill_id);
CREATE INDEX task_skills_by_version ON task_skills (version);

-- Checklist: items to tick; an item with meter_id needs a reading (stored in
-- meter_readings, linked by reading_id) to be ticked.
CREATE TABLE checklist_items (
  id         TEXT PRIMARY KEY NOT NULL,
  task_id    TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  label      TEXT NOT NULL,
  required   INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  meter_id   TEXT,
  checked    INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1)),
  checked_at INTEGER,
  checked_by TEXT,
  reading_id TEXT,
  note       TEXT,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX checklist_items_by_task ON checklist_items (task_id, position);
CREATE INDEX checklist_items_by_version ON checklist_items (version);

-- Planned materials: a reservation of qty (milli) of an item at a location for a task.
-- Consumed materials are NOT stored here: they are stock_movements of kind 'issue' with
-- task_id (written by stock.issue through task.consume).
CREATE TABLE task_materials (
  id          TEXT PRIMARY KEY NOT NULL,
  task_id     TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  location_id TEXT NOT NULL,
  qty         INTEGER NOT NULL CHECK (qty > 0),
  note        TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX task_materials_by_task ON task_materials (task_id);
CREATE INDEX task_materials_by_item ON task_materials (item_id, location_id);
CREATE INDEX task_materials_by_version ON task_materials (version);

CREATE TABLE time_entries (
  id          TEXT PRIMARY KEY NOT NULL,
  task_id     TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  work_date   TEXT NOT NULL,
  hours       INTEGER NOT NULL CHECK (hours > 0),  -- milli-hours
  note        TEXT,
  actor_id    TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX time_entries_by_task ON time_entries (task_id, work_date);
CREATE INDEX time_entries_by_employee ON time_entries (employee_id, work_date);
CREATE INDEX time_entries_by_version ON time_entries (version);

-- Attachment metadata; the content is stored by sha256 (sync server, later issue).
CREATE TABLE attachments (
  id          TEXT PRIMARY KEY NOT NULL,
  entity_type TEXT NOT NULL
              CHECK (entity_type IN ('task', 'asset', 'project', 'client', 'employee', 'item')),
  entity_id   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  filename    TEXT NOT NULL,
  mime        TEXT NOT NULL,
  size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
  uploaded_at INTEGER NOT NULL,
  actor_id    TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX attachments_by_entity ON attachments (entity_type, entity_id);
CREATE INDEX attachments_by_version ON attachments (version);

-- ---- Dashboard ----
CREATE TABLE dashboard_widgets (
  id          TEXT PRIMARY KEY NOT NULL,
  user_id     TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('number', 'bar', 'pie', 'line', 'table', 'list')),
  data_source TEXT NOT NULL,
  title       TEXT,
  filters     TEXT NOT NULL DEFAULT '{}',  -- JSON object, the arguments of the data source query
  position    INTEGER NOT NULL DEFAULT 0,
  width       INTEGER NOT NULL DEFAULT 1,
  height      INTEGER NOT NULL DEFAULT 1,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX dashboard_widgets_by_user ON dashboard_widgets (user_id, position);
CREATE INDEX dashboard_widgets_by_version ON dashboard_widgets (version);
