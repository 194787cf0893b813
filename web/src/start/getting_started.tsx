/**
 * The getting-started list shown on the landing screen of a company that is not set up yet:
 * places, people and items, each with a link to the screen where it is done and ticked once
 * the local database holds one. Offered only to roles that may create locations (admins and
 * managers); it disappears when the three steps are done. Reads the core's own lists: no
 * rule here beyond "is the list empty".
 */
import { useCore } from '../core/core_context';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import './start.css';

interface Step {
  id: 'locations' | 'people' | 'items';
  area: string;
  label: MessageKey;
  hint: MessageKey;
  done: boolean;
}

export function GettingStarted() {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const allowed = can('location.create') && can('employee.create') && can('item.create');
  const counts = useLoaded(async () => {
    if (!allowed) return null;
    const [locations, employees, items] = await Promise.all([
      core.query('location.list', { include_archived: true }),
      core.query('employee.list', { include_archived: true }),
      core.query('item.search', { q: '', include_archived: true, limit: 1 }),
    ]);
    return { locations: locations.items.length, people: employees.items.length, items: items.items.length };
  }, [core, allowed]);
  if (!allowed || counts.data === null) return null;
  const steps: Step[] = [
    { id: 'locations', area: 'locations', label: 'start.locations', hint: 'start.locations_hint', done: counts.data.locations > 0 },
    { id: 'people', area: 'people', label: 'start.people', hint: 'start.people_hint', done: counts.data.people > 0 },
    { id: 'items', area: 'stock', label: 'start.items', hint: 'start.items_hint', done: counts.data.items > 0 },
  ];
  if (steps.every((step) => step.done)) return null;
  return (
    <section class="card getting-started" aria-labelledby="getting-started-title" data-testid="getting-started">
      <h2 id="getting-started-title" class="card__title">
        {t('start.title')}
      </h2>
      <p>{t('start.intro')}</p>
      <ol class="getting-started__steps">
        {steps.map((step) => (
          <li key={step.id} class="getting-started__step" data-testid={`getting-started-${step.id}`} data-done={step.done}>
            <span class="getting-started__mark" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <span class="getting-started__text">
              <a class="getting-started__link" href={href(step.area)}>
                {t(step.label)}
              </a>
              <span class="getting-started__hint">
                {step.done ? t('start.done') : t(step.hint)}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
