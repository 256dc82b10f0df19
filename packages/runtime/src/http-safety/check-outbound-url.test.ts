import { describe, expect, it } from 'vitest';

import { checkOutboundUrl, checkResolvedAddress, hostScope } from './check-outbound-url';

const refusedUrls: [string, string][] = [
  ['not a url', 'INVALID_URL'],
  ['ftp://files.example.com/a', 'SCHEME_NOT_ALLOWED'],
  ['file:///etc/passwd', 'SCHEME_NOT_ALLOWED'],
  ['gopher://example.com/', 'SCHEME_NOT_ALLOWED'],
  ['javascript:alert(1)', 'SCHEME_NOT_ALLOWED'],
  ['https://user:secret@api.example.com/', 'CREDENTIALS_IN_URL'],
  ['https://user@api.example.com/', 'CREDENTIALS_IN_URL'],
  ['http://localhost/', 'BLOCKED_HOSTNAME'],
  ['http://LOCALHOST./', 'BLOCKED_HOSTNAME'],
  ['http://api.localhost/', 'BLOCKED_HOSTNAME'],
  ['http://printer.local/', 'BLOCKED_HOSTNAME'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'BLOCKED_HOSTNAME'],
  ['http://router.home.arpa/', 'BLOCKED_HOSTNAME'],
  ['http://intranet/', 'BLOCKED_HOSTNAME'],
  ['http://127.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://127.8.9.10:8080/', 'BLOCKED_ADDRESS'],
  ['http://127.0.0.1./', 'BLOCKED_ADDRESS'],
  ['http://2130706433/', 'BLOCKED_ADDRESS'],
  ['http://017700000001/', 'BLOCKED_ADDRESS'],
  ['http://0x7f000001/', 'BLOCKED_ADDRESS'],
  ['http://0x7f.1/', 'BLOCKED_ADDRESS'],
  ['http://0177.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://127.1/', 'BLOCKED_ADDRESS'],
  ['http://%31%32%37.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://0.0.0.0/', 'BLOCKED_ADDRESS'],
  ['http://0/', 'BLOCKED_ADDRESS'],
  ['http://10.1.2.3/', 'BLOCKED_ADDRESS'],
  ['http://172.16.0.1/', 'BLOCKED_ADDRESS'],
  ['http://172.31.255.255/', 'BLOCKED_ADDRESS'],
  ['http://192.168.1.1/', 'BLOCKED_ADDRESS'],
  ['http://100.64.0.1/', 'BLOCKED_ADDRESS'],
  ['http://100.127.255.254/', 'BLOCKED_ADDRESS'],
  ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
  ['http://2852039166/', 'BLOCKED_ADDRESS'],
  ['http://224.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://239.255.255.250/', 'BLOCKED_ADDRESS'],
  ['http://255.255.255.255/', 'BLOCKED_ADDRESS'],
  ['http://[::1]/', 'BLOCKED_ADDRESS'],
  ['http://[0:0:0:0:0:0:0:1]/', 'BLOCKED_ADDRESS'],
  ['http://[::]/', 'BLOCKED_ADDRESS'],
  ['http://[fc00::1]/', 'BLOCKED_ADDRESS'],
  ['http://[fd12:3456::1]/', 'BLOCKED_ADDRESS'],
  ['http://[fe80::1]/', 'BLOCKED_ADDRESS'],
  ['http://[febf::1]/', 'BLOCKED_ADDRESS'],
  ['http://[ff02::1]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:127.0.0.1]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:7f00:1]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:169.254.169.254]/', 'BLOCKED_ADDRESS'],
  ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:10.0.0.1]/', 'BLOCKED_ADDRESS'],
  ['http://[::127.0.0.1]/', 'BLOCKED_ADDRESS'],
  ['http://[64:ff9b::169.254.169.254]/', 'BLOCKED_ADDRESS'],
  ['http://[2002:a9fe:a9fe::1]/', 'BLOCKED_ADDRESS'],
  ['http://[2001:db8::1]/', 'BLOCKED_ADDRESS'],
];

const acceptedUrls = [
  'https://api.example.com/v1/slots?date=2026-03-15',
  'http://93.184.216.34/',
  'https://8.8.8.8:8443/x',
  'https://[2606:4700:4700::1111]/dns-query',
  'https://[::ffff:8.8.8.8]/',
  'https://172.32.0.1/',
  'https://100.128.0.1/',
  'https://169.253.255.255/',
  'https://localhost.example.com/',
];

describe('checkOutboundUrl', () => {
  it.each(refusedUrls)('refuses %s (%s)', (url, code) => {
    const result = checkOutboundUrl(url);
    expect(result).toMatchObject({ ok: false, code });
  });

  it.each(acceptedUrls)('accepts %s', (url) => {
    expect(checkOutboundUrl(url)).toMatchObject({ ok: true });
  });

  it('names the reason for metadata addresses', () => {
    expect(checkOutboundUrl('http://169.254.169.254/')).toMatchObject({
      message: expect.stringContaining('cloud metadata') as unknown,
    });
    expect(checkOutboundUrl('http://[::ffff:127.0.0.1]/')).toMatchObject({
      message: 'Refused loopback address inside an IPv6 address',
    });
  });

  it('lets the operator allow specific private hosts', () => {
    const allowedHosts = ['billing.internal', '10.0.0.5', '::1', 'INTRANET'];
    expect(checkOutboundUrl('http://billing.internal/api', { allowedHosts })).toMatchObject({
      ok: true,
    });
    expect(checkOutboundUrl('http://10.0.0.5/', { allowedHosts })).toMatchObject({ ok: true });
    expect(checkOutboundUrl('http://[::1]:8080/', { allowedHosts })).toMatchObject({ ok: true });
    expect(checkOutboundUrl('http://intranet./', { allowedHosts })).toMatchObject({ ok: true });
    expect(checkOutboundUrl('http://10.0.0.6/', { allowedHosts })).toMatchObject({ ok: false });
    expect(checkOutboundUrl('http://other.internal/', { allowedHosts })).toMatchObject({
      ok: false,
    });
  });

  it('still refuses bad schemes and credentials for allowed hosts', () => {
    const allowedHosts = ['billing.internal'];
    expect(checkOutboundUrl('ftp://billing.internal/', { allowedHosts })).toMatchObject({
      code: 'SCHEME_NOT_ALLOWED',
    });
    expect(checkOutboundUrl('http://a:b@billing.internal/', { allowedHosts })).toMatchObject({
      code: 'CREDENTIALS_IN_URL',
    });
  });
});

describe('checkResolvedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.7',
    '172.20.1.1',
    '192.168.0.10',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '::1',
    '::',
    'fd00:ec2::254',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '[::1]',
    '2130706433',
    '0x7f.0.0.1',
  ])('refuses %s', (address) => {
    expect(checkResolvedAddress(address)).toMatchObject({ ok: false, code: 'BLOCKED_ADDRESS' });
  });

  it.each(['93.184.216.34', '2606:4700:4700::1111', '8.8.4.4'])('accepts %s', (address) => {
    expect(checkResolvedAddress(address)).toEqual({ ok: true });
  });

  it('refuses text that is not an address', () => {
    expect(checkResolvedAddress('example.com')).toMatchObject({
      ok: false,
      code: 'INVALID_ADDRESS',
    });
    expect(checkResolvedAddress('1.2.3.4.5')).toMatchObject({ ok: false });
  });

  it('refuses a public name that resolves to a private address unless that name is allowed', () => {
    expect(checkResolvedAddress('10.0.0.9', { hostname: 'api.example.com' })).toMatchObject({
      ok: false,
    });
    expect(
      checkResolvedAddress('10.0.0.9', {
        hostname: 'api.example.com',
        allowedHosts: ['api.example.com'],
      }),
    ).toEqual({
      ok: true,
    });
    expect(checkResolvedAddress('10.0.0.9', { allowedHosts: ['10.0.0.9'] })).toEqual({ ok: true });
  });
});

describe('hostScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['localhost', 'loopback'],
    ['api.localhost.', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['2852039166', 'link-local'],
    ['0251.0376.0251.0376', 'link-local'],
    ['0xa9fea9fe', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['[::ffff:169.254.169.254]', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['fd00:ec2::254', 'metadata'],
    ['[fd00:ec2:0::254]', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['metadata.google.internal', 'metadata'],
    ['METADATA.GOOG.', 'metadata'],
    ['10.0.0.8', 'internal'],
    ['100.64.0.1', 'internal'],
    ['fd12::1', 'internal'],
    ['billing.internal', 'internal'],
    ['intranet', 'internal'],
    ['graph.facebook.com', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
  ])('places %s in %s', (host, scope) => {
    expect(hostScope(host)).toMatchObject({ scope });
  });

  it('says why, and whether the host was an address', () => {
    expect(hostScope('169.254.169.254')).toEqual({
      scope: 'link-local',
      reason: 'link-local address (includes cloud metadata)',
      address: true,
    });
    expect(hostScope('metadata.google.internal')).toMatchObject({ address: false });
  });
});
