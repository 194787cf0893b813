/**
 * PEOPLE: employees, teams and the skills catalogue. `path` is the address after "#/people/"
 * (shell/route.ts): [] the employees, ["employee", id] one employee, ["teams"], ["skills"].
 * Every control is offered only when the role may run its mutator (usePermissions).
 */
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { EmployeeDetail } from './employee_detail';
import { EmployeesScreen } from './employees_screen';
import './people.css';
import { SkillsScreen } from './skills_screen';
import { TeamsScreen } from './teams_screen';

const kTabs = [
  { id: 'employees', label: 'people.tab.employees', path: [] as string[] },
  { id: 'teams', label: 'people.tab.teams', path: ['teams'] },
  { id: 'skills', label: 'people.tab.skills', path: ['skills'] },
] as const;

export function PeopleArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  const [first, id] = path;
  const current = first === 'teams' ? 'teams' : first === 'skills' ? 'skills' : 'employees';
  return (
    <div class="people">
      <nav aria-label={t('people.tabs')}>
        <ul class="subnav">
          {kTabs.map((tab) => (
            <li key={tab.id}>
              <a href={href('people', ...tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`people-tab-${tab.id}`}>
                {t(tab.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {first === 'employee' && id !== undefined ? (
        <EmployeeDetail key={id} id={id} />
      ) : current === 'teams' ? (
        <TeamsScreen />
      ) : current === 'skills' ? (
        <SkillsScreen />
      ) : (
        <EmployeesScreen />
      )}
    </div>
  );
}
