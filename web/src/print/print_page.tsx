/**
 * The frame of a printable document: on screen a toolbar (back link, "Print" calling
 * window.print()) above an A4-like sheet; in print only the sheet (print.css hides the
 * navigation, the sync bar, the toolbar and every button).
 */
import type { ComponentChildren } from 'preact';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import type { CoreError } from '../core/core_error';

interface Props {
  title: string;
  back: { href: string; label: string };
  /** null while loading: a message takes the sheet's place. */
  ready: boolean;
  error: CoreError | null;
  testId: string;
  children?: ComponentChildren;
}

export function PrintPage({ title, back, ready, error, testId, children }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="screen print-screen" aria-labelledby="print-title" data-testid={testId} data-ready={ready ? 'true' : 'false'}>
      <div class="print-toolbar">
        <a class="button button--secondary" href={back.href} data-testid="print-back">
          <span aria-hidden="true">←</span> {back.label}
        </a>
        <button type="button" class="button button--primary" onClick={() => window.print()} disabled={!ready} data-testid="print-button">
          {t('print.print')}
        </button>
      </div>
      <article class="print-sheet">
        <h2 id="print-title" class="print-sheet__title">{title}</h2>
        {error !== null && <p class="list__message list__message--error" role="alert">{coreErrorMessage(i18n, 'print', error)}</p>}
        {!ready && error === null && <p class="list__message">{t('print.loading')}</p>}
        {ready && children}
        <p class="print-sheet__footer">{t('print.printed_on', { when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date()) })}</p>
      </article>
    </section>
  );
}
