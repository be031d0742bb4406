/** A one-line progress bar on stderr ("[#####-----]  50% 300/600 variants, 1,234/s"); plain lines when not a TTY. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; finish(): void } {
  const started = performance.now();
  let lastPrinted = -1;
  const width = 30;
  return {
    update(done, total) {
      const ratio = total === 0 ? 1 : done / total;
      const percent = Math.floor(ratio * 100);
      const rate = Math.round(done / Math.max((performance.now() - started) / 1000, 1e-3));
      const filled = Math.round(ratio * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total} ${label}, ${rate.toLocaleString('en-US')}/s`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (percent >= lastPrinted + 10 || done === total) {
        stream.write(`${line}\n`);
        lastPrinted = percent;
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
