/**
 * The asset's meters (running hours, km, cycles…): each with its readings and chart
 * (meter_panel.tsx), and a form to add a meter (meter.create) for roles that may.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { TextField } from './asset_fields';
import type { AssetDetail } from './contract';
import { MeterPanel } from './meter_panel';

export function MetersSection({ asset, onChanged }: { asset: AssetDetail; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const meters = asset.meters.filter((m) => !m.archived);
  return (
    <section class="card" aria-labelledby="asset-meters-title" data-testid="asset-meters">
      <h3 id="asset-meters-title" class="card__title">
        {t('assets.meters.title')} <span class="card__count">{meters.length}</span>
      </h3>
      {meters.length === 0 && <p class="list__message">{t('assets.meters.none')}</p>}
      {meters.map((m) => (
        <MeterPanel key={m.id} meter={m} onChanged={onChanged} />
      ))}
      {can('meter.create') && !asset.archived && <MeterCreateForm assetId={asset.id} onCreated={onChanged} />}
    </section>
  );
}

function MeterCreateForm({ assetId, onCreated }: { assetId: string; onCreated(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('assets');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (await action.run(() => core.mutate('meter.create', { id: newId(), asset_id: assetId, name, unit }))) {
      setName('');
      setUnit('');
      onCreated();
    }
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !['name', 'unit'].includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="form assets__subform" onSubmit={submit} noValidate aria-labelledby="meter-new-title" data-testid="meter-create-form">
      <h4 id="meter-new-title" class="assets__subtitle">
        {t('assets.meters.new')}
      </h4>
      <div class="assets__row">
        <TextField id="meter-new-name" name="name" text={t('assets.meters.name')} value={name} onInput={setName} error={errorFor('name')} />
        <TextField id="meter-new-unit" name="unit" text={t('assets.meters.unit')} value={unit} onInput={setUnit} error={errorFor('unit')} />
      </div>
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="meter-create">
        {t('assets.meters.create')}
      </button>
    </form>
  );
}
