/**
 * The audit trail's filters: user, action (mutator name), entity (a row id) and a date
 * range. Applied on submit, so typing does not reload the server's log at every key.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { AuditFilters } from './contract';

export function AuditFiltersForm({
  value,
  users,
  mutators,
  onApply,
}: {
  value: AuditFilters;
  users: { id: string; username: string }[];
  mutators: string[];
  onApply: (filters: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const set = (key: keyof AuditFilters) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form
      class="card audit-filters"
      role="search"
      aria-label={t('audit.filters.label')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
      data-testid="audit-filters"
    >
      <div class="field">
        <label class="field__label" for="audit-user">
          {t('audit.filters.user')}
        </label>
        <select id="audit-user" class="field__input" value={draft.user} onChange={set('user')} data-testid="audit-filter-user">
          <option value="">{t('audit.filters.all_users')}</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.username}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="audit-mutator">
          {t('audit.filters.mutator')}
        </label>
        <input id="audit-mutator" class="field__input" list="audit-mutators" autoComplete="off" value={draft.mutator} onInput={set('mutator')} data-testid="audit-filter-mutator" />
        <datalist id="audit-mutators">
          {mutators.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label class="field__label" for="audit-entity">
          {t('audit.filters.entity')}
        </label>
        <input id="audit-entity" class="field__input" autoComplete="off" value={draft.entity} onInput={set('entity')} aria-describedby="audit-entity-hint" data-testid="audit-filter-entity" />
        <p id="audit-entity-hint" class="field__hint">
          {t('audit.filters.entity_hint')}
        </p>
      </div>
      <div class="field">
        <label class="field__label" for="audit-from">
          {t('audit.filters.from')}
        </label>
        <input id="audit-from" class="field__input" type="date" value={draft.from} onInput={set('from')} data-testid="audit-filter-from" />
      </div>
      <div class="field">
        <label class="field__label" for="audit-to">
          {t('audit.filters.to')}
        </label>
        <input id="audit-to" class="field__input" type="date" value={draft.to} onInput={set('to')} data-testid="audit-filter-to" />
      </div>
      <div class="audit-filters__actions">
        <button type="submit" class="button button--primary" data-testid="audit-apply">
          {t('audit.filters.apply')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            const empty = { user: '', mutator: '', entity: '', from: '', to: '' };
            setDraft(empty);
            onApply(empty);
          }}
          data-testid="audit-reset"
        >
          {t('audit.filters.reset')}
        </button>
      </div>
    </form>
  );
}
