import { describe, expect, it } from 'vitest';
import { maskedDatabaseUrl } from './cli-database.ts';

describe('maskedDatabaseUrl', () => {
  it('shows no part of the password, also one holding "@" or ":"', () => {
    expect(maskedDatabaseUrl('postgres://app:s3cret@db.internal:5432/shop')).toBe('postgres://app:***@db.internal:5432/shop');
    for (const url of ['postgres://app:p@ss:w0rd@db.internal/shop', 'postgres://app:p%40ss%3Aw0rd@db.internal/shop']) {
      const shown = maskedDatabaseUrl(url);
      expect(shown).toBe('postgres://app:***@db.internal/shop');
      expect(shown).not.toMatch(/ss|w0rd/);
    }
    expect(maskedDatabaseUrl('postgres://db.internal/shop?user=app&password=hunter2')).toBe('postgres://db.internal/shop?user=app&password=***');
    expect(maskedDatabaseUrl('postgres://app@127.0.0.1/test')).toBe('postgres://app@127.0.0.1/test');
  });

  it('shows nothing of a DATABASE_URL that does not parse', () => {
    for (const url of ['app:s3cret@db.internal/shop', 'postgres://app:s3cret@[db/shop', 's3cret']) {
      expect(maskedDatabaseUrl(url)).toBe('(DATABASE_URL, not shown: it does not parse as a URL with a host)');
    }
  });
});
