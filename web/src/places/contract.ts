/**
 * Places: the core's location, location-assignment, supplier and stock-export mutators and
 * queries used by the Locations and Suppliers screens (core/stock/suppliers_locations.h,
 * location_access.h, csv_io.h). Types only: the core validates and decides (tree rules,
 * unique sibling names, cycles, who may assign or archive).
 *
 * location.list, location.mine and supplier.list (with their Location and Supplier rows) are
 * declared once, in stock/contract.ts.
 */
import type { Location } from '../stock/contract';

export type LocationKind = Location['kind'];
export const kLocationKinds: readonly LocationKind[] = ['warehouse', 'zone', 'bin', 'vehicle', 'site'];

/** One employee or team working with a location (location.assignees). */
export interface Assignee {
  id: string;
  location_id: string;
  location: string;
  employee_id: string | null;
  team_id: string | null;
  name: string;
}

type Optional = string | null;
interface SupplierFields {
  name?: string;
  contact?: Optional;
  email?: Optional;
  phone?: Optional;
  notes?: Optional;
}

export interface PlacesMutators {
  'location.create': {
    args: { id: string; kind: LocationKind; name: string; parent_id?: Optional; code?: Optional; notes?: Optional };
    result: { id: string };
  };
  /** A present `parent_id` moves the location (null: to the top level). */
  'location.update': { args: { id: string; name?: string; parent_id?: Optional; code?: Optional; notes?: Optional }; result: { id: string } };
  'location.archive': { args: { id: string; archived: boolean }; result: unknown };
  'location.assign': {
    args: { id: string; location_id: string; employee_id?: string; team_id?: string };
    result: { id: string };
  };
  'location.unassign': { args: { id: string }; result: unknown };
  'supplier.create': { args: { id: string; name: string } & SupplierFields; result: { id: string } };
  'supplier.update': { args: { id: string } & SupplierFields; result: { id: string } };
  'supplier.archive': { args: { id: string; archived: boolean }; result: unknown };
}

export interface PlacesQueries {
  'location.assignees': { args: { location_id?: string }; result: { items: Assignee[] } };
  /** A spreadsheet of the on-hand stock (of one location when given): UTF-8 with BOM, CRLF. */
  'csv.export_stock': {
    args: { locale: 'fr' | 'en'; location_id?: string };
    result: { filename: string; content: string; rows: number };
  };
}
