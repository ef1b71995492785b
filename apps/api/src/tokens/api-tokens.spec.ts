import { createHash } from 'node:crypto';
import {
  EXPIRY_RULE,
  hashTokenSecret,
  isWellFormedSecret,
  parseExpiry,
  scopesProblem,
  TOKEN_NAME_RULE,
  tokenNameProblem,
  tokenStatus,
  type TokenRecord,
} from './api-tokens';

const NOW = new Date('2026-11-25T10:00:00.000Z');

describe('parseExpiry', () => {
  it.each([
    ['30m', '2026-11-25T10:30:00.000Z'],
    ['12h', '2026-11-25T22:00:00.000Z'],
    ['90d', '2027-02-23T10:00:00.000Z'],
    ['3660d', '2036-12-02T10:00:00.000Z'],
    ['2027-01-31T00:00:00Z', '2027-01-31T00:00:00.000Z'],
    ['2027-01-31t01:00:00.5+01:00', '2027-01-31T00:00:00.500Z'],
    ['2027-01-31 00:00:00z', '2027-01-31T00:00:00.000Z'],
    ['2028-02-29T23:59:59-23:59', '2028-03-01T23:58:59.000Z'],
  ])('%s is %s', (text, expected) => {
    expect(parseExpiry(text, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['', EXPIRY_RULE],
    ['90', EXPIRY_RULE],
    ['1y', EXPIRY_RULE],
    ['-1d', EXPIRY_RULE],
    ['1.5h', EXPIRY_RULE],
    ['2027-01-31', EXPIRY_RULE],
    ['2027-01-31T00:00:00', EXPIRY_RULE],
    ['2027-02-30T00:00:00Z', EXPIRY_RULE],
    ['2027-13-01T00:00:00Z', EXPIRY_RULE],
    ['2027-01-31T24:00:00Z', EXPIRY_RULE],
    ['2027-01-31T00:00:60Z', EXPIRY_RULE],
    ['2027-01-31T00:00:00+24:00', EXPIRY_RULE],
    ['0m', 'must be a duration between 1m and 3660d'],
    ['3661d', 'must be a duration between 1m and 3660d'],
    ['2026-11-25T10:00:00Z', 'must be in the future (2026-11-25T10:00:00.000Z is not)'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseExpiry(text, NOW)).toThrow(message);
  });
});

describe('token names and scopes', () => {
  it.each(['ci', 'a', 'ci-deploy-2', '0', 'x'.repeat(63)])('accepts the name %j', (name) => {
    expect(tokenNameProblem(name)).toBeNull();
  });

  it.each([
    '',
    'CI',
    '-ci',
    'ci-',
    'ci.deploy',
    'ci_deploy',
    'x'.repeat(64),
    '3f0c9a52-1b2c-4d3e-8f90-a1b2c3d4e5f6',
  ])('refuses the name %j', (name) => {
    expect(tokenNameProblem(name)).toBe(TOKEN_NAME_RULE);
  });

  it.each([
    [['read'], null],
    [['admin', 'read', 'analyze'], null],
    [[], 'must hold at least one of read, analyze, admin'],
    [['read', 'Read'], 'unknown scope "Read": must be one of read, analyze, admin'],
    [['analyze', 'analyze'], 'must name each scope once'],
  ])('scopes %j: %j', (scopes, problem) => {
    expect(scopesProblem(scopes)).toBe(problem);
  });
});

describe('secrets and status', () => {
  it('hashes a secret as sha256 hex, and knows a secret by its form', () => {
    const secret = `podfit_${'A'.repeat(42)}w`;
    expect(hashTokenSecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(
      [secret, `podfit_${'A'.repeat(42)}`, `podfit_${'A'.repeat(42)}=`, `other_${'A'.repeat(43)}`].map(
        isWellFormedSecret,
      ),
    ).toEqual([true, false, false, false]);
  });

  it('tells active, expired (at its expiry) and revoked tokens apart', () => {
    const token: TokenRecord = {
      id: 'id',
      name: 'ci',
      prefix: 'podfit_AAAAA',
      scopes: ['read'],
      createdAt: new Date('2026-01-01T00:00:00Z'),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    };
    expect(tokenStatus(token, NOW)).toBe('active');
    expect(tokenStatus({ ...token, expiresAt: new Date(NOW.getTime() + 1) }, NOW)).toBe('active');
    expect(tokenStatus({ ...token, expiresAt: NOW }, NOW)).toBe('expired');
    expect(tokenStatus({ ...token, expiresAt: NOW, revokedAt: NOW }, NOW)).toBe('revoked');
  });
});
