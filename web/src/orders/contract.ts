/**
 * The types the work-order desk uses. The core's task names (task.list with every filter,
 * task.get, task.create/update/assign …, task.suggest_assignees) are declared once in
 * core/contracts/maintenance.ts with the shapes the C++ returns, and joined in
 * core/contract.ts; they are re-exported here under the desk's names.
 */
import type { TaskFilters } from '../core/contracts/maintenance';

export {
  kPriorities,
  kStatuses,
  kTypes,
  type AssignWarning,
  type Priority,
  type SortKey,
  type Suggestion,
  type TaskDetail,
  type TaskDetail as OrderDetail,
  type TaskFields,
  type TaskRow as OrderRow,
  type TaskStatus,
  type TaskType,
} from '../core/contracts/maintenance';

/** The desk's filters: task.list's, without `mine` (the desk shows everybody's). */
export type OrderFilters = Omit<TaskFilters, 'mine'>;
