/**
 * A screen area loaded on first use: its code is a separate chunk (a dynamic import), so the
 * office screens do not weigh on the field app's first load. The service worker precaches
 * every chunk, so a lazy screen opens offline too. While the chunk loads (a few ms from the
 * cache) a short busy message is shown; a failure to load says so.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export type ScreenLoader<P> = () => Promise<ComponentType<P>>;

export function LazyScreen<P extends object>({ load, props }: { load: ScreenLoader<P>; props: P }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<{ load: ScreenLoader<P>; screen: ComponentType<P> } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    load().then(
      (screen) => live && setLoaded({ load, screen }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (failed) return <p class="list__message list__message--error" role="alert">{t('app.screen_failed')}</p>;
  if (loaded === null || loaded.load !== load) return <p class="list__message" aria-busy="true">{t('app.screen_loading')}</p>;
  const Screen = loaded.screen;
  return <Screen {...props} />;
}
