/**
 * The main navigation: one entry per screen area the role may use (an area is offered
 * when the role may run the query or mutator it is built on), the current one marked.
 */
import { AlertsBadge } from '../alerts/alerts_badge';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from './permissions';
import { href } from './route';

export interface Area {
  id: string;
  label: MessageKey;
  /** Offered only if the role may run this. */
  needs: string | null;
  /** ...and not if the role has this (e.g. a field-only capability). */
  unless?: string;
}

export const kSettingsArea: Area = { id: 'settings', label: 'nav.settings', needs: null };

export const kAreas: readonly Area[] = [
  // The office's landing screen; technicians (cap.task.own) keep MY WORK first and get it next.
  { id: 'dashboard', label: 'nav.dashboard', needs: 'dashboard.widgets', unless: 'cap.task.own' },
  { id: 'work', label: 'nav.work', needs: 'task.list' },
  { id: 'dashboard', label: 'nav.dashboard', needs: 'cap.task.own' },
  // The planners' desk: not for technicians, whose work orders are MY WORK (cap.task.own).
  { id: 'orders', label: 'nav.orders', needs: 'task.list', unless: 'cap.task.own' },
  { id: 'planning', label: 'nav.planning', needs: 'planning.range' },
  { id: 'stock', label: 'nav.stock', needs: 'item.search' },
  { id: 'alerts', label: 'nav.alerts', needs: 'alert.list' },
  { id: 'count', label: 'nav.count', needs: 'count.record' },
  { id: 'categories', label: 'nav.categories', needs: 'category.list' },
  { id: 'projects', label: 'nav.projects', needs: 'project.list' },
  { id: 'people', label: 'nav.people', needs: 'employee.list' },
  { id: 'locations', label: 'nav.locations', needs: 'location.list' },
  { id: 'assets', label: 'nav.assets', needs: 'asset.list' },
  // A capability of the permission table, not a query: the server's account administration.
  { id: 'users', label: 'nav.users', needs: 'cap.server.admin' },
  { id: 'audit', label: 'nav.audit', needs: 'cap.server.audit' },
  kSettingsArea,
];

export function areasFor(can: (name: string) => boolean): Area[] {
  return kAreas.filter((area) => (area.needs === null || can(area.needs)) && (area.unless === undefined || !can(area.unless)));
}

export function Nav({ current }: { current: string }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  return (
    <nav class="app-nav" aria-label={t('nav.label')} data-testid="app-nav">
      <ul class="app-nav__list">
        {areasFor(can).map((area) => (
          <li key={area.id}>
            <a
              class="app-nav__link"
              href={href(area.id)}
              data-testid={`nav-${area.id}`}
              aria-current={area.id === current ? 'page' : undefined}
            >
              {t(area.label)}
              {area.id === 'alerts' && <AlertsBadge />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
