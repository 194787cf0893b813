/**
 * Skills a work order requires, each with a minimum level (task.set_required_skill; level
 * null removes it). The suggestions rank employees by these.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { OrderDetail } from './contract';
import type { References } from './use_references';

export function SkillsEditor({ task, references, reload }: { task: OrderDetail; references: References; reload(): Promise<void> }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('orders');
  const [skill, setSkill] = useState('');
  const [level, setLevel] = useState('1');

  const set = async (skill_id: string, min_level: number | null) => {
    if (await action.run(() => core.mutate('task.set_required_skill', { id: newId(), task_id: task.id, skill_id, min_level }))) {
      setSkill('');
      await reload();
    }
  };
  return (
    <section class="card orders-section" aria-labelledby="order-skills-title" data-testid="order-skills">
      <h3 id="order-skills-title" class="card__title">{t('orders.skills.title')}</h3>
      {task.required_skills.length === 0 && <p class="list__message">{t('orders.skills.none')}</p>}
      <ul class="list">
        {task.required_skills.map((s) => (
          <li key={s.skill_id} class="list__item" data-testid="order-skill">
            <span>{t('orders.skills.line', { name: s.name, level: s.min_level })}</span>
            <button type="button" class="button" aria-label={t('orders.skills.remove_named', { name: s.name })} onClick={() => void set(s.skill_id, null)}>
              {t('orders.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div class="orders-inline">
        <div class="field">
          <label class="field__label" for="order-skill">{t('orders.skills.skill')}</label>
          <select id="order-skill" class="field__input" value={skill} onChange={(e) => setSkill(e.currentTarget.value)} data-testid="order-skill-select">
            <option value="">{t('orders.bulk.choose')}</option>
            {references.skills.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="order-skill-level">{t('orders.skills.level')}</label>
          <select id="order-skill-level" class="field__input" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            {[1, 2, 3, 4, 5].map((n) => <option key={n} value={String(n)}>{n}</option>)}
          </select>
        </div>
        <button type="button" class="button button--primary" disabled={skill === ''} onClick={() => void set(skill, Number(level))} data-testid="order-skill-add">
          {t('orders.add')}
        </button>
      </div>
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
