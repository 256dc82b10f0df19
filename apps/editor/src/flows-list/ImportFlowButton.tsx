import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from 'react';

import { errorMessage, importProblems, isPayloadTooLarge } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { flowPath, navigate } from '../app/router';
import type { ImportFailure } from './ImportFailureNotice';
import { checkImportFile } from './importFile';

function describeFailure(fileName: string, error: unknown): ImportFailure {
  if (isPayloadTooLarge(error)) {
    return { fileName, message: 'The file is too large; the limit is 10 MB.', problems: [] };
  }

  return { fileName, message: errorMessage(error), problems: importProblems(error) };
}

interface ImportFlowButtonProps {
  onStart: () => void;
  onFailure: (failure: ImportFailure) => void;
}

/** Uploads a Flow JSON file and opens the new flow; a refused file changes nothing stored. */
export function ImportFlowButton({ onStart, onFailure }: ImportFlowButtonProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const importFlow = useMutation(trpc.flows.import.mutationOptions());

  const importFile = async (file: File) => {
    const check = checkImportFile(file);
    if (!check.ok) {
      onFailure({ fileName: file.name, message: check.message, problems: [] });

      return;
    }
    try {
      const { id } = await importFlow.mutateAsync({ fileName: file.name, text: await file.text() });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(flowPath(id));
    } catch (error) {
      onFailure(describeFailure(file.name, error));
    }
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Reset so that choosing the same file again, once fixed, fires `change` once more.
    event.target.value = '';
    onStart();
    if (file !== undefined) {
      void importFile(file);
    }
  };

  // The visible label is the file input's own label, so keyboard and screen-reader users meet
  // one control ("Import Flow JSON") rather than a button that clicks a hidden input.
  return (
    <div className="import-flow">
      <label className={`button${importFlow.isPending ? ' button--busy' : ''}`}>
        <input
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          disabled={importFlow.isPending}
          onChange={onChange}
        />
        {importFlow.isPending ? 'Importing…' : 'Import Flow JSON'}
      </label>
    </div>
  );
}
