/**
 * Editing an asset (asset.update): name, code, the asset it sits under (a move), make, model,
 * serial number, commissioning date, criticality and notes. The core refuses a move that
 * breaks the tree (under itself or its own child, a kind above its parent) and says why.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { ParentField, TextField } from './asset_fields';
import { label, orNull } from './assets_core';
import { type AssetDetail, type AssetRow, type Criticality, kCriticalities } from './contract';

type TextKey = 'name' | 'code' | 'manufacturer' | 'model' | 'serial_number' | 'commissioned_on' | 'notes';
const kTexts: TextKey[] = ['name', 'code', 'manufacturer', 'model', 'serial_number', 'commissioned_on', 'notes'];

export function AssetEditForm({ asset, assets, onChanged }: { asset: AssetDetail; assets: AssetRow[]; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('assets');
  const [draft, setDraft] = useState<Record<TextKey, string>>(() => ({
    name: asset.name,
    code: asset.code ?? '',
    manufacturer: asset.manufacturer ?? '',
    model: asset.model ?? '',
    serial_number: asset.serial_number ?? '',
    commissioned_on: asset.commissioned_on ?? '',
    notes: asset.notes ?? '',
  }));
  const [parent, setParent] = useState(asset.parent_id ?? '');
  const [criticality, setCriticality] = useState<Criticality>(asset.criticality);
  const [saved, setSaved] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await action.run(() =>
      core.mutate('asset.update', {
        id: asset.id,
        name: draft.name,
        code: orNull(draft.code),
        manufacturer: orNull(draft.manufacturer),
        model: orNull(draft.model),
        serial_number: orNull(draft.serial_number),
        commissioned_on: orNull(draft.commissioned_on),
        notes: orNull(draft.notes),
        criticality,
        parent_id: orNull(parent),
      }),
    );
    if (!ok) return;
    setSaved(true);
    onChanged();
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const named = [...kTexts, 'parent_id', 'criticality'];
  const general = action.error !== null && !named.includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="asset-edit-title" data-testid="asset-edit-form">
      <h3 id="asset-edit-title" class="card__title">
        {t('assets.edit')}
      </h3>
      {kTexts.map((key) => (
        <TextField key={key} id={`asset-edit-${key}`} name={key} text={t(`assets.field.${key}`)} value={draft[key]}
          type={key === 'commissioned_on' ? 'date' : 'text'} onInput={(value) => setDraft({ ...draft, [key]: value })} error={errorFor(key)} />
      ))}
      <div class="field">
        <label class="field__label" for="asset-edit-criticality">
          {t('assets.field.criticality')}
        </label>
        <select id="asset-edit-criticality" class="field__input" value={criticality} onChange={(e) => setCriticality(e.currentTarget.value as Criticality)}
          data-testid="asset-edit-criticality">
          {kCriticalities.map((c) => (
            <option key={c} value={c}>
              {label(i18n, 'criticality', c)}
            </option>
          ))}
        </select>
      </div>
      <ParentField id="asset-edit-parent" value={parent} onChange={setParent} assets={assets} error={errorFor('parent_id')} />
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="asset-save">
        {t('assets.save')}
      </button>
      <p class="form__notice" role="status" data-testid="asset-saved">
        {saved ? t('assets.saved') : ''}
      </p>
    </form>
  );
}
