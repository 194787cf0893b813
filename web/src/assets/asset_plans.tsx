/**
 * The asset's preventive plans (pm.list with inactive ones, and pm.due for the next due date
 * or meter threshold the core computes): each plan's row, its editor, and a new plan.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { today } from './assets_core';
import type { AssetDetail } from './contract';
import { PlanForm } from './plan_form';
import { PlanRow } from './plan_row';

export function AssetPlans({ asset, onChanged }: { asset: AssetDetail; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const plans = useLoaded(() => core.query('pm.list', { asset_id: asset.id, include_inactive: true }), [core, asset.id]);
  const meterTotals = asset.meters.map((m) => m.total).join(',');
  const due = useLoaded(() => core.query('pm.due', { as_of: today(), asset_id: asset.id, horizon_days: 30 }), [core, asset.id, meterTotals]);
  const [editing, setEditing] = useState<string | null>(null);
  const items = plans.data?.items ?? [];
  const reload = () => {
    plans.reload();
    due.reload();
    onChanged();
  };
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) reload();
  };

  return (
    <section class="card" aria-labelledby="asset-plans-title" data-testid="asset-plans">
      <h3 id="asset-plans-title" class="card__title">
        {t('assets.plans.title')} <span class="card__count">{items.length}</span>
      </h3>
      {plans.data !== null && items.length === 0 && <p class="list__message">{t('assets.plans.none')}</p>}
      <ul class="list">
        {items.map((p) =>
          editing === p.id ? (
            <li key={p.id} class="assets__plan">
              <PlanForm asset={asset} plan={p} checklist="" onDone={done} />
            </li>
          ) : (
            <PlanRow key={p.id} plan={p} due={due.data?.items.find((d) => d.plan_id === p.id)} onEdit={() => setEditing(p.id)} onChanged={reload} />
          ),
        )}
      </ul>
      {can('pm.create') && !asset.archived && editing !== 'new' && (
        <button type="button" class="button button--primary" onClick={() => setEditing('new')} data-testid="plan-new">
          {t('assets.plan.new')}
        </button>
      )}
      {editing === 'new' && <PlanForm asset={asset} plan={null} checklist="" onDone={done} />}
    </section>
  );
}
