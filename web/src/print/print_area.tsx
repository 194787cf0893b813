/**
 * PRINTABLE DOCUMENTS, reached by address only (no navigation entry): `path` is the address
 * after "#/print/": ["task", id] the work-order sheet, ["project", id] the project cost report,
 * ["count", session id] the count report with variances, ["labels"] with the address's query
 * ("#/print/labels?q=…&category=…", shell/route.ts useRouteQuery) a sheet of item QR labels. Each has a "Print" button; print.css lays them out for A4.
 */
import { CountReport } from './count_report';
import { useRouteQuery } from '../shell/route';
import { LabelSheet } from './label_sheet';
import './print.css';
import { ProjectReport } from './project_report';
import { TaskSheet } from './task_sheet';

export function PrintArea({ path }: { path: string[] }) {
  const [kind = '', id = ''] = path;
  const query = useRouteQuery();
  if (kind === 'task') return <TaskSheet key={id} id={id} />;
  if (kind === 'project') return <ProjectReport key={id} id={id} />;
  if (kind === 'count') return <CountReport key={id} sessionId={id} />;
  return <LabelSheet key={query.toString()} params={query} />;
}
