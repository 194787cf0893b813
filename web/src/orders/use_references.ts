/**
 * The names the desk offers in its selects (employees, teams, assets, sites, projects,
 * skills), read once when a screen opens and again after a sync. Only what the role may read
 * is asked (usePermissions); a refused or failed list is simply empty.
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore, useReceived } from '../core/core_context';
import { usePermissions } from '../shell/permissions';

export interface Option {
  id: string;
  name: string;
  depth?: number;
}

export interface References {
  employees: Option[];
  teams: Option[];
  assets: Option[];
  locations: Option[];
  projects: Option[];
  skills: Option[];
}

const kEmpty: References = { employees: [], teams: [], assets: [], locations: [], projects: [], skills: [] };

type ListName = 'employee.list' | 'team.list' | 'asset.list' | 'location.list' | 'project.list' | 'skill.list';

export function useReferences(): References {
  const core = useCore();
  const received = useReceived();
  const { can } = usePermissions();
  const [references, setReferences] = useState<References>(kEmpty);
  useEffect(() => {
    let live = true;
    const list = async (name: ListName): Promise<Option[]> => {
      if (!can(name)) return [];
      try {
        const reply = (await core.query(name, {})) as { items: (Option & { code?: string })[] };
        return reply.items.map((each) => ({
          id: each.id,
          name: each.code ? `${each.code} — ${each.name}` : each.name,
          ...(each.depth !== undefined ? { depth: each.depth } : {}),
        }));
      } catch {
        return [];
      }
    };
    void Promise.all([
      list('employee.list'),
      list('team.list'),
      list('asset.list'),
      list('location.list'),
      list('project.list'),
      list('skill.list'),
    ]).then(([employees, teams, assets, locations, projects, skills]) => {
      if (live) setReferences({ employees, teams, assets, locations, projects, skills });
    });
    return () => {
      live = false;
    };
  }, [core, received]);
  return references;
}

/** The text of an option in a select: indented by its depth in a tree. */
export function optionText(option: Option): string {
  return '\u00a0'.repeat((option.depth ?? 0) * 2) + option.name;
}
