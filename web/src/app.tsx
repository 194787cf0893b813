/**
 * The application once this tab owns the database: header, core status, storage warnings,
 * then sign-in (until someone is signed in on this device) or the signed-in screens with the
 * sync status always visible.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../wasm/protocol';
import { CategoriesScreen } from './categories/categories_screen';
import type { CoreBridge } from './core/bridge';
import { CoreContext } from './core/core_context';
import { SignInScreen } from './session/sign_in_screen';
import { Header } from './shell/header';
import { requestPersistence, SettingsPanel } from './shell/settings_panel';
import { StatusLine } from './shell/status_line';
import { StorageBanner } from './shell/storage_banner';
import { SyncStatusBar } from './shell/sync_status';
import { UpdatePrompt } from './shell/update_prompt';

export function App({ core }: { core: CoreBridge }) {
  // undefined while the stored session is being read.
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    core.session().then(
      (stored) => live && setUser(stored),
      () => live && setUser(null),
    );
    void requestPersistence();
    return () => {
      live = false;
    };
  }, [core]);

  const signOut = () => {
    void core.signOut().finally(() => setUser(null));
  };

  const signedIn = user !== undefined && user !== null && !user.must_change_password;
  return (
    <CoreContext.Provider value={core}>
      <Header />
      <main id="main" class="app-main" tabIndex={-1} data-testid="app-main" data-user={signedIn ? user.username : ''}>
        <UpdatePrompt />
        <StatusLine />
        <StorageBanner />
        {signedIn && <SyncStatusBar />}
        {user !== undefined && !signedIn && <SignInScreen user={user} onSignedIn={setUser} />}
        {signedIn && (
          <>
            <CategoriesScreen />
            <SettingsPanel user={user} onSignOut={signOut} />
          </>
        )}
      </main>
    </CoreContext.Provider>
  );
}
