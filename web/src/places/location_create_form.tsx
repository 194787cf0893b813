/**
 * Creating a location (location.create): its kind, name, optional code and the location it
 * sits in. The core decides whether that place fits the kind and whether the name is free.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { Location } from '../stock/contract';
import { kLocationKinds, type LocationKind } from './contract';
import { type LocationDraft, LocationFields } from './location_fields';
import { kindKey } from './location_kind';

const kEmpty: LocationDraft = { name: '', code: '', parent_id: '' };
const kFields = ['kind', 'name', 'code', 'parent_id'];

export function LocationCreateForm({ locations, onCreated }: { locations: Location[]; onCreated(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('places.location');
  const [kind, setKind] = useState<LocationKind>('warehouse');
  const [draft, setDraft] = useState<LocationDraft>(kEmpty);
  const [created, setCreated] = useState('');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated('');
    const orNull = (text: string) => (text.trim() === '' ? null : text);
    const ok = await action.run(() =>
      core.mutate('location.create', { id: newId(), kind, name: draft.name, code: orNull(draft.code), parent_id: orNull(draft.parent_id) }),
    );
    if (!ok) return;
    setCreated(draft.name);
    // The place stays chosen: the next zone or bin often goes to the same one.
    setDraft({ ...kEmpty, parent_id: draft.parent_id });
    onCreated();
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !kFields.includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="location-new-title" data-testid="location-create-form">
      <h3 id="location-new-title" class="card__title">
        {t('places.locations.new')}
      </h3>
      <div class="field">
        <label class="field__label" for="location-new-kind">
          {t('places.field.kind')}
        </label>
        <select id="location-new-kind" class="field__input" name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as LocationKind)}
          aria-describedby="location-new-kind-error" data-testid="location-new-kind">
          {kLocationKinds.map((k) => (
            <option key={k} value={k}>
              {t(kindKey(k))}
            </option>
          ))}
        </select>
        <p id="location-new-kind-error" class="field__error" aria-live="assertive">
          {errorFor('kind')}
        </p>
      </div>
      <LocationFields prefix="location-new" draft={draft} setDraft={setDraft} locations={locations} errorFor={errorFor} />
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="location-create">
        {t('places.locations.create')}
      </button>
      <p class="form__notice" role="status">
        {created !== '' ? t('places.created', { name: created }) : ''}
      </p>
    </form>
  );
}
