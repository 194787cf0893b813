/**
 * Photos of the task. Taking one: the bytes are hashed here (SHA-256, crypto.subtle), kept on
 * the device by the worker (OPFS, uploaded when online: wasm/attachment_upload.ts) and the
 * metadata recorded at once with attachment.add — all of it works offline. Thumbnails come
 * from the device's copy, else from the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useCore, useReceived } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { TaskAttachment } from './contract';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';
import { formatInstant, sha256Hex } from './work_core';

/** A file name without any folder part (the core refuses paths). */
function baseName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.trim() === '' ? 'photo.jpg' : base.slice(-255);
}

export function PhotosSection({ task, reload }: SectionProps) {
  const core = useCore();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState('');
  const action = useAction('work');
  const { can } = usePermissions();

  async function take(event: Event) {
    const field = event.currentTarget as HTMLInputElement;
    const file = field.files?.[0];
    field.value = '';
    if (!file) return;
    const ok = await action.run(async () => {
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      await core.saveAttachment(sha256, bytes);  // transfers (empties) `bytes`
      await core.mutate('attachment.add', {
        id: newId(),
        entity_type: 'task',
        entity_id: task.id,
        sha256,
        filename: baseName(file.name),
        mime: file.type || 'application/octet-stream',
        size_bytes: file.size,
      });
    });
    if (ok) {
      setNotice(t('work.photos.added'));
      await reload();
    }
  }

  const photos = task.attachments;
  return (
    <section class="card work-section" aria-labelledby="work-photos-title" data-testid="work-photos">
      <h3 id="work-photos-title" class="card__title">
        {t('work.photos.title')} {photos.length > 0 && <span class="card__count">{photos.length}</span>}
      </h3>
      {photos.length === 0 && <p class="work-muted">{t('work.photos.none')}</p>}
      {photos.length > 0 && (
        <ul class="work-photos" data-testid="work-photo-list">
          {photos.map((photo) => (
            <Thumbnail key={photo.id} photo={photo} />
          ))}
        </ul>
      )}
      {can('attachment.add') && (
      <>
      <input
        ref={input}
        id="work-photo-input"
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(event) => void take(event)}
        aria-describedby="work-photo-error"
        data-testid="work-photo-input"
      />
      <label class="button button--primary work-photo-button" for="work-photo-input">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round">
          <path d="M3 8h4l2-3h6l2 3h4v12H3z" />
          <circle cx="12" cy="13.5" r="4" />
        </svg> {action.busy ? t('work.photos.saving') : t('work.photos.take')}
      </label>
      <p id="work-photo-error" class="field__error" role="alert" data-testid="work-photo-error">
        {action.message}
      </p>
      <p class="form__notice" role="status" data-testid="work-photo-notice">
        {notice}
      </p>
      </>
      )}
    </section>
  );
}

function Thumbnail({ photo }: { photo: TaskAttachment }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const received = useReceived();

  useEffect(() => {
    if (url !== null) return;
    let live = true;
    let made: string | null = null;
    core.readAttachment(photo.sha256).then(
      (blob) => {
        if (!live) return;
        if (blob === null) {
          setMissing(true);
          return;
        }
        made = URL.createObjectURL(blob);
        setUrl(made);
        setMissing(false);
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
    };
    // `received`: try again after a sync (the bytes may have arrived on the server).
  }, [core, photo.sha256, received, url]);

  useEffect(
    () => () => {
      if (url !== null) URL.revokeObjectURL(url);
    },
    [url],
  );

  const caption = `${photo.filename} · ${formatInstant(i18n, photo.uploaded_at)}`;
  return (
    <li class="work-photo" data-testid="work-photo" data-sha256={photo.sha256} data-loaded={url !== null ? 'yes' : 'no'}>
      {url !== null ? (
        <img class="work-photo__img" src={url} alt={t('work.photos.alt', { name: photo.filename })} data-testid="work-photo-img" />
      ) : (
        <span class="work-photo__placeholder">{missing ? t('work.photos.unavailable') : t('work.list.loading')}</span>
      )}
      <span class="work-photo__caption">{caption}</span>
    </li>
  );
}
