/**
 * One supplier in the list: name and contact details, then "Edit" (opens the form in a
 * dialog: supplier.update) and "Archive"/"Restore" (supplier.archive), each only for the roles
 * that may run it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';
import { usePermissions } from '../shell/permissions';
import type { Supplier } from '../stock/contract';
import { draftOf, SupplierForm } from './supplier_form';

export function SupplierRow({ supplier, onChanged }: { supplier: Supplier; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const action = useAction('places.supplier');
  const [editing, setEditing] = useState(false);
  const details = [supplier.contact, supplier.email, supplier.phone].filter((d): d is string => d !== null && d !== '');

  return (
    <li class={`list__item places__row${supplier.archived ? ' list__item--archived' : ''}`} data-testid="supplier-row" data-name={supplier.name}>
      <span class="places__who">
        <span class="list__name">{supplier.name}</span>
        {details.length > 0 && <span class="places__sub" data-testid="supplier-details">{details.join(' · ')}</span>}
        {supplier.notes !== null && supplier.notes !== '' && <span class="places__sub places__notes">{supplier.notes}</span>}
      </span>
      {supplier.archived && <span class="badge">{t('places.archived')}</span>}
      {(can('supplier.update') || can('supplier.archive')) && (
        <span class="places__row-actions">
          {can('supplier.update') && !supplier.archived && (
            <button type="button" class="button button--secondary" aria-label={t('places.suppliers.edit_named', { name: supplier.name })}
              onClick={() => setEditing(true)} data-testid="supplier-edit">
              {t('places.edit')}
            </button>
          )}
          {can('supplier.archive') && (
            <button type="button" class="button button--secondary" data-testid="supplier-archive"
              aria-label={t(supplier.archived ? 'places.unarchive_named' : 'places.archive_named', { name: supplier.name })}
              onClick={() => void action.run(() => core.mutate('supplier.archive', { id: supplier.id, archived: !supplier.archived })).then((ok) => ok && onChanged())}>
              {supplier.archived ? t('places.unarchive') : t('places.archive')}
            </button>
          )}
        </span>
      )}
      {action.message !== '' && <p class="field__error places__row-error" role="alert">{action.message}</p>}
      {editing && (
        <Dialog title={t('places.suppliers.edit_title', { name: supplier.name })} onClose={() => setEditing(false)} testId="supplier-dialog">
          <SupplierForm prefix="supplier-edit" initial={draftOf(supplier)} submitLabel={t('places.save')}
            send={(values) => core.mutate('supplier.update', { id: supplier.id, ...values })}
            onDone={(name) => {
              setEditing(false);
              onChanged();
              return draftOf({ ...supplier, name });
            }}>
            <button type="button" class="button button--secondary" onClick={() => setEditing(false)} data-testid="supplier-edit-cancel">
              {t('places.cancel')}
            </button>
          </SupplierForm>
        </Dialog>
      )}
    </li>
  );
}
