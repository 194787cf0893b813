/**
 * The next occurrences of the schedule being edited in the plan form, computed by the core
 * (pm.preview, the same arithmetic as pm.due and pm.generate) as the fields change. While the
 * schedule is incomplete or refused, it says so instead of showing dates.
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { formatDay, formatDecimal } from './assets_core';
import type { PlanPreview as Preview, PlanPreviewArgs } from './contract';

export function PlanPreview({ args, unit }: { args: PlanPreviewArgs | null; unit: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [preview, setPreview] = useState<Preview | null>(null);
  const key = JSON.stringify(args);
  useEffect(() => {
    setPreview(null);
    if (args === null) return;
    let live = true;
    const timer = window.setTimeout(() => {
      core.query('pm.preview', args).then(
        (next) => live && setPreview(next),
        () => live && setPreview(null),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [core, key]);
  return (
    <section class="assets__preview" aria-labelledby="plan-preview-title" aria-live="polite" data-testid="plan-preview">
      <h5 id="plan-preview-title" class="assets__preview-title">{t('assets.plan.preview_title')}</h5>
      {preview === null || preview.items.length === 0 ? (
        <p class="field__hint">{t('assets.plan.preview_incomplete')}</p>
      ) : (
        <ol class="assets__preview-list">
          {preview.items.map((item, index) => (
            <li key={index} data-testid="plan-preview-item" data-due={item.due_date ?? item.threshold}>
              {item.due_date !== undefined
                ? t('assets.plan.preview_date', { date: formatDay(i18n, item.due_date), generated: formatDay(i18n, item.generated_on ?? item.due_date) })
                : t('assets.plan.preview_meter', { threshold: formatDecimal(i18n, item.threshold ?? ''), unit, generated: formatDecimal(i18n, item.generated_at ?? ''), remaining: formatDecimal(i18n, item.remaining ?? '') })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
