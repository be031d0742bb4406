import { randomBytes } from 'node:crypto';
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * Creates a private file (mode 600) unless it exists. Written to a temporary name and hard-linked into place, so a
 * reader never sees it half-written; when two processes race, the first link wins and both use its content.
 */
export function writeOnce(path: string, content: string | Buffer): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
}
