import { CommerceError } from '@agentic-commerce/kit';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ConversationNotFound } from '../service/support-service.ts';
import { permanentFailure } from './turn-failures.ts';

describe('which turn job failures are retried', () => {
  it('fails at once, keeping the reason, when the job names what does not exist or is refused as submitted', () => {
    for (const error of [
      new ConversationNotFound('conversation c1 is not waiting for approval a1'),
      new CommerceError('FAILED_PRECONDITION', 'conversation c1 is waiting for an operator'),
      new CommerceError('INVALID_ARGUMENT', 'arguments: quantity must be positive'),
      new CommerceError('FORBIDDEN', 'the operator lacks approvals:resolve'),
    ]) {
      const failure = permanentFailure(error);
      expect(failure).toBeInstanceOf(UnrecoverableError);
      expect((failure as Error).message).toContain(error.message);
    }
  });

  it('leaves transient failures to BullMQ retries (model endpoint or database down, a crash)', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new CommerceError('UNAVAILABLE', 'oms is down'),
      new CommerceError('INTERNAL', 'a bug'),
    ]) {
      expect(permanentFailure(error)).toBe(error);
    }
  });
});
