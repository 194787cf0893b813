/**
 * Hands a text file built in the page or by the core (a CSV export's {filename, content}) to
 * the browser as a download: a Blob, an object URL and a temporary <a download>, released
 * once the browser has had time to start reading it.
 */
export function downloadText(filename: string, content: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
