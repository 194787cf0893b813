/**
 * Seeds a stocktake scenario on the server under test through its real API, as the e2e
 * admin: a warehouse holding five items with EAN-13 barcodes and prices. Mutations are
 * pushed like a device would (POST /api/push with a fresh client id), so the server's core
 * runs every rule. Also draws barcode pictures (PNG) with bwip-js for the photo decoder.
 */
import { randomUUID } from 'node:crypto';
import bwipjs from 'bwip-js';
import { call, pushAsAdmin as push } from './server_api.mjs';

/** An EAN-13 with its check digit, from 12 digits. */
export function ean13(twelve) {
  const digits = [...twelve].map(Number);
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

/**
 * A warehouse `Entrepôt <tag>` with items A..E (expected 5, 3, 2, 4, 7), unit prices
 * 2.50, 10.00, 1.20, 8.00, 3.00. Returns {location, items: {A: {id, reference, label,
 * barcode, expected}, ...}}. `tag` is 6 digits.
 */
export async function seedCountScenario(tag) {
  const location = { id: randomUUID(), name: `Entrepôt ${tag}` };
  const spec = [
    ['A', 'Écrou M8 inox', 5, 250],
    ['B', 'Filtre à air F7', 3, 1000],
    ['C', 'Fusible 10 A', 2, 120],
    ['D', 'Courroie trapézoïdale', 4, 800],
    ['E', 'Joint torique 20 mm', 7, 300],
  ];
  const items = {};
  const mutations = [['location.create', { id: location.id, kind: 'warehouse', name: location.name }]];
  spec.forEach(([key, label, expected, price], index) => {
    const item = {
      id: randomUUID(),
      reference: `CNT-${tag}-${key}`,
      label: `${label} ${tag}`,
      barcode: ean13(`30${tag}${String(index + 1).padStart(4, '0')}`),
      expected,
    };
    items[key] = item;
    mutations.push(['item.create', { id: item.id, reference: item.reference, label: item.label, barcode: item.barcode, unit_price_cents: price }]);
    mutations.push(['stock.receipt', { id: randomUUID(), item_id: item.id, location_id: location.id, qty: String(expected) }]);
  });
  await push(mutations);
  return { location, items };
}

/** A PNG picture of an EAN-13 barcode (with its digits), as a camera would take it. */
export function ean13Png(code) {
  return bwipjs.toBuffer({ bcid: 'ean13', text: code, scale: 3, height: 18, includetext: true, textxalign: 'center', paddingwidth: 12, paddingheight: 12, backgroundcolor: 'FFFFFF' });
}

/**
 * Makes `technician` ({username, password}) work with `locationId`: an employee linked to
 * their account, assigned to the location (technicians count only where they work).
 */
export async function assignTechnician(technician, locationId, tag) {
  const login = await call('/api/login', technician);
  const employee = randomUUID();
  await push([
    ['employee.create', { id: employee, name: `Compteur ${tag}`, user_id: login.user.id }],
    ['location.assign', { id: randomUUID(), location_id: locationId, employee_id: employee }],
  ]);
}

/** Opens a count at `locationId` as the admin (blind unless told otherwise); returns its id. */
export async function openCountAsAdmin(locationId, name, { blind = true } = {}) {
  const id = randomUUID();
  await push([['count.open', { id, location_id: locationId, name, scope: 'all', blind }]]);
  return id;
}
