import { useNodeProblemCount } from './problemMarks';
import './problems.css';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The mark a screen card carries while its screen has problems. */
export function ProblemMark({ nodeId }: { nodeId: string }) {
  const { errors, warnings } = useNodeProblemCount(nodeId);
  if (errors === 0 && warnings === 0) {
    return null;
  }
  const label = [
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
  ]
    .filter((part) => part !== '')
    .join(', ');

  return (
    <span
      className={`problem-mark problem-mark--${errors > 0 ? 'error' : 'warning'}`}
      data-testid={`problem-mark-${nodeId}`}
      title={label}
    >
      {label}
    </span>
  );
}
