/**
 * The people module of the core (core/people/: employees, skills, teams): the lists other
 * areas use too, declared ONCE here with the shapes the C++ returns (employees.cc
 * employee.list, skills.cc skill.list, teams.cc team.list). Types only. The People screens'
 * other names stay in web/src/people/contract.ts.
 */

export interface EmployeeSummary {
  id: string;
  name: string;
  job_title: string | null;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  archived: boolean;
}

export interface Skill {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
}

export interface Team {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
  members: { employee_id: string; name: string }[];
}

export interface PeopleCoreQueries {
  'employee.list': { args: { include_archived?: boolean }; result: { items: EmployeeSummary[] } };
  'skill.list': { args: { include_archived?: boolean }; result: { items: Skill[] } };
  'team.list': { args: { include_archived?: boolean }; result: { items: Team[] } };
}
