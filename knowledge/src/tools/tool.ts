import { toolFor } from '@agentic-commerce/kit';
import type { KnowledgeBase } from '../knowledge-base.ts';

/** Binds the knowledge tools to their backend, the KnowledgeBase. */
export const tool = toolFor<KnowledgeBase>();
