import { toolFor } from '@agentic-commerce/kit';
import type { WmsBackend } from '../store/wms-backend.ts';

/** Binds the WMS backend type once for every tool definition. */
export const tool = toolFor<WmsBackend>();
