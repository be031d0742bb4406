/** A one-line progress bar on stderr (redrawn in place on a terminal; in a log, a line per 1% and at least every 30 s). */
export function progressLine(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  let lastPercent = -1;
  let lastPrinted = 0;
  const started = performance.now();
  return {
    update(done: number, note = '') {
      const ratio = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(ratio * width);
      const elapsed = (performance.now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${elapsed.toFixed(1)}s eta ${eta.toFixed(0)}s ${done > 0 ? `${(done / elapsed).toFixed(2)}/s ` : ''}${note}`;
      if (stream.isTTY) {
        stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1).padEnd(Math.min(stream.columns ?? 120, 120) - 1)}`);
        if (done === total) stream.write('\n');
      } else {
        const percent = Math.floor(ratio * 100);
        if (percent !== lastPercent || performance.now() - lastPrinted > 30_000) {
          lastPercent = percent;
          lastPrinted = performance.now();
          stream.write(`${line}\n`);
        }
      }
    },
  };
}
