import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { codeForUpstreamError, createMaskError } from '../../src/errors.ts';
import { UpstreamError } from '../../src/upstream/errors.ts';

describe('the error table', () => {
  it.each([
    [400, 'BAD_USER_INPUT'], [401, 'UNAUTHENTICATED'], [403, 'FORBIDDEN'], [404, 'NOT_FOUND'], [409, 'CONFLICT'],
    [422, 'BAD_USER_INPUT'], [429, 'RATE_LIMITED'], [418, 'UPSTREAM_ERROR'], [200, 'UPSTREAM_ERROR'], [500, 'UPSTREAM_UNAVAILABLE'], [503, 'UPSTREAM_UNAVAILABLE'],
  ])('maps upstream status %i to %s', (status, code) => {
    expect(codeForUpstreamError({ kind: 'http', status })).toBe(code);
  });

  it('maps timeouts and network failures to UPSTREAM_UNAVAILABLE', () => {
    expect(codeForUpstreamError({ kind: 'timeout', status: undefined })).toBe('UPSTREAM_UNAVAILABLE');
    expect(codeForUpstreamError({ kind: 'network', status: undefined })).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('maskError', () => {
  const unexpected: unknown[] = [];
  const mask = createMaskError((error) => unexpected.push(error));

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR and reports the real one', () => {
    const real = new TypeError('secret internals at src/x.ts:12');
    const masked = mask(new GraphQLError(real.message, { originalError: real, path: ['tasks'] }), 'Unexpected error.') as GraphQLError;
    expect(masked.message).toBe('Unexpected error.');
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(masked.path).toEqual(['tasks']);
    expect(unexpected).toContain(real);
  });

  it('maps an upstream failure with its status and Retry-After, and passes coded errors through', () => {
    const upstream = new UpstreamError({ kind: 'http', operation: 'getTask', status: 429, retryAfterSeconds: 7, title: 'Rate limit exceeded' });
    const mapped = mask(new GraphQLError(upstream.message, { originalError: upstream }), 'x') as GraphQLError;
    expect(mapped.extensions).toEqual({ code: 'RATE_LIMITED', upstreamStatus: 429, retryAfterSeconds: 7 });
    const coded = new GraphQLError('nope', { extensions: { code: 'NOT_FOUND' } });
    expect(mask(coded, 'x')).toBe(coded);
  });
});
