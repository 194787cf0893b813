/**
 * Projects: the core's client, project and project-cost mutators and queries the screens use
 * (core/projects/{clients,projects,project_costs}.h). Types only: the core validates, keeps
 * codes unique, checks status transitions and computes every cost figure. Money is integer
 * cents; hours are decimal strings.
 *
 * Names other areas use too (client.list, project.list; task.list with project_id) are
 * declared once in core/contracts/{projects,maintenance}.ts; their types are re-exported here.
 */
import type { Address, Client, Contact, ProjectStatus } from '../core/contracts/projects';
import type { TaskRow } from '../core/contracts/maintenance';

export { kProjectStatuses, type Address, type Client, type Contact, type ProjectStatus, type ProjectSummary } from '../core/contracts/projects';

export interface ClientDetail extends Client {
  projects: { id: string; code: string; name: string; status: ProjectStatus; start_date: string | null; end_date: string | null; budget_cents: number }[];
  assets: { id: string; kind: string; name: string; status: string }[];
}

export interface CostLine {
  id: string;
  label: string;
  amount_cents: number;
  incurred_on: string;
  note: string | null;
}

export interface ProjectFigures {
  project_id: string;
  code: string;
  name: string;
  status: ProjectStatus;
  budget_cents: number;
  materials_cents: number;
  labour_cents: number;
  other_cents: number;
  cost_cents: number;
  consumed_bp: number | null;
  consumed_pct: string | null;
  progress_bp: number | null;
  progress_pct: string | null;
  estimated_hours: string;
  done_estimated_hours: string;
  logged_hours: string;
  forecast_cents: number | null;
  alerts: ('over_budget' | 'forecast_over_budget')[];
  missing_rates: { time_entry_id: string; employee_id: string; work_date: string }[];
}

export interface ProjectCost extends ProjectFigures {
  cost_lines: CostLine[];
}

type Opt = string | null;
interface ClientFields {
  name?: string;
  contacts?: Contact[];
  addresses?: Address[];
  notes?: Opt;
}
interface ProjectFields {
  code?: string;
  name?: string;
  client_id?: Opt;
  description?: Opt;
  start_date?: Opt;
  end_date?: Opt;
  budget_cents?: number;
}
interface CostFields {
  label?: string;
  amount_cents?: number;
  incurred_on?: string;
  note?: Opt;
}

export interface ProjectsMutators {
  'client.create': { args: { id: string; name: string } & ClientFields; result: { id: string } };
  'client.update': { args: { id: string } & ClientFields; result: { id: string } };
  'client.archive': { args: { id: string; archived: boolean }; result: unknown };
  'project.create': { args: { id: string; code: string; name: string } & ProjectFields; result: { id: string } };
  'project.update': { args: { id: string } & ProjectFields; result: { id: string } };
  'project.set_status': { args: { id: string; status: ProjectStatus }; result: { id: string; status: ProjectStatus } };
  'project.add_cost': {
    args: { id: string; project_id: string; label: string; amount_cents: number; incurred_on: string; note?: Opt };
    result: { id: string };
  };
  'project.update_cost': { args: { id: string } & CostFields; result: unknown };
  'project.remove_cost': { args: { id: string }; result: unknown };
}

export interface ProjectsQueries {
  'client.get': { args: { id: string }; result: ClientDetail };
  'project.cost': { args: { id: string }; result: ProjectCost };
  'project.costs': { args: { status?: ProjectStatus; client_id?: string }; result: { items: ProjectFigures[] } };
  'project.transitions': { args: { id: string }; result: { id: string; status: ProjectStatus; to: ProjectStatus[] } };
}

/** A task of the project: one row of task.list. */
export type ProjectTask = TaskRow;
