import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { downloadMetaMedia, MediaDownloadError } from './meta-media';

/** A Graph API stand-in on loopback that answers `GET /{media-id}` with a chosen URL. */
let answerUrl = '';
let requests: string[] = [];
const graph = http.createServer((request, response) => {
  requests.push(`${request.method} ${request.url} ${request.headers.authorization}`);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ url: answerUrl, mime_type: 'image/jpeg' }));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v23.0`;
});

afterAll(() => new Promise((resolve) => graph.close(resolve)));

async function refusal(url: string): Promise<MediaDownloadError> {
  answerUrl = url;
  requests = [];
  const error: unknown = await downloadMetaMedia('123', {
    graphApiUrl: base,
    accessToken: 'EAA-token',
    allowedHosts: [],
  }).catch((caught: unknown) => caught);
  if (!(error instanceof MediaDownloadError)) {
    throw new Error('the download was not refused');
  }

  return error;
}

describe('the Cloud API media download', () => {
  it('asks the Graph API base with the token, and trusts its host', async () => {
    const error = await refusal('not a url');

    expect(requests).toEqual(['GET /v23.0/123 Bearer EAA-token']);
    expect(error.message).toMatch(/no media URL/);
  });

  it('refuses a media URL on another private host: the token is not sent there', async () => {
    const error = await refusal('http://127.0.0.2:9/file');

    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/127\.0\.0\.2/);
    expect(requests).toHaveLength(1);
  });

  it('refuses a plain-http media URL off the Graph API base', async () => {
    const error = await refusal('http://media.example.test/file');

    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/not https/);
  });

  it('refuses a Graph API host that now resolves to a metadata address, sending nothing', async () => {
    requests = [];
    const port = new URL(base).port;
    const error: unknown = await downloadMetaMedia('123', {
      graphApiUrl: `http://graph.rebound.test:${port}/v23.0`,
      accessToken: 'EAA-token',
      allowedHosts: ['graph.rebound.test'],
      // Loopback first: a missing check would reach the stand-in above, not the metadata address.
      resolve: () =>
        Promise.resolve([
          { address: '127.0.0.1', family: 4 },
          { address: 'fd00:ec2::254', family: 6 },
        ]),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MediaDownloadError);
    expect(error).toMatchObject({
      transient: false,
      message: `graph.rebound.test:${port}: graph.rebound.test resolves to a cloud metadata address, where the Graph API is never called`,
    });
    expect(requests).toEqual([]);
  });

  it('reaches a loopback Graph API base only when the server allows it', async () => {
    requests = [];
    const error: unknown = await downloadMetaMedia('123', {
      graphApiUrl: base,
      accessToken: 'EAA-token',
      allowedHosts: [],
      allowLoopback: false,
    }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ message: expect.stringMatching(/loopback address/) as unknown });
    expect(requests).toEqual([]);
  });
});
