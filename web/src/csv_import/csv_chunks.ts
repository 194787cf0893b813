/**
 * Splits a CSV file into pieces small enough for one sync mutation: the sync protocol caps a
 * mutation's arguments at 64 KiB (core/sync/protocol.h kMaxArgsBytes), so csv.items_import
 * runs once per piece. This is marshalling, not a business rule: the core still reads every
 * piece with its own CSV rules and decides everything about each line.
 *
 * Records follow core/csv/csv.h: a record ends at CRLF, LF or a lone CR outside quotes; a
 * field starting with '"' is quoted (separators, line breaks and doubled quotes inside); a
 * quote inside an unquoted field is literal. A piece is the header record, then whole
 * records copied byte for byte (never cut inside a quoted field). Lines are numbered as the
 * core numbers them (blank lines counted, a multi-line record counts from where it starts):
 * when it fits, a piece is padded with blank lines so its line numbers ARE the file's (the
 * core writes them into notes); otherwise `lineOffset` maps a piece's numbers back.
 */

export interface CsvPiece {
  csv: string;
  /** Add to a line number the core reports for this piece to get the file's line. */
  lineOffset: number;
  /** How many records (data lines, blank ones excluded) the piece carries. */
  records: number;
}

interface Span {
  line: number;
  start: number;
  /** After the record's line break (or the end of the text). */
  next: number;
}

/** Bytes the text takes inside a JSON string, as the core's JSON writer escapes it (UTF-8). */
export function jsonBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Thrown for a text the core would refuse anyway (its message then comes from the preview). */
export class CsvShapeError extends Error {}

/** The records of `text` (the header first); blank lines are skipped. */
function scan(text: string, separator: string): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const lineBreak = (at: number): number => {
    // Returns the index after a line break starting at `at` (CRLF is one), counting it.
    line++;
    return text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1;
  };
  while (i < n) {
    if (text[i] === '\r' || text[i] === '\n') {
      i = lineBreak(i);
      continue;
    }
    const start = i;
    const startLine = line;
    for (;;) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvShapeError(`line ${startLine}: unterminated quote`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') i += 2;
            else {
              i++;
              break;
            }
          } else if (c === '\r' || c === '\n') i = lineBreak(i);
          else i++;
        }
      } else {
        while (i < n && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') i++;
      }
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    // End of the record: a line break or the end of the text (anything else is the core's error).
    if (i < n && text[i] !== '\r' && text[i] !== '\n') throw new CsvShapeError(`line ${line}: text after a closing quote`);
    const next = i < n ? lineBreak(i) : n;
    spans.push({ line: startLine, start, next });
    i = next;
  }
  return spans;
}

function lineBreaks(text: string): number {
  const matches = text.match(/\r\n|\r|\n/g);
  return matches === null ? 0 : matches.length;
}

/**
 * Cuts `text` into pieces whose csv, JSON-escaped, takes at most `budget` bytes. Fails with
 * CsvShapeError when a single record is larger than that.
 */
export function splitCsv(text: string, separator: ';' | ',', budget: number): CsvPiece[] {
  const spans = scan(text, separator);
  const header = spans[0];
  if (header === undefined || spans.length < 2) return [];
  let head = text.slice(header.start, header.next);
  if (!/[\r\n]$/.test(head)) head += '\r\n';
  const headBytes = jsonBytes(head);
  const firstBodyLine = 1 + lineBreaks(head);
  const pieces: CsvPiece[] = [];
  let index = 1;
  while (index < spans.length) {
    const first = spans[index]!;
    const gap = first.line - firstBodyLine;
    // Blank-line padding keeps the file's line numbers when it costs at most a quarter.
    const pad = gap > 0 && gap * 2 <= budget / 4 ? gap : 0;
    let used = headBytes + pad * 2;
    let end = index;
    while (end < spans.length) {
      const span = spans[end]!;
      const from = end === index ? span.start : spans[end - 1]!.next;  // blank lines between records too
      const cost = jsonBytes(text.slice(from, span.next)) + 2;
      if (used + cost > budget) break;
      used += cost;
      end++;
    }
    if (end === index) throw new CsvShapeError(`line ${first.line}: this line is too large to import`);
    let body = text.slice(first.start, spans[end - 1]!.next);
    if (!/[\r\n]$/.test(body)) body += '\r\n';
    pieces.push({ csv: head + '\n'.repeat(pad) + body, lineOffset: gap - pad, records: end - index });
    index = end;
  }
  return pieces;
}
