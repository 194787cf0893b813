/**
 * The paging behind the long virtualised lists (stock/list_sources.ts useSearchSource,
 * orders/order_source.ts): a query's rows fetched one page (limit/offset) at a time, on
 * demand, for the rows in view NOW. No hook and no DOM here, so it is unit-tested in node
 * (web/test/list_sources.test.ts).
 *
 * - One request at a time: a fling through 100,000 rows does not queue the pages it flew past.
 * - Pages are cached for the current query; `restart` starts another query (new filters:
 *   forget everything and go back to the top) or re-reads the same one (a sync or a change
 *   made here: keep showing the old pages until each is read again).
 * - A reply to an older query is ignored.
 */

export interface Page<Row> {
  rows: Row[];
  /** null when the core did not count. */
  total: number | null;
  exact: boolean;
}

export type FetchPage<Row> = (offset: number, limit: number) => Promise<Page<Row>>;

export interface PagedListener<Row> {
  /** A page arrived (the view should render again). */
  page(page: Page<Row>): void;
  error(thrown: unknown): void;
}

export class PagedRows<Row> {
  private generation = 0;
  private pages = new Map<number, Row[]>();
  private shown = new Map<number, Row[]>();
  private busy = false;
  private first = 0;
  private last = 0;
  private fetch: FetchPage<Row> | null = null;

  constructor(
    readonly pageSize: number,
    private readonly listener: PagedListener<Row>,
  ) {}

  /** A new query (`same` false) or the same one read again (`same` true). */
  restart(fetch: FetchPage<Row>, same: boolean): void {
    this.generation += 1;
    this.fetch = fetch;
    this.shown = same ? new Map([...this.shown, ...this.pages]) : new Map();
    this.pages = new Map();
    this.busy = false;
    if (!same) {
      this.first = 0;
      this.last = 0;
    }
    this.pump();
  }

  /** Asks for the rows [first, last] (those in view); fetched if not cached. */
  want(first: number, last: number): void {
    this.first = first;
    this.last = last;
    this.pump();
  }

  /** The row at `index` if its page was read (or, while re-reading, the old one). */
  row(index: number): Row | undefined {
    const page = Math.floor(index / this.pageSize);
    return (this.pages.get(page) ?? this.shown.get(page))?.[index % this.pageSize];
  }

  private pump(): void {
    if (this.busy || this.fetch === null) return;
    let page = -1;
    for (let p = Math.floor(this.first / this.pageSize); p <= Math.floor(this.last / this.pageSize); p++) {
      if (!this.pages.has(p)) {
        page = p;
        break;
      }
    }
    if (page < 0) return;
    this.busy = true;
    const generation = this.generation;
    this.fetch(page * this.pageSize, this.pageSize).then(
      (result) => {
        if (generation !== this.generation) return; // a reply to an older query
        this.busy = false;
        this.pages.set(page, result.rows);
        this.listener.page(result);
        this.pump();
      },
      (thrown: unknown) => {
        if (generation !== this.generation) return;
        this.busy = false;
        this.listener.error(thrown);
      },
    );
  }
}
