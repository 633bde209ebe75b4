/** What getAppInfo answers where a test or a gate stands in for the shell (no package.json is read). */
export const APP_INFO = {
  name: 'Snowball Companion',
  version: '9.9.9',
  shell: 'browser' as const,
  platform: 'linux',
  nativeDialogs: false,
  demoRequested: false,
};
