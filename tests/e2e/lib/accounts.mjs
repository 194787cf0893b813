/**
 * Test accounts on the server under test, made through its real admin API: the first-start
 * admin gets a known password, and `ensureUser` creates a user of a role (once) and does
 * the first password change the server requires, so browser tests can sign in with it.
 */
import { kBaseUrl } from './browser.mjs';

export const kAdminPassword = 'Admin-e2e-pass-1';

async function post(baseUrl, path, body, token) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/** Signs in; if the password must change first, changes it to `next`. Returns the token. */
async function signIn(baseUrl, username, passwords) {
  for (const [password, next] of passwords) {
    const login = await post(baseUrl, '/api/login', { username, password });
    if (login.status !== 200) continue;
    const { token, user } = login.body;
    if (user.must_change_password) {
      const changed = await post(baseUrl, '/api/password', { current_password: password, new_password: next }, token);
      if (changed.status !== 200) throw new Error(`password change for ${username}: ${JSON.stringify(changed.body)}`);
    }
    return token;
  }
  throw new Error(`cannot sign in as ${username} at ${baseUrl}`);
}

export async function adminToken(baseUrl = kBaseUrl) {
  return signIn(baseUrl, 'admin', [
    [kAdminPassword, kAdminPassword],
    ['Admin123!', kAdminPassword],
  ]);
}

/**
 * A user with `role` named `username` (created if needed). With `changePassword: false` the
 * user keeps the password they were given and must change it at first sign-in.
 * Returns { username, password }.
 */
export async function ensureUser(username, role, { baseUrl = kBaseUrl, changePassword = true } = {}) {
  const given = `Given-${username}-1`;
  const final = `Chosen-${username}-1`;
  const admin = await adminToken(baseUrl);
  const created = await post(baseUrl, '/api/admin/users', { username, role, password: given, display_name: username }, admin);
  if (created.status !== 200 && created.body.code !== 'conflict') {
    throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  if (!changePassword) return { username, password: given };
  await signIn(baseUrl, username, [
    [final, final],
    [given, final],
  ]);
  return { username, password: final };
}
