/**
 * MY WORK, the technician's work orders. `path` is the address after "#/work/"
 * (shell/route.ts): [] is the list, [taskId] one work order.
 */
import { TaskDetailScreen } from './task_detail';
import { TaskList } from './task_list';
import './work.css';

export function WorkArea({ path }: { path: string[] }) {
  const [taskId] = path;
  return taskId ? <TaskDetailScreen key={taskId} taskId={taskId} /> : <TaskList />;
}
