#!/usr/bin/env node
// The `throughcare` command: runs the TypeScript command line through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
