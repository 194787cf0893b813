/**
 * Settings: who is signed in (and signing out), and the device storage — whether the browser
 * promised to keep our data (navigator.storage.persist), and how much space is used out of
 * the quota it grants.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../core/protocol';
import { useI18n } from '../i18n/i18n';

type Storage = { persisted: boolean | null; usage: number | null; quota: number | null };

function megabytes(bytes: number, language: string): string {
  return (bytes / (1024 * 1024)).toLocaleString(language, { maximumFractionDigits: bytes < 10 * 1024 * 1024 ? 1 : 0 });
}

async function readStorage(): Promise<Storage> {
  const storage = navigator.storage;
  const persisted = typeof storage?.persisted === 'function' ? await storage.persisted() : null;
  const estimate = typeof storage?.estimate === 'function' ? await storage.estimate() : {};
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

/** Asks once per page for persistent storage (the browser may say no; it is then best effort). */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = navigator.storage;
  if (typeof storage?.persist !== 'function') return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return null;
  }
}

export function SettingsPanel({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [storage, setStorage] = useState<Storage | null>(null);
  const refresh = () => void readStorage().then(setStorage, () => setStorage({ persisted: null, usage: null, quota: null }));
  useEffect(refresh, []);

  return (
    <section class="card settings" data-testid="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" class="card__title">
        {t('settings.title')}
      </h2>
      <dl class="settings__list">
        <dt>{t('settings.user')}</dt>
        <dd data-testid="settings-user">
          {user.display_name || user.username} ({t(`role.${user.role}`)})
        </dd>
        <dt>{t('settings.persisted')}</dt>
        <dd data-testid="settings-persisted" data-value={String(storage?.persisted)}>
          {storage?.persisted === true ? t('settings.persisted.yes') : storage?.persisted === false ? t('settings.persisted.no') : t('settings.unknown')}
        </dd>
        <dt>{t('settings.usage')}</dt>
        <dd data-testid="settings-usage" data-usage={storage?.usage ?? ''} data-quota={storage?.quota ?? ''}>
          {storage?.usage != null && storage.quota != null
            ? t('settings.usage.value', { used: megabytes(storage.usage, i18n.language), quota: megabytes(storage.quota, i18n.language) })
            : t('settings.unknown')}
        </dd>
      </dl>
      {storage?.persisted === false && (
        <button type="button" class="button" onClick={() => void requestPersistence().then(refresh)} data-testid="settings-persist">
          {t('settings.persist')}
        </button>
      )}
      <button type="button" class="button" onClick={onSignOut} data-testid="sign-out">
        {t('settings.sign_out')}
      </button>
    </section>
  );
}
