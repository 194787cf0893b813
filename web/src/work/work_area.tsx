/** The work screens; `path` is the address after "#/work/" (see shell/route.ts). */
import { useI18n } from '../i18n/i18n';

export function WorkArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  void path;
  return (
    <section class="screen" aria-labelledby="work-title">
      <h2 id="work-title" class="screen__title">
        {t('nav.work')}
      </h2>
    </section>
  );
}
