/** A QR code as an SVG (the uqr encoding of stock/qr_label.tsx), with its text for screen readers. */
import { useMemo } from 'preact/hooks';
import { qrPath } from '../stock/qr_label';

export function QrCode({ text, label, class: className = 'print-qr' }: { text: string; label: string; class?: string }) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg class={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges" data-testid="print-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
