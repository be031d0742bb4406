/**
 * A command's own arguments: `process.argv` after the node binary and the script, without the `--` that
 * `pnpm <script> -- --flag` forwards in front of them (pnpm ≥ 10 passes it through; `parseArgs` would then read every
 * flag as a positional and refuse it).
 */
export function commandArgs(argv: readonly string[] = process.argv): string[] {
  const args = argv.slice(2);
  return args[0] === '--' ? args.slice(1) : args;
}
