/**
 * One employee (employee.get): identity and the user account it is linked to, skills with
 * levels, hourly rates (only when the core returned them: roles with "cap.employee.rates"),
 * weekly working hours, absences and teams. Each part shows its editing controls only to
 * the roles that may run the mutator behind them; otherwise it is read only.
 */
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { AbsencesSection } from './absences_section';
import { EmployeeIdentity } from './employee_identity';
import { HoursSection } from './hours_section';
import { RatesSection } from './rates_section';
import { SkillsSection } from './skills_section';
import { useLoaded } from './use_loaded';

export function EmployeeDetail({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoaded(() => core.query('employee.get', { id }), [core, id]);
  const employee = loaded.data;

  return (
    <section class="screen people-detail" aria-labelledby="employee-title" data-testid="employee-detail">
      <nav class="people__crumbs" aria-label={t('people.breadcrumb')}>
        <a class="button button--secondary" href={href('people')} data-testid="employee-back">
          ← {t('people.back_to_employees')}
        </a>
      </nav>
      {employee === null ? (
        <p class="list__message" role="status">
          {loaded.error !== null ? coreErrorMessage(i18n, 'people', loaded.error) : t('people.loading')}
        </p>
      ) : (
        <>
          <h2 id="employee-title" class="screen__title" data-testid="employee-name">
            {employee.name}
            {employee.archived && <span class="badge people__title-badge">{t('people.archived')}</span>}
          </h2>
          <div class="people-detail__grid">
            <EmployeeIdentity employee={employee} onChanged={loaded.reload} />
            <div class="people-detail__side">
              <SkillsSection employee={employee} onChanged={loaded.reload} />
              {employee.rates !== undefined && <RatesSection employee={employee} onChanged={loaded.reload} />}
              <section class="card" aria-labelledby="employee-teams-title">
                <h3 id="employee-teams-title" class="card__title">
                  {t('people.teams.title')}
                </h3>
                {employee.teams.length === 0 ? (
                  <p class="list__message">{t('people.employee.no_team')}</p>
                ) : (
                  <ul class="list" data-testid="employee-teams">
                    {employee.teams.map((team) => (
                      <li key={team.id} class="list__item">
                        {team.name}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
            <HoursSection employee={employee} onChanged={loaded.reload} />
            <AbsencesSection employee={employee} onChanged={loaded.reload} />
          </div>
        </>
      )}
    </section>
  );
}
