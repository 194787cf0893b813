/** Makes the page's single CoreBridge available to components. */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { CoreBridge } from './bridge';

export const CoreContext = createContext<CoreBridge | null>(null);

export function useCore(): CoreBridge {
  const core = useContext(CoreContext);
  if (core === null) throw new Error('useCore() outside <CoreContext.Provider>');
  return core;
}

/** A number that changes each time a sync wrote rows from the server (to re-read data). */
export function useReceived(): number {
  const core = useCore();
  const [received, setReceived] = useState(0);
  useEffect(() => {
    const stop = core.watchSync((status) => setReceived(status.received));
    return () => {
      stop();
    };
  }, [core]);
  return received;
}
