/**
 * Every contract channel bound to core's service and the shell's native parts. Electron-free, so the
 * loopback host runs exactly this code; only the ports differ (native dialogs exist only in Electron).
 */
import type { AppInfo } from '../contract';
import type { CompanionService } from '../core/companion-service';
import type { DeviceAccessService } from '../core/device-access/device-access-service';
import { listRegions } from '../core/regions';
import type { Handlers } from './ipc-registry';

/** What only the shell can do. */
export interface ShellPorts {
  appInfo: AppInfo;
  /** Native pickers; null where there are none (browser mode): the window then asks for a typed path. */
  dialogs: {
    chooseFolder(title: string, defaultPath?: string): Promise<string | null>;
    chooseFile(title: string, defaultPath?: string): Promise<string | null>;
  } | null;
  /** Opens an allowlisted link in the user's browser; false when the link is not allowed (or no browser). */
  openExternal(url: string): Promise<boolean>;
}

export function createHandlers(
  service: CompanionService,
  deviceAccess: DeviceAccessService,
  shell: ShellPorts,
): Handlers {
  return {
    getAppInfo: async () => shell.appInfo,
    listCredentialSources: () => service.credentialSources(),
    connect: ({ source, homeRegion }) => service.connect(source, homeRegion),
    disconnect: async () => {
      service.disconnect();
      return {};
    },
    startSsoSignIn: async ({ profile }) => {
      const started = await service.startSsoSignIn(profile);
      if (started.status === 'signed-in') return started;
      // The person approves on IAM Identity Center's page, in their own browser, where their sign-in lives.
      return { ...started, browserOpened: await shell.openExternal(started.verificationUriComplete) };
    },
    cancelSsoSignIn: async ({ signInId }) => {
      service.cancelSsoSignIn(signInId);
      return {};
    },
    listSsoAccounts: ({ profile }) => service.listSsoAccounts(profile),
    listSsoRoles: ({ profile, accountId }) => service.listSsoRoles(profile, accountId),
    getConnection: async () => service.connection(),
    listRegions: async () => ({ regions: listRegions() }),
    listJobs: ({ regions }) => service.listJobs(regions),
    describeJob: (job) => service.describeJob(job),
    describeCluster: ({ clusterId, region }) => service.describeCluster(clusterId, region),
    downloadManifest: ({ jobId, region, folder, overwrite }) =>
      service.downloadManifest({ jobId, region }, folder, overwrite ?? false),
    fetchUnlockCode: (job) => service.fetchUnlockCode(job),
    revealUnlockCode: async ({ handleId }) => ({ code: await service.revealUnlockCode(handleId) }),
    copyUnlockCode: ({ handleId, jobId, inPage }) => service.copyUnlockCode(handleId, jobId, inPage ?? false),
    forgetUnlockCode: async ({ handleId }) => {
      service.forgetUnlockCode(handleId);
      return {};
    },
    checkSeparation: ({ manifestPath, location }) => service.checkSeparation(manifestPath, location),
    saveUnlockCode: ({ handleId, jobId, path, acceptWarnings, overwrite }) =>
      service.saveUnlockCode(handleId, jobId, path, acceptWarnings, overwrite ?? false),
    markReceived: async (job) => {
      await service.markReceived(job);
      return {};
    },
    getReturnLabel: ({ jobId, region, folder }) => service.returnLabel({ jobId, region }, folder),
    getSoftwareUpdates: (job) => service.softwareUpdates(job),
    chooseFolder: async ({ title, defaultPath }) =>
      shell.dialogs
        ? { available: true, path: await shell.dialogs.chooseFolder(title, defaultPath) }
        : { available: false, path: null },
    chooseFile: async ({ title, defaultPath }) =>
      shell.dialogs
        ? { available: true, path: await shell.dialogs.chooseFile(title, defaultPath) }
        : { available: false, path: null },
    openExternal: async ({ url }) => ({ opened: await shell.openExternal(url) }),
    getSettings: async () => service.getSettings(),
    rememberRegions: ({ regions }) => service.rememberRegions(regions),
    rememberJob: ({ jobId, ...change }) => service.rememberJob(jobId, change),
    listAuditEntries: async () => ({ entries: await service.auditEntries() }),
    exportAuditLog: ({ path, overwrite }) => service.exportAudit(path, overwrite ?? false),
    holdUnlockCode: async ({ code, jobId }) => service.holdUnlockCode(code, jobId),
    readUnlockCodeFile: ({ path, jobId }) => service.readUnlockCodeFile(path, jobId),
    findSnowballClient: () => service.findClients(),
    chooseSnowballClient: ({ path }) => service.chooseClient(path),
    confirmSnowballClient: ({ path, sha256 }) => service.confirmClient(path, sha256),
    probeDevice: ({ host }) => service.probeDevice(host),
    startUnlock: (request) => service.startUnlock(request),
    cancelUnlock: async ({ runId }) => {
      await service.cancelUnlock(runId);
      return {};
    },
    readDeviceAccess: (input) => deviceAccess.read(input),
    revealDeviceSecretKey: (input) => deviceAccess.revealSecretKey(input),
    saveDeviceCertificate: (input) => deviceAccess.saveCertificate(input),
    previewAwsProfile: (input) => deviceAccess.previewProfile(input),
    writeAwsProfile: (input) => deviceAccess.writeProfile(input),
    checkDeviceS3: (input) => deviceAccess.checkS3(input),
    forgetDeviceAccess: async (input) => deviceAccess.forget(input),
    configureSnowballClient: ({ handleId, manifestPath, host, clientPath, profile }) =>
      service.configureClient({ handleId, manifestPath, host, clientPath, profile }),
  };
}
