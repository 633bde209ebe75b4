/**
 * Every contract channel bound to core and to the shell's native parts. Core's channels take their input
 * as the contract parsed it and answer its output, so each is one line; the few that need the shell
 * (app info, dialogs, links, the browser for a sign-in) sit in a map of their own. Electron-free, so the
 * loopback host runs exactly this code; only the ports differ (native dialogs exist only in Electron).
 */
import type { AppInfo } from '../contract';
import type { CompanionService } from '../core/companion-service';
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

type ShellChannel = 'getAppInfo' | 'chooseFolder' | 'chooseFile' | 'openExternal' | 'startSsoSignIn';

/** The channels the shell answers (with core's help for a sign-in). */
function shellHandlers({ aws }: CompanionService, shell: ShellPorts): Pick<Handlers, ShellChannel> {
  return {
    getAppInfo: async () => shell.appInfo,
    chooseFolder: async ({ title, defaultPath }) =>
      shell.dialogs
        ? { available: true, path: await shell.dialogs.chooseFolder(title, defaultPath) }
        : { available: false, path: null },
    chooseFile: async ({ title, defaultPath }) =>
      shell.dialogs
        ? { available: true, path: await shell.dialogs.chooseFile(title, defaultPath) }
        : { available: false, path: null },
    openExternal: async ({ url }) => ({ opened: await shell.openExternal(url) }),
    startSsoSignIn: async (input) => {
      const started = await aws.startSsoSignIn(input);
      if (started.status === 'signed-in') return started;
      // The person approves on IAM Identity Center's page, in their own browser, where their sign-in lives.
      return { ...started, browserOpened: await shell.openExternal(started.verificationUriComplete) };
    },
  };
}

export function createHandlers(service: CompanionService, shell: ShellPorts): Handlers {
  const { aws, codes, client, device, settings, audit } = service;
  return {
    ...shellHandlers(service, shell),
    listCredentialSources: () => aws.credentialSources(),
    connect: (input) => aws.connect(input),
    disconnect: () => aws.disconnect(),
    cancelSsoSignIn: (input) => aws.cancelSsoSignIn(input),
    listSsoAccounts: (input) => aws.listSsoAccounts(input),
    listSsoRoles: (input) => aws.listSsoRoles(input),
    getConnection: async () => aws.connection(),
    listRegions: async () => ({ regions: listRegions() }),
    listJobs: (input) => aws.listJobs(input),
    describeJob: (input) => aws.describeJob(input),
    describeCluster: (input) => aws.describeCluster(input),
    downloadManifest: (input) => aws.downloadManifest(input),
    markReceived: (input) => aws.markReceived(input),
    getReturnLabel: (input) => aws.returnLabel(input),
    getSoftwareUpdates: (input) => aws.softwareUpdates(input),
    fetchUnlockCode: (input) => codes.fetch(input),
    revealUnlockCode: (input) => codes.reveal(input),
    copyUnlockCode: (input) => codes.copy(input),
    forgetUnlockCode: (input) => codes.forget(input),
    holdUnlockCode: (input) => codes.hold(input),
    readUnlockCodeFile: (input) => codes.readFile(input),
    checkSeparation: (input) => codes.checkSeparation(input),
    saveUnlockCode: (input) => codes.save(input),
    findSnowballClient: () => client.find(),
    chooseSnowballClient: (input) => client.choose(input),
    confirmSnowballClient: (input) => client.confirm(input),
    probeDevice: (input) => client.probe(input),
    startUnlock: (input) => client.startUnlock(input),
    cancelUnlock: (input) => client.cancelUnlock(input),
    configureSnowballClient: (input) => client.configure(input),
    readDeviceAccess: (input) => device.read(input),
    revealDeviceSecretKey: (input) => device.revealSecretKey(input),
    saveDeviceCertificate: (input) => device.saveCertificate(input),
    previewAwsProfile: (input) => device.previewProfile(input),
    writeAwsProfile: (input) => device.writeProfile(input),
    checkDeviceS3: (input) => device.checkS3(input),
    forgetDeviceAccess: (input) => device.forget(input),
    getSettings: async () => settings.get(),
    rememberRegions: (input) => settings.rememberRegions(input),
    rememberJob: (input) => settings.rememberJob(input),
    listAuditEntries: () => audit.list(),
    exportAuditLog: (input) => audit.export(input),
  };
}
