/**
 * Which screen is shown: the part of the address after "#/", split on "/"
 * ("#/stock/item/abc" -> ["stock", "item", "abc"]). Hash addresses keep every screen
 * reachable offline from the one cached page, and the back button works.
 */
import { useEffect, useState } from 'preact/hooks';

export function parseRoute(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
}

/** The address of a screen, for links: href('stock', 'item', id) -> "#/stock/item/<id>". */
export function href(...parts: string[]): string {
  return `#/${parts.map((part) => encodeURIComponent(part)).join('/')}`;
}

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
