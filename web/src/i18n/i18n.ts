/**
 * Translation catalogs (fr.json, en.json) and the current language.
 *
 * - Keys are flat dotted strings, prefixed by their area ("stock.", "count.", "work.", "people.", "users.", "places.", "categories.", "alerts.", "orders.", "dashboard.", ...); both catalogs must hold exactly the same keys (checked
 *   by the type checker below, so `npm run typecheck` fails on a missing key).
 * - `{name}` placeholders are replaced by the values passed to `t()`.
 * - Default language: the stored choice, else `navigator.language` when it is one we
 *   have, else French.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import alertsEn from '../alerts/i18n/en.json';
import alertsFr from '../alerts/i18n/fr.json';
import categoriesEn from '../categories/i18n/en.json';
import categoriesFr from '../categories/i18n/fr.json';
import assetsEn from '../assets/i18n/en.json';
import assetsFr from '../assets/i18n/fr.json';
import countEn from '../count/i18n/en.json';
import countFr from '../count/i18n/fr.json';
import dashboardEn from '../dashboard/i18n/en.json';
import dashboardFr from '../dashboard/i18n/fr.json';
import ordersEn from '../orders/i18n/en.json';
import ordersFr from '../orders/i18n/fr.json';
import peopleEn from '../people/i18n/en.json';
import planningEn from '../planning/i18n/en.json';
import planningFr from '../planning/i18n/fr.json';
import peopleFr from '../people/i18n/fr.json';
import placesEn from '../places/i18n/en.json';
import placesFr from '../places/i18n/fr.json';
import printEn from '../print/i18n/en.json';
import printFr from '../print/i18n/fr.json';
import projectsEn from '../projects/i18n/en.json';
import projectsFr from '../projects/i18n/fr.json';
import stockEn from '../stock/i18n/en.json';
import stockFr from '../stock/i18n/fr.json';
import usersEn from '../users/i18n/en.json';
import usersFr from '../users/i18n/fr.json';
import workEn from '../work/i18n/en.json';
import workFr from '../work/i18n/fr.json';
import importEn from '../csv_import/i18n/en.json';
import importFr from '../csv_import/i18n/fr.json';
import auditEn from '../audit/i18n/en.json';
import auditFr from '../audit/i18n/fr.json';
import shellEn from './en.json';
import shellFr from './fr.json';

// One catalog per language, joined from the shell's and each screen area's files.
const fr = {
  ...shellFr,
  ...stockFr,
  ...countFr,
  ...workFr,
  ...peopleFr,
  ...usersFr,
  ...placesFr,
  ...categoriesFr,
  ...alertsFr,
  ...importFr,
  ...auditFr,
  ...assetsFr,
  ...projectsFr,
  ...printFr,
  ...ordersFr,
  ...dashboardFr,
  ...planningFr,
};
const en = {
  ...shellEn,
  ...stockEn,
  ...countEn,
  ...workEn,
  ...peopleEn,
  ...usersEn,
  ...placesEn,
  ...categoriesEn,
  ...alertsEn,
  ...importEn,
  ...auditEn,
  ...assetsEn,
  ...projectsEn,
  ...printEn,
  ...ordersEn,
  ...dashboardEn,
  ...planningEn,
};

export type Language = 'fr' | 'en';
export const kLanguages: readonly Language[] = ['fr', 'en'];
const kFallbackLanguage: Language = 'fr';
const kStorageKey = 'invento.language';

export type MessageKey = keyof typeof fr;
type Catalog = Record<MessageKey, string>;

// Both directions, so a key missing on either side is a type error naming the key.
const catalogs: Record<Language, Catalog> = { fr, en };
const enKeysInFr: Record<keyof typeof en, string> = fr;
void enKeysInFr;

export type Params = Record<string, string | number>;

function format(template: string, params?: Params): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (kLanguages as readonly string[]).includes(value);
}

/** The language of a BCP 47 tag if we have a catalog for it ("en-GB" -> "en"). */
export function languageOf(tag: string | undefined | null): Language | null {
  const primary = tag?.toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : null;
}

export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(kStorageKey);
  } catch {
    // Storage can be unavailable (privacy modes); fall through to the browser language.
  }
  if (isLanguage(stored)) return stored;
  return languageOf(navigator.language) ?? kFallbackLanguage;
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(kStorageKey, language);
  } catch {
    // Not fatal: the choice then lasts for this page only.
  }
}

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** For keys built at run time (e.g. from an error code): null when absent. */
  lookup(key: string, params?: Params): string | null;
}

export function makeI18n(language: Language, setLanguage: (language: Language) => void): I18n {
  const catalog = catalogs[language];
  const lookup = (key: string, params?: Params): string | null =>
    Object.hasOwn(catalog, key) ? format(catalog[key as MessageKey], params) : null;
  return {
    language,
    setLanguage,
    t: (key, params) => format(catalog[key], params),
    lookup,
  };
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n() outside <I18nContext.Provider>');
  return i18n;
}
