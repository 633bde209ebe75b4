/**
 * The AWS work: the connection (profiles, the default chain, keys for this session, IAM Identity Center,
 * the demo account) and what is done with it — jobs, the manifest, the shipment. Electron-free; each method
 * takes its channel's input as the contract parsed it and answers its output.
 */
import type { Answer, ConnectionInfo, Emit, HandlerInput as In } from '../contract';
import { AppError } from './app-error';
import type { AuditLog } from './audit-log';
import { describeCluster, describeJob, listClusterJobs, listJobs } from './jobs';
import { downloadManifest } from './manifest';
import type { Clock } from './ports';
import { listCredentialSources } from './profiles';
import { defaultRegions, partitionOf, type Partition } from './regions';
import { connect, type AwsSession, type ClientOptions, type DemoAccount } from './session';
import type { SettingsStore } from './settings';
import { markReceived, returnLabel, softwareUpdates } from './shipment';
import { SsoSessions, type SsoStart } from './sso/sso-sessions';

export interface AwsServiceOptions {
  clock: Clock;
  demo: DemoAccount;
  /** Environment for finding profiles and SSO settings (tests pass their own). */
  env: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
  settings: SettingsStore;
  audit: AuditLog;
  emit: Emit;
  /** The demo account was connected (true) or left (false): its simulated site runs exactly then. */
  onDemo(on: boolean): Promise<void>;
}

export class AwsService {
  private session: AwsSession | null = null;
  private readonly sso: SsoSessions;

  constructor(private readonly options: AwsServiceOptions) {
    this.sso = new SsoSessions({
      env: options.env,
      clock: options.clock,
      ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
      onOutcome: (outcome) => {
        options.emit('ssoSignIn', outcome);
        void options.audit.note({
          action: 'sso-sign-in',
          outcome:
            outcome.state === 'signed-in' ? 'ok' : outcome.state === 'cancelled' ? 'cancelled' : 'failed',
          detail: `profile ${outcome.profile}: ${outcome.state === 'signed-in' ? 'approved in the browser' : outcome.state}`,
        });
      },
    });
  }

  // The connection

  credentialSources(): Answer<'listCredentialSources'> {
    return listCredentialSources(this.options.env);
  }

  connect({ source, homeRegion }: In<'connect'>): Answer<'connect'> {
    const role = source.kind === 'profile' && source.ssoRole;
    const label =
      source.kind === 'profile'
        ? `profile ${source.profile}${role ? ` (role ${role.roleName} in account ${role.accountId})` : ''}`
        : source.kind;
    return this.options.audit.audited(
      'connect',
      {},
      async () => {
        const session = await connect(
          source,
          { ...this.options.clientOptions, ...(homeRegion ? { homeRegion } : {}), sso: this.sso },
          this.options.demo,
        );
        this.session?.close();
        this.session = session;
        await this.options.onDemo(source.kind === 'demo');
        if (source.kind === 'profile') {
          await this.options.settings.update((s) => ({ ...s, profile: source.profile }));
        }
        return this.connection() as ConnectionInfo;
      },
      {
        ok: (connection) => ({ detail: `${label} as ${connection.identity.arn}` }),
        failed: (code) => ({ detail: `${label}: ${code}` }),
      },
    );
  }

  async disconnect(): Answer<'disconnect'> {
    this.session?.close();
    this.session = null;
    void this.options.onDemo(false);
    return {};
  }

  connection(): ConnectionInfo | null {
    const s = this.session;
    if (!s) return null;
    return {
      source: s.source,
      profile: s.profile,
      identity: s.identity,
      partition: s.partition,
      defaultRegions: this.searchRegions(s.partition),
      sso: s.sso,
    };
  }

  /** The person's remembered regions in this partition, or every region of it that needs no opt-in. */
  private searchRegions(partition: Partition): string[] {
    const remembered = (this.options.settings.get().regions ?? []).filter(
      (r) => partitionOf(r) === partition,
    );
    return remembered.length > 0 ? remembered : defaultRegions(partition);
  }

  /** The session for a call to AWS; NOT_CONNECTED before the person connected. */
  requireSession(): AwsSession {
    if (!this.session) {
      throw new AppError('NOT_CONNECTED', 'Connect to AWS (or the demo account) first, then try again.');
    }
    return this.session;
  }

  // IAM Identity Center

  /** A saved sign-in (refreshed if need be), or a device authorization for the person to approve. */
  startSsoSignIn({ profile }: In<'startSsoSignIn'>): Promise<SsoStart> {
    return this.options.audit.audited('sso-sign-in', {}, () => this.sso.start(profile), {
      // A device authorization waiting for the person is recorded when it ends (onOutcome).
      ok: (started) =>
        started.status === 'signed-in'
          ? {
              detail: `profile ${profile}: ${started.how === 'saved' ? 'saved sign-in used' : 'sign-in refreshed'}`,
            }
          : null,
      failed: (code) => ({ detail: `profile ${profile}: ${code}` }),
    });
  }

  async cancelSsoSignIn({ signInId }: In<'cancelSsoSignIn'>): Answer<'cancelSsoSignIn'> {
    this.sso.cancel(signInId);
    return {};
  }

  listSsoAccounts({ profile }: In<'listSsoAccounts'>): Answer<'listSsoAccounts'> {
    return this.sso.listAccounts(profile);
  }

  listSsoRoles({ profile, accountId }: In<'listSsoRoles'>): Answer<'listSsoRoles'> {
    return this.sso.listRoles(profile, accountId);
  }

  // Jobs

  async listJobs({ regions }: In<'listJobs'>): Answer<'listJobs'> {
    const listing = await listJobs(this.requireSession(), regions, {
      now: this.options.clock.now(),
      onPage: (region, jobs) => this.options.emit('jobsPage', { region, jobs }),
    });
    const failed = listing.failures.map((f) => `${f.region}: ${f.code}`).join(', ');
    await this.options.audit.note({
      action: 'list-jobs',
      outcome: listing.failures.length === 0 ? 'ok' : 'failed',
      detail: `${listing.jobs.length} jobs from ${listing.regions.length} regions${failed ? `; failed ${failed}` : ''}`,
    });
    return listing;
  }

  describeJob({ jobId, region }: In<'describeJob'>): Answer<'describeJob'> {
    return describeJob(this.requireSession(), jobId, region, this.options.clock.now());
  }

  async describeCluster({ clusterId, region }: In<'describeCluster'>): Answer<'describeCluster'> {
    const session = this.requireSession();
    const [cluster, nodes] = await Promise.all([
      describeCluster(session, clusterId, region),
      listClusterJobs(session, clusterId, region, this.options.clock.now()),
    ]);
    return { ...cluster, nodes };
  }

  // The manifest

  downloadManifest({ folder, overwrite, ...job }: In<'downloadManifest'>): Answer<'downloadManifest'> {
    return this.options.audit.audited(
      'download-manifest',
      job,
      async () => {
        const result = await downloadManifest(this.requireSession(), job, folder, {
          overwrite: overwrite ?? false,
          now: () => this.options.clock.now(),
          onProgress: (received, total) =>
            this.options.emit('manifestProgress', { jobId: job.jobId, received, total }),
        });
        // Kept in settings (a path, no secret), so the code's separation check survives a restart.
        await this.options.settings.updateJob(job.jobId, {
          manifestFolder: folder,
          manifestPath: result.path,
        });
        return result;
      },
      {
        ok: (result) => ({ path: result.path, sha256: result.sha256 }),
        // A file already there is a question for the person (replace it?), not a failed download: nothing
        // was fetched or changed, and the answer is recorded when it comes.
        failed: (code) => (code === 'FILE_EXISTS' ? null : { path: folder }),
      },
    );
  }

  // The shipment

  markReceived(job: In<'markReceived'>): Answer<'markReceived'> {
    return this.options.audit.audited('mark-received', job, async () => {
      await markReceived(this.requireSession(), job);
      return {};
    });
  }

  returnLabel({ folder, ...job }: In<'getReturnLabel'>): Answer<'getReturnLabel'> {
    return this.options.audit.audited(
      'return-label',
      job,
      () =>
        returnLabel(this.requireSession(), job, {
          ...(folder ? { folder } : {}),
          now: () => this.options.clock.now(),
        }),
      { ok: (label) => (label.savedTo ? { path: label.savedTo } : {}) },
    );
  }

  softwareUpdates(job: In<'getSoftwareUpdates'>): Answer<'getSoftwareUpdates'> {
    return softwareUpdates(this.requireSession(), job);
  }

  /** On quit: the SDK's sockets and any sign-in still waiting. */
  close(): void {
    this.session?.close();
    this.session = null;
    this.sso.close();
  }
}
