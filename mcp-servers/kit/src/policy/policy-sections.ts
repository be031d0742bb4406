/**
 * The one definition of a policy document's section ids, shared by the action layer (evidence resolution) and the
 * knowledge index (chunk ids `<doc>#<section>`): every `## ` heading is a section whose id is the slug of the heading,
 * and the text before the first one (less the `# ` title) is the section `overview`.
 */
export const OVERVIEW_SECTION = 'overview';

export interface PolicySection {
  /** Stable id within the document, e.g. "return-window". */
  id: string;
  heading: string;
  /** The section's markdown, as written (untrimmed lines joined). */
  body: string;
}

/**
 * Slug of a heading: accents folded, lower case, apostrophes dropped ("Don't" → "dont"), dots inside abbreviations
 * dropped ("P.O." → "po", "2.5" stays "2-5"), every other run of non-alphanumerics (spaces, "&", dashes including
 * en and em dashes) one hyphen, none at the ends.
 */
export function sectionSlug(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/(?<![0-9])\.|\.(?![0-9])/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The sections of a policy document (front matter, if present, is skipped), in order. */
export function splitPolicySections(markdown: string): PolicySection[] {
  const text = markdown.replace(/\r\n/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  const parts = text.split(/^## +/m);
  const sections: PolicySection[] = [];
  const intro = (parts[0] ?? '').replace(/^# .*$/m, '').trim();
  if (intro) sections.push({ id: OVERVIEW_SECTION, heading: 'Overview', body: intro });
  for (const part of parts.slice(1)) {
    const [first = '', ...body] = part.split('\n');
    const heading = first.trim();
    sections.push({ id: sectionSlug(heading), heading, body: body.join('\n') });
  }
  return sections;
}
