#!/usr/bin/env node
// The `mamori` command: runs the TypeScript CLI through tsx (no build step for the server).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
