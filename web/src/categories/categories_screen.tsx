/**
 * Stock categories (#/categories, #/categories/<id>): the tree with archived ones marked, the
 * creation form (top level or under a parent) and, for the category the address names, its
 * panel (rename, move, archive, attribute definitions). Refreshed after each change and sync.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import './categories.css';
import { CategoryForm } from './category_form';
import { CategoryList } from './category_list';
import { CategoryPanel } from './category_panel';

export function CategoriesScreen({ path }: { path: string[] }) {
  const core = useCore();
  const i18n = useI18n();
  const { can } = usePermissions();
  const [items, setItems] = useState<Category[] | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);
  const [parent, setParent] = useState('');

  const refresh = useCallback(async () => {
    try {
      const { items } = await core.query('category.list', { include_archived: true });
      setItems(items);
      setFailure(null);
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core]);

  // Again whenever a sync brings rows from the server.
  const received = useReceived();
  useEffect(() => {
    void refresh();
  }, [refresh, received]);

  const selectedId = path[0] ?? null;
  const selected = items?.find((item) => item.id === selectedId) ?? null;
  const addChild = (id: string) => {
    setParent(id);
    document.getElementById('category-name')?.focus();
  };
  return (
    <section class="screen categories" aria-labelledby="categories-title">
      <h2 id="categories-title" class="screen__title">
        {i18n.t('categories.title')}
      </h2>
      <div class="screen__columns">
        <div class="categories__stack">
          {selected !== null && items !== null && (
            <CategoryPanel key={selected.id} category={selected} items={items} onChanged={() => void refresh()} onAddChild={addChild} />
          )}
          {can('category.create') && (
            <CategoryForm parents={(items ?? []).filter((c) => !c.archived)} parent={parent} onParentChange={setParent} onCreated={() => void refresh()} />
          )}
        </div>
        <CategoryList items={items} selected={selectedId} error={failure === null ? null : coreErrorMessage(i18n, 'categories', failure)} />
      </div>
    </section>
  );
}
