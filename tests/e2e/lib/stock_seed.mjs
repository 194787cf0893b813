/**
 * Many stock items at once, made on the server under test through its real push API
 * (POST /api/push, docs/sync-protocol.md) as the e2e administrator, 1000 mutations a
 * request; browsers then receive them by their normal sync. Returns the references' prefix.
 */
import { randomUUID } from 'node:crypto';
import { adminToken } from './accounts.mjs';
import { kBaseUrl } from './browser.mjs';

export async function seedItemsOnServer(prefix, count, { baseUrl = kBaseUrl, label = 'Article de masse' } = {}) {
  const token = await adminToken(baseUrl);
  const clientId = randomUUID();
  let next = 1;
  for (let start = 0; start < count; start += 1000) {
    const mutations = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const n = String(i).padStart(6, '0');
      mutations.push({
        id: next++,
        name: 'item.create',
        at: Date.now(),
        args: { id: randomUUID(), reference: `${prefix}-${n}`, label: `${label} ${n}`, unit: 'piece' },
      });
    }
    const response = await fetch(`${baseUrl}/api/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, mutations }),
    });
    const body = await response.json();
    if (!response.ok || body.results.some((r) => r.status !== 'accepted')) {
      throw new Error(`push failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
  return prefix;
}
