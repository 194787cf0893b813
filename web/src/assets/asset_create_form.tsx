/**
 * Creating an asset (asset.create): its kind, name, optional code and the asset it sits
 * under. The core decides whether that place fits the kind and whether the name is free.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { ParentField, TextField } from './asset_fields';
import { label, orNull } from './assets_core';
import { type AssetKind, type AssetRow, kAssetKinds } from './contract';

const kFields = ['kind', 'name', 'code', 'parent_id'];

export function AssetCreateForm({ assets, onCreated }: { assets: AssetRow[]; onCreated(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('assets');
  const [kind, setKind] = useState<AssetKind>('site');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [parent, setParent] = useState('');
  const [created, setCreated] = useState('');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated('');
    const ok = await action.run(() => core.mutate('asset.create', { id: newId(), kind, name, code: orNull(code), parent_id: orNull(parent) }));
    if (!ok) return;
    setCreated(name);
    setName('');
    setCode('');
    onCreated();
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !kFields.includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="asset-new-title" data-testid="asset-create-form">
      <h3 id="asset-new-title" class="card__title">
        {t('assets.new')}
      </h3>
      <div class="field">
        <label class="field__label" for="asset-new-kind">
          {t('assets.field.kind')}
        </label>
        <select id="asset-new-kind" class="field__input" value={kind} onChange={(e) => setKind(e.currentTarget.value as AssetKind)}
          aria-describedby="asset-new-kind-error" data-testid="asset-new-kind">
          {kAssetKinds.map((k) => (
            <option key={k} value={k}>
              {label(i18n, 'kind', k)}
            </option>
          ))}
        </select>
        <p id="asset-new-kind-error" class="field__error" aria-live="assertive">
          {errorFor('kind')}
        </p>
      </div>
      <TextField id="asset-new-name" name="name" text={t('assets.field.name')} value={name} onInput={setName} error={errorFor('name')} />
      <TextField id="asset-new-code" name="code" text={t('assets.field.code')} value={code} onInput={setCode} error={errorFor('code')} />
      <ParentField id="asset-new-parent" value={parent} onChange={setParent} assets={assets} error={errorFor('parent_id')} />
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="asset-create">
        {t('assets.create')}
      </button>
      <p class="form__notice" role="status">
        {created !== '' ? t('assets.created', { name: created }) : ''}
      </p>
    </form>
  );
}
