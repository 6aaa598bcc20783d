import { describe, expect, it } from 'vitest';
import { ClientAddresses } from '../../src/http/client-address.ts';
import { capKeyOf } from '../../src/http/limits.ts';
import { ExpectedHosts } from '../../src/http/hosts.ts';

const request = (peer: string, forwardedFor?: string) => ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as never;

describe('the client address (TRUSTED_PROXIES)', () => {
  const addresses = new ClientAddresses(['10.0.0.0/8', 'fd00::/8', '192.0.2.1']);

  it('takes the right-most address no trusted proxy added, IPv4 and IPv6', () => {
    expect(addresses.of(request('10.1.2.3', '198.51.100.7'))).toBe('198.51.100.7');
    expect(addresses.of(request('::ffff:10.1.2.3', '203.0.113.5, 198.51.100.7, 10.9.9.9'))).toBe('198.51.100.7');
    expect(addresses.of(request('fd00::1', '2001:db8::42, fd00::2'))).toBe('2001:db8::42');
    expect(addresses.of(request('192.0.2.1', '[2001:db8::43]:5555'))).toBe('2001:db8::43');
    expect(addresses.of(request('10.1.2.3', '198.51.100.8:4711'))).toBe('198.51.100.8');
  });

  it('believes no X-Forwarded-For from a peer it does not trust, and stops at garbage', () => {
    expect(addresses.of(request('198.51.100.9', '10.0.0.1'))).toBe('198.51.100.9');
    expect(addresses.of(request('10.1.2.3', 'not-an-address'))).toBe('10.1.2.3');
    expect(addresses.of(request('10.1.2.3', '198.51.100.7, nonsense, 10.2.2.2'))).toBe('10.2.2.2');
    expect(addresses.of(request('10.1.2.3'))).toBe('10.1.2.3');
    expect(new ClientAddresses([]).of(request('10.1.2.3', '198.51.100.7'))).toBe('10.1.2.3');
  });
});

describe('the expected hosts', () => {
  it('serves every Host with sign-in and no PUBLIC_HOSTS, and only known ones without sign-in', () => {
    const auth = { issuer: 'i', audience: ['a'], jwksUrl: undefined, secret: 's'.repeat(32), clockSkewSeconds: 0, jwksCooldownMs: 0, allowUserApiKeys: false, maxTokenAgeSeconds: 60 };
    expect(new ExpectedHosts({ publicHosts: [], corsOrigins: [], auth }).allows('evil.test')).toBe(true);
    const local = new ExpectedHosts({ publicHosts: [], corsOrigins: [], auth: undefined });
    expect(local.allows('evil.test:4000')).toBe(false);
    expect(local.allows('localhost:4000')).toBe(true);
    expect(local.allows('10.20.30.40:4000')).toBe(true);
    expect(local.allows('[fd00::1]')).toBe(true);
    expect(local.allows('localhost.evil.test')).toBe(false);
    expect(local.allows('')).toBe(false);
  });
});

describe('what one client is for a cap (capKeyOf)', () => {
  it('is an IPv4 address as it is, and an IPv4-mapped one in either notation as that address', () => {
    expect(capKeyOf('198.51.100.7')).toBe('198.51.100.7');
    expect(capKeyOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(capKeyOf('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(capKeyOf('0:0:0:0:0:ffff:c633:6407')).toBe('198.51.100.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(capKeyOf('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(capKeyOf('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(capKeyOf('2001:db8:1:3::5')).toBe('2001:db8:1:3::/64');
    expect(capKeyOf('1::2:3:4:5:6.7.8.9')).toBe('1:0:2:3::/64');
    expect(capKeyOf('fe80::1%eth0')).toBe(capKeyOf('fe80::2%eth1'));
    expect(capKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});
