import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { useCanEdit } from '../../auth/workspaceRole';

type Switch = 'endpointTestMode' | 'endpointDebug';

const SWITCHES: { key: Switch; label: string; hint: string }[] = [
  {
    key: 'endpointTestMode',
    label: 'Test mode',
    hint: 'accepts flow tokens the product did not issue, such as the builder preview’s',
  },
  {
    key: 'endpointDebug',
    label: 'Debug',
    hint: 'keeps each decrypted request and reply in the call log; they hold customer answers',
  },
];

/**
 * The Flow's data-endpoint switches, stored on the Flow as soon as they are flipped; a viewer
 * sees them, unable to flip them.
 */
export function EndpointSwitches({ flowId }: { flowId: string }) {
  const canEdit = useCanEdit();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settingsKey = trpc.endpoint.settings.get.queryKey({ flowId });
  const settings = useQuery(trpc.endpoint.settings.get.queryOptions({ flowId }));
  // The box follows the click at once; a refused change puts back what the server holds.
  const update = useMutation(
    trpc.endpoint.settings.update.mutationOptions({
      onMutate: (changes) => {
        const { flowId: _flow, ...flipped } = changes;
        queryClient.setQueryData(settingsKey, (current) =>
          current === undefined ? current : { ...current, ...flipped },
        );
      },
      onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
      onError: () => void queryClient.invalidateQueries({ queryKey: settingsKey }),
    }),
  );

  return (
    <fieldset className="endpoint-switches" disabled={settings.data === undefined || !canEdit}>
      <legend className="visually-hidden">Data endpoint switches</legend>
      {SWITCHES.map((item) => (
        <label key={item.key} className="endpoint-switches__switch" title={item.hint}>
          <input
            type="checkbox"
            checked={settings.data?.[item.key] ?? false}
            onChange={(event) => update.mutate({ flowId, [item.key]: event.target.checked })}
          />
          {item.label}
        </label>
      ))}
      {(settings.isError || update.isError) && (
        <span className="field__error" role="alert">
          {errorMessage(settings.error ?? update.error)}
        </span>
      )}
    </fieldset>
  );
}
