/**
 * The types the work screens use. The core's task, checklist, meter, material, time and
 * attachment calls are declared once in core/contracts/maintenance.ts (with the shapes the
 * C++ returns) and joined in core/contract.ts; they are re-exported here for the screens.
 */
export type {
  AssetMeter as MeterInfo,
  Attachment,
  ChecklistItem,
  ConsumedPart,
  TaskAttachment,
  TaskDetail,
  TaskMaterials,
  TaskRow as TaskSummary,
  TaskStatus,
  TimeEntry,
} from '../core/contracts/maintenance';
