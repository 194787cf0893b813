/**
 * Counting (#/count/<session>): a big code field that a hardware scanner types into (Enter
 * records), the quantity with large -/+ and a number pad, camera and photo scanning, a
 * search by name, and the running list of counted items, newest first. Each record says
 * what was counted and the new total (aria-live). An unknown code offers to find the item
 * or to create it. Expected quantities and variances show only when the core gives them
 * (a blind count hides them from technicians). A count of a location with places inside it
 * (a warehouse's zones and bins) asks where each item is counted: "Place", kept until changed.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { CameraView, PhotoScan } from './camera_view';
import type { CountRecordResult, CountReview, CountSession } from './contract';
import { CountLines } from './count_lines';
import { ItemCreate } from './item_create';
import { ItemFinder } from './item_finder';
import { QuantityPad } from './quantity_pad';
import type { Decoded, ScanEngine, ScanFailure } from './scanner';

type Target = { item_id: string } | { barcode: string } | { reference: string };

type Feedback =
  | { kind: 'none' }
  | { kind: 'recorded'; result: CountRecordResult }
  | { kind: 'undone' }
  | { kind: 'failed'; error: CoreError }
  | { kind: 'scan_failed'; reason: ScanFailure };

/** The session's location and every live location inside it, in tree order, with their depth below it. */
interface Place {
  id: string;
  name: string;
  level: number;
}
function placesUnder(all: { id: string; parent_id: string | null; name: string; archived: boolean }[], root: string): Place[] {
  const children = new Map<string, typeof all>();
  for (const l of all) {
    if (l.archived || l.parent_id === null) continue;
    children.set(l.parent_id, [...(children.get(l.parent_id) ?? []), l]);
  }
  const top = all.find((l) => l.id === root);
  if (top === undefined) return [];
  const out: Place[] = [];
  const visit = (l: (typeof all)[number], level: number) => {
    out.push({ id: l.id, name: l.name, level });
    for (const c of children.get(l.id) ?? []) visit(c, level + 1);
  };
  visit(top, 0);
  return out;
}

type Panel = { kind: 'none' } | { kind: 'unknown'; code: string } | { kind: 'find'; code: string } | { kind: 'create'; code: string } | { kind: 'camera' };

export function CountingScreen({ sessionId }: { sessionId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [session, setSession] = useState<CountSession | null>(null);
  const [review, setReview] = useState<CountReview | null>(null);
  const [loadError, setLoadError] = useState<CoreError | null>(null);
  const [code, setCode] = useState('');
  const [qty, setQtyState] = useState({ value: '1', fresh: true });
  const setQty = (value: string) => setQtyState({ value, fresh: false });
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [engine, setEngine] = useState<ScanEngine | ''>('');
  const [decoding, setDecoding] = useState(false);
  // On a touch screen the code field keeps the focus for a hardware scanner without opening
  // the on-screen keyboard over the number pad; the "Keyboard" button brings it when needed.
  const [keyboard, setKeyboard] = useState(() => !window.matchMedia('(pointer: coarse)').matches);
  const codeInput = useRef<HTMLInputElement>(null);
  const [places, setPlaces] = useState<Place[]>([]);
  const [place, setPlace] = useState('');

  const refresh = useCallback(async () => {
    try {
      const [list, next] = await Promise.all([core.query('count.list', {}), core.query('count.review', { session_id: sessionId })]);
      setSession(list.items.find((item) => item.id === sessionId) ?? null);
      setReview(next);
      setLoadError(null);
    } catch (thrown) {
      setLoadError(CoreError.from(thrown));
    }
  }, [core, sessionId]);

  const received = useReceived();
  useEffect(() => {
    void refresh();
  }, [refresh, received]);

  const root = review?.session.location_id ?? null;
  useEffect(() => {
    if (root === null) return;
    let live = true;
    core.query('location.list', {}).then(
      ({ items }) => live && setPlaces(placesUnder(items, root)),
      () => live && setPlaces([]),
    );
    return () => {
      live = false;
    };
  }, [core, root, received]);

  const focusCode = () => window.setTimeout(() => codeInput.current?.focus(), 0);
  // Once the screen is there (after the first read), the code field takes the focus.
  const loaded = review !== null;
  useEffect(() => {
    if (loaded) focusCode();
  }, [loaded]);

  async function record(target: Target, shown: string): Promise<'ok' | 'unknown' | 'failed'> {
    const quantity = qty.value.trim().replace(',', '.');
    try {
      const where = places.length > 1 && place !== '' ? { location_id: place } : {};
      const result = await core.mutate('count.record', { id: newId(), session_id: sessionId, qty: quantity, ...where, ...target });
      setFeedback({ kind: 'recorded', result });
      setQtyState({ value: '1', fresh: true });
      void refresh();
      return 'ok';
    } catch (thrown) {
      const error = CoreError.from(thrown);
      if (error.code === 'not_found' && (error.field === 'barcode' || error.field === 'reference')) {
        setPanel({ kind: 'unknown', code: shown });
        setFeedback({ kind: 'none' });
        return 'unknown';
      }
      setFeedback({ kind: 'failed', error });
      return 'failed';
    }
  }

  /** A typed or scanned code: a barcode first, else an item reference. */
  // Records and undos run one after the other, in the order they were asked: a hardware
  // scanner can send the next code (and Enter) before the previous one is recorded.
  const queue = useRef<Promise<void>>(Promise.resolve());
  function inTurn(work: () => Promise<void>) {
    queue.current = queue.current.then(async () => {
      setBusy(true);
      try {
        await work();
      } finally {
        setBusy(false);
        focusCode();
      }
    });
  }

  function submitCode(raw: string) {
    const value = raw.trim();
    if (value === '') return;
    setCode('');
    inTurn(async () => {
      setPanel({ kind: 'none' });
      let outcome = await record({ barcode: value }, value);
      if (outcome === 'unknown') outcome = await record({ reference: value }, value);
      // A code that was not recorded goes back into the field, to be corrected.
      if (outcome !== 'ok') setCode((current) => (current === '' ? value : current));
    });
  }

  function recordItem(item: { id: string }) {
    inTurn(async () => {
      if ((await record({ item_id: item.id }, '')) === 'ok') setPanel({ kind: 'none' });
    });
  }

  function undoLast() {
    inTurn(async () => {
      try {
        await core.mutate('count.undo_last', { session_id: sessionId });
        setFeedback({ kind: 'undone' });
        void refresh();
      } catch (thrown) {
        setFeedback({ kind: 'failed', error: CoreError.from(thrown) });
      }
    });
  }

  function scanned(decoded: Decoded) {
    setEngine(decoded.engine);
    submitCode(decoded.text);
  }

  if (loadError !== null) {
    return (
      <p class="list__message list__message--error" role="alert" data-testid="count-load-error">
        {t('count.load_failed', { message: coreErrorMessage(i18n, 'count', loadError) })}
      </p>
    );
  }
  if (review === null) return <p class="list__message">{t('count.loading')}</p>;

  const closed = review.session.status === 'closed';
  const canRecord = can('count.record');
  const title = review.session.name ?? t('count.unnamed');
  return (
    <section class="screen count-screen" aria-labelledby="count-title" data-testid="count-counting" data-engine={engine} data-blind={review.session.blind ? 'yes' : 'no'}>
      <div class="count-heading">
        <div>
          <h2 id="count-title" class="screen__title count-heading__title">
            {title}
          </h2>
          <p class="count-heading__meta">
            {session?.location ?? ''}
            {review.session.blind && <span class="badge count-badge">{t('count.blind')}</span>}
          </p>
        </div>
        <div class="count-heading__actions">
          <a class="button count-button--secondary" href={href('count')} data-testid="count-back">
            {t('count.back')}
          </a>
          <a class="button button--primary" href={href('count', sessionId, 'review')} data-testid="count-to-review">
            {closed ? t('count.see_review') : t('count.to_review')}
          </a>
        </div>
      </div>

      {closed || !canRecord ? (
        <>
          <p class="banner banner--info" data-testid="count-closed">
            {closed ? t('count.closed_notice') : t('count.read_only')}
          </p>
          <CountLines review={review} onUndo={() => undefined} busy canUndo={false} />
        </>
      ) : (
        <div class="count-work">
          <form
            class="card count-entry"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submitCode(codeInput.current?.value ?? code);
            }}
            data-testid="count-entry"
          >
            {places.length > 1 && (
              <div class="field">
                <label class="field__label" for="count-place">
                  {t('count.place.label')}
                </label>
                <select
                  id="count-place"
                  class="field__input count-place-select"
                  value={place === '' ? places[0]!.id : place}
                  onChange={(event) => {
                    setPlace(event.currentTarget.value);
                    focusCode();
                  }}
                  aria-describedby="count-place-hint"
                  data-testid="count-place"
                >
                  {places.map((p) => (
                    <option key={p.id} value={p.id}>
                      {'\u00a0\u00a0'.repeat(p.level) + p.name}
                    </option>
                  ))}
                </select>
                <p id="count-place-hint" class="field__hint">
                  {t('count.place.hint')}
                </p>
              </div>
            )}
            <div class="field">
              <label class="field__label" for="count-code">
                {t('count.code.label')}
              </label>
              <div class="count-code-row">
                <input
                  ref={codeInput}
                  id="count-code"
                  class="field__input count-code"
                  type="text"
                  inputMode={keyboard ? 'text' : 'none'}
                  autoComplete="off"
                  autoCapitalize="off"
                  spellcheck={false}
                  enterKeyHint="done"
                  value={code}
                  onInput={(event) => setCode(event.currentTarget.value)}
                  aria-describedby="count-code-hint"
                  data-testid="count-code"
                />
                <button
                  type="button"
                  class="button count-button--secondary count-keyboard"
                  aria-pressed={keyboard ? 'true' : 'false'}
                  onClick={() => {
                    setKeyboard(!keyboard);
                    focusCode();
                  }}
                  data-testid="count-keyboard"
                >
                  {t('count.keyboard')}
                </button>
              </div>
              <p id="count-code-hint" class="field__hint">
                {t('count.code.hint')}
              </p>
            </div>
            <div class="count-entry__actions count-tools">
              <button type="button" class="button count-button--secondary" onClick={() => setPanel({ kind: 'camera' })} data-testid="count-scan">
                {t('count.scan')}
              </button>
              <PhotoScan
                onCode={scanned}
                onBusy={setDecoding}
                onFailure={(reason) => {
                  setFeedback({ kind: 'scan_failed', reason });
                  focusCode();
                }}
              />
              <button type="button" class="button count-button--secondary" onClick={() => setPanel({ kind: 'find', code: '' })} title={t('count.find_long')} data-testid="count-find">
                {t('count.find')}
              </button>
            </div>
            <FeedbackLine feedback={feedback} decoding={decoding} />
            {panel.kind === 'unknown' && (
              <section class="card count-panel count-unknown" role="alert" aria-labelledby="count-unknown-title" data-testid="count-unknown">
                <h3 id="count-unknown-title" class="card__title">
                  {t('count.unknown.title', { code: panel.code })}
                </h3>
                <p class="count-message">{t('count.unknown.explain')}</p>
                <div class="count-entry__actions">
                  <button type="button" class="button button--primary" onClick={() => setPanel({ kind: 'find', code: '' })} data-testid="count-unknown-find">
                    {t('count.unknown.find')}
                  </button>
                  {can('item.create') && (
                    <button type="button" class="button button--primary" onClick={() => setPanel({ kind: 'create', code: panel.code })} data-testid="count-unknown-create">
                      {t('count.unknown.create')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="button count-button--secondary"
                    onClick={() => {
                      setPanel({ kind: 'none' });
                      focusCode();
                    }}
                    data-testid="count-unknown-dismiss"
                  >
                    {t('count.unknown.dismiss')}
                  </button>
                </div>
              </section>
            )}
            <QuantityPad value={qty.value} fresh={qty.fresh} onChange={setQty} />
            <button class="button button--primary count-record" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="count-record">
              {t('count.record')}
            </button>
          </form>

          <div class="count-side">
            {panel.kind === 'camera' && (
              <CameraView
                onCode={scanned}
                onClose={() => {
                  setPanel({ kind: 'none' });
                  focusCode();
                }}
              />
            )}
            {panel.kind === 'find' && (
              <ItemFinder
                initial={panel.code}
                onPick={recordItem}
                onClose={() => {
                  setPanel({ kind: 'none' });
                  focusCode();
                }}
              />
            )}
            {panel.kind === 'create' && (
              <ItemCreate
                barcode={panel.code}
                onCreated={recordItem}
                onClose={() => {
                  setPanel({ kind: 'none' });
                  focusCode();
                }}
              />
            )}
            <CountLines review={review} onUndo={undoLast} busy={busy} canUndo />
          </div>
        </div>
      )}
    </section>
  );
}

function FeedbackLine({ feedback, decoding }: { feedback: Feedback; decoding: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  let text = '';
  let tone = '';
  if (decoding) {
    text = t('count.photo.reading');
  } else if (feedback.kind === 'none') {
    text = t('count.feedback.ready');
  } else if (feedback.kind === 'recorded') {
    const { reference, label, counted, expected } = feedback.result;
    text =
      expected === undefined
        ? t('count.feedback.recorded', { item: `${reference} · ${label}`, total: counted })
        : t('count.feedback.recorded_expected', { item: `${reference} · ${label}`, total: counted, expected });
    tone = 'ok';
  } else if (feedback.kind === 'undone') {
    text = t('count.feedback.undone');
    tone = 'ok';
  } else if (feedback.kind === 'failed') {
    text = coreErrorMessage(i18n, 'count', feedback.error);
    tone = 'error';
  } else if (feedback.kind === 'scan_failed') {
    text = t(`count.camera.failed.${feedback.reason}`);
    tone = 'error';
  }
  return (
    <p class={`count-feedback count-feedback--${tone || 'none'}`} aria-live="polite" data-testid="count-feedback" data-kind={feedback.kind}>
      {text}
    </p>
  );
}
