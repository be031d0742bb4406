import { toolFor } from '@agentic-commerce/kit';
import type { OmsBackend } from '../store/oms-backend.ts';

/** Binds the OMS backend type once: every OMS tool is `tool({...})`. */
export const tool = toolFor<OmsBackend>();
