/**
 * What the signed-in user's role may run, read from the core's permission table
 * (query "auth.allowed"), so screens offer only the actions that would be accepted. The
 * core checks every call again (and the server again after it): this only hides buttons.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { CoreBridge } from '../core/bridge';

export interface Permissions {
  role: string;
  userId: string;
  can(name: string): boolean;
}

export const PermissionsContext = createContext<Permissions | null>(null);

export function usePermissions(): Permissions {
  const permissions = useContext(PermissionsContext);
  if (permissions === null) throw new Error('usePermissions() outside <PermissionsContext.Provider>');
  return permissions;
}

/** Loads the permissions once signed in (null until known). `key` changes on a new sign-in. */
export function useLoadedPermissions(core: CoreBridge, key: string | null): Permissions | null {
  const [permissions, setPermissions] = useState<Permissions | null>(null);
  useEffect(() => {
    setPermissions(null);
    if (key === null) return;
    let live = true;
    core.query('auth.allowed', {}).then(
      ({ role, user_id, names }) => {
        if (!live) return;
        const allowed = new Set(names);
        setPermissions({ role, userId: user_id, can: (name) => allowed.has(name) });
      },
      () => live && setPermissions({ role: '', userId: '', can: () => false }),
    );
    return () => {
      live = false;
    };
  }, [core, key]);
  return permissions;
}
