/**
 * PROJECTS: client projects and the clients they are for. `path` is the address after
 * "#/projects/" (shell/route.ts): [] the projects, [id] one project, ["clients"] the clients,
 * ["client", id] or ["clients", id] one client ("#/clients/..." is sent here by app.tsx). Every control is
 * offered only when the role may run its mutator (usePermissions).
 */
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { ClientDetailScreen } from './client_detail';
import { ClientsScreen } from './clients_screen';
import { ProjectDetailScreen } from './project_detail';
import { ProjectsScreen } from './projects_screen';
import './projects.css';

export function ProjectsArea({ path }: { path: string[] }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [first, id] = path;
  const onClients = first === 'clients' || first === 'client';
  const tabs = [
    { id: 'projects', label: t('projects.tab.projects'), link: href('projects'), shown: can('project.list') },
    { id: 'clients', label: t('projects.tab.clients'), link: href('projects', 'clients'), shown: can('client.list') },
  ].filter((tab) => tab.shown);
  return (
    <div class="projects">
      <nav aria-label={t('projects.tabs')}>
        <ul class="subnav">
          {tabs.map((tab) => (
            <li key={tab.id}>
              <a href={tab.link} aria-current={(tab.id === 'clients') === onClients ? 'page' : undefined} data-testid={`projects-tab-${tab.id}`}>
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {(first === 'client' || first === 'clients') && id !== undefined ? (
        <ClientDetailScreen key={id} id={id} />
      ) : first === 'clients' ? (
        <ClientsScreen />
      ) : first !== undefined ? (
        <ProjectDetailScreen key={first} id={first} />
      ) : (
        <ProjectsScreen />
      )}
    </div>
  );
}
