/**
 * A widget's figures as a table: shown for "table" widgets, visually hidden (for screen
 * readers) under a chart.
 */
import type { Table } from './views';

export function WidgetTable({ table, caption, hidden = false }: { table: Table; caption: string; hidden?: boolean }) {
  return (
    <div class={hidden ? 'visually-hidden' : 'dashboard__table-wrap'}>
      <table class="dashboard__table" data-testid="widget-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.headers.map((h) => (
              <th key={h} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i} data-testid="widget-table-row">
              {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
