/**
 * People: the core's employee, skill, team and absence mutators and queries the screens use
 * (core/people/*.h). Types only: the core validates and decides (who may see rates, which
 * user an employee may be linked to, overlapping absences).
 */
import type { EmployeeSummary } from '../core/contracts/people';

export type { EmployeeSummary, Skill, Team } from '../core/contracts/people';

export interface WorkingPeriod {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  end: string;
}

export type AbsenceKind = 'vacation' | 'sick' | 'training' | 'other';

export interface Absence {
  id: string;
  kind: AbsenceKind;
  start_date: string;
  end_date: string;
  note: string | null;
}

export interface Rate {
  id: string;
  effective_from: string;
  rate_cents: number;
}

export interface EmployeeDetail extends EmployeeSummary {
  notes: string | null;
  working_hours: WorkingPeriod[];
  /** Present only for roles the permission table lets see rates ("cap.employee.rates"). */
  rates?: Rate[];
  rate_cents?: number | null;
  skills: { skill_id: string; name: string; level: number }[];
  teams: { id: string; name: string }[];
  absences: Absence[];
}

type Optional = string | null;
interface EmployeeFields {
  name?: string;
  user_id?: Optional;
  email?: Optional;
  phone?: Optional;
  job_title?: Optional;
  notes?: Optional;
}

export interface PeopleMutators {
  'employee.create': { args: { id: string; name: string } & EmployeeFields; result: { id: string } };
  'employee.update': { args: { id: string } & EmployeeFields; result: { id: string } };
  'employee.archive': { args: { id: string; archived: boolean }; result: unknown };
  'employee.set_rate': {
    args: { id: string; employee_id: string; effective_from: string; rate_cents: number };
    result: { id: string };
  };
  'employee.remove_rate': { args: { id: string }; result: unknown };
  'employee.set_working_hours': { args: { employee_id: string; hours: WorkingPeriod[] }; result: unknown };
  'employee.set_skill': {
    args: { id: string; employee_id: string; skill_id: string; level: number | null };
    result: { id: string };
  };
  'skill.create': { args: { id: string; name: string; description?: string | null }; result: { id: string } };
  'skill.archive': { args: { id: string; archived: boolean }; result: unknown };
  'team.create': { args: { id: string; name: string; description?: string | null }; result: { id: string } };
  'team.archive': { args: { id: string; archived: boolean }; result: unknown };
  'team.add_member': { args: { id: string; team_id: string; employee_id: string }; result: { id: string; already: boolean } };
  'team.remove_member': { args: { team_id: string; employee_id: string }; result: { removed: number } };
  'absence.create': {
    args: { id: string; employee_id: string; kind: AbsenceKind; start_date: string; end_date: string; note?: string | null };
    result: { id: string };
  };
  'absence.update': {
    args: { id: string; kind?: AbsenceKind; start_date?: string; end_date?: string; note?: string | null };
    result: unknown;
  };
  'absence.delete': { args: { id: string }; result: unknown };
  'skill.update': { args: { id: string; name?: string; description?: string | null }; result: unknown };
  'team.update': { args: { id: string; name?: string; description?: string | null }; result: unknown };
}

export interface PeopleQueries {
  'employee.get': { args: { id: string }; result: EmployeeDetail };
}
