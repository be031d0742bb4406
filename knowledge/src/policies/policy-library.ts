import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalidArgument, notFound } from '@agentic-commerce/kit/errors';
import { sectionSlug, splitPolicySections } from '@agentic-commerce/kit/policy/policy-sections';

/** The store's policy documents shipped with this package (knowledge/policies/*.md). */
export const DEFAULT_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

const frontmatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id'),
  title: z.string().min(1),
  version: z.string().min(1),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
});

/** One section of a policy document: the unit that is indexed and cited. */
export interface PolicyChunk {
  /** Stable id "<doc>#<section>", e.g. "returns#return-window". */
  id: string;
  doc: string;
  section: string;
  heading: string;
  docTitle: string;
  version: string;
  effective: string;
  text: string;
}

export interface PolicyDocument {
  id: string;
  title: string;
  version: string;
  effective: string;
  chunks: PolicyChunk[];
}

/** Section id of a heading: the kit's shared slug, so the action layer resolves the same ids. */
export const slugify = sectionSlug;

/** Parses one markdown policy: YAML-style frontmatter (flat key: value), then one chunk per "## " section. */
export function parsePolicy(markdown: string, source: string): PolicyDocument {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown.replace(/\r\n/g, '\n'));
  if (!match) throw invalidArgument(`${source}: a policy starts with a frontmatter block between "---" lines (id, title, version, effective)`);
  const fields = Object.fromEntries(
    (match[1] as string).split('\n').flatMap((line) => {
      const kv = /^([a-z]+):\s*(.*)$/.exec(line.trim());
      return kv ? [[kv[1], (kv[2] as string).replace(/^["']|["']$/g, '')]] : [];
    }),
  );
  const parsed = frontmatterSchema.safeParse(fields);
  if (!parsed.success) {
    throw invalidArgument(`${source}: bad frontmatter: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const meta = parsed.data;
  const chunks: PolicyChunk[] = splitPolicySections(match[2] as string).map((section) => ({
    id: `${meta.id}#${section.id}`,
    doc: meta.id,
    section: section.id,
    heading: section.heading,
    docTitle: meta.title,
    version: meta.version,
    effective: meta.effective,
    text: section.body.replace(/\s+/g, ' ').trim(),
  }));
  const seen = new Set<string>();
  for (const chunk of chunks) {
    if (seen.has(chunk.id)) throw invalidArgument(`${source}: two sections share the id "${chunk.id}"; rename one heading`);
    seen.add(chunk.id);
  }
  return { id: meta.id, title: meta.title, version: meta.version, effective: meta.effective, chunks };
}

export interface PolicyCitation {
  chunkId: string;
  doc: string;
  section: string;
  version: string;
  title: string;
}

/** All policy documents, with lookups by chunk id and by `{ doc, section }`. */
export class PolicyLibrary {
  private readonly byId: Map<string, PolicyChunk>;

  constructor(readonly documents: PolicyDocument[]) {
    this.byId = new Map(documents.flatMap((d) => d.chunks).map((c) => [c.id, c]));
  }

  static async load(dir = DEFAULT_POLICY_DIR): Promise<PolicyLibrary> {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
    const documents = await Promise.all(files.map(async (f) => parsePolicy(await readFile(join(dir, f), 'utf8'), f)));
    return new PolicyLibrary(documents);
  }

  get chunks(): PolicyChunk[] {
    return [...this.byId.values()];
  }

  chunk(id: string): PolicyChunk | undefined {
    return this.byId.get(id);
  }

  /**
   * Resolves what a policy rule cites (`{ doc: "returns", section: "return-window" }`) to the chunk id and the
   * document version in force, for the ledger. Throws NOT_FOUND naming the sections that exist.
   */
  cite(ref: { doc: string; section: string }): PolicyCitation {
    const chunk = this.byId.get(`${ref.doc}#${ref.section}`);
    if (!chunk) {
      const document = this.documents.find((d) => d.id === ref.doc);
      if (!document) throw notFound(`no policy document "${ref.doc}"; documents: ${this.documents.map((d) => d.id).join(', ')}`);
      throw notFound(`policy "${ref.doc}" has no section "${ref.section}"; sections: ${document.chunks.map((c) => c.section).join(', ')}`);
    }
    return { chunkId: chunk.id, doc: chunk.doc, section: chunk.section, version: chunk.version, title: `${chunk.docTitle}: ${chunk.heading}` };
  }
}
