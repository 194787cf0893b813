/**
 * Categories and their attribute definitions: the core's mutators and queries the category
 * screen uses (core/stock/categories.h, core/stock/attributes.h). Types only: the core
 * validates names, refuses cycles and duplicate names, and decides who may archive.
 */
import type { AttributeDef } from '../stock/contract';

export type AttributeType = AttributeDef['type'];

export interface CategoryMutators {
  'category.update': { args: { id: string; name?: string; parent_id?: string | null }; result: { id: string } };
  'category.archive': { args: { id: string; archived: boolean }; result: { id: string; archived: boolean } };
  'attribute.create': {
    args: {
      id: string;
      category_id: string;
      name: string;
      type: AttributeType;
      unit?: string | null;
      required?: boolean;
      choices?: string[];
      position?: number;
    };
    result: { id: string };
  };
  'attribute.update': {
    args: { id: string; name?: string; unit?: string | null; required?: boolean; choices?: string[]; position?: number };
    result: { id: string };
  };
  'attribute.archive': { args: { id: string; archived: boolean }; result: { id: string; archived: boolean } };
}
