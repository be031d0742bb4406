import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.ts';

describe('progressBar', () => {
  it('prints a line per 10% step when stderr is not a terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const bar = progressBar('variants', stream as unknown as NodeJS.WriteStream);
    for (let done = 1; done <= 20; done++) bar.update(done, 20);
    bar.finish();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^\[#{30}\] 100% 20\/20 variants, [\d,]+\/s$/);
  });
});
