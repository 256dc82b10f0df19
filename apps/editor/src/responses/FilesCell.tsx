import { fileDownloadPath, fileStatusText, type ResponseFile } from './responseFiles';

/** How long after a download starts the table is read again to show the file as fetched. */
const REFRESH_AFTER_DOWNLOAD_MS = 1500;

interface FilesCellProps {
  submissionId: string;
  files: readonly ResponseFile[];
  onFetched: () => Promise<void>;
  /** Whether the member may take a file (editors and owners: fetching deletes it). */
  canFetch: boolean;
}

/**
 * The files of one media answer with their state. A stored file is handed over once, to
 * whoever fetches it first: the business's server (from the delivery payload) or a member here.
 * The warning sits before the link, so nobody learns it by losing the file.
 */
export function FilesCell({ submissionId, files, onFetched, canFetch }: FilesCellProps) {
  const downloadable = canFetch && files.some((file) => file.status === 'stored');

  return (
    <div className="files-cell">
      {downloadable && (
        <p className="muted" id={`files-note-${submissionId}`}>
          A file can be fetched once: downloading it here deletes it, and your business&apos;s
          server can no longer fetch it.
        </p>
      )}
      <ul>
        {files.map((file) => (
          <li key={file.id} data-testid={`file-${file.id}`}>
            <span className="files-cell__name">{file.fileName ?? 'Unnamed file'}</span>{' '}
            <span className={file.status === 'failed' ? 'field__error' : 'muted'}>
              {fileStatusText(file)}
            </span>
            {canFetch && file.status === 'stored' && (
              <>
                {' '}
                <a
                  href={fileDownloadPath(submissionId, file.id)}
                  download={file.fileName ?? true}
                  aria-describedby={`files-note-${submissionId}`}
                  onClick={() => {
                    // The server deletes the file once the download is sent; read the table
                    // again shortly after, to show it fetched.
                    window.setTimeout(() => void onFetched(), REFRESH_AFTER_DOWNLOAD_MS);
                  }}
                >
                  Download and delete
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
