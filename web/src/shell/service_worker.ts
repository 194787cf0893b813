/**
 * Registers the Workbox service worker (dist/sw.js, generated at build time) that lets the
 * app start offline, and tracks whether a new version of the app is waiting.
 *
 * Contract:
 * - A new version never takes over by itself: its worker installs and then waits.
 *   `updateState()` becomes "available" and the UI offers a reload; only `applyUpdate()`
 *   (the user's click) tells the waiting worker to activate (SKIP_WAITING), and this page
 *   reloads once the new worker controls it.
 * - If another tab accepted the update, this page is not reloaded under its user: the
 *   state stays "available" and the click just reloads.
 * - The browser checks for a new sw.js on navigations; the page also asks once an hour and
 *   when it becomes visible again, while online.
 *
 * Failure: no service worker support, or a failed registration, leaves the app working
 * online only (logged as a warning, nothing shown).
 */
import { registerSW } from 'virtual:pwa-register';

export type UpdateState = 'none' | 'available' | 'applying';

type Listener = (state: UpdateState) => void;

const kUpdateCheckIntervalMs = 60 * 60 * 1000;

const listeners = new Set<Listener>();
let state: UpdateState = 'none';

function setState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener(next);
}

function checkForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (navigator.onLine) registration.update().catch(() => undefined);
  };
  setInterval(check, kUpdateCheckIntervalMs);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** Registers the service worker once the page has loaded. Call once, from main.tsx. */
export function startServiceWorker(): void {
  // `vite dev` builds no sw.js.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({
    onNeedRefresh: () => setState('available'),
    // Another tab accepted the update and the new worker now controls this page too:
    // do not reload under the user; the prompt stays and its button reloads.
    onNeedReload: () => undefined,
    onRegisteredSW: (_url, registration) => {
      if (registration !== undefined) checkForUpdates(registration);
    },
    onRegisterError: (error: unknown) => console.warn('service worker registration failed', error),
  });
}

export function updateState(): UpdateState {
  return state;
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function subscribeUpdateState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The user accepted the update: the waiting worker is told to activate (SKIP_WAITING)
 * and the page reloads once it has taken over (controllerchange), or once it is
 * activated if this page was never controlled (first visit). With nothing waiting
 * (another tab already activated it), the page just reloads.
 */
export async function applyUpdate(): Promise<void> {
  if (state === 'applying') return;
  setState('applying');
  const reload = () => window.location.reload();
  const registration = await navigator.serviceWorker?.getRegistration();
  const waiting = registration?.waiting ?? null;
  if (waiting === null) {
    reload();
    return;
  }
  if (navigator.serviceWorker.controller !== null) {
    navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  } else {
    waiting.addEventListener('statechange', () => {
      if (waiting.state === 'activated') reload();
    });
  }
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
