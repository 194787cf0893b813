/**
 * Creating or editing a client in a dialog: name, notes, and its contacts and addresses as
 * editable lists (client.create / client.update; a list sent replaces the old one). The core
 * checks the name (unique among live clients) and the lists; its refusal shows in the dialog.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';
import type { Address, Client, Contact } from './contract';
import { optional } from './projects_core';
import { RowsEditor } from './rows_editor';

interface Props {
  client: Client | null;
  onClose(): void;
  onSaved(id: string): void;
}

/** Drops the empty optional fields of a contact (the core wants them absent, not ''). */
function cleanContact(c: Contact): Contact {
  const out: Contact = { name: c.name };
  for (const key of ['role', 'email', 'phone'] as const) {
    const value = c[key] ?? '';
    if (value.trim() !== '') out[key] = value;
  }
  return out;
}

export function ClientForm({ client, onClose, onSaved }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('projects');
  const [name, setName] = useState(client?.name ?? '');
  const [notes, setNotes] = useState(client?.notes ?? '');
  const [contacts, setContacts] = useState<Contact[]>(client?.contacts ?? []);
  const [addresses, setAddresses] = useState<Address[]>(client?.addresses ?? []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const id = client?.id ?? newId();
    const fields = { name, notes: optional(notes), contacts: contacts.map(cleanContact), addresses };
    const ok = await action.run(() => (client === null ? core.mutate('client.create', { id, ...fields }) : core.mutate('client.update', { id, ...fields })));
    if (ok) onSaved(id);
  }

  const field = action.error?.field;
  const nameError = action.error !== null && (field === undefined || field === 'name' || field === 'id') ? action.message : '';
  const otherError = action.error !== null && nameError === '' ? action.message : '';
  return (
    <Dialog title={client === null ? t('projects.clients.new') : t('projects.clients.edit_title', { name: client.name })} onClose={onClose} testId="client-dialog">
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label class="field__label" for="client-name">{t('projects.field.name')}</label>
          <input id="client-name" class="field__input" autoComplete="off" value={name} data-autofocus onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={nameError ? 'true' : undefined} aria-describedby="client-name-error" data-testid="client-name" />
          <p id="client-name-error" class="field__error" aria-live="assertive">{nameError}</p>
        </div>
        <RowsEditor<Contact>
          legend={t('projects.contacts.title')}
          idPrefix="client-contact"
          rows={contacts}
          onChange={setContacts}
          blank={{ name: '', role: '', email: '', phone: '' }}
          fields={[
            { key: 'name', label: t('projects.contacts.name') },
            { key: 'role', label: t('projects.contacts.role') },
            { key: 'email', label: t('projects.contacts.email'), type: 'email' },
            { key: 'phone', label: t('projects.contacts.phone'), type: 'tel' },
          ]}
          addLabel={t('projects.contacts.add')}
          removeLabel={(n) => t('projects.contacts.remove', { n })}
        />
        <RowsEditor<Address>
          legend={t('projects.addresses.title')}
          idPrefix="client-address"
          rows={addresses}
          onChange={setAddresses}
          blank={{ label: '', text: '' }}
          fields={[
            { key: 'label', label: t('projects.addresses.label') },
            { key: 'text', label: t('projects.addresses.text') },
          ]}
          addLabel={t('projects.addresses.add')}
          removeLabel={(n) => t('projects.addresses.remove', { n })}
        />
        <div class="field">
          <label class="field__label" for="client-notes">{t('projects.field.notes')}</label>
          <textarea id="client-notes" class="field__input" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} data-testid="client-notes" />
        </div>
        <p class="field__error" role="alert" data-testid="client-error">{otherError}</p>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>{t('projects.cancel')}</button>
          <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="client-save">
            {t('projects.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
