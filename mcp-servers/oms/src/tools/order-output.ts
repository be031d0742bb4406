import { orderSchema } from '../domain/records.ts';

/** Output of the tools that answer with an order record (τ-bench returns the order after the change). */
export const orderOutput = orderSchema.shape;
