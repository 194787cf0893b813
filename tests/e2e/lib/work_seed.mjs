/**
 * Seeds MY WORK scenarios on the server under test through its real API, as the e2e admin:
 * a technician (user + linked employee), a van assigned to them holding an item, a client,
 * an asset, and work orders assigned to them (one overdue with a checklist). Mutations are
 * pushed like a device would (POST /api/push with a fresh client id), so the server's core
 * runs every rule. Also makes a small valid PNG for photo tests.
 */
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { ensureUser } from './accounts.mjs';
import { call, pushAsAdmin } from './server_api.mjs';


function day(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A technician with a van holding 10 oil filters, and two work orders for them. */
export async function seedTechnicianWork(tag) {
  const technician = await ensureUser(`tech${tag}`, 'technician');
  const login = await call('/api/login', technician);
  const ids = {
    employee: randomUUID(),
    van: randomUUID(),
    item: randomUUID(),
    client: randomUUID(),
    asset: randomUUID(),
    task: randomUUID(),
    later: randomUUID(),
    check1: randomUUID(),
    check2: randomUUID(),
    meter: randomUUID(),
  };
  const names = {
    van: `Camionnette ${tag}`,
    item: `Filtre à huile ${tag}`,
    reference: `FLT-${tag}`,
    client: `Boulangerie Martin ${tag}`,
    asset: `Compresseur ${tag}`,
    task: `Révision compresseur ${tag}`,
    later: `Contrôle chaudière ${tag}`,
  };
  await pushAsAdmin([
    ['employee.create', { id: ids.employee, name: `Technicien ${tag}`, user_id: login.user.id }],
    ['location.create', { id: ids.van, kind: 'vehicle', name: names.van }],
    ['location.assign', { id: randomUUID(), location_id: ids.van, employee_id: ids.employee }],
    ['item.create', { id: ids.item, reference: names.reference, label: names.item, unit_price_cents: 1250 }],
    ['stock.receipt', { id: randomUUID(), item_id: ids.item, location_id: ids.van, qty: '10' }],
    ['client.create', { id: ids.client, name: names.client }],
    ['asset.create', { id: ids.asset, kind: 'machine', name: names.asset, client_id: ids.client }],
    ['meter.create', { id: ids.meter, asset_id: ids.asset, name: 'Heures de marche', unit: 'h' }],
    ['meter.record', { id: randomUUID(), meter_id: ids.meter, value: '100' }],
    ['task.create', { id: ids.task, title: names.task, status: 'planned', priority: 'high', asset_id: ids.asset, due_date: day(-2) }],
    ['task.assign', { id: randomUUID(), task_id: ids.task, employee_id: ids.employee }],
    ['checklist.add', { id: ids.check1, task_id: ids.task, label: 'Vérifier la pression', required: true, position: 1 }],
    ['checklist.add', { id: ids.check2, task_id: ids.task, label: 'Purger la cuve', position: 2 }],
    ['task.create', { id: ids.later, title: names.later, status: 'planned', asset_id: ids.asset, due_date: day(5) }],
    ['task.assign', { id: randomUUID(), task_id: ids.later, employee_id: ids.employee }],
  ]);
  return { technician, ids, names };
}

// ---- A small PNG (solid colour with a stripe), valid for browsers and the server's sniffing.
const kCrcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = kCrcTable[(c ^ b) & 0xff] ^ (c >>> 8);
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
export function makePng(width = 64, height = 48, seed = 0) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // RGB
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const stripe = Math.abs(x - y) < 6;
      row[1 + x * 3] = stripe ? 250 : 15 + (seed % 200);
      row[2 + x * 3] = stripe ? 200 : 76;
      row[3 + x * 3] = stripe ? 40 : 92;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
