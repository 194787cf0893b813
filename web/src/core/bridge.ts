/**
 * The UI's only door to the core: a typed request/reply bridge to the dedicated Worker
 * (wasm/worker.ts), carried by Comlink.
 *
 * - `ready` resolves with the core's state (versions, where the database lives, startup
 *   integrity check) once the module is loaded and the database is open; it rejects with a CoreError if the worker or the module fails.
 * - `mutate`/`query` calls made before that are queued behind `ready` and sent when the
 *   core is up; if starting failed they reject with the same error.
 * - A refusal by the core (`{ok:false}`) rejects with a `CoreError` carrying its code,
 *   message and field. The bridge never interprets arguments: the core decides.
 */
import * as Comlink from 'comlink';
import type { Actor, CoreReply, CoreState, CoreWorkerApi } from '../../../wasm/protocol';
import type { MutatorName, Mutators, QueryName, Queries } from './contract';
import { CoreError } from './core_error';

/** Until sign-in exists every call is made as the local administrator. */
const kLocalActor: Actor = { user_id: 'local', role: 'admin' };

export interface CoreBridge {
  readonly ready: Promise<CoreState>;
  mutate<N extends MutatorName>(name: N, args: Mutators[N]['args']): Promise<Mutators[N]['result']>;
  query<N extends QueryName>(name: N, args: Queries[N]['args']): Promise<Queries[N]['result']>;
}

function unwrap<T>(reply: CoreReply<unknown>): T {
  if (!reply.ok) throw new CoreError(reply.error);
  return reply.result as T;
}

/** Starts the worker and returns the bridge to it. Call once per page. */
export function createCoreBridge(actor: Actor = kLocalActor): CoreBridge {
  const worker = new Worker(new URL('../../../wasm/worker.ts', import.meta.url), {
    type: 'module',
    name: 'invento-core',
  });
  const remote = Comlink.wrap<CoreWorkerApi>(worker);

  // A worker that fails to load (missing script, syntax error, CSP refusal) only
  // reports through 'error' events; without this, `ready` would never settle.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      reject(new CoreError({ code: 'internal', message: `the core worker failed to start${detail}` }));
    });
  });

  const ready = Promise.race([remote.start().then((reply) => unwrap<CoreState>(reply)), crashed]);
  // Avoid an unhandled rejection when nobody awaits `ready` before a call fails.
  ready.catch(() => undefined);

  return {
    ready,
    async mutate(name, args) {
      await ready;
      return unwrap(await remote.mutate(name, args, actor));
    },
    async query(name, args) {
      await ready;
      return unwrap(await remote.query(name, args, actor));
    },
  };
}
