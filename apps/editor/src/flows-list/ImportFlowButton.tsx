import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';

import { errorMessage, importProblems, isPayloadTooLarge, type ImportProblem } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { flowPath, navigate } from '../app/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { checkImportFile } from './importFile';

interface ImportFailure {
  fileName: string;
  message: string;
  problems: ImportProblem[];
}

function describeFailure(fileName: string, error: unknown): ImportFailure {
  if (isPayloadTooLarge(error)) {
    return { fileName, message: 'The file is too large; the limit is 10 MB.', problems: [] };
  }

  return { fileName, message: errorMessage(error), problems: importProblems(error) };
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  return (
    <ul className="problem-list">
      {problems.map((problem, index) => (
        <li key={`${problem.pointer}-${index}`}>
          <code>{problem.pointer === '' ? '(document)' : problem.pointer}</code>
          {problem.line !== undefined && (
            <span className="problem-list__where">
              {' '}
              line {problem.line}
              {problem.column !== undefined && `, column ${problem.column}`}
            </span>
          )}
          : {problem.message}
        </li>
      ))}
    </ul>
  );
}

export function ImportFlowButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const importFlow = useMutation(trpc.flows.import.mutationOptions());

  const importFile = async (file: File) => {
    const check = checkImportFile(file);
    if (!check.ok) {
      setFailure({ fileName: file.name, message: check.message, problems: [] });

      return;
    }
    try {
      const { id } = await importFlow.mutateAsync({ fileName: file.name, text: await file.text() });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(flowPath(id));
    } catch (error) {
      setFailure(describeFailure(file.name, error));
    }
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Reset so choosing the same file again after fixing it fires `change` once more.
    event.target.value = '';
    setFailure(null);
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
      {failure !== null && (
        <ErrorNotice
          title={`Could not import “${failure.fileName}”`}
          onDismiss={() => setFailure(null)}
        >
          <p>{failure.message}</p>
          {failure.problems.length > 0 && <ProblemList problems={failure.problems} />}
        </ErrorNotice>
      )}
    </div>
  );
}
