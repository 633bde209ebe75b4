/** Where things are, wherever the benchmark is started from. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
export const RENDERER_ASSETS = path.join(PROJECT_ROOT, 'out', 'renderer', 'assets');
