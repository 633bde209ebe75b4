/**
 * electron-builder.yml, checked the way electron-builder itself would: loaded with its own config loader
 * (including `extends`) and validated against the schema it ships. Then the release fuses and targets.
 */
import { describe, expect, it } from 'vitest';
import { builderConfig, validateBuilderConfig } from './builder';

const RELEASE_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it.each(['electron-builder.yml', 'electron-builder.e2e.yml'])(
    '%s passes electron-builder’s own schema',
    async (file) => {
      await expect(validateBuilderConfig(await builderConfig(file))).resolves.toBeUndefined();
    },
  );

  it('the schema check can fail: an unknown option is refused', async () => {
    const config = { ...(await builderConfig('electron-builder.yml')), nodeIntegrationEverywhere: true };
    await expect(validateBuilderConfig(config)).rejects.toThrow(/nodeIntegrationEverywhere/);
  });

  it('names the app and its artifacts with version and architecture, packs an asar', async () => {
    const config = await builderConfig('electron-builder.yml');
    expect(config.appId).toBe('com.snowballcompanion.app');
    expect(config.productName).toBe('Snowball Companion');
    expect(config.artifactName).toContain('${version}');
    expect(config.artifactName).toContain('${arch}');
    expect(config.asar).toBe(true);
  });

  it('turns the hardening fuses on for release builds', async () => {
    expect((await builderConfig('electron-builder.yml')).electronFuses).toEqual(RELEASE_FUSES);
  });

  it('keeps only the inspect fuse on in the e2e variant, so Playwright can attach', async () => {
    const e2e = await builderConfig('electron-builder.e2e.yml');
    expect(e2e.electronFuses).toEqual({ ...RELEASE_FUSES, enableNodeCliInspectArguments: true });
    // Everything else comes from the release config.
    const release = await builderConfig('electron-builder.yml');
    expect(e2e.files).toEqual(release.files);
    expect(e2e.linux).toEqual(release.linux);
    expect(e2e.directories?.output).not.toBe(release.directories?.output);
  });

  it('builds AppImage and deb (Utility), a hardened dmg, and a per-user NSIS installer with a shortcut', async () => {
    const config = await builderConfig('electron-builder.yml');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Utility');
    expect(config.mac?.target).toBe('dmg');
    expect(config.mac?.hardenedRuntime).toBe(true);
    // Signing and notarization come from the environment only: nothing secret in the config.
    expect(JSON.stringify(config)).not.toMatch(/password|APPLE_ID|cscLink/i);
    expect(config.win?.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, createDesktopShortcut: true });
  });
});
