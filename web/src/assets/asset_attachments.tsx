/**
 * The asset's attachments (manuals as PDF, photos): listed with attachment.list, opened from
 * the device's copy or the server (core.readAttachment). Adding one goes through the same flow
 * as a work order's photos: the bytes are hashed here (SHA-256), kept on the device by the
 * worker (uploaded when online) and the metadata recorded with attachment.add.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { sha256Hex } from '../work/work_core';
import { formatInstant } from './assets_core';
import type { AssetDetail } from './contract';

/** A file name without any folder part (the core refuses paths). */
function baseName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.trim() === '' ? 'document.pdf' : base.slice(-255);
}

export function AssetAttachments({ asset }: { asset: AssetDetail }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const list = useLoaded(() => core.query('attachment.list', { entity_type: 'asset', entity_id: asset.id }), [core, asset.id]);
  const items = list.data?.items ?? [];
  const action = useAction('assets');
  const open = useAction('assets');
  const [notice, setNotice] = useState('');

  async function add(event: Event) {
    const field = event.currentTarget as HTMLInputElement;
    const file = field.files?.[0];
    field.value = '';
    if (!file) return;
    setNotice('');
    const ok = await action.run(async () => {
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      await core.saveAttachment(sha256, bytes); // transfers (empties) `bytes`
      await core.mutate('attachment.add', {
        id: newId(), entity_type: 'asset', entity_id: asset.id, sha256, filename: baseName(file.name),
        mime: file.type || 'application/octet-stream', size_bytes: file.size,
      });
    });
    if (ok) {
      setNotice(t('assets.files.added', { name: baseName(file.name) }));
      list.reload();
    }
  }

  async function show(sha256: string, filename: string) {
    await open.run(async () => {
      const blob = await core.readAttachment(sha256);
      if (blob === null) throw new Error(t('assets.files.unavailable'));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.target = '_blank';
      link.rel = 'noopener';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  }

  return (
    <section class="card" aria-labelledby="asset-files-title" data-testid="asset-files">
      <h3 id="asset-files-title" class="card__title">
        {t('assets.files.title')} <span class="card__count">{items.length}</span>
      </h3>
      {items.length === 0 && <p class="list__message">{t('assets.files.none')}</p>}
      <ul class="list">
        {items.map((f) => (
          <li key={f.id} class="list__item" data-testid="asset-file" data-name={f.filename}>
            <span class="assets__file">
              <span class="list__name">{f.filename}</span>
              <span class="assets__sub">{formatInstant(i18n, f.uploaded_at)} · {new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(f.size_bytes / 1024)} kB</span>
            </span>
            <button type="button" class="button button--secondary" onClick={() => void show(f.sha256, f.filename)}
              aria-label={t('assets.files.open_named', { name: f.filename })} data-testid="asset-file-open">
              {t('assets.files.open')}
            </button>
          </li>
        ))}
      </ul>
      {open.message !== '' && <p class="field__error" role="alert">{open.message}</p>}
      {can('attachment.add') && can('cap.attachment.any_entity') && !asset.archived && (
        <>
          {/* The (transparent) file input covers its visible label: a 44 px target, reachable by keyboard. */}
          <span class="assets__file-pick">
            <label class="button button--primary" for="asset-file-input">
              {action.busy ? t('assets.files.saving') : t('assets.files.add')}
            </label>
            <input id="asset-file-input" class="assets__file-input" type="file" accept="application/pdf,image/*" onChange={(e) => void add(e)}
              aria-describedby="asset-file-error" data-testid="asset-file-input" />
          </span>
          <p id="asset-file-error" class="field__error" role="alert" data-testid="asset-file-error">
            {action.message}
          </p>
          <p class="form__notice" role="status" data-testid="asset-file-notice">
            {notice}
          </p>
        </>
      )}
    </section>
  );
}
