/**
 * Choosing a count (#/count): the location (remembered on this device), its open counts to
 * continue and its closed ones to review, and — for the roles the core allows (count.open) —
 * a form that opens a new count of everything at the location, blind or not.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href, navigate } from '../shell/route';
import type { CountSession } from './contract';

interface Place {
  id: string;
  name: string;
  depth: number;
  kind: string;
}

const kLocationKey = 'invento.count.location';

function storedLocation(): string {
  try {
    return localStorage.getItem(kLocationKey) ?? '';
  } catch {
    return '';
  }
}

function storeLocation(id: string) {
  try {
    localStorage.setItem(kLocationKey, id);
  } catch {
    // Not fatal: the choice lasts for this page only.
  }
}

export function ChooseScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [locationId, setLocationId] = useState(storedLocation);
  const [sessions, setSessions] = useState<CountSession[] | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);
  const received = useReceived();

  useEffect(() => {
    let live = true;
    Promise.all([core.query('location.list', {}), core.query('location.mine', {})]).then(
      ([all, mine]) => {
        if (!live) return;
        // A role without cap.location.any counts only where it works (the core refuses
        // elsewhere): offer only those places.
        const own = new Set(mine.items);
        const list = all.items.map((l) => ({ id: l.id, name: l.name, depth: l.depth, kind: l.kind }));
        const filtered = can('cap.location.any') ? list : list.filter((l) => own.has(l.id));
        setPlaces(filtered);
        setFailure(null);
      },
      (thrown) => live && setFailure(CoreError.from(thrown)),
    );
    return () => {
      live = false;
    };
  }, [core, can, received]);

  const chosen = places?.find((place) => place.id === locationId) ?? null;

  const refreshSessions = useCallback(async () => {
    if (chosen === null) return setSessions(null);
    try {
      const { items } = await core.query('count.list', { location_id: chosen.id });
      setSessions(items);
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core, chosen?.id]);
  useEffect(() => {
    void refreshSessions();
  }, [refreshSessions, received]);

  const open = sessions?.filter((s) => s.status === 'open') ?? [];
  const closed = sessions?.filter((s) => s.status === 'closed').slice(0, 10) ?? [];
  const date = (ms: number) => new Date(ms).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section class="screen count-screen" aria-labelledby="count-choose-title" data-testid="count-choose">
      <h2 id="count-choose-title" class="screen__title">
        {t('count.choose.title')}
      </h2>
      {failure !== null && (
        <p class="list__message list__message--error" role="alert">
          {coreErrorMessage(i18n, 'count', failure)}
        </p>
      )}
      <div class="card count-location">
        <div class="field">
          <label class="field__label" for="count-location">
            {t('count.choose.location')}
          </label>
          <select
            id="count-location"
            class="field__input"
            value={chosen?.id ?? ''}
            onChange={(event) => {
              setLocationId(event.currentTarget.value);
              storeLocation(event.currentTarget.value);
            }}
            data-testid="count-location"
          >
            <option value="">{places === null ? t('count.loading') : t('count.choose.location_pick')}</option>
            {places?.map((place) => (
              <option key={place.id} value={place.id}>
                {`${'\u00a0\u00a0'.repeat(place.depth)}${place.name}`}
              </option>
            ))}
          </select>
          {places !== null && places.length === 0 && (
            <p class="field__hint" data-testid="count-no-location">
              {t(can('cap.location.any') ? 'count.choose.no_location' : 'count.choose.no_own_location')}
            </p>
          )}
        </div>
      </div>

      {chosen !== null && (
        <div class="screen__columns">
          <section class="card" aria-labelledby="count-open-title" data-testid="count-sessions">
            <h3 id="count-open-title" class="card__title">
              {t('count.choose.open_title')} <span class="card__count">{open.length}</span>
            </h3>
            {sessions !== null && open.length === 0 && <p class="list__message">{t('count.choose.none_open')}</p>}
            <ul class="list">
              {open.map((s) => (
                <li key={s.id} class="list__item">
                  <span class="count-item">
                    <strong>{s.name ?? t('count.unnamed')}</strong>
                    <span class="count-item__code">
                      {t('count.choose.opened', { date: date(s.opened_at), lines: s.line_count })}
                      {s.blind ? ` · ${t('count.blind')}` : ''}
                    </span>
                  </span>
                  <span class="count-session__actions">
                    <a class="button button--primary" href={href('count', s.id)} data-testid="count-session-continue">
                      {t('count.choose.continue')}
                    </a>
                    <a class="button count-button--secondary" href={href('count', s.id, 'review')} data-testid="count-session-review"
                      aria-label={`${can('count.close') ? t('count.choose.review_close') : t('count.choose.review')} — ${s.name ?? t('count.unnamed')}`}>
                      {can('count.close') ? t('count.choose.review_close') : t('count.choose.review')}
                    </a>
                  </span>
                </li>
              ))}
            </ul>
            {closed.length > 0 && (
              <>
                <h3 class="card__title count-subtitle">{t('count.choose.closed_title')}</h3>
                <ul class="list" data-testid="count-closed-sessions">
                  {closed.map((s) => (
                    <li key={s.id} class="list__item" data-testid="count-closed-session">
                      <span class="count-item">
                        <strong>{s.name ?? t('count.unnamed')}</strong>
                        <span class="count-item__code">{t('count.choose.closed_on', { date: date(s.closed_at ?? s.opened_at) })}</span>
                      </span>
                      <a class="button count-button--secondary" href={href('count', s.id, 'review')}>
                        {t('count.choose.see')}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {can('count.open') && <OpenForm locationId={chosen.id} />}
        </div>
      )}
    </section>
  );
}

function OpenForm({ locationId }: { locationId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [blind, setBlind] = useState(false);
  const action = useAction('count.open');
  const { busy, message } = action;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const id = newId();
    const trimmed = name.trim();
    const opened = await action.run(() =>
      core.mutate('count.open', { id, location_id: locationId, scope: 'all', blind, ...(trimmed === '' ? {} : { name: trimmed }) }),
    );
    if (opened) navigate('count', id);
  }

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="count-new-title" data-testid="count-open-form">
      <h3 id="count-new-title" class="card__title">
        {t('count.open.title')}
      </h3>
      <div class="field">
        <label class="field__label" for="count-open-name">
          {t('count.open.name')}
        </label>
        <p id="count-open-name-hint" class="field__hint">
          {t('count.open.name_hint')}
        </p>
        <input
          id="count-open-name"
          class="field__input"
          type="text"
          autoComplete="off"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-invalid={message !== '' ? 'true' : undefined}
          aria-describedby="count-open-name-hint count-open-error"
          data-testid="count-open-name"
        />
      </div>
      <p class="field__hint">{t('count.open.scope_all')}</p>
      <label class="count-check">
        <input type="checkbox" checked={blind} onChange={(event) => setBlind(event.currentTarget.checked)} data-testid="count-open-blind" />
        <span>
          <strong>{t('count.open.blind')}</strong>
          <span class="count-check__hint">{t('count.open.blind_hint')}</span>
        </span>
      </label>
      <p id="count-open-error" class="field__error" aria-live="assertive" data-testid="count-open-error">
        {message}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="count-open-submit">
        {busy ? t('count.open.submitting') : t('count.open.submit')}
      </button>
    </form>
  );
}
