import type { ToolDefinition } from '@agentic-commerce/kit';
import type { z } from 'zod';
import type { OmsBackend } from '../store/oms-backend.ts';

/**
 * For the two τ-bench tools whose names are single verbs (`calculate`, `think`): the contract keeps the
 * benchmark's names, which the kit's `verb_noun` check would reject, so these are declared without it.
 */
export function benchmarkTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(definition: ToolDefinition<I, O, OmsBackend>): ToolDefinition<I, O, OmsBackend> {
  if (!/^[a-z]+$/.test(definition.name)) throw new Error(`benchmark tool name "${definition.name}" must be one lower-case word`);
  return definition;
}
