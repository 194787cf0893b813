/**
 * Every preventive plan (#/assets/plans): each with the next due date or meter threshold the
 * core computes (pm.due), "generate now" for all plans as of today (pm.generate), and the
 * compliance figures over a period (pm.compliance: due, on time, late, missed, rate).
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { TextField } from './asset_fields';
import { formatDecimal, today } from './assets_core';
import type { Compliance } from './contract';
import { PlanRow } from './plan_row';

export function PlansScreen() {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const plans = useLoaded(() => core.query('pm.list', { include_inactive: true }), [core]);
  const due = useLoaded(() => core.query('pm.due', { as_of: today(), horizon_days: 30 }), [core]);
  const action = useAction('assets.plan');
  const [notice, setNotice] = useState('');
  const reload = () => {
    plans.reload();
    due.reload();
  };
  const items = plans.data?.items ?? [];

  async function generateAll() {
    setNotice('');
    let n = 0;
    if (await action.run(async () => (n = (await core.mutate('pm.generate', { as_of: today() })).created.length))) {
      setNotice(n === 0 ? t('assets.plan.generated_none') : t('assets.plan.generated', { n }));
      reload();
    }
  }

  return (
    <section class="screen" aria-labelledby="plans-title" data-testid="plans-screen">
      <h2 id="plans-title" class="screen__title">
        {t('assets.plans.all')}
      </h2>
      <div class="screen__columns">
        <div class="assets__stack">
          <ComplianceCard />
          {can('pm.generate') && (
            <section class="card" aria-labelledby="plans-generate-title">
              <h3 id="plans-generate-title" class="card__title">{t('assets.plans.generate_title')}</h3>
              <p class="field__hint">{t('assets.plans.generate_hint')}</p>
              <button type="button" class="button button--primary" onClick={() => void generateAll()} data-testid="plans-generate">
                {t('assets.plan.generate')}
              </button>
              <p class="field__error" role="alert">{action.message}</p>
              <p class="form__notice" role="status" data-testid="plans-generated">{notice}</p>
            </section>
          )}
        </div>
        <section class="card" aria-labelledby="plans-list-title" data-testid="plans-list">
          <h3 id="plans-list-title" class="card__title">
            {t('assets.plans.title')} <span class="card__count">{items.length}</span>
          </h3>
          {plans.data !== null && items.length === 0 && <p class="list__message">{t('assets.plans.none')}</p>}
          <ul class="list">
            {items.map((p) => (
              <PlanRow key={p.id} plan={p} due={due.data?.items.find((d) => d.plan_id === p.id)} showAsset onChanged={reload} />
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

function ComplianceCard() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const now = today();
  const [from, setFrom] = useState(`${now.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(now);
  const [result, setResult] = useState<Compliance | null>(null);
  const action = useAction('assets.plan');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    let got: Compliance | null = null;
    if (await action.run(async () => (got = await core.query('pm.compliance', { from, to, as_of: today() })))) setResult(got);
  }

  const figures: [string, string][] =
    result === null
      ? []
      : [
          [t('assets.compliance.due'), String(result.due)],
          [t('assets.compliance.on_time'), String(result.on_time)],
          [t('assets.compliance.late'), String(result.late)],
          [t('assets.compliance.missed'), String(result.missed)],
          [t('assets.compliance.rate'), result.rate !== null ? `${formatDecimal(i18n, result.rate)} %` : '—'],
        ];
  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="compliance-title" data-testid="compliance-form">
      <h3 id="compliance-title" class="card__title">{t('assets.compliance.title')}</h3>
      <div class="assets__row">
        <TextField id="compliance-from" name="from" type="date" text={t('assets.compliance.from')} value={from} onInput={setFrom} error={errorFor('from')} />
        <TextField id="compliance-to" name="to" type="date" text={t('assets.compliance.to')} value={to} onInput={setTo} error={errorFor('to')} />
      </div>
      <p class="field__error" role="alert">{action.error !== null && !['from', 'to'].includes(action.error.field ?? '') ? action.message : ''}</p>
      <button class="button button--primary" type="submit" data-testid="compliance-submit">{t('assets.compliance.submit')}</button>
      {result !== null && (
        <dl class="facts assets__figures" data-testid="compliance-figures">
          {figures.map(([name, value]) => (
            <Fragment key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </form>
  );
}
