/**
 * Hourly rates with their effective dates. Shown only when employee.get returned them (the
 * core gives them to roles with "cap.employee.rates"); adding needs employee.set_rate, removing
 * employee.remove_rate. Amounts are typed in currency units and sent in cents.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import type { EmployeeDetail } from './contract';

/** "45,50" -> 4550; anything else is passed on as typed, for the core to refuse. */
function cents(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return (/^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : text) as number;
}

export function RatesSection({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('people');
  const [from, setFrom] = useState('');
  const [amount, setAmount] = useState('');
  const money = (c: number) => (c / 100).toLocaleString(i18n.language, { style: 'currency', currency: 'EUR' });

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const ok = await action.run(() =>
      core.mutate('employee.set_rate', { id: newId(), employee_id: employee.id, effective_from: from, rate_cents: cents(amount) }),
    );
    if (ok) {
      setAmount('');
      onChanged();
    }
  }

  return (
    <section class="card" aria-labelledby="employee-rates-title" data-testid="employee-rates">
      <h3 id="employee-rates-title" class="card__title">
        {t('people.rates.title')}
      </h3>
      <p class="people__current">
        {employee.rate_cents == null ? t('people.rates.none') : t('people.rates.current', { amount: money(employee.rate_cents) })}
      </p>
      <ul class="list">
        {(employee.rates ?? []).map((r) => (
          <li key={r.id} class="list__item" data-testid="employee-rate">
            <span>{t('people.rates.from', { date: r.effective_from, amount: money(r.rate_cents) })}</span>
            {can('employee.remove_rate') && (
              <button type="button" class="button button--secondary" aria-label={t('people.rates.remove_named', { date: r.effective_from })}
                onClick={() => void action.run(() => core.mutate('employee.remove_rate', { id: r.id })).then((ok) => ok && onChanged())}>
                {t('people.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {can('employee.set_rate') && (
        <form class="people__inline" onSubmit={add} noValidate>
          <div class="field">
            <label class="field__label" for="rate-from">{t('people.rates.effective_from')}</label>
            <input id="rate-from" class="field__input" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="rate-from" />
          </div>
          <div class="field">
            <label class="field__label" for="rate-amount">{t('people.rates.amount')}</label>
            <input id="rate-amount" class="field__input" inputMode="decimal" autoComplete="off" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} data-testid="rate-amount" />
          </div>
          <button type="submit" class="button button--primary" data-testid="rate-add">{t('people.add')}</button>
        </form>
      )}
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
