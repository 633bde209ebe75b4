/**
 * An IAM Identity Center profile's settings, as the AWS CLI v2 and the SDKs read them from the shared
 * config file: the `sso_session` form (`[sso-session NAME]` with sso_start_url, sso_region and
 * sso_registration_scopes) or the legacy form (sso_start_url and sso_region in the profile itself), plus
 * the account and role the profile names, if any. Checked the way the SDK's fromSSO checks them, with a
 * message that says which line to add or fix.
 */
import os from 'node:os';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { SsoProfileInfo } from '../../contract';
import { AppError } from '../app-error';

export interface SsoSettings extends SsoProfileInfo {
  profile: string;
  /** sso_registration_scopes of the session (none for the legacy form, which cannot be refreshed). */
  scopes: string[];
}

type Section = Record<string, string | undefined>;
type ConfigSections = Record<string, Section | undefined>;

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** The shared config and credentials files this environment names (AWS_CONFIG_FILE and friends). */
export function sharedFiles(env: NodeJS.ProcessEnv): { configFile: string; credentialsFile: string } {
  const home = homeOf(env);
  return {
    configFile: env.AWS_CONFIG_FILE ?? `${home}/.aws/config`,
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? `${home}/.aws/credentials`,
  };
}

/** The home folder as the SDK's shared-ini-file-loader finds it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, the OS. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return os.homedir();
}

/** Whether a profile section is an IAM Identity Center one (the SDK's test, narrowed to what signs in). */
export function isSsoSection(section: Section): boolean {
  return Boolean(section.sso_session || section.sso_start_url);
}

/**
 * The settings of an SSO profile section, or the problem with them in words a person can act on.
 * `config` is the parsed config file (sessions under "sso-session.NAME", as the loader keys them).
 */
export function ssoSettingsOf(
  profile: string,
  section: Section,
  config: ConfigSections,
  configFile: string,
): SsoSettings | { problem: string } {
  const fix = `Fix it in ${configFile} (or run \`aws configure sso --profile ${profile}\`), then try again.`;
  let startUrl = section.sso_start_url;
  let region = section.sso_region;
  let scopes: string[] = [];
  const session = section.sso_session ?? null;
  if (session) {
    const block = config[`sso-session.${session}`];
    if (!block) {
      return {
        problem: `Profile "${profile}" uses sso_session "${session}", but there is no [sso-session ${session}] section. ${fix}`,
      };
    }
    for (const [key, own] of [
      ['sso_start_url', startUrl],
      ['sso_region', region],
    ] as const) {
      if (own && block[key] && own !== block[key]) {
        return {
          problem: `Profile "${profile}" and [sso-session ${session}] give different values for ${key}. Keep it in the sso-session section only. ${fix}`,
        };
      }
    }
    startUrl = block.sso_start_url;
    region = block.sso_region;
    scopes = (block.sso_registration_scopes ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const where = session ? `[sso-session ${session}]` : `profile "${profile}"`;
  if (!startUrl)
    return { problem: `${where} has no sso_start_url (the AWS access portal's address). ${fix}` };
  if (!isHttpsUrl(startUrl)) {
    return {
      problem: `The sso_start_url of ${where} is not an https address (it looks like https://example.awsapps.com/start). ${fix}`,
    };
  }
  if (!region) return { problem: `${where} has no sso_region (the region of IAM Identity Center). ${fix}` };
  if (!REGION.test(region))
    return { problem: `The sso_region of ${where}, "${region}", is not an AWS region. ${fix}` };
  return {
    profile,
    session,
    startUrl,
    region,
    accountId: section.sso_account_id ?? null,
    roleName: section.sso_role_name ?? null,
    scopes,
  };
}

/** The SSO settings of a profile of the shared config file; PROFILE_INVALID when they cannot be used. */
export async function readSsoSettings(profile: string, env: NodeJS.ProcessEnv): Promise<SsoSettings | null> {
  const { configFile, credentialsFile } = sharedFiles(env);
  const files = await loadSharedConfigFiles({
    configFilepath: configFile,
    filepath: credentialsFile,
    ignoreCache: true,
  });
  const section = files.configFile[profile] as Section | undefined;
  if (!section && !files.credentialsFile[profile]) {
    throw new AppError(
      'PROFILE_INVALID',
      `There is no profile "${profile}" in ${configFile} or ${credentialsFile}. Choose another profile.`,
    );
  }
  if (!section || !isSsoSection(section)) return null;
  const settings = ssoSettingsOf(profile, section, files.configFile as ConfigSections, configFile);
  if ('problem' in settings) throw new AppError('PROFILE_INVALID', settings.problem);
  return settings;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
