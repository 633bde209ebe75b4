import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** The parts of electron-builder's configuration these tests read. */
export interface BuilderConfig {
  appId?: string;
  productName?: string;
  artifactName?: string;
  asar?: boolean;
  files?: unknown;
  icon?: string;
  directories?: { output?: string; buildResources?: string };
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown; category?: string; icon?: string };
  mac?: { target?: unknown; hardenedRuntime?: boolean };
  win?: { target?: unknown };
  nsis?: Record<string, unknown>;
  [key: string]: unknown;
}

// electron-builder's own loader and validator (app-builder-lib is the library behind its CLI).
const configModule = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};

export function builderConfig(file: string): Promise<BuilderConfig> {
  return configModule.getConfig(PROJECT_ROOT, path.join(PROJECT_ROOT, file), null);
}

export function validateBuilderConfig(config: BuilderConfig): Promise<void> {
  return configModule.validateConfiguration(config, { isEnabled: false, add: () => undefined });
}

/** The file patterns of `files`, as strings (electron-builder also allows objects; we use strings only). */
export function filePatterns(config: BuilderConfig): string[] {
  const files = config.files;
  if (!Array.isArray(files)) throw new Error('electron-builder.yml: `files` should be a list of patterns');
  return files.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [entry];
    const filter = (entry as { filter?: unknown }).filter;
    return Array.isArray(filter) ? filter.map(String) : [];
  });
}
