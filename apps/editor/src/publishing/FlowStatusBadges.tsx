import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../api/trpc';
import { StatusBadge } from './StatusBadge';

/** The Flow's status on each connection, for the flows list (one query for the whole list). */
export function FlowStatusBadges({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const badges = useQuery(trpc.publishing.badges.queryOptions());
  const mine = badges.data?.filter((badge) => badge.flowId === flowId) ?? [];

  return (
    <span className="flow-status-badges">
      {mine.map((badge) => (
        <StatusBadge
          key={badge.connectionName}
          status={badge.status}
          connection={badge.connectionName}
        />
      ))}
    </span>
  );
}
