/**
 * Who does the work order: its assignees (task.unassign removes one), the core's suggestions
 * ranked by skills and availability (task.suggest_assignees) with a one-tap assign, and any
 * employee or team chosen by hand (task.assign). The warnings task.assign returns — absent
 * that day, already booked, not working — are shown plainly; they never block.
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { AssignWarning, OrderDetail, Suggestion } from './contract';
import { warningText } from './orders_core';
import type { References } from './use_references';
import { Warnings } from './warnings';

interface Props {
  task: OrderDetail;
  references: References;
  reload(): Promise<void>;
}

export function AssigneesSection({ task, references, reload }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('orders');
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [warnings, setWarnings] = useState<AssignWarning[] | null>(null);
  const assigneesKey = task.assignees.map((a) => a.id).join() + task.required_skills.map((s) => s.skill_id + s.min_level).join();

  useEffect(() => {
    let live = true;
    core.query('task.suggest_assignees', { task_id: task.id, limit: 5 }).then(
      (reply) => live && setSuggestions(reply.items),
      () => live && setSuggestions([]),
    );
    return () => {
      live = false;
    };
  }, [core, task.id, assigneesKey, task.planned_start, task.planned_end, task.due_date]);

  async function assign(who: { employee_id: string } | { team_id: string }) {
    let reply: AssignWarning[] = [];
    const ok = await action.run(async () => {
      reply = (await core.mutate('task.assign', { id: newId(), task_id: task.id, ...who })).warnings;
    });
    if (ok) {
      setWarnings(reply);
      setChosen('');
      await reload();
    }
  }

  async function unassign(a: OrderDetail['assignees'][number]) {
    const who = a.team_id !== null ? { team_id: a.team_id } : { employee_id: a.employee_id ?? '' };
    if (await action.run(() => core.mutate('task.unassign', { task_id: task.id, ...who }))) {
      setWarnings(null);
      await reload();
    }
  }

  const assigned = new Set(task.assignees.map((a) => a.employee_id));
  return (
    <section class="card orders-section" aria-labelledby="order-assignees-title" data-testid="order-assignees">
      <h3 id="order-assignees-title" class="card__title">{t('orders.assignees.title')}</h3>
      {task.assignees.length === 0 && <p class="list__message">{t('orders.assignees.none')}</p>}
      <ul class="list">
        {task.assignees.map((a) => (
          <li key={a.id} class="list__item" data-testid="order-assignee">
            <span>{a.name}{a.team_id !== null ? ` (${t('orders.assignees.team')})` : ''}</span>
            <button type="button" class="button" aria-label={t('orders.assignees.remove_named', { name: a.name })} onClick={() => void unassign(a)}>
              {t('orders.remove')}
            </button>
          </li>
        ))}
      </ul>
      {warnings !== null && <Warnings warnings={warnings} />}
      <h4 class="orders-subtitle">{t('orders.assignees.suggested')}</h4>
      {suggestions === null && <p class="list__message">{t('orders.list.loading')}</p>}
      {suggestions !== null && suggestions.every((s) => assigned.has(s.employee_id)) && <p class="list__message">{t('orders.assignees.no_suggestion')}</p>}
      <ul class="list" data-testid="order-suggestions">
        {(suggestions ?? []).filter((s) => !assigned.has(s.employee_id)).map((s) => (
          <li key={s.employee_id} class="list__item orders-suggestion" data-testid="order-suggestion" data-name={s.name}>
            <span>
              <strong>{s.name}</strong>
              <span class="orders-muted">
                {' — '}
                {s.skills_required > 0 ? (s.skills_met ? t('orders.assignees.skills_met') : t('orders.assignees.skills_missing', { names: s.missing.map((m) => m.name).join(', ') })) + ' · ' : ''}
                {s.available ? t('orders.assignees.available') : s.warnings.map((w) => warningText(i18n, w)).join(' · ')}
                {' · '}
                {t('orders.assignees.open_tasks', { n: s.open_tasks })}
              </span>
            </span>
            <button type="button" class="button" aria-label={t('orders.assignees.assign_named', { name: s.name })} onClick={() => void assign({ employee_id: s.employee_id })}
              data-testid="order-suggestion-assign">
              {t('orders.assignees.assign')}
            </button>
          </li>
        ))}
      </ul>
      <div class="orders-inline">
        <div class="field">
          <label class="field__label" for="order-assign-who">{t('orders.assignees.other')}</label>
          <select id="order-assign-who" class="field__input" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="order-assign-who">
            <option value="">{t('orders.bulk.choose')}</option>
            <optgroup label={t('orders.filter.employees')}>
              {references.employees.map((o) => <option key={o.id} value={`e:${o.id}`}>{o.name}</option>)}
            </optgroup>
            <optgroup label={t('orders.filter.teams')}>
              {references.teams.map((o) => <option key={o.id} value={`t:${o.id}`}>{o.name}</option>)}
            </optgroup>
          </select>
        </div>
        <button type="button" class="button button--primary" disabled={chosen === ''} data-testid="order-assign"
          onClick={() => void assign(chosen.startsWith('t:') ? { team_id: chosen.slice(2) } : { employee_id: chosen.slice(2) })}>
          {t('orders.assignees.assign')}
        </button>
      </div>
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
