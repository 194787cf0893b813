/**
 * One item (#/stock/item/<id>): what item.get returns (category, unit, barcode, supplier and
 * price, attributes, minimum), the minimum per location (location_mins.tsx), on hand by
 * location (stock.onhand), the movement history (stock.movements, 20 at a time), attachments (attachment.list) and a printable QR label.
 * Receipt, issue and transfer open a form here; the page re-reads everything after one.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import type { Attachment, AttributeDef, Item, Location, Movement, OnHandRow, Supplier } from './contract';
import { type MovementKind, MovementForm } from './movement_form';
import { LocationMins } from './location_mins';
import { PrintableLabel, QrLabel } from './qr_label';
import { unitLabel } from '../i18n/units';

const kMovementPage = 20;

interface Loaded {
  item: Item;
  onhand: { rows: OnHandRow[]; total: string };
  attachments: Attachment[] | null;
  categories: Category[];
  suppliers: Supplier[];
  locations: Location[];
  defs: AttributeDef[];
  /** The locations the role may move stock at, when it is limited to its own (no
   * cap.location.any: location.mine); null: all. */
  mine: string[] | null;
}

export function formatCents(cents: number, language: string): string {
  return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function ItemDetail({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t, language } = i18n;
  const { can } = usePermissions();
  const received = useReceived();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);
  const [movements, setMovements] = useState<Movement[]>([]);
  const [moreMovements, setMoreMovements] = useState(false);
  const [moving, setMoving] = useState<MovementKind | null>(null);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);

  const loadMovements = useCallback(
    async (offset: number) => {
      const { rows } = await core.query('stock.movements', { item_id: id, limit: kMovementPage + 1, offset });
      setMoreMovements(rows.length > kMovementPage);
      const page = rows.slice(0, kMovementPage);
      setMovements((before) => (offset === 0 ? page : [...before, ...page]));
    },
    [core, id],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const item = await core.query('item.get', { id });
      const [onhand, categories, suppliers, locations, defs, attachments, mine] = await Promise.all([
        core.query('stock.onhand', { item_id: id }),
        core.query('category.list', {}).then((r) => r.items, () => []),
        can('supplier.list') ? core.query('supplier.list', { include_archived: true }).then((r) => r.items, () => []) : [],
        can('location.list') ? core.query('location.list', {}).then((r) => r.items, () => []) : [],
        item.category_id !== null ? core.query('attribute.list', { category_id: item.category_id }).then((r) => r.items, () => []) : [],
        can('attachment.list') ? core.query('attachment.list', { entity_type: 'item', entity_id: id }).then((r) => r.items, () => null) : null,
        !can('cap.location.any') && can('location.mine') ? core.query('location.mine', {}).then((r) => r.items, () => null) : null,
      ]);
      await loadMovements(0);
      if (live) {
        setLoaded({ item, onhand, categories, suppliers, locations, defs, attachments, mine });
        setFailure(null);
      }
    })().catch((thrown) => live && setFailure(CoreError.from(thrown)));
    return () => {
      live = false;
    };
  }, [core, id, received, version, loadMovements]);

  if (failure !== null) {
    return (
      <section class="screen stock" aria-labelledby="item-title">
        <h2 id="item-title" class="screen__title">{t('stock.detail.title')}</h2>
        <p class="list__message list__message--error" role="alert">{coreErrorMessage(i18n, 'stock', failure)}</p>
        <a class="button" href={href('stock')}>{t('stock.back_to_list')}</a>
      </section>
    );
  }
  if (loaded === null) {
    return (
      <section class="screen stock" aria-busy="true">
        <p class="list__message" role="status">{t('stock.detail.loading')}</p>
      </section>
    );
  }
  const { item, onhand, categories, suppliers, locations, defs, attachments, mine } = loaded;
  // The core refuses a receipt, issue or transfer outside the locations a role without
  // cap.location.any works with; offer only those.
  const moveLocations = moving !== null && mine !== null ? locations.filter((l) => mine.includes(l.id)) : locations;
  const locationName = (lid: string | null) => (lid === null ? '' : (locations.find((l) => l.id === lid)?.name ?? '…'));
  const category = categories.find((c) => c.id === item.category_id)?.name;
  const supplier = suppliers.find((s) => s.id === item.supplier_id)?.name;
  const attributeRows = defs.filter((d) => item.attributes[d.id] !== undefined && item.attributes[d.id] !== null);

  const done = (kind: MovementKind) => {
    setMoving(null);
    setNotice(t(`stock.move.${kind}.done`));
    setVersion((n) => n + 1);
  };

  return (
    <section class="screen stock" aria-labelledby="item-title" data-testid="stock-detail">
      <nav class="stock__crumbs" aria-label={t('stock.detail.breadcrumb')}>
        <a class="button button--secondary" href={href('stock')} data-testid="stock-back">
          ← {t('stock.back_to_list')}
        </a>
      </nav>
      <div class="screen__head stock__head">
        <h2 id="item-title" class="screen__title">
          <span class="stock__reference" data-testid="detail-reference">{item.reference}</span> {item.label}
          {item.archived && <span class="badge">{t('stock.archived')}</span>}
        </h2>
        <div class="stock__actions">
          {can('item.update') && (
            <a class="button button--secondary" href={href('stock', 'item', id, 'edit')} data-testid="detail-edit">
              {t('stock.detail.edit')}
            </a>
          )}
          <button type="button" class="button button--secondary" onClick={() => window.print()} data-testid="detail-print">
            {t('stock.detail.print')}
          </button>
        </div>
      </div>
      <p class="form__notice" role="status" data-testid="detail-notice">
        {notice}
      </p>

      <div class="screen__columns stock-detail">
        <div class="stock-detail__main">
          <section class="card" aria-labelledby="onhand-title">
            <h3 id="onhand-title" class="card__title">
              {t('stock.detail.onhand')}
              {/* A blind count hides some rows' quantity: no total that would look complete. */}
              {!onhand.rows.some((row) => row.qty === null) && (
                <span class="stock-total" data-testid="detail-onhand-total">
                  {onhand.total} {unitLabel(i18n, item.unit)}
                </span>
              )}
            </h3>
            {onhand.rows.length === 0 ? (
              <p class="list__message">{t('stock.detail.no_stock')}</p>
            ) : (
              <ul class="list" data-testid="detail-onhand">
                {onhand.rows.map((row) => (
                  <li key={row.location_id} class="list__item" data-testid="detail-onhand-row">
                    <span class="list__name">{row.location}</span>
                    {row.qty === null ? (
                      <span class="stock-qty" data-testid="detail-onhand-hidden">{t('stock.blind_hidden')}</span>
                    ) : (
                      <span class={`stock-qty${(row.qty_milli ?? 0) < 0 ? ' stock-qty--negative' : ''}`}>
                        {row.qty} {unitLabel(i18n, item.unit)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <div class="stock__moves">
              {can('stock.receipt') && (
                <button type="button" class="button button--primary" aria-expanded={moving === 'receipt'} onClick={() => { setNotice(''); setMoving('receipt'); }} data-testid="detail-receipt">
                  {t('stock.move.receipt.open')}
                </button>
              )}
              {can('stock.issue') && (
                <button type="button" class="button button--primary" aria-expanded={moving === 'issue'} onClick={() => { setNotice(''); setMoving('issue'); }} data-testid="detail-issue">
                  {t('stock.move.issue.open')}
                </button>
              )}
              {can('stock.transfer') && (
                <button type="button" class="button button--primary" aria-expanded={moving === 'transfer'} onClick={() => { setNotice(''); setMoving('transfer'); }} data-testid="detail-transfer">
                  {t('stock.move.transfer.open')}
                </button>
              )}
            </div>
          </section>
          {moving !== null && (
            <MovementForm
              key={moving}
              kind={moving}
              itemId={id}
              unit={unitLabel(i18n, item.unit)}
              locations={moveLocations}
              onDone={() => done(moving)}
              onCancel={() => setMoving(null)}
            />
          )}
          <section class="card" aria-labelledby="movements-title">
            <h3 id="movements-title" class="card__title">
              {t('stock.detail.movements')}
            </h3>
            {movements.length === 0 ? (
              <p class="list__message">{t('stock.detail.no_movements')}</p>
            ) : (
              <ul class="list" data-testid="detail-movements">
                {movements.map((m) => (
                  <li key={m.id} class="list__item movement-row" data-testid="detail-movement" data-kind={m.kind}>
                    <span>
                      <strong>{i18n.lookup(`stock.kind.${m.kind}`) ?? m.kind}</strong>{' '}
                      <span class="movement-row__where">
                        {m.from_location_id !== null && locationName(m.from_location_id)}
                        {m.from_location_id !== null && m.to_location_id !== null && ' → '}
                        {m.to_location_id !== null && locationName(m.to_location_id)}
                      </span>
                      <br />
                      <small class="movement-row__when">
                        {new Date(m.occurred_at).toLocaleString(language)}
                        {m.pending ? ` · ${t('stock.detail.pending')}` : ''}
                        {m.note ? ` · ${m.note}` : ''}
                      </small>
                    </span>
                    {m.qty === null ? (
                      <span class="stock-qty" data-testid="detail-movement-hidden">{t('stock.blind_hidden_short')}</span>
                    ) : (
                      <span class={`stock-qty${m.kind === 'issue' ? ' stock-qty--out' : ''}`}>
                        {m.kind === 'issue' ? '−' : m.kind === 'receipt' ? '+' : ''}
                        {m.qty} {unitLabel(i18n, item.unit)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {moreMovements && (
              <button type="button" class="button button--secondary" onClick={() => void loadMovements(movements.length)} data-testid="detail-more-movements">
                {t('stock.detail.more_movements')}
              </button>
            )}
          </section>
        </div>
        <div class="stock-detail__side">
          <section class="card" aria-labelledby="facts-title">
            <h3 id="facts-title" class="card__title">
              {t('stock.detail.facts')}
            </h3>
            <dl class="facts">
              <dt>{t('stock.field.category')}</dt>
              <dd>{category ?? t('stock.none')}</dd>
              <dt>{t('stock.field.unit')}</dt>
              <dd>{unitLabel(i18n, item.unit)}</dd>
              <dt>{t('stock.field.barcode')}</dt>
              <dd>{item.barcode ?? t('stock.none')}</dd>
              <dt>{t('stock.field.supplier')}</dt>
              <dd>
                {supplier ?? t('stock.none')}
                {item.supplier_ref ? ` (${item.supplier_ref})` : ''}
              </dd>
              <dt>{t('stock.field.price')}</dt>
              <dd data-testid="detail-price">{formatCents(item.unit_price_cents, language)}</dd>
              <dt>{t('stock.field.min_qty')}</dt>
              <dd>
                {item.min_qty} {unitLabel(i18n, item.unit)}
              </dd>
              {attributeRows.map((d) => (
                <>
                  <dt key={`${d.id}-t`}>{d.name}</dt>
                  <dd key={`${d.id}-d`} data-testid="detail-attribute">
                    {String(item.attributes[d.id])}
                    {d.unit ? ` ${d.unit}` : ''}
                  </dd>
                </>
              ))}
            </dl>
            {item.description && <p class="stock__description">{item.description}</p>}
          </section>
          <LocationMins item={item} locations={locations} onChanged={() => setVersion((n) => n + 1)} />
          {attachments !== null && (
            <section class="card" aria-labelledby="attachments-title">
              <h3 id="attachments-title" class="card__title">
                {t('stock.detail.attachments')}
              </h3>
              {attachments.length === 0 ? (
                <p class="list__message">{t('stock.detail.no_attachments')}</p>
              ) : (
                <ul class="list" data-testid="detail-attachments">
                  {attachments.map((a) => (
                    <li key={a.id} class="list__item">
                      <span class="list__name">{a.filename}</span>
                      <small>{Math.ceil(a.size_bytes / 1024)} KB</small>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          <section class="card" aria-labelledby="label-title">
            <h3 id="label-title" class="card__title">
              {t('stock.detail.label')}
            </h3>
            <QrLabel reference={item.reference} label={item.label} barcode={item.barcode} />
          </section>
        </div>
      </div>
      <PrintableLabel reference={item.reference} label={item.label} barcode={item.barcode} />
    </section>
  );
}
