import { z } from 'zod';
import type { Condition, Filter } from '../store/vector-store.ts';

/** Structured filters on product search, given explicitly or extracted from the query text. */
export const productFiltersSchema = z.object({
  category: z.string().min(1).optional().describe('category name, e.g. "Audio" (case-insensitive)'),
  department: z.string().min(1).optional().describe('department, e.g. "Electronics" (case-insensitive)'),
  price_min: z.number().nonnegative().optional().describe('lowest unit price in USD'),
  price_max: z.number().nonnegative().optional().describe('highest unit price in USD'),
  in_stock: z.boolean().optional().describe('true: only variants that can be ordered now'),
  options: z
    .record(z.string(), z.array(z.string().min(1)).min(1))
    .optional()
    .describe('option name -> accepted values, e.g. { "color": ["blue"], "size": ["M", "L"] } (case-insensitive)'),
  option_values: z.array(z.string().min(1)).optional().describe('values every result must have under any option name, e.g. ["blue"]'),
});
export type ProductFilters = z.infer<typeof productFiltersSchema>;

export const optionTag = (name: string, value: string) => `${name.toLowerCase()}:${value.toLowerCase()}`;

/** Combines two filter sets; explicit arguments win over what the query text said. */
export function mergeFilters(fromText: ProductFilters, explicit: ProductFilters | undefined): ProductFilters {
  return { ...fromText, ...Object.fromEntries(Object.entries(explicit ?? {}).filter(([, v]) => v !== undefined)) };
}

/** The store filter for product filters (payload fields written by product-documents.ts). */
export function toStoreFilter(filters: ProductFilters): Filter | undefined {
  const must: Condition[] = [];
  if (filters.category) must.push({ key: 'category_key', match: filters.category.toLowerCase() });
  if (filters.department) must.push({ key: 'department_key', match: filters.department.toLowerCase() });
  if (filters.price_min !== undefined || filters.price_max !== undefined) must.push({ key: 'price', range: { gte: filters.price_min, lte: filters.price_max } });
  if (filters.in_stock !== undefined) must.push({ key: 'available', match: filters.in_stock });
  for (const [name, values] of Object.entries(filters.options ?? {})) must.push({ key: 'option_tags', any: values.map((v) => optionTag(name, v)) });
  for (const value of filters.option_values ?? []) must.push({ key: 'option_values', match: value.toLowerCase() });
  return must.length > 0 ? { must } : undefined;
}
