import { toolFor } from '@agentic-commerce/kit';
import type { CourierBackend } from '../store/courier-backend.ts';

/** Binds the courier backend type once for every tool definition. */
export const tool = toolFor<CourierBackend>();
