/**
 * Which screen is shown: the part of the address after "#/", split on "/"
 * ("#/stock/item/abc" -> ["stock", "item", "abc"]). Hash addresses keep every screen
 * reachable offline from the one cached page, and the back button works.
 *
 * A list may also take its filters from the address, after a "?" ("#/orders?overdue=1"):
 * the dashboard's widgets link to the list behind them that way (hrefWith, useRouteQuery).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

export function parseRoute(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
}

/** The address of a screen, for links: href('stock', 'item', id) -> "#/stock/item/<id>". */
export function href(...parts: string[]): string {
  return `#/${parts.map((part) => encodeURIComponent(part)).join('/')}`;
}

/** The query part of an address ("#/orders?status=done" -> status=done); empty if none. */
export function parseRouteQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/**
 * The address of a screen with list filters: hrefWith(['orders'], { overdue: '1' }) ->
 * "#/orders?overdue=1". Empty and undefined values are left out.
 */
export function hrefWith(parts: string[], params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return text === '' ? href(...parts) : `${href(...parts)}?${text}`;
}

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

/** The address after "#", kept current on every hash change. */
function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function useRoute(): string[] {
  const hash = useHash();
  return useMemo(() => parseRoute(hash), [hash]);
}

/** The address's list filters (parseRouteQuery), kept current on every hash change. */
export function useRouteQuery(): URLSearchParams {
  const hash = useHash();
  return useMemo(() => parseRouteQuery(hash), [hash]);
}

/**
 * A list screen's filters, read from the address's query when the screen opens (a dashboard
 * widget's link) and read again when the address's query changes; in between, the screen's own.
 */
export function useRouteFilters<T>(parse: (query: URLSearchParams) => T): [T, (next: T) => void] {
  const query = useRouteQuery();
  const [value, setValue] = useState<T>(() => parse(query));
  const text = query.toString();
  const seen = useRef(text);
  useEffect(() => {
    if (text === seen.current) return;
    seen.current = text;
    setValue(parse(new URLSearchParams(text)));
  }, [text]);
  return [value, setValue];
}
