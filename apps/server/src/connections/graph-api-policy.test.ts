import { describe, expect, it } from 'vitest';

import {
  checkGraphApiAddress,
  checkGraphApiUrl,
  configuredGraphApiPolicy,
  type GraphApiPolicyOptions,
} from './graph-api-policy';

const PRODUCTION: GraphApiPolicyOptions = { allowedHosts: [], allowLoopback: false };
const STAND_IN: GraphApiPolicyOptions = { allowedHosts: [], allowLoopback: true };
// An operator who lists every kind of host: link-local and metadata stay refused anyway.
const LISTING: GraphApiPolicyOptions = {
  allowedHosts: [
    'graph.intranet.internal',
    '10.0.0.5',
    '169.254.169.254',
    'metadata.google.internal',
    'fd00:ec2::254',
    '127.0.0.1',
  ],
  allowLoopback: false,
};

const LINK_LOCAL_V4 = 'link-local address (includes cloud metadata)';

describe('the Graph API URL', () => {
  it.each([
    'https://graph.facebook.com/v23.0',
    'https://graph.facebook.com/v23.0/',
    'https://graph-proxy.example.com/v23.0',
    'https://[2606:4700:4700::1111]/v23.0',
  ])('may be %s in production', (url) => {
    expect(checkGraphApiUrl(url, PRODUCTION)).toMatchObject({ ok: true });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data', LINK_LOCAL_V4],
    ['http://2852039166/', LINK_LOCAL_V4],
    ['http://0251.0376.0251.0376/', LINK_LOCAL_V4],
    ['http://0xa9.0xfe.0xa9.0xfe/', LINK_LOCAL_V4],
    ['http://169.254.169.254.:80/', LINK_LOCAL_V4],
    ['http://[fe80::1]/', 'link-local address'],
    ['http://[::ffff:169.254.169.254]/', `${LINK_LOCAL_V4} inside an IPv6 address`],
    ['http://[::ffff:a9fe:a9fe]/', `${LINK_LOCAL_V4} inside an IPv6 address`],
    ['http://[64:ff9b::a9fe:a9fe]/', `${LINK_LOCAL_V4} inside an IPv6 address`],
    ['http://[fd00:ec2::254]/latest/meta-data', 'cloud metadata address'],
    ['http://100.100.100.200/latest/meta-data', 'cloud metadata address'],
    ['http://metadata.google.internal/computeMetadata/v1', 'cloud metadata host name'],
    ['http://metadata/computeMetadata/v1', 'cloud metadata host name'],
  ])('never points at %s, even listed or beside the stand-in', (url, reason) => {
    for (const options of [PRODUCTION, STAND_IN, LISTING]) {
      const checked = checkGraphApiUrl(url, options);

      expect(checked).toMatchObject({ ok: false });
      expect(checked.ok ? '' : checked.message).toBe(
        `the Graph API URL points at a ${reason}, where the Graph API is never called`,
      );
    }
  });

  it('reaches loopback only beside the local stand-in, or when its host is listed', () => {
    for (const url of [
      'http://127.0.0.1:3001/v23.0',
      'http://2130706433:3001/v23.0',
      'http://[::1]:3001/v23.0',
      'http://[::ffff:127.0.0.1]:3001/v23.0',
      'http://localhost:3001/v23.0',
    ]) {
      expect(checkGraphApiUrl(url, STAND_IN)).toMatchObject({ ok: true });
      const refused = checkGraphApiUrl(url, PRODUCTION);
      expect(refused).toMatchObject({ ok: false });
      expect(refused.ok ? '' : refused.message).toMatch(
        /points at a loopback (address|host name).*SFLOW_META_SIM=1.*SFLOW_HTTP_ALLOWED_HOSTS/,
      );
    }
    expect(checkGraphApiUrl('http://127.0.0.1:3001/v23.0', LISTING)).toMatchObject({ ok: true });
    expect(checkGraphApiUrl('http://127.0.0.2:3001/v23.0', LISTING)).toMatchObject({ ok: false });
  });

  it('hands the checked host over in its plain form', () => {
    expect(checkGraphApiUrl('http://[::1]:3001/v23.0', STAND_IN)).toMatchObject({
      hostname: '::1',
    });
    expect(checkGraphApiUrl('http://2130706433/v23.0', STAND_IN)).toMatchObject({
      hostname: '127.0.0.1',
    });
  });

  it('reaches other private hosts only when the operator lists them', () => {
    for (const url of ['http://10.0.0.5/v23.0', 'https://graph.intranet.internal/v23.0']) {
      expect(checkGraphApiUrl(url, LISTING)).toMatchObject({ ok: true });
      expect(checkGraphApiUrl(url, STAND_IN)).toMatchObject({ ok: false });
    }
    const refused = checkGraphApiUrl('http://192.168.1.20/v23.0', STAND_IN);
    expect(refused.ok ? '' : refused.message).toBe(
      'the Graph API URL points at a private address; ' +
        "Meta's is https://graph.facebook.com; for a private host, an operator can list its " +
        'host in SFLOW_HTTP_ALLOWED_HOSTS',
    );
  });

  it("sends the token to Meta's host over https only, and never in the URL", () => {
    expect(checkGraphApiUrl('http://graph.facebook.com/v23.0', PRODUCTION)).toMatchObject({
      ok: false,
      code: 'SCHEME_NOT_ALLOWED',
    });
    expect(checkGraphApiUrl('https://a:b@graph.facebook.com/v23.0', PRODUCTION)).toMatchObject({
      ok: false,
      code: 'CREDENTIALS_IN_URL',
    });
  });
});

describe('an address the Graph API host resolved to', () => {
  it.each([
    ['169.254.169.254', 'link-local address (includes cloud metadata)'],
    ['fe80::a9fe:1%eth0', 'link-local address'],
    [
      '::ffff:169.254.169.254',
      'link-local address (includes cloud metadata) inside an IPv6 address',
    ],
    ['fd00:ec2::254', 'cloud metadata address'],
  ])('is refused when it is %s, whatever the host', (address, reason) => {
    for (const options of [PRODUCTION, STAND_IN, LISTING]) {
      expect(checkGraphApiAddress(address, 'graph.intranet.internal', options)).toEqual({
        ok: false,
        code: 'BLOCKED_ADDRESS',
        message: `graph.intranet.internal resolves to a ${reason}, where the Graph API is never called`,
      });
    }
  });

  it('is loopback only beside the stand-in, private only for a listed host', () => {
    expect(checkGraphApiAddress('127.0.0.1', 'sim.example.com', STAND_IN)).toEqual({ ok: true });
    expect(checkGraphApiAddress('::1', 'sim.example.com', PRODUCTION)).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^sim\.example\.com resolves to a loopback address;/,
      ) as unknown,
    });
    expect(checkGraphApiAddress('10.1.2.3', 'graph.intranet.internal', LISTING)).toEqual({
      ok: true,
    });
    expect(checkGraphApiAddress('10.1.2.3', 'graph.example.com', LISTING)).toMatchObject({
      ok: false,
    });
    expect(checkGraphApiAddress('157.240.0.1', 'graph.facebook.com', PRODUCTION)).toEqual({
      ok: true,
    });
  });
});

describe('the configured policy', () => {
  it('allows loopback only with the local Meta stand-in', () => {
    const allowedHosts = ['10.0.0.5'];

    expect(
      configuredGraphApiPolicy({
        httpAllowedHosts: allowedHosts,
        metaSim: { enabled: false, port: 0 },
      }),
    ).toEqual({ allowedHosts, allowLoopback: false });
    expect(
      configuredGraphApiPolicy({ httpAllowedHosts: [], metaSim: { enabled: true, port: 3001 } }),
    ).toEqual({ allowedHosts: [], allowLoopback: true });
  });
});
