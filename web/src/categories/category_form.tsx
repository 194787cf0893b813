/**
 * Form creating a stock category, at the top level or under a chosen parent. It sends what
 * was typed to the core's `category.create` mutator and shows the core's verdict: no
 * validation here. The parent is held by the screen (a category's panel can pick it).
 */
import { useRef, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** Live categories a new one may go under (tree order). */
  parents: Category[];
  parent: string;
  onParentChange(parent: string): void;
  onCreated(): void;
}

type Outcome = { kind: 'none' } | { kind: 'created'; name: string } | { kind: 'failed'; error: CoreError };

export function CategoryForm({ parents, parent, onParentChange, onCreated }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome({ kind: 'none' });
    try {
      await core.mutate('category.create', { id: newId(), name, parent_id: parent === '' ? null : parent });
      setName('');
      setOutcome({ kind: 'created', name });
      onCreated();
    } catch (thrown) {
      setOutcome({ kind: 'failed', error: CoreError.from(thrown) });
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  // Translated at render time so switching language also translates a shown error.
  const error = outcome.kind === 'failed' ? coreErrorMessage(i18n, 'categories', outcome.error) : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="category-form-title" data-testid="category-form">
      <h3 id="category-form-title" class="card__title">
        {t('categories.form.title')}
      </h3>
      <div class="field">
        <label class="field__label" for="category-name" data-testid="category-name-label">
          {t('categories.form.name_label')}
        </label>
        <p id="category-name-hint" class="field__hint">
          {t('categories.form.name_hint')}
        </p>
        <input
          ref={input}
          id="category-name"
          class="field__input"
          type="text"
          name="name"
          autoComplete="off"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-invalid={error !== '' ? 'true' : undefined}
          aria-describedby="category-name-hint category-name-error"
          data-testid="category-name-input"
        />
        <p id="category-name-error" class="field__error" aria-live="assertive" data-testid="category-name-error">
          {error}
        </p>
      </div>
      <div class="field">
        <label class="field__label" for="category-parent">
          {t('categories.form.parent_label')}
        </label>
        <select id="category-parent" class="field__input" value={parent} onChange={(event) => onParentChange(event.currentTarget.value)} data-testid="category-parent">
          <option value="">{t('categories.form.no_parent')}</option>
          {parents.map((c) => (
            <option key={c.id} value={c.id}>
              {'\u00a0'.repeat(c.depth * 2) + c.name}
            </option>
          ))}
        </select>
      </div>
      <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="category-submit">
        {busy ? t('categories.form.submitting') : t('categories.form.submit')}
      </button>
      <p class="form__notice" role="status" data-testid="category-form-notice">
        {outcome.kind === 'created' ? t('categories.form.created', { name: outcome.name }) : ''}
      </p>
    </form>
  );
}
