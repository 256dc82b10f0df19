import { FLOW_CATEGORIES } from '@sanjay-flow/whatsapp';
import { z } from 'zod';

export const PublishInputSchema = z.object({
  flowId: z.uuid({ error: 'not a flow id' }),
  connectionIds: z
    .array(z.uuid({ error: 'not a connection id' }))
    .min(1, { error: 'pick at least one connection' })
    .max(20),
  /** Kept from the last publish when absent; `OTHER` for a first publish. */
  categories: z.array(z.enum(FLOW_CATEGORIES)).min(1).optional(),
  /** On when the Flow calls its endpoint; may be turned on for a Flow that does not. */
  endpoint: z.boolean().optional(),
  /** Where Meta calls the data endpoint: `https://<your host>/endpoint/<flow id>`. */
  endpointUri: z
    .url({ error: 'the endpoint URI must be a URL' })
    .refine(isEndpointAddress, {
      error: 'the endpoint URI must start with https:// (plain http only to this machine)',
    })
    .optional(),
  /** Checks and reports what would be done, calling nothing at Meta that changes anything. */
  dryRun: z.boolean().default(false),
});
export type PublishInput = z.input<typeof PublishInputSchema>;
export type ParsedPublishInput = z.output<typeof PublishInputSchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Meta calls only https endpoints; plain http is let through to a loopback address, where the
 * local Meta stand-in calls a server on the same machine.
 */
function isEndpointAddress(uri: string): boolean {
  if (!URL.canParse(uri)) {
    return true; // reported as not a URL
  }
  const url = new URL(uri);

  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  );
}
