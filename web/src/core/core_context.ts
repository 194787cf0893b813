/** Makes the page's single CoreBridge available to components. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CoreBridge } from './bridge';

export const CoreContext = createContext<CoreBridge | null>(null);

export function useCore(): CoreBridge {
  const core = useContext(CoreContext);
  if (core === null) throw new Error('useCore() outside <CoreContext.Provider>');
  return core;
}
