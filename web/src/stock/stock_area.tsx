/**
 * The stock screens; `path` is the address after "#/stock/" (see shell/route.ts):
 *   []                  the item list (search, filters, virtualised)
 *   ["new"]             the creation form
 *   ["import"]          the CSV import of items (csv_import/)
 *   ["item", id]        one item: on hand, movements, receipt/issue/transfer, QR label
 *   ["item", id, "edit"] the edit form
 */
import './stock.css';
import { ItemDetail } from './item_detail';
import { ItemForm } from './item_form';
import { ItemList } from './item_list';
import { ImportScreen } from '../csv_import/import_screen';

export function StockArea({ path }: { path: string[] }) {
  const [first, id, action] = path;
  if (first === 'import') return <ImportScreen />;
  if (first === 'new') return <ItemForm key="new" id={null} />;
  if (first === 'item' && id !== undefined && action === 'edit') return <ItemForm key={`edit-${id}`} id={id} />;
  if (first === 'item' && id !== undefined) return <ItemDetail key={id} id={id} />;
  return <ItemList />;
}
