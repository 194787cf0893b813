/**
 * Unit tests of the worker's calls into the wasm module (wasm/core_call.ts). The shipped
 * module has no C++ exceptions (cmake/wasm_flags.cmake): a bug aborts it and the call throws
 * a WebAssembly.RuntimeError. After that the module is never called again: every call is
 * refused with an error that says what happened and asks for a reload. Other failures (an
 * unparsable reply, a thrown JS error) stay per call. The module functions are fakes.
 *
 * The "stopped" state is global to the worker, so the abort test runs last.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, invoke, moduleStopped } from '../../wasm/core_call';

test('a reply is parsed; an error envelope keeps its code, message and field', () => {
  assert.deepEqual(invoke(() => '{"ok":true,"result":{"n":3}}'), { ok: true, result: { n: 3 } });
  assert.deepEqual(invoke(() => '{"ok":false,"code":"invalid_argument","message":"qty must be > 0","field":"qty"}'), {
    ok: false,
    error: { code: 'invalid_argument', message: 'qty must be > 0', field: 'qty' },
  });
});

test('an unparsable reply or a JS error fails that call only', () => {
  const bad = call(() => 'not json');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.error.code, 'internal');
  const thrown = invoke(() => {
    throw new TypeError('boom');
  });
  assert.deepEqual(thrown, { ok: false, error: { code: 'internal', message: 'boom' } });
  assert.equal(moduleStopped(), null);
  assert.deepEqual(invoke(() => '{"ok":true,"result":1}'), { ok: true, result: 1 });
});

test('after the module aborts, no call reaches it again and each says to reload', () => {
  const first = invoke(() => {
    throw new WebAssembly.RuntimeError('Aborted()');
  });
  assert.equal(first.ok, false);
  if (!first.ok) {
    assert.equal(first.error.code, 'internal');
    assert.match(first.error.message, /stopped after an internal error \(Aborted\(\)\).*reload the app/);
  }
  assert.equal(moduleStopped(), 'Aborted()');
  let reached = 0;
  const later = invoke(() => {
    reached += 1;
    return '{"ok":true,"result":1}';
  });
  assert.equal(reached, 0);
  assert.equal(later.ok, false);
  if (!later.ok) assert.match(later.error.message, /reload the app/);
});
