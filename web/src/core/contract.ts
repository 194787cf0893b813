/**
 * The names and argument/result shapes of the core's mutators and queries that the UI
 * uses. Types only: the rules behind them (validation, uniqueness, permissions) live in
 * the C++ core, which is the one that accepts or refuses a call.
 *
 * The names more than one area uses are declared ONCE per core module in core/contracts/
 * (maintenance, stock, people, projects), with the shapes the C++ returns; the names only
 * one area uses are still declared in that area's <area>/contract.ts. All are joined here,
 * so every screen calls core.query / core.mutate with these types (no casts).
 */
import type { AlertMutators, AlertQueries } from '../alerts/contract';
import type { CategoryMutators } from '../categories/contract';
import type { AssetsMutators, AssetsQueries } from '../assets/contract';
import type { CountMutators, CountQueries } from '../count/contract';
import type { DashboardMutators, DashboardQueries } from '../dashboard/contract';
import type { CsvImportMutators, CsvImportQueries } from '../csv_import/contract';
import type { PeopleMutators, PeopleQueries } from '../people/contract';
import type { PlacesMutators, PlacesQueries } from '../places/contract';
import type { ProjectsMutators, ProjectsQueries } from '../projects/contract';
import type { StockMutators, StockQueries } from '../stock/contract';
import type { MaintenanceMutators, MaintenanceQueries } from './contracts/maintenance';
import type { PeopleCoreQueries } from './contracts/people';
import type { ProjectsCoreQueries } from './contracts/projects';
import type { StockCoreQueries } from './contracts/stock';

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
    MaintenanceMutators,
    PeopleMutators,
    PlacesMutators,
    CategoryMutators,
    AlertMutators,
    CsvImportMutators,
    AssetsMutators,
    ProjectsMutators,
    DashboardMutators {
  'category.create': {
    args: { id: string; name: string; parent_id: string | null };
    result: { id: string };
  };
}

export interface Queries
  extends StockQueries,
    CountQueries,
    MaintenanceQueries,
    StockCoreQueries,
    PeopleCoreQueries,
    ProjectsCoreQueries,
    PeopleQueries,
    PlacesQueries,
    AlertQueries,
    CsvImportQueries,
    AssetsQueries,
    ProjectsQueries,
    DashboardQueries {
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
