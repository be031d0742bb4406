import type { Database, Queryable } from '@agentic-commerce/kit';
import { describe, expect, it } from 'vitest';
import { transactionScope } from './transaction-scope.ts';

describe('transaction scope', () => {
  it('runs a nested transaction in the outer one, without the power to commit it', async () => {
    const ran: string[] = [];
    const tx: Queryable = {
      query: async <T>(sql: string) => (ran.push(`tx: ${sql}`), [] as T[]),
      exec: async (sql) => void ran.push(`tx: ${sql}`),
      queryAndCommit: async <T>(sql: string) => (ran.push(`tx commit: ${sql}`), [] as T[]),
    };
    const db: Database = {
      kind: 'postgres',
      query: async <T>(sql: string) => (ran.push(`db: ${sql}`), [] as T[]),
      exec: async (sql) => void ran.push(`db: ${sql}`),
      transaction: (fn) => fn(tx),
      close: async () => {},
    };
    const scope = transactionScope(db);
    await scope.db.transaction(async (outer) => {
      expect(outer.queryAndCommit).toBeDefined();
      await scope.db.transaction(async (inner) => {
        expect(inner.queryAndCommit).toBeUndefined();
        await inner.query('SELECT 1');
        await scope.current().query('SELECT 2');
      });
      await outer.queryAndCommit!('SELECT 3');
    });
    await scope.db.query('SELECT 4');
    expect(ran).toEqual(['tx: SELECT 1', 'tx: SELECT 2', 'tx commit: SELECT 3', 'db: SELECT 4']);
  });
});
