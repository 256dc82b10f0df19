import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type ChangeEvent } from 'react';

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
  const inputRef = useRef<HTMLInputElement>(null);
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

  return (
    <div className="import-flow">
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Flow JSON file to import"
        tabIndex={-1}
        onChange={onChange}
      />
      <button
        type="button"
        className="button"
        disabled={importFlow.isPending}
        onClick={() => inputRef.current?.click()}
      >
        {importFlow.isPending ? 'Importing…' : 'Import Flow JSON'}
      </button>
    </div>
  );
}
