import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { FilesCell } from './FilesCell';
import { fileDownloadPath, filesOfField, fileStatusText, type ResponseFile } from './responseFiles';

const SUBMISSION = '7d1c3f52-58a4-4b0e-9a55-2f1c6f0b9e11';

function file(overrides: Partial<ResponseFile>): ResponseFile {
  return {
    id: 'f0000000-0000-4000-8000-000000000001',
    field: 'photo',
    fileName: 'dent.jpg',
    size: 150_000,
    status: 'stored',
    error: null,
    ...overrides,
  };
}

function render(files: ResponseFile[], canFetch = true): string {
  return renderToStaticMarkup(
    createElement(FilesCell, {
      submissionId: SUBMISSION,
      files,
      onFetched: () => Promise.resolve(),
      canFetch,
    }),
  );
}

describe('the files of a media answer', () => {
  it('says what became of each file', () => {
    expect(fileStatusText(file({ status: 'pending' }))).toBe('Downloading from WhatsApp…');
    expect(fileStatusText(file({}))).toBe('Ready, 146 KB, not fetched yet');
    expect(fileStatusText(file({ status: 'fetched' }))).toBe('Fetched, then deleted here');
    expect(
      fileStatusText(
        file({ status: 'failed', error: 'the download does not match encrypted_hash' }),
      ),
    ).toBe('Failed: the download does not match encrypted_hash');
  });

  it('links a stored file to the route the delivery names, with the warning before the link', () => {
    const stored = file({});

    const html = render([stored, file({ id: 'f2', fileName: 'gone.pdf', status: 'fetched' })]);

    const href = fileDownloadPath(SUBMISSION, stored.id);
    expect(href).toBe(`/api/submissions/${SUBMISSION}/files/${stored.id}`);
    expect(html).toContain(`href="${href}"`);
    expect(html.indexOf('downloading it here deletes it')).toBeGreaterThan(-1);
    expect(html.indexOf('downloading it here deletes it')).toBeLessThan(html.indexOf('href='));
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('gone.pdf');
  });

  it('offers no download, and no warning, for files pending, fetched or failed', () => {
    const html = render([
      file({ id: 'a', status: 'pending' }),
      file({ id: 'b', status: 'fetched' }),
      file({ id: 'c', status: 'failed', error: 'HTTP 404' }),
    ]);

    expect(html).not.toContain('<a ');
    expect(html).not.toContain('deletes it');
    expect(html).toContain('Failed: HTTP 404');
  });

  it('shows a viewer the state of a stored file but no download, which would delete it', () => {
    const html = render([file({})], false);

    expect(html).toContain('Ready, 146 KB, not fetched yet');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('deletes it');
  });

  it('keeps the files of each field in their column', () => {
    const files = [file({ id: 'a' }), file({ id: 'b', field: 'invoice' }), file({ id: 'c' })];

    expect(filesOfField(files, 'photo').map((each) => each.id)).toEqual(['a', 'c']);
    expect(filesOfField(files, 'name')).toEqual([]);
  });
});
