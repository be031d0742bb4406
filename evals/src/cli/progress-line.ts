/** A one-line progress bar on stderr (redrawn in place on a terminal, printed every 10% otherwise). */
export function progressLine(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  const started = performance.now();
  return {
    update(done: number, note = '') {
      const ratio = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(ratio * width);
      const elapsed = (performance.now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${elapsed.toFixed(1)}s eta ${eta.toFixed(0)}s ${note}`;
      if (stream.isTTY) {
        stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1).padEnd(Math.min(stream.columns ?? 120, 120) - 1)}`);
        if (done === total) stream.write('\n');
      } else {
        const decile = Math.floor(ratio * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${line}\n`);
        }
      }
    },
  };
}
