/**
 * The suppliers (supplier.list), archived ones on demand: creation for the roles that may run
 * supplier.create, and on each row edit (supplier.update, in a dialog) and archive
 * (supplier.archive) for the roles the core lets do them. Read-only roles see the details.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { draftOf, SupplierForm } from './supplier_form';
import { SupplierRow } from './supplier_row';

export function SuppliersScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [archived, setArchived] = useState(false);
  const [created, setCreated] = useState('');
  const list = useLoaded(() => core.query('supplier.list', { include_archived: archived }), [core, archived]);
  const items = list.data?.items ?? null;

  return (
    <section class="screen" aria-labelledby="suppliers-title" data-testid="suppliers-screen">
      <h2 id="suppliers-title" class="screen__title">
        {t('places.suppliers.title')}
      </h2>
      <div class="screen__columns">
        {can('supplier.create') && (
          <section class="card" aria-labelledby="supplier-new-title" data-testid="supplier-create">
            <h3 id="supplier-new-title" class="card__title">
              {t('places.suppliers.new')}
            </h3>
            <SupplierForm prefix="supplier-new" initial={draftOf(null)} submitLabel={t('places.suppliers.create')}
              send={(values) => core.mutate('supplier.create', { id: newId(), ...values })}
              onDone={(name) => {
                setCreated(name);
                list.reload();
                return draftOf(null);
              }} />
            <p class="form__notice" role="status">
              {created !== '' ? t('places.created', { name: created }) : ''}
            </p>
          </section>
        )}
        <section class="card" aria-labelledby="suppliers-list-title" aria-busy={items === null ? 'true' : 'false'} data-testid="supplier-list">
          <h3 id="suppliers-list-title" class="card__title">
            {t('places.suppliers.list')}
            {items !== null && <span class="card__count">{items.length}</span>}
          </h3>
          <label class="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="suppliers-archived" />
            {t('places.show_archived')}
          </label>
          {list.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'places', list.error)}</p>}
          {items === null && list.error === null && <p class="list__message">{t('places.loading')}</p>}
          {items !== null && items.length === 0 && (
            <p class="list__message" data-testid="suppliers-empty">
              {t('places.suppliers.empty')}
            </p>
          )}
          <ul class="list">
            {(items ?? []).map((s) => (
              <SupplierRow key={s.id} supplier={s} onChanged={list.reload} />
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
