/**
 * The names and argument/result shapes of the core's mutators and queries that the UI
 * uses. Types only: the rules behind them (validation, uniqueness, permissions) live in
 * the C++ core, which is the one that accepts or refuses a call.
 */

export interface Category {
  id: string;
  name: string;
  parent_id: string | null;
  depth: number;
  archived: boolean;
}

export interface Mutators {
  'category.create': {
    args: { id: string; name: string; parent_id: string | null };
    result: { id: string };
  };
}

export interface Queries {
  'category.list': {
    args: Record<string, never>;
    result: { items: Category[] };
  };
}

export type MutatorName = keyof Mutators;
export type QueryName = keyof Queries;
