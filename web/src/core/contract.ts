/**
 * The names and argument/result shapes of the core's mutators and queries that the UI
 * uses. Types only: the rules behind them (validation, uniqueness, permissions) live in
 * the C++ core, which is the one that accepts or refuses a call.
 *
 * Each screen area declares its own names in <area>/contract.ts; they are joined here.
 */
import type { AlertMutators, AlertQueries } from '../alerts/contract';
import type { CategoryMutators } from '../categories/contract';
import type { AssetsMutators, AssetsQueries } from '../assets/contract';
import type { CountMutators, CountQueries } from '../count/contract';
import type { CsvImportMutators, CsvImportQueries } from '../csv_import/contract';
import type { PeopleMutators, PeopleQueries } from '../people/contract';
import type { PlacesMutators, PlacesQueries } from '../places/contract';
import type { ProjectsMutators, ProjectsQueries } from '../projects/contract';
import type { StockMutators, StockQueries } from '../stock/contract';
import type { WorkMutators, WorkQueries } from '../work/contract';

export interface Category {
  id: string;
  name: string;
  parent_id: string | null;
  depth: number;
  archived: boolean;
}

export interface Mutators
  extends StockMutators,
    CountMutators,
    WorkMutators,
    PeopleMutators,
    PlacesMutators,
    CategoryMutators,
    AlertMutators,
    CsvImportMutators,
    AssetsMutators,
    ProjectsMutators {
  'category.create': {
    args: { id: string; name: string; parent_id: string | null };
    result: { id: string };
  };
}

export interface Queries
  extends StockQueries,
    CountQueries,
    WorkQueries,
    PeopleQueries,
    PlacesQueries,
    AlertQueries,
    CsvImportQueries,
    AssetsQueries,
    ProjectsQueries {
  'auth.allowed': {
    args: Record<string, never>;
    result: { role: string; user_id: string; names: string[] };
  };
  'category.list': {
    args: { include_archived?: boolean };
    result: { items: Category[] };
  };
}

export type MutatorName = keyof Mutators;
export type QueryName = keyof Queries;
