/**
 * PLACES (#/locations): the location tree and the suppliers, two tabs of one area so the main
 * navigation stays short. `path` is the address after "#/locations/" (shell/route.ts):
 * [] the tree, ["location", id] one location, ["suppliers"] the suppliers.
 * Every control is offered only when the role may run its mutator (usePermissions).
 */
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { LocationDetail } from './location_detail';
import { LocationsScreen } from './locations_screen';
import './places.css';
import { SuppliersScreen } from './suppliers_screen';

export function PlacesArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [first, id] = path;
  const suppliers = first === 'suppliers' && can('supplier.list');
  const tabs = [
    { id: 'locations', label: t('places.tab.locations'), path: [] as string[], shown: can('location.list') },
    { id: 'suppliers', label: t('places.tab.suppliers'), path: ['suppliers'], shown: can('supplier.list') },
  ].filter((tab) => tab.shown);
  const current = suppliers ? 'suppliers' : 'locations';
  return (
    <div class="places">
      {tabs.length > 1 && (
        <nav aria-label={t('places.tabs')}>
          <ul class="subnav">
            {tabs.map((tab) => (
              <li key={tab.id}>
                <a href={href('locations', ...tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`places-tab-${tab.id}`}>
                  {tab.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {suppliers ? <SuppliersScreen /> : first === 'location' && id !== undefined ? <LocationDetail key={id} id={id} /> : <LocationsScreen />}
    </div>
  );
}
