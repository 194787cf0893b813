/**
 * The projects module of the core (core/projects/: clients, projects): the lists other areas
 * use too, declared ONCE here with the shapes the C++ returns (clients.cc client.list,
 * projects.cc project.list). Types only; money travels as integer cents. The project
 * screens' other names stay in web/src/projects/contract.ts.
 */

export type ProjectStatus = 'draft' | 'active' | 'on_hold' | 'done' | 'cancelled';
export const kProjectStatuses: readonly ProjectStatus[] = ['draft', 'active', 'on_hold', 'done', 'cancelled'];

export interface Contact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

export interface Address {
  label: string;
  text: string;
}

export interface Client {
  id: string;
  name: string;
  contacts: Contact[];
  addresses: Address[];
  notes: string | null;
  archived: boolean;
}

export interface ProjectSummary {
  id: string;
  code: string;
  name: string;
  client_id: string | null;
  client: string | null;
  status: ProjectStatus;
  start_date: string | null;
  end_date: string | null;
  budget_cents: number;
}

export interface ProjectsCoreQueries {
  'project.list': { args: { status?: ProjectStatus; client_id?: string }; result: { items: ProjectSummary[] } };
  'client.list': { args: { include_archived?: boolean }; result: { items: Client[] } };
}
