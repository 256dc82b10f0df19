/** The problems of field `id`, announced as they change; inputs name it in aria-describedby. */
export function FieldProblems({ id, problems }: { id: string; problems: readonly string[] }) {
  return (
    <div id={`${id}-problems`} aria-live="polite">
      {problems.map((problem) => (
        <p key={problem} className="field__error inspector__problem">
          {problem}
        </p>
      ))}
    </div>
  );
}
