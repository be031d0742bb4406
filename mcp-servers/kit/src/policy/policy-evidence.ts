import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../canonical-json.ts';

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

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9\s-]/g, '').trim().replace(/\s+/g, '-');
}

/** True when `section` is a heading slug, a `{#id}` attribute, an html `id="..."` or a `<!-- section: id -->` marker. */
export function hasSection(markdown: string, section: string): boolean {
  if (markdown.includes(`{#${section}}`) || markdown.includes(`id="${section}"`) || markdown.includes(`section: ${section}`)) return true;
  return markdown.split('\n').some((line) => /^#{1,6}\s/.test(line) && slug(line.replace(/^#+\s*/, '').replace(/\{#.*\}$/, '')) === section);
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
