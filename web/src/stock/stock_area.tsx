/** The stock screens; `path` is the address after "#/stock/" (see shell/route.ts). */
import { useI18n } from '../i18n/i18n';

export function StockArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  void path;
  return (
    <section class="screen" aria-labelledby="stock-title">
      <h2 id="stock-title" class="screen__title">
        {t('nav.stock')}
      </h2>
    </section>
  );
}
