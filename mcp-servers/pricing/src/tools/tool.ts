import { toolFor } from '@agentic-commerce/kit';
import type { PricingBackend } from '../store/pricing-backend.ts';

/** The tool builder of this server: every tool here gets a `PricingBackend` in its context. */
export const tool = toolFor<PricingBackend>();
