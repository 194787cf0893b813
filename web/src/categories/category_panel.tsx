/**
 * One category's panel: where it sits in the tree, rename and move (category.update: the
 * core refuses a move under itself or one of its sub-categories, and a name its new siblings
 * use), archive/restore (category.archive, admins only), add a sub-category, and its
 * attribute definitions. Each control only for the roles that may run its mutator.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { AttributesSection } from './attributes_section';

interface Props {
  category: Category;
  /** The whole tree, archived included (tree order). */
  items: Category[];
  onChanged(): void;
  onAddChild(id: string): void;
}

/** "Outillage › Mesure" from the tree's parent links. */
function pathOf(category: Category, items: Category[]): string {
  const names: string[] = [];
  let at: Category | undefined = category;
  for (let guard = 0; at !== undefined && guard < 64; guard++) {
    names.unshift(at.name);
    const parentId: string | null = at.parent_id;
    at = parentId === null ? undefined : items.find((c) => c.id === parentId);
  }
  return names.join(' › ');
}

export function CategoryPanel({ category, items, onChanged, onAddChild }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const rename = useAction('categories');
  const move = useAction('categories');
  const archive = useAction('categories');
  const [name, setName] = useState(category.name);
  const [parent, setParent] = useState(category.parent_id ?? '');
  // A key, translated when shown (so a language change translates it too).
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  // Opening a category moves the focus (and the view, on a phone) to its panel.
  useEffect(() => title.current?.focus(), []);
  useEffect(() => setName(category.name), [category.name]);
  useEffect(() => setParent(category.parent_id ?? ''), [category.parent_id]);

  const done = (text: MessageKey) => (ok: boolean) => {
    if (!ok) return;
    setNotice(text);
    onChanged();
  };
  const submitRename = (event: Event) => {
    event.preventDefault();
    setNotice(null);
    void rename.run(() => core.mutate('category.update', { id: category.id, name })).then(done('categories.panel.renamed'));
  };
  const submitMove = (event: Event) => {
    event.preventDefault();
    setNotice(null);
    void move.run(() => core.mutate('category.update', { id: category.id, parent_id: parent === '' ? null : parent })).then(done('categories.panel.moved'));
  };
  const toggleArchive = () => {
    setNotice(null);
    const archived = !category.archived;
    void archive
      .run(() => core.mutate('category.archive', { id: category.id, archived }))
      .then(done(archived ? 'categories.panel.archived_done' : 'categories.panel.restored'));
  };
  const editable = can('category.update');

  return (
    <section class="card" aria-labelledby="category-panel-title" data-testid="category-panel" data-id={category.id}>
      <h3 id="category-panel-title" class="card__title" tabIndex={-1} ref={title}>
        <span data-testid="category-panel-name">{category.name}</span>
        {category.archived && <span class="badge">{t('categories.list.archived')}</span>}
      </h3>
      <p class="categories__path" data-testid="category-panel-path">
        {pathOf(category, items)}
      </p>
      {editable && (
        <form class="categories__inline" onSubmit={submitRename} noValidate data-testid="category-rename-form">
          <div class="field">
            <label class="field__label" for="category-rename">
              {t('categories.panel.name')}
            </label>
            <input id="category-rename" class="field__input" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)}
              aria-invalid={rename.message !== '' ? 'true' : undefined} aria-describedby="category-rename-error" data-testid="category-rename-input" />
            <p id="category-rename-error" class="field__error" aria-live="assertive" data-testid="category-rename-error">
              {rename.message}
            </p>
          </div>
          <button type="submit" class="button button--primary" data-testid="category-rename-submit">
            {t('categories.panel.rename')}
          </button>
        </form>
      )}
      {editable && (
        <form class="categories__inline" onSubmit={submitMove} noValidate data-testid="category-move-form">
          <div class="field">
            <label class="field__label" for="category-move">
              {t('categories.panel.parent')}
            </label>
            <select id="category-move" class="field__input" value={parent} onChange={(e) => setParent(e.currentTarget.value)}
              aria-invalid={move.message !== '' ? 'true' : undefined} aria-describedby="category-move-error" data-testid="category-move-select">
              <option value="">{t('categories.form.no_parent')}</option>
              {items
                .filter((c) => c.id !== category.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {'\u00a0'.repeat(c.depth * 2) + c.name}
                  </option>
                ))}
            </select>
            <p id="category-move-error" class="field__error" aria-live="assertive" data-testid="category-move-error">
              {move.message}
            </p>
          </div>
          <button type="submit" class="button button--primary" data-testid="category-move-submit">
            {t('categories.panel.move')}
          </button>
        </form>
      )}
      <div class="categories__actions">
        {can('category.create') && !category.archived && (
          <button type="button" class="button button--secondary" onClick={() => onAddChild(category.id)} data-testid="category-add-child">
            {t('categories.panel.add_child')}
          </button>
        )}
        {can('category.archive') && (
          <button type="button" class="button button--secondary" onClick={toggleArchive} data-testid="category-archive">
            {category.archived ? t('categories.panel.restore') : t('categories.panel.archive')}
          </button>
        )}
      </div>
      <p class="field__error" role="alert">
        {archive.message}
      </p>
      <p class="form__notice" role="status" data-testid="category-panel-notice">
        {notice === null ? '' : t(notice)}
      </p>
      <AttributesSection category={category} />
    </section>
  );
}
