import { z } from 'zod';
import { CommerceError } from '../errors.ts';
import type { ApprovalRequest } from './approval.ts';

/** Added by the action layer to every write call; never part of a call's arguments. */
const ACTION_FIELDS = ['idempotency_key', 'approval_id'];
/** The arguments by which a tool names the customer it acts for (the reference servers use both). */
const CUSTOMER_FIELDS = ['customer_id', 'user_id'];

/**
 * The input schema of each write tool, by system and tool (registerTools registers them): what the arguments an
 * operator edits into an approval must fit, so that the approved call can run.
 */
export function toolInputs() {
  // A server registers its tools once per HTTP session: keep the shape, build the strict schema once, when first needed.
  const inputs = new Map<string, { shape: z.ZodRawShape; schema?: z.ZodObject }>();
  return {
    register(system: string, tool: string, input: z.ZodRawShape): void {
      const key = `${system}.${tool}`;
      if (inputs.get(key)?.shape !== input) inputs.set(key, { shape: input });
    },
    get(system: string, tool: string): z.ZodObject | undefined {
      const entry = inputs.get(`${system}.${tool}`);
      if (entry) entry.schema ??= z.strictObject(entry.shape);
      return entry?.schema;
    },
  };
}
export type ToolInputs = ReturnType<typeof toolInputs>;

const invalid = (message: string, details?: Record<string, unknown>) => new CommerceError('INVALID_ARGUMENT', message, { details });

/**
 * An operator's edited arguments, parsed with the tool's input schema exactly as the server parses the retried call
 * (defaults filled in), so the stored hash is the one the retry computes. Unknown keys, the action layer's own fields,
 * wrong types and another customer (in `customer_id` or `user_id`) are refused with every problem listed; so is any
 * edit when the tool's schema is not known in this process (it could never be checked).
 */
export function parseEditedArguments(schema: z.ZodObject | undefined, approval: ApprovalRequest, edited: unknown): Record<string, unknown> {
  const { id, system, tool } = approval;
  if (edited === null || typeof edited !== 'object' || Array.isArray(edited)) {
    throw invalid(`edited arguments for approval ${id} must be an object of ${tool}'s arguments`);
  }
  if (!schema) {
    throw new CommerceError('FAILED_PRECONDITION', `approval ${id} cannot be approved with edited arguments here: the input schema of ${system}.${tool} is not registered in this process, so the edit cannot be checked; approve it unedited, or edit it through the runtime that serves ${system}`);
  }
  const reserved = ACTION_FIELDS.filter((f) => f in edited);
  if (reserved.length > 0) {
    throw invalid(`edited arguments for approval ${id} may not contain ${reserved.join(', ')}: the agent sends those with the retried call, they are not arguments of ${tool}`);
  }
  const parsed = schema.safeParse(edited);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
    throw invalid(`edited arguments for approval ${id} do not fit ${tool}'s input, so the call could never run: ${issues.join('; ')}`, { issues });
  }
  const args = parsed.data as Record<string, unknown>;
  if (approval.customerId !== undefined) {
    const moved = CUSTOMER_FIELDS.filter((f) => typeof args[f] === 'string' && args[f] !== approval.customerId);
    if (moved.length > 0) {
      const named = moved.map((f) => `${f} to ${String(args[f])}`).join(' and ');
      throw invalid(`edited arguments for approval ${id} set ${named}, but the request is for customer ${approval.customerId}: an approval cannot move an action to another customer`);
    }
  }
  return args;
}
