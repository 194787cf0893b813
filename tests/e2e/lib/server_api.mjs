/**
 * The server under test's JSON API, called directly (seeding data as another device would):
 * `call` posts and asserts HTTP 200; `pushAsAdmin` pushes mutations [name, args] as the e2e
 * administrator from a new client id and asserts every one was accepted. Both take an
 * optional base URL (a private server) after their usual arguments.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { adminToken } from './accounts.mjs';
import { kBaseUrl } from './browser.mjs';

export async function call(path, body, token, baseUrl = kBaseUrl) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  assert.equal(response.status, 200, `${path}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

export async function pushAsAdmin(mutations, baseUrl = kBaseUrl) {
  const token = await adminToken(baseUrl);
  const at = Date.now();
  const reply = await call(
    '/api/push',
    { client_id: randomUUID(), mutations: mutations.map(([name, args], index) => ({ id: index + 1, name, at, args })) },
    token,
    baseUrl,
  );
  for (const result of reply.results) {
    assert.equal(result.status, 'accepted', `${mutations[result.id - 1][0]}: ${JSON.stringify(result)}`);
  }
}
