import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/**
 * A small History API router. The editor has a few flat views (the flows list, one flow's
 * canvas, its responses) and no nested layouts or data loaders, so a router library would
 * bring more surface than it saves.
 */
export type Route =
  | { view: 'flows' }
  | { view: 'flow'; flowId: string }
  | { view: 'responses'; flowId: string }
  | { view: 'privacy' }
  | { view: 'pull' }
  | { view: 'members' }
  | { view: 'connections' }
  | { view: 'not-found' };

const navigationEvent = 'sflow:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigationEvent, onChange);

  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigationEvent, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') {
    return { view: 'flows' };
  }
  if (pathname === PULL_PATH || pathname === `${PULL_PATH}/`) {
    return { view: 'pull' };
  }
  if (pathname === PRIVACY_PATH || pathname === `${PRIVACY_PATH}/`) {
    return { view: 'privacy' };
  }
  if (pathname === MEMBERS_PATH || pathname === `${MEMBERS_PATH}/`) {
    return { view: 'members' };
  }
  if (pathname === CONNECTIONS_PATH || pathname === `${CONNECTIONS_PATH}/`) {
    return { view: 'connections' };
  }
  const flowMatch = /^\/flows\/([^/]+)\/?$/.exec(pathname);
  if (flowMatch?.[1] !== undefined) {
    return { view: 'flow', flowId: decodeURIComponent(flowMatch[1]) };
  }

  const responsesMatch = /^\/flows\/([^/]+)\/responses\/?$/.exec(pathname);
  if (responsesMatch?.[1] !== undefined) {
    return { view: 'responses', flowId: decodeURIComponent(responsesMatch[1]) };
  }

  return { view: 'not-found' };
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPath);

  return matchRoute(pathname);
}

export function navigate(path: string): void {
  if (path === currentPath()) {
    return;
  }
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(navigationEvent));
}

/** Retention, customers' data requests and the audit log (`/privacy` is the public request page). */
export const PRIVACY_PATH = '/settings/privacy';

/** The Flows at Meta on a connection, to import. */
export const PULL_PATH = '/meta-flows';

/** Members of the workspace and its API tokens, for owners. */
export const MEMBERS_PATH = '/settings/members';

/** WhatsApp connections, their key pairs, and what to paste at Meta. */
export const CONNECTIONS_PATH = '/settings/connections';

export function flowPath(flowId: string): string {
  return `/flows/${encodeURIComponent(flowId)}`;
}

export function responsesPath(flowId: string): string {
  return `${flowPath(flowId)}/responses`;
}

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function Link(props: { to: string; className?: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainLeftClick(event)) {
      return;
    }
    event.preventDefault();
    navigate(props.to);
  };

  return (
    <a href={props.to} className={props.className} onClick={onClick}>
      {props.children}
    </a>
  );
}
