import { z } from 'zod';

export const citationShape = z
  .object({
    id: z.string().describe('what the answer relies on: "variant:<item id>" or a policy chunk id such as "returns#return-window"'),
    version: z.string().describe('version of that content: a content hash for catalog entries, the document version for policies'),
  })
  .describe('cite this when answering from the result');

export const productHitShape = z.object({
  variant_id: z.string().describe('item (variant) id, e.g. "9612497925"; use it for orders and exchanges'),
  product_id: z.string().describe('product id, e.g. "9523456873"'),
  product_name: z.string().describe('product name'),
  category: z.string().describe('category, e.g. "Audio"'),
  options: z.record(z.string(), z.string()).describe('option name -> value of this variant'),
  price: z.number().describe('unit price in USD'),
  available: z.boolean().describe('whether it can be ordered now'),
  score: z.number().describe('relevance score (higher is better; 0 for listings without query words)'),
  citation: citationShape,
});

export const policyHitShape = z.object({
  chunk_id: z.string().describe('section id "<doc>#<section>", e.g. "refunds#refund-timing"'),
  doc: z.string().describe('policy document id, e.g. "refunds"'),
  section: z.string().describe('section id within the document, e.g. "refund-timing"'),
  title: z.string().describe('document title and section heading'),
  version: z.string().describe('document version in force'),
  effective: z.string().describe('date the version took effect (YYYY-MM-DD)'),
  text: z.string().describe('the section text: quote or paraphrase it, never add rules it does not state'),
  score: z.number().describe('relevance score (higher is better)'),
  citation: citationShape,
});
