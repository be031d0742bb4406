import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../canonical-json.ts';
import { splitPolicySections } from './policy-sections.ts';

/** A rule's evidence, resolved against the store-policy documents: which version of the text the rule relied on. */
export interface ResolvedEvidence {
  kind: 'policy';
  doc: string;
  section: string;
  /** The document's declared `version:` (front matter), else undefined. */
  version: string | undefined;
  /** sha256 prefix of the document's text: pins the exact wording, even when the version label was not bumped. */
  hash: string | undefined;
  status: 'found' | 'missing_document' | 'missing_section';
}

/**
 * True when the document has the section `section`, by the same ids the knowledge index gives its chunks
 * (policy-sections.ts): a `## ` heading's slug, or `overview` for the text before the first one.
 */
export function hasSection(markdown: string, section: string): boolean {
  return splitPolicySections(markdown).some((s) => s.id === section);
}

export function resolveEvidence(docsDir: string, refs: readonly { doc: string; section: string }[]): ResolvedEvidence[] {
  return refs.map(({ doc, section }) => {
    const path = join(docsDir, `${doc}.md`);
    if (!existsSync(path)) return { kind: 'policy', doc, section, version: undefined, hash: undefined, status: 'missing_document' };
    const text = readFileSync(path, 'utf8');
    const hash = `sha256:${sha256Hex(text).slice(0, 12)}`;
    const version = /^---\n[\s\S]*?^version:\s*"?([^"\n]+)"?\s*$[\s\S]*?^---/m.exec(text)?.[1]?.trim();
    return { kind: 'policy', doc, section, version, hash, status: hasSection(text, section) ? 'found' : 'missing_section' };
  });
}
