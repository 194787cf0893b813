/**
 * One owner tab per browser profile: a Web Lock says which tab holds the database (only one
 * can hold the OPFS access handles anyway). Other tabs do not start the core; they show that
 * Invento is open elsewhere, with "use here", which asks the owner (BroadcastChannel) to
 * close its database and release the lock, then waits for the lock.
 *
 * The owner closes between two calls of its worker (each mutation is one synchronous
 * transaction there), so a takeover never cuts a write in half. A hung owner that does not
 * answer is not forced: the lock is only granted when it is released.
 */
const kLockName = 'invento-database-owner';
const kChannelName = 'invento-owner';

type Message = { type: 'take-over' };

export interface Ownership {
  /** Called when another tab asks for the database: close it, then the lock is released. */
  onTakeOverRequested(handler: () => Promise<void>): void;
}

function locksAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && typeof BroadcastChannel !== 'undefined';
}

/** Holds the lock until the returned ownership is handed over; resolves once granted. */
function hold(options: LockOptions): Promise<Ownership | null> {
  return new Promise((resolve) => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((done) => {
      release = done;
    });
    void navigator.locks.request(kLockName, options, async (lock) => {
      if (lock === null) {
        resolve(null);
        return;
      }
      const channel = new BroadcastChannel(kChannelName);
      let handler: () => Promise<void> = async () => undefined;
      channel.onmessage = async (event: MessageEvent<Message>) => {
        if (event.data?.type !== 'take-over') return;
        channel.close();
        try {
          await handler();
        } finally {
          release();
        }
      };
      resolve({
        onTakeOverRequested(next) {
          handler = next;
        },
      });
      await released;
    });
  });
}

/** Takes the database if no other tab has it; null when another tab does. */
export async function claim(): Promise<Ownership | null> {
  if (!locksAvailable()) return { onTakeOverRequested: () => undefined };
  return hold({ ifAvailable: true });
}

/** Asks the owner tab to hand the database over, and waits until it has. */
export async function takeOver(): Promise<Ownership> {
  if (!locksAvailable()) return { onTakeOverRequested: () => undefined };
  const granted = hold({});
  const channel = new BroadcastChannel(kChannelName);
  channel.postMessage({ type: 'take-over' } satisfies Message);
  channel.close();
  const ownership = await granted;
  if (ownership === null) throw new Error('the database lock was not granted');
  return ownership;
}
