/**
 * MY WORK: the work orders assigned to me or to one of my teams (task.list mine), overdue
 * first, then by due date as the core orders them; finished ones last. "Overdue" is the
 * core's verdict (task.list overdue_as_of = today), not a date comparison made here.
 * Managers may switch to every work order.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import type { TaskSummary } from './contract';
import { formatDay, priorityLabel, statusLabel, today } from './work_core';

type Scope = 'mine' | 'all';
interface Loaded {
  open: TaskSummary[];
  finished: TaskSummary[];
  overdue: Set<string>;
  where: Map<string, string>;
}

const kFinished = new Set(['done', 'closed', 'cancelled']);

export function TaskList() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [scope, setScope] = useState<Scope>('mine');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const mine = scope === 'mine';
      const [all, late, assets, clients, locations] = await Promise.all([
        core.query('task.list', { mine, limit: 500 }),
        core.query('task.list', { mine, overdue_as_of: today(), limit: 500 }),
        core.query('asset.list', { include_archived: true }),
        core.query('client.list', { include_archived: true }),
        core.query('location.list', { include_archived: true }),
      ]);
      const overdue = new Set(late.items.map((task) => task.id));
      const clientName = new Map(clients.items.map((c) => [c.id, c.name]));
      const locationName = new Map(locations.items.map((l) => [l.id, l.name]));
      const where = new Map<string, string>();
      const assetOf = new Map(assets.items.map((a) => [a.id, a]));
      for (const task of all.items) {
        const asset = task.asset_id ? assetOf.get(task.asset_id) : undefined;
        const parts = [
          asset?.name,
          asset?.client_id ? clientName.get(asset.client_id) : undefined,
          task.location_id ? locationName.get(task.location_id) : undefined,
        ].filter((part): part is string => Boolean(part));
        where.set(task.id, [...new Set(parts)].join(' · '));
      }
      const open = all.items.filter((task) => !kFinished.has(task.status));
      setLoaded({
        open: [...open.filter((task) => overdue.has(task.id)), ...open.filter((task) => !overdue.has(task.id))],
        finished: all.items.filter((task) => kFinished.has(task.status)),
        overdue,
        where,
      });
      setFailure(null);
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core, scope]);

  const received = useReceived();
  useEffect(() => {
    void refresh();
  }, [refresh, received]);

  const scopeButton = (value: Scope, label: string) => (
    <button
      type="button"
      class={`button work-scope__button${scope === value ? ' button--primary' : ''}`}
      aria-pressed={scope === value ? 'true' : 'false'}
      onClick={() => {
        setLoaded(null);
        setScope(value);
      }}
      data-testid={`work-scope-${value}`}
    >
      {label}
    </button>
  );

  return (
    <section class="screen work" aria-labelledby="work-title" data-testid="work-list-screen">
      <div class="screen__head">
        <h2 id="work-title" class="screen__title">
          {t('work.list.title')}
        </h2>
        <div class="work-scope" role="group" aria-label={t('work.list.scope')}>
          {scopeButton('mine', t('work.list.scope_mine'))}
          {scopeButton('all', t('work.list.scope_all'))}
        </div>
      </div>
      <div aria-live="polite">
        {failure !== null && (
          <p class="list__message list__message--error" role="alert">
            {t('work.list.failed', { message: coreErrorMessage(i18n, 'work', failure) })}
          </p>
        )}
        {failure === null && loaded === null && <p class="list__message">{t('work.list.loading')}</p>}
        {loaded !== null && loaded.open.length === 0 && loaded.finished.length === 0 && (
          <p class="card list__message" data-testid="work-list-empty">
            {scope === 'mine' ? t('work.list.empty_mine') : t('work.list.empty_all')}
          </p>
        )}
      </div>
      {loaded !== null && loaded.open.length > 0 && (
        <TaskGroup id="work-open" title={t('work.list.open')} tasks={loaded.open} loaded={loaded} />
      )}
      {loaded !== null && loaded.finished.length > 0 && (
        <TaskGroup id="work-finished" title={t('work.list.finished')} tasks={loaded.finished} loaded={loaded} />
      )}
    </section>
  );
}

function TaskGroup({ id, title, tasks, loaded }: { id: string; title: string; tasks: TaskSummary[]; loaded: Loaded }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby={`${id}-title`} class="work-group">
      <h3 id={`${id}-title`} class="work-group__title">
        {title} <span class="card__count">{tasks.length}</span>
      </h3>
      <ul class="work-cards" data-testid={`${id}-list`}>
        {tasks.map((task) => {
          const overdue = loaded.overdue.has(task.id);
          const where = loaded.where.get(task.id) ?? '';
          return (
            <li key={task.id}>
              <a
                class={`work-card${overdue ? ' work-card--overdue' : ''}`}
                href={href('work', task.id)}
                data-testid="work-card"
                data-id={task.id}
                data-status={task.status}
                data-overdue={overdue ? 'yes' : 'no'}
              >
                <span class="work-card__title">{task.title}</span>
                <span class="work-card__where">{where || t('work.list.no_place')}</span>
                <span class="work-card__meta">
                  <span class={`work-status work-status--${task.status}`}>{statusLabel(i18n, task.status)}</span>
                  {overdue && (
                    <span class="work-badge work-badge--overdue" data-testid="work-overdue">
                      {t('work.list.overdue')}
                    </span>
                  )}
                  {(task.priority === 'high' || task.priority === 'urgent') && (
                    <span class="work-badge work-badge--priority">{priorityLabel(i18n, task.priority)}</span>
                  )}
                  <span class="work-card__due">
                    {task.due_date ? t('work.list.due', { day: formatDay(i18n, task.due_date) }) : t('work.list.no_due')}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
