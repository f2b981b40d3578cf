#!/usr/bin/env node
// Run a TypeScript entry point with the same loaders as the CLI: node bin/run-ts.mjs file.ts [args]
import { pathToFileURL } from 'node:url';
import './register.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bin/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
