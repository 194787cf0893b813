/**
 * The application once this tab owns the database: header, core status, storage warnings,
 * then sign-in (until someone is signed in on this device) or the signed-in screens with the
 * sync status always visible.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from './core/protocol';
import { AlertsScreen } from './alerts/alerts_screen';
import { CategoriesScreen } from './categories/categories_screen';
import type { CoreBridge } from './core/bridge';
import { CoreContext } from './core/core_context';
import { CountArea } from './count/count_area';
import { SignInScreen } from './session/sign_in_screen';
import { GettingStarted } from './start/getting_started';
import { Header } from './shell/header';
import { LazyScreen } from './shell/lazy_screen';
import { type Area, areasFor, kSettingsArea, Nav } from './shell/nav';
import { type Permissions, PermissionsContext, useLoadedPermissions } from './shell/permissions';
import { useRoute } from './shell/route';
import { requestPersistence, SettingsPanel } from './shell/settings_panel';
import { StatusLine } from './shell/status_line';
import { StorageBanner } from './shell/storage_banner';
import { SyncStatusBar } from './shell/sync_status';
import { UpdatePrompt } from './shell/update_prompt';
import { StockArea } from './stock/stock_area';
import { WorkArea } from './work/work_area';

// The office screens, each a chunk of its own loaded when first opened (shell/lazy_screen.tsx).
type PathProps = { path: string[] };
const loadPeople = () => import('./people/people_area').then((m) => m.PeopleArea);
const loadPlaces = () => import('./places/places_area').then((m) => m.PlacesArea);
const loadAssets = () => import('./assets/assets_area').then((m) => m.AssetsArea);
const loadProjects = () => import('./projects/projects_area').then((m) => m.ProjectsArea);
const loadPrint = () => import('./print/print_area').then((m) => m.PrintArea);
const loadUsers = () => import('./users/users_screen').then((m) => m.UsersScreen);
const loadOrders = () => import('./orders/orders_area').then((m) => m.OrdersArea);
const loadDashboard = () => import('./dashboard/dashboard_area').then((m) => m.DashboardArea);
const loadPlanning = () => import('./planning/planning_area').then((m) => m.PlanningArea);
const loadAudit = () => import('./audit/audit_screen').then((m) => m.AuditScreen);
/** Printable documents: reached from links, not offered in the navigation. */
const kPrintArea: Area = { id: 'print', label: 'nav.print', needs: null };

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
  const permissions = useLoadedPermissions(core, signedIn ? `${user.id}:${user.role}` : null);
  const route = useRoute();
  return (
    <CoreContext.Provider value={core}>
      <Header />
      <main id="main" class="app-main" tabIndex={-1} data-testid="app-main" data-user={signedIn ? user.username : ''}>
        <UpdatePrompt />
        <StorageBanner />
        {user !== undefined && !signedIn && <SignInScreen user={user} onSignedIn={setUser} />}
        {signedIn && permissions !== null && (
          <PermissionsContext.Provider value={permissions}>
            <Screen route={route} permissions={permissions} user={user} onSignOut={signOut} />
          </PermissionsContext.Provider>
        )}
        <StatusLine />
      </main>
    </CoreContext.Provider>
  );
}

/** The navigation and the screen the address names (the role's first area by default). */
function Screen({
  route,
  permissions,
  user,
  onSignOut,
}: {
  route: string[];
  permissions: Permissions;
  user: SessionUser;
  onSignOut: () => void;
}) {
  const areas = areasFor(permissions.can);
  // "#/clients/..." is the clients tab of Projects; "#/print/..." the printable documents.
  const [first, ...rest] = route[0] === 'clients' ? ['projects', 'clients', ...route.slice(1)] : route;
  // Settings is always offered, so `areas` is never empty.
  const area = first === 'print' ? kPrintArea : (areas.find((candidate) => candidate.id === first) ?? areas[0] ?? kSettingsArea);
  return (
    <>
      {/* Stays at the top while the screen scrolls: the sync state is always in view. */}
      <div class="app-top">
        <SyncStatusBar />
        <Nav current={area.id} />
      </div>
      <div class="app-screen" data-testid={`screen-${area.id}`}>
        {area.id === areas[0]?.id && <GettingStarted />}
        {area.id === 'dashboard' && <LazyScreen load={loadDashboard} props={{}} />}
        {area.id === 'work' && <WorkArea path={area.id === first ? rest : []} />}
        {area.id === 'orders' && <LazyScreen<PathProps> load={loadOrders} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'planning' && <LazyScreen<PathProps> load={loadPlanning} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'stock' && <StockArea path={area.id === first ? rest : []} />}
        {area.id === 'alerts' && <AlertsScreen />}
        {area.id === 'count' && <CountArea path={area.id === first ? rest : []} />}
        {area.id === 'categories' && <CategoriesScreen path={area.id === first ? rest : []} />}
        {area.id === 'projects' && <LazyScreen<PathProps> load={loadProjects} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'print' && <LazyScreen<PathProps> load={loadPrint} props={{ path: rest }} />}
        {area.id === 'people' && <LazyScreen<PathProps> load={loadPeople} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'locations' && <LazyScreen<PathProps> load={loadPlaces} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'assets' && <LazyScreen<PathProps> load={loadAssets} props={{ path: area.id === first ? rest : [] }} />}
        {area.id === 'users' && <LazyScreen load={loadUsers} props={{}} />}
        {area.id === 'audit' && <LazyScreen load={loadAudit} props={{}} />}
        {area.id === 'settings' && <SettingsPanel user={user} onSignOut={onSignOut} />}
      </div>
    </>
  );
}
