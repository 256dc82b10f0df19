import type { ImportProblem } from '../api/errors';
import { ErrorNotice } from '../ui/ErrorNotice';

export interface ImportFailure {
  fileName: string;
  message: string;
  problems: ImportProblem[];
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  return (
    <ul className="problem-list">
      {problems.map((problem, index) => (
        <li key={`${problem.pointer}-${index}`}>
          <code>{problem.pointer === '' ? '(whole file)' : problem.pointer}</code>
          {problem.line !== undefined && (
            <span className="problem-list__where">
              {' '}
              (line {problem.line}
              {problem.column !== undefined && `, column ${problem.column}`})
            </span>
          )}
          : {problem.message}
        </li>
      ))}
    </ul>
  );
}

function problemCount(problems: ImportProblem[]): string {
  return problems.length === 1 ? '1 problem' : `${problems.length} problems`;
}

/** Why an import was refused: the server's problems one per line, or a single sentence. */
export function ImportFailureNotice(props: { failure: ImportFailure; onDismiss: () => void }) {
  const { fileName, message, problems } = props.failure;

  return (
    <ErrorNotice title={`Could not import “${fileName}”`} onDismiss={props.onDismiss}>
      {problems.length === 0 ? (
        <p>{message}</p>
      ) : (
        <>
          <p>Nothing was imported; the file has {problemCount(problems)}:</p>
          <ProblemList problems={problems} />
        </>
      )}
    </ErrorNotice>
  );
}
