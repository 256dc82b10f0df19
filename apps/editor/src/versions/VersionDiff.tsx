import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { RouterOutputs } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { describeChange, formatValue } from './formatValue';

type VersionSummary = RouterOutputs['versions']['list']['versions'][number];
type DiffEntry = RouterOutputs['versions']['diff']['entries'][number];

export const DRAFT = 'draft';

function versionTitle(version: VersionSummary): string {
  return `Version ${version.number}: ${version.label ?? 'Sent snapshot'}`;
}

function Entry({ entry }: { entry: DiffEntry }) {
  return (
    <li className={`version-diff__entry version-diff__entry--${entry.change}`}>
      <span className="version-diff__what">{describeChange(entry)}</span>
      {entry.change === 'changed' && (
        <span className="version-diff__values">
          {formatValue(entry.before)} → {formatValue(entry.after)}
        </span>
      )}
      {entry.change === 'added' && entry.area !== 'screen' && entry.path.length > 1 && (
        <span className="version-diff__values">{formatValue(entry.after)}</span>
      )}
    </li>
  );
}

function Picker(props: {
  label: string;
  value: string;
  versions: readonly VersionSummary[];
  onChange: (value: string) => void;
}) {
  const id = useId();

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="input"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value={DRAFT}>Current draft</option>
        {props.versions.map((version) => (
          <option key={version.id} value={version.id}>
            {versionTitle(version)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Compares any two versions, or a version and the draft, change by change. */
export function VersionDiff({ flowId, versions }: { flowId: string; versions: VersionSummary[] }) {
  const trpc = useTRPC();
  const [from, setFrom] = useState(versions[0]?.id ?? DRAFT);
  const [to, setTo] = useState(DRAFT);
  const diff = useQuery(trpc.versions.diff.queryOptions({ flowId, from, to }));

  return (
    <section className="version-diff" aria-label="Compare versions">
      <h3 className="versions__heading">Compare</h3>
      <div className="version-diff__pickers">
        <Picker label="From" value={from} versions={versions} onChange={setFrom} />
        <Picker label="To" value={to} versions={versions} onChange={setTo} />
      </div>
      {diff.isError && (
        <ErrorNotice title="Could not compare">
          <p>{errorMessage(diff.error)}</p>
        </ErrorNotice>
      )}
      {diff.isSuccess &&
        (diff.data.entries.length === 0 ? (
          <p className="empty">No differences.</p>
        ) : (
          <ul className="version-diff__list" aria-label="Differences">
            {diff.data.entries.map((entry, index) => (
              // Entries have no identity of their own; the list is replaced as a whole.
              <Entry key={index} entry={entry} />
            ))}
          </ul>
        ))}
    </section>
  );
}

export { versionTitle };
export type { VersionSummary };
