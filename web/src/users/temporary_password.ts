/**
 * A temporary password for a new account or a reset, shown once to the administrator: 4
 * groups of 5 characters without look-alikes (0/O, 1/l/I), about 116 bits from
 * crypto.getRandomValues — the same shape as the server's `create-admin`. The server checks
 * its length like any password and makes the user choose their own at first sign-in.
 */
const kAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function temporaryPassword(): string {
  const groups: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % kAlphabet.length);
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    while (group.length < 5) {
      for (const byte of crypto.getRandomValues(new Uint8Array(8))) {
        if (byte < limit && group.length < 5) group += kAlphabet[byte % kAlphabet.length];
      }
    }
    groups.push(group);
  }
  return groups.join('-');
}
