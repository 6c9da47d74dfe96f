// keep-dist recreates dist/.gitkeep after `vite build` empties dist/, so that
// go:embed of frontend/dist still compiles in a fresh clone without a build.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

writeFileSync(resolve(import.meta.dirname, '..', 'dist', '.gitkeep'), '');
