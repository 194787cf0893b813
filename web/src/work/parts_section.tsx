/**
 * Parts used on the task (task.consume = a stock issue tied to the task): from my van (the
 * first of location.mine) or another location (only those of location.mine for a role
 * without cap.location.any: the core refuses the others), an item picked among what that location holds
 * (stock.onhand) or found by search (item.search), a quantity with − / + buttons. The core's
 * refusals show inline; on-hand quantities are the core's.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';
import { formatDecimal, formatInstant, unitLabel } from './work_core';
import { PlannedParts } from './planned_parts';

interface Place {
  id: string;
  name: string;
  mine: boolean;
}
interface Pick {
  id: string;
  reference: string;
  label: string;
  unit: string;
}

export function PartsSection({ task, reload }: SectionProps) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [places, setPlaces] = useState<Place[]>([]);
  const [location, setLocation] = useState('');
  const [onHand, setOnHand] = useState<Map<string, string | null>>(new Map());
  const [known, setKnown] = useState<Map<string, Pick>>(new Map());
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Pick[] | null>(null);
  const [item, setItem] = useState<Pick | null>(null);
  const [qty, setQty] = useState('1');
  const [notice, setNotice] = useState('');
  const action = useAction('work');
  const { can } = usePermissions();
  const anywhere = can('cap.location.any');

  // Locations: mine first (my van), then the others.
  useEffect(() => {
    let live = true;
    void Promise.all([core.query('location.list', {}), core.query('location.mine', {})]).then(([all, mine]) => {
      if (!live) return;
      const own = new Set(mine.items);
      const list = all.items
        .filter((each) => !each.archived)
        .map((each) => ({ id: each.id, name: each.name, mine: own.has(each.id) }));
      const sorted = [...list.filter((p) => p.mine), ...(anywhere ? list.filter((p) => !p.mine) : [])];
      setPlaces(sorted);
      setLocation((current) => current || (sorted[0]?.id ?? ''));
    });
    return () => {
      live = false;
    };
  }, [core, anywhere]);

  // What the chosen location holds, with labels (for quick picks).
  useEffect(() => {
    let live = true;
    if (location === '') return;
    void (async () => {
      const stock = await core.query('stock.onhand', { location_id: location });
      const quantities = new Map(stock.rows.map((row) => [row.item_id, row.qty]));
      const everything = await core.query('item.search', { q: ' ', limit: 200 });
      if (!live) return;
      setOnHand(quantities);
      setKnown(new Map(everything.items.map((each) => [each.id, each])));
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [core, location, task.materials.consumed.length]);

  useEffect(() => {
    let live = true;
    const q = search.trim();
    if (q === '') {
      setFound(null);
      return;
    }
    core.query('item.search', { q, limit: 20 }).then(
      (reply) => live && setFound(reply.items),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [core, search]);

  const picks = useMemo(() => {
    if (found !== null) return found;
    return [...onHand.keys()].map((id) => known.get(id)).filter((each): each is Pick => each !== undefined);
  }, [found, onHand, known]);

  function step(delta: number) {
    const current = Number(qty.replace(',', '.'));
    const next = Number.isFinite(current) ? Math.max(1, Math.round(current) + delta) : 1;
    setQty(String(next));
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (item === null || location === '') return;
    const chosen = item;
    const ok = await action.run(() =>
      core.mutate('task.consume', { id: newId(), task_id: task.id, item_id: chosen.id, location_id: location, qty: qty.trim() }),
    );
    if (ok) {
      setNotice(t('work.parts.consumed_notice', { qty: qty.trim(), label: chosen.label }));
      setQty('1');
      await reload();
    }
  }

  const placeName = new Map(places.map((p) => [p.id, p.name]));
  type Planned = (typeof task.materials.planned)[number];
  function take(line: Planned) {
    setLocation(line.location_id);
    setItem({ id: line.item_id, reference: line.reference, label: line.label, unit: line.unit });
    setQty(line.remaining);
  }
  const consumed = task.materials.consumed;
  return (
    <section class="card work-section" aria-labelledby="work-parts-title" data-testid="work-parts">
      <h3 id="work-parts-title" class="card__title">
        {t('work.parts.title')} {consumed.length > 0 && <span class="card__count">{consumed.length}</span>}
      </h3>
      <PlannedParts planned={task.materials.planned} canTake={(line) => can('task.consume') && placeName.has(line.location_id)} onTake={take} />
      {consumed.length === 0 ? (
        <p class="work-muted">{t('work.parts.none')}</p>
      ) : (
        <ul class="work-rows" data-testid="work-parts-list">
          {consumed.map((part) => (
            <li key={part.movement_id} class="work-row work-row--line" data-testid="work-part">
              <span>
                <strong>{known.get(part.item_id)?.label ?? part.reference}</strong>{' '}
                <span class="work-muted">{part.reference}</span>
              </span>
              <span>
                {t('work.parts.qty_from', { qty: formatDecimal(i18n, part.qty), place: placeName.get(part.location_id) ?? '' })}
                {' · '}
                <span class="work-muted">{formatInstant(i18n, part.occurred_at)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {can('task.consume') && (
      <form class="form work-parts-form" onSubmit={submit} noValidate data-testid="work-consume-form">
        <div class="field">
          <label class="field__label" for="work-part-location">
            {t('work.parts.location')}
          </label>
          <select
            id="work-part-location"
            class="field__input"
            value={location}
            onChange={(event) => {
              setLocation(event.currentTarget.value);
              setItem(null);
            }}
            data-testid="work-part-location"
          >
            {places.map((place) => (
              <option key={place.id} value={place.id}>
                {place.mine ? t('work.parts.mine', { name: place.name }) : place.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="work-part-search">
            {t('work.parts.search')}
          </label>
          <input
            id="work-part-search"
            class="field__input"
            type="search"
            autoComplete="off"
            value={search}
            onInput={(event) => setSearch(event.currentTarget.value)}
            data-testid="work-part-search"
          />
        </div>
        <fieldset class="work-picks">
          <legend class="field__label">{found === null ? t('work.parts.in_stock_here') : t('work.parts.results')}</legend>
          {picks.length === 0 && <p class="work-muted">{t('work.parts.no_items')}</p>}
          {picks.map((pick) => (
            <button
              key={pick.id}
              type="button"
              class={`button work-pick${item?.id === pick.id ? ' button--primary' : ''}`}
              aria-pressed={item?.id === pick.id ? 'true' : 'false'}
              onClick={() => setItem(pick)}
              data-testid="work-part-pick"
              data-reference={pick.reference}
            >
              <span>{pick.label}</span>
              <span class="work-pick__meta">
                {pick.reference} · {onHand.get(pick.id) === null ? t('work.parts.on_hand_hidden') : t('work.parts.on_hand', { qty: onHand.get(pick.id) ?? '0', unit: unitLabel(i18n, pick.unit) })}
              </span>
              {(onHand.get(pick.id) ?? '').startsWith('-') && <span class="work-pick__warning">{t('work.parts.negative')}</span>}
            </button>
          ))}
        </fieldset>
        <div class="field">
          <label class="field__label" for="work-part-qty">
            {t('work.parts.qty')}
          </label>
          <div class="work-stepper">
            <button type="button" class="button" onClick={() => step(-1)} aria-label={t('work.parts.less')} data-testid="work-part-less">
              −
            </button>
            <input
              id="work-part-qty"
              class="field__input work-stepper__input"
              inputMode="decimal"
              value={qty}
              onInput={(event) => setQty(event.currentTarget.value)}
              aria-invalid={action.error?.field === 'qty' ? 'true' : undefined}
              aria-describedby="work-part-error"
              data-testid="work-part-qty"
            />
            <button type="button" class="button" onClick={() => step(1)} aria-label={t('work.parts.more')} data-testid="work-part-more">
              +
            </button>
          </div>
        </div>
        <button
          type="submit"
          class="button button--primary"
          aria-disabled={action.busy || item === null ? 'true' : undefined}
          data-testid="work-part-submit"
        >
          {item === null ? t('work.parts.pick_first') : t('work.parts.submit', { label: item.label })}
        </button>
        <p id="work-part-error" class="field__error" role="alert" data-testid="work-part-error">
          {action.message}
        </p>
        <p class="form__notice" role="status" data-testid="work-part-notice">
          {notice}
        </p>
      </form>
      )}
    </section>
  );
}
