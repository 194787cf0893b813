/**
 * THE WORK-ORDER DESK, for planners (and read-only for consultants). `path` is the address
 * after "#/orders/" (shell/route.ts): [] the list, ["new"] a new work order, [id] one order
 * at the desk. Without task.update (a consultant), an order opens MY WORK's read-only detail.
 */
import { usePermissions } from '../shell/permissions';
import { TaskDetailScreen } from '../work/task_detail';
import '../work/work.css';
import { OrderEdit } from './order_edit';
import { OrderList } from './order_list';
import { OrderNew } from './order_new';
import './orders.css';

export function OrdersArea({ path }: { path: string[] }) {
  const { can } = usePermissions();
  const [first] = path;
  if (first === undefined) return <OrderList />;
  if (first === 'new' && can('task.create')) return <OrderNew />;
  return can('task.update') ? <OrderEdit key={first} taskId={first} /> : <TaskDetailScreen key={first} taskId={first} />;
}
