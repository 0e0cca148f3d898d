#!/usr/bin/env node
// The `masthead` command. The TypeScript is compiled to out/ by `npm run build`, which `npm install` runs.
import { existsSync } from 'node:fs';

const entry = new URL('../out/main/cli/masthead.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('masthead: the program is not built yet; run "npm run build" in the Masthead folder\n');
  process.exit(2);
}
const { runCli } = await import(entry.href);
const { terminalProgress } = await import(new URL('../out/main/cli/output.js', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // A line saying how far long work is, on a terminal only: never in a pipe's or a file's output.
  ...(process.stderr.isTTY && { progress: terminalProgress((text) => process.stderr.write(text)) }),
});
