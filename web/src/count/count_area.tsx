/** The count screens; `path` is the address after "#/count/" (see shell/route.ts). */
import { useI18n } from '../i18n/i18n';

export function CountArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  void path;
  return (
    <section class="screen" aria-labelledby="count-title">
      <h2 id="count-title" class="screen__title">
        {t('nav.count')}
      </h2>
    </section>
  );
}
