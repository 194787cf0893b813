/**
 * The printable label of an item: a QR code of its barcode (or, without one, its reference),
 * the reference and the label. The print stylesheet (stock.css, @media print) hides
 * everything but `.qr-label` when the page is printed.
 */
import { createPortal } from 'preact/compat';
import { encode } from 'uqr';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/** One SVG path of the dark modules (one "h1" run per module), drawn with a quiet zone. */
export function qrPath(text: string): { path: string; size: number } {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { path, size };
}

export function QrLabel({ reference, label, barcode }: { reference: string; label: string; barcode: string | null }) {
  const { t } = useI18n();
  const payload = barcode !== null && barcode !== '' ? barcode : reference;
  const { path, size } = useMemo(() => qrPath(payload), [payload]);
  return (
    <figure class="qr-label" data-testid="qr-label">
      <svg class="qr-label__code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={t('stock.label.qr_of', { value: payload })} shape-rendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption class="qr-label__text">
        <strong class="qr-label__reference">{reference}</strong>
        <span class="qr-label__label">{label}</span>
        {barcode !== null && barcode !== '' && <span class="qr-label__barcode">{barcode}</span>}
      </figcaption>
    </figure>
  );
}

/**
 * The label again, in a container directly under <body>, shown only when printing: the
 * print stylesheet hides every other child of <body> (display: none), so the printout is
 * the label alone, on one page.
 */
export function PrintableLabel(props: { reference: string; label: string; barcode: string | null }) {
  const [host] = useState(() => {
    const element = document.createElement('div');
    element.className = 'print-label-root';
    return element;
  });
  useEffect(() => {
    document.body.appendChild(host);
    return () => host.remove();
  }, [host]);
  return createPortal(<QrLabel {...props} />, host);
}
