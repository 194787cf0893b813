/**
 * Renaming, re-coding and moving a location (location.update with its name, code and the
 * location it sits in). The core refuses a place that does not fit the kind, a name already
 * used beside it and a move under itself; its message shows under the field it names and
 * nothing changes.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { Location } from '../stock/contract';
import { type LocationDraft, LocationFields } from './location_fields';

const kFields = ['name', 'code', 'parent_id'];

interface Props {
  location: Location;
  locations: Location[];
  onChanged(): void;
}

export function LocationEditForm({ location, locations, onChanged }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('places.location');
  const [draft, setDraft] = useState<LocationDraft>({ name: location.name, code: location.code ?? '', parent_id: location.parent_id ?? '' });
  const [saved, setSaved] = useState(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const orNull = (text: string) => (text.trim() === '' ? null : text);
    const ok = await action.run(() =>
      core.mutate('location.update', { id: location.id, name: draft.name, code: orNull(draft.code), parent_id: orNull(draft.parent_id) }),
    );
    if (!ok) return;
    setSaved(true);
    onChanged();
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !kFields.includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="location-edit-title" data-testid="location-edit-form">
      <h3 id="location-edit-title" class="card__title">
        {t('places.location.edit')}
      </h3>
      <LocationFields prefix="location-edit" draft={draft} setDraft={(next) => {
        setSaved(false);
        setDraft(next);
      }} locations={locations} errorFor={errorFor} />
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="location-save">
        {t('places.save')}
      </button>
      <p class="form__notice" role="status" data-testid="location-saved">
        {saved ? t('places.saved') : ''}
      </p>
    </form>
  );
}
