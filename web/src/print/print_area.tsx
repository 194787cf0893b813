/**
 * PRINTABLE DOCUMENTS, reached by address only (no navigation entry): `path` is the address
 * after "#/print/": ["task", id] the work-order sheet, ["project", id] the project cost report,
 * ["count", session id] the count report with variances, ["labels?q=…&category=…"] a sheet of
 * item QR labels. Each has a "Print" button; print.css lays them out for A4.
 */
import { CountReport } from './count_report';
import { LabelSheet } from './label_sheet';
import './print.css';
import { ProjectReport } from './project_report';
import { TaskSheet } from './task_sheet';

export function PrintArea({ path }: { path: string[] }) {
  const [kind = '', id = ''] = path;
  if (kind === 'task') return <TaskSheet key={id} id={id} />;
  if (kind === 'project') return <ProjectReport key={id} id={id} />;
  if (kind === 'count') return <CountReport key={id} sessionId={id} />;
  const [name, query = ''] = kind.split('?');
  if (name === 'labels') return <LabelSheet key={query} params={new URLSearchParams(query)} />;
  return <LabelSheet params={new URLSearchParams()} />;
}
