/**
 * Changing an asset's status (asset.set_status): running, degraded, down or retired, with an
 * optional note. The status history it appends feeds downtime, MTTR and MTBF.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { TextField } from './asset_fields';
import { label } from './assets_core';
import { type AssetDetail, type AssetStatus, kAssetStatuses } from './contract';

export function AssetStatusForm({ asset, onChanged }: { asset: AssetDetail; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('assets');
  const [status, setStatus] = useState<AssetStatus>(asset.status === 'running' ? 'down' : 'running');
  const [note, setNote] = useState('');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const args = { id: newId(), asset_id: asset.id, status, ...(note.trim() !== '' ? { note: note.trim() } : {}) };
    if (await action.run(() => core.mutate('asset.set_status', args))) {
      setNote('');
      onChanged();
    }
  }

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="asset-status-title" data-testid="asset-status-form">
      <h3 id="asset-status-title" class="card__title">
        {t('assets.status.title')}
      </h3>
      <div class="field">
        <label class="field__label" for="asset-status-new">
          {t('assets.status.new')}
        </label>
        <select id="asset-status-new" class="field__input" value={status} onChange={(e) => setStatus(e.currentTarget.value as AssetStatus)}
          data-testid="asset-status-new">
          {kAssetStatuses.map((s) => (
            <option key={s} value={s}>
              {label(i18n, 'status', s)}
            </option>
          ))}
        </select>
      </div>
      <TextField id="asset-status-note" name="note" text={t('assets.status.note')} value={note} onInput={setNote} error="" />
      <p class="field__error" role="alert" data-testid="asset-status-error">
        {action.message}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="asset-status-submit">
        {t('assets.status.submit')}
      </button>
    </form>
  );
}
