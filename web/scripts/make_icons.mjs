#!/usr/bin/env node
/**
 * Generates the app icons from one vector description: public/icons/icon.svg,
 * public/favicon.svg and the PNGs the web manifest lists (192, 512, maskable 512).
 * Pure Node (zlib only): polygons are rasterised with 4x4 supersampling.
 * Run: `npm run icons` (from web/). The outputs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const kBrand = '#0f4c5c';
const out = new URL('../public/', import.meta.url);

// A stock box in isometric view, in a 512x512 design space, centred on (256, 268).
const kBox = [
  { color: '#ffffff', points: [[256, 112], [400, 190], [256, 268], [112, 190]] }, // top
  { color: '#cfe1e5', points: [[112, 190], [256, 268], [256, 424], [112, 346]] }, // left
  { color: '#8fb7c0', points: [[256, 268], [400, 190], [400, 346], [256, 424]] }, // right
  { color: '#f2b544', points: [[166.4, 160.5], [201.6, 141.5], [345.6, 219.5], [310.4, 238.5]] }, // tape
  { color: '#d99a2b', points: [[310.4, 238.5], [345.6, 219.5], [345.6, 279.5], [310.4, 298.5]] }, // tape, side
];

/** Shapes for one icon: `rounded` = "any" icon with corners; else full-bleed maskable. */
function shapes({ rounded }) {
  const scale = rounded ? 1 : 0.78; // maskable: keep the box inside the 80% safe zone
  const box = kBox.map(({ color, points }) => ({
    color,
    points: points.map(([x, y]) => [256 + (x - 256) * scale, 268 + (y - 268) * scale - (rounded ? 0 : 12)]),
  }));
  return { radius: rounded ? 104 : 0, box };
}

function svg({ rounded }) {
  const { radius, box } = shapes({ rounded });
  const polys = box
    .map(({ color, points }) => `  <polygon fill="${color}" points="${points.map((p) => p.map((v) => +v.toFixed(2)).join(',')).join(' ')}"/>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Invento</title>
  <rect width="512" height="512" rx="${radius}" fill="${kBrand}"/>
${polys}
</svg>
`;
}

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

function insidePolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 512 - r);
  const cy = Math.min(Math.max(y, r), 512 - r);
  return x >= 0 && x <= 512 && y >= 0 && y <= 512 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels of the icon at `size` px. */
function rasterise(size, options) {
  const { radius, box } = shapes(options);
  const kSub = 4;
  const pixels = Buffer.alloc(size * size * 4);
  const brand = hex(kBrand);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < kSub; sy++) {
        for (let sx = 0; sx < kSub; sx++) {
          const x = ((px + (sx + 0.5) / kSub) * 512) / size;
          const y = ((py + (sy + 0.5) / kSub) * 512) / size;
          if (!insideRoundedSquare(x, y, radius)) continue;
          let color = brand;
          for (const shape of box) if (insidePolygon(x, y, shape.points)) color = hex(shape.color);
          r += color[0]; g += color[1]; b += color[2]; a += 255;
        }
      }
      const n = kSub * kSub;
      const o = (py * size + px) * 4;
      // Premultiplied sums -> straight alpha.
      pixels[o] = a ? Math.round((r * 255) / a) : 0;
      pixels[o + 1] = a ? Math.round((g * 255) / a) : 0;
      pixels[o + 2] = a ? Math.round((b * 255) / a) : 0;
      pixels[o + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

const kCrcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = kCrcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL('icons/', out), { recursive: true });
const write = (name, data) => {
  writeFileSync(new URL(name, out), data);
  console.log(`wrote public/${name}`);
};
write('icons/icon.svg', svg({ rounded: true }));
write('favicon.svg', svg({ rounded: true }));
write('icons/icon-192.png', png(192, rasterise(192, { rounded: true })));
write('icons/icon-512.png', png(512, rasterise(512, { rounded: true })));
write('icons/icon-maskable-512.png', png(512, rasterise(512, { rounded: false })));
