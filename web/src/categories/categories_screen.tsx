/** Stock categories: the creation form beside the list, refreshed after each creation. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { CategoryForm } from './category_form';
import { CategoryList } from './category_list';

export function CategoriesScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { can } = usePermissions();
  const [items, setItems] = useState<Category[] | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { items } = await core.query('category.list', {});
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

  return (
    <section class="screen" aria-labelledby="categories-title">
      <h2 id="categories-title" class="screen__title">
        {i18n.t('categories.title')}
      </h2>
      <div class="screen__columns">
        {can('category.create') && <CategoryForm onCreated={() => void refresh()} />}
        <CategoryList items={items} error={failure === null ? null : coreErrorMessage(i18n, 'categories', failure)} />
      </div>
    </section>
  );
}
