/**
 * ASSETS (#/assets): the equipment tree, one asset's page and the preventive plans. `path` is
 * the address after "#/assets/" (shell/route.ts): [] the tree, ["asset", id] one asset,
 * ["plans"] every preventive plan with what is due and the compliance figures.
 * Every control is offered only when the role may run its mutator (usePermissions).
 */
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { AssetDetail } from './asset_detail';
import './assets.css';
import { AssetsScreen } from './assets_screen';
import { PlansScreen } from './plans_screen';

export function AssetsArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [first, id] = path;
  const plans = first === 'plans' && can('pm.list');
  const tabs = [
    { id: 'tree', label: t('assets.tab.tree'), path: [] as string[], shown: true },
    { id: 'plans', label: t('assets.tab.plans'), path: ['plans'], shown: can('pm.list') },
  ].filter((tab) => tab.shown);
  const current = plans ? 'plans' : 'tree';
  return (
    <div class="assets">
      {tabs.length > 1 && (
        <nav aria-label={t('assets.tabs')}>
          <ul class="subnav">
            {tabs.map((tab) => (
              <li key={tab.id}>
                <a href={href('assets', ...tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`assets-tab-${tab.id}`}>
                  {tab.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {plans ? <PlansScreen /> : first === 'asset' && id !== undefined ? <AssetDetail key={id} id={id} /> : <AssetsScreen />}
    </div>
  );
}
