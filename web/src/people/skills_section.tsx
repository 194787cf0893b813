/**
 * An employee's skills with levels 1–5 (employee.set_skill: one row per skill; level null
 * removes it). Read only for roles that may not run employee.set_skill.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import type { EmployeeDetail } from './contract';
import { useLoaded } from './use_loaded';

const kLevels = [1, 2, 3, 4, 5];

export function SkillsSection({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const editable = can('employee.set_skill');
  const action = useAction('people');
  const catalogue = useLoaded(() => core.query('skill.list', {}), [core]);
  const [skillId, setSkillId] = useState('');
  const [level, setLevel] = useState('3');

  const set = (skill: string, value: number | null) =>
    action.run(() => core.mutate('employee.set_skill', { id: newId(), employee_id: employee.id, skill_id: skill, level: value })).then((ok) => {
      if (ok) onChanged();
      return ok;
    });

  const held = new Set(employee.skills.map((s) => s.skill_id));
  const offered = (catalogue.data?.items ?? []).filter((s) => !held.has(s.id));
  return (
    <section class="card" aria-labelledby="employee-skills-title" data-testid="employee-skills">
      <h3 id="employee-skills-title" class="card__title">
        {t('people.skills.title')}
      </h3>
      {employee.skills.length === 0 && <p class="list__message">{t('people.employee.no_skill')}</p>}
      <ul class="list">
        {employee.skills.map((s) => (
          <li key={s.skill_id} class="list__item" data-testid="employee-skill" data-name={s.name}>
            <span class="list__name">{s.name}</span>
            {editable ? (
              <span class="people__row-actions">
                <label class="visually-hidden" for={`skill-level-${s.skill_id}`}>
                  {t('people.skills.level_of', { name: s.name })}
                </label>
                <select id={`skill-level-${s.skill_id}`} class="field__input people__level" value={String(s.level)}
                  onChange={(e) => void set(s.skill_id, Number(e.currentTarget.value))}>
                  {kLevels.map((n) => (
                    <option key={n} value={String(n)}>
                      {t('people.skills.level', { n })}
                    </option>
                  ))}
                </select>
                <button type="button" class="button button--secondary" onClick={() => void set(s.skill_id, null)}
                  aria-label={t('people.skills.remove_named', { name: s.name })}>
                  {t('people.remove')}
                </button>
              </span>
            ) : (
              <span class="badge">{t('people.skills.level', { n: s.level })}</span>
            )}
          </li>
        ))}
      </ul>
      {editable && offered.length > 0 && (
        <form class="people__inline" onSubmit={(e) => {
          e.preventDefault();
          if (skillId !== '') void set(skillId, Number(level)).then((ok) => ok && setSkillId(''));
        }}>
          <div class="field">
            <label class="field__label" for="employee-skill-new">{t('people.skills.add')}</label>
            <select id="employee-skill-new" class="field__input" value={skillId} onChange={(e) => setSkillId(e.currentTarget.value)} data-testid="employee-skill-new">
              <option value="">{t('people.choose')}</option>
              {offered.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="employee-skill-level">{t('people.skills.level_label')}</label>
            <select id="employee-skill-level" class="field__input" value={level} onChange={(e) => setLevel(e.currentTarget.value)} data-testid="employee-skill-level">
              {kLevels.map((n) => (
                <option key={n} value={String(n)}>{t('people.skills.level', { n })}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button--primary" data-testid="employee-skill-add">{t('people.add')}</button>
        </form>
      )}
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
