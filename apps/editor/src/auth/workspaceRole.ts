import { createContext, useContext } from 'react';

import type { WorkspaceChoice } from '../api/session';

export type WorkspaceRole = WorkspaceChoice['role'];

/**
 * The signed-in member's role in the current workspace, for pages that show viewers a
 * read-only view. The server checks the role on every change; this only hides what it would
 * refuse.
 */
export const WorkspaceRoleContext = createContext<WorkspaceRole>('viewer');

/** Whether the member may change the workspace's flows and connections (editor or owner). */
export function useCanEdit(): boolean {
  return useContext(WorkspaceRoleContext) !== 'viewer';
}

/** Whether the member owns the workspace (members, tokens, retention, customers' data requests). */
export function useIsOwner(): boolean {
  return useContext(WorkspaceRoleContext) === 'owner';
}
