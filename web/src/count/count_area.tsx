/**
 * The count (stocktake) screens; `path` is the address after "#/count/":
 *   []                      choose a location and a count, or open one (ChooseScreen)
 *   [session]               count (CountingScreen)
 *   [session, "review"]     variance review and close (ReviewScreen)
 */
import './count.css';
import { ChooseScreen } from './choose_screen';
import { CountingScreen } from './counting_screen';
import { ReviewScreen } from './review_screen';

export function CountArea({ path }: { path: string[] }) {
  const [sessionId, view] = path;
  if (sessionId === undefined) return <ChooseScreen />;
  if (view === 'review') return <ReviewScreen key={sessionId} sessionId={sessionId} />;
  return <CountingScreen key={sessionId} sessionId={sessionId} />;
}
