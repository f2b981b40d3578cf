#!/usr/bin/env node
// The `limits-lab` command: runs the TypeScript CLI (bin/cli.ts) through tsx.
import './register.mjs';

const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
