/**
 * The credential sources on this computer, described without their secrets: the profiles of the shared
 * config and credentials files (honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE) and whether
 * the environment holds keys. The files are parsed in memory; only names, kinds and regions come out.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { CredentialSourcesInfo, ProfileInfo } from '../contract';
import { isSsoSection, sharedFiles, ssoSettingsOf } from './sso/sso-settings';

type ProfileKind = ProfileInfo['kind'];

type Section = Record<string, string | undefined>;

export async function listCredentialSources(
  env: NodeJS.ProcessEnv = process.env,
): Promise<CredentialSourcesInfo> {
  const { configFile, credentialsFile } = sharedFiles(env);
  const files = await loadSharedConfigFiles({
    configFilepath: configFile,
    filepath: credentialsFile,
    ignoreCache: true,
  });

  // The loader also returns `[sso-session x]` and `[services x]` sections, keyed "sso-session.x": not profiles.
  const isProfile = (key: string) => !/^(sso-session|services)\./.test(key);
  const names = new Set(
    [...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)].filter(isProfile),
  );
  const profiles = [...names]
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) =>
      describeProfile(
        name,
        { ...files.configFile[name], ...files.credentialsFile[name] } as Section,
        (section) => ssoSettingsOf(name, section, files.configFile as Record<string, Section>, configFile),
      ),
    );

  return {
    profiles,
    environmentKeys: Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY),
    environmentProfile: env.AWS_PROFILE ?? null,
    configFile,
    credentialsFile,
  };
}

function describeProfile(
  name: string,
  section: Section,
  sso: (section: Section) => ReturnType<typeof ssoSettingsOf>,
): ProfileInfo {
  const region = section.region ?? null;
  const summary = (kind: ProfileKind, detail: string): ProfileInfo => ({
    name,
    kind,
    region,
    detail,
    sso: null,
  });

  if (isSsoSection(section)) {
    const settings = sso(section);
    if ('problem' in settings) return summary('sso', settings.problem);
    const account = settings.accountId ? `account ${settings.accountId}` : 'an account you choose';
    const role = settings.roleName ? `, role ${settings.roleName}` : '';
    const via = settings.session ? `SSO session "${settings.session}"` : 'IAM Identity Center';
    const { session, startUrl, region: ssoRegion, accountId, roleName } = settings;
    return {
      ...summary('sso', `Sign-in through ${via} (${account}${role}).`),
      sso: { session, startUrl, region: ssoRegion, accountId, roleName },
    };
  }
  if (section.role_arn && section.web_identity_token_file) {
    return summary('web-identity', `Assumes ${section.role_arn} with a web identity token.`);
  }
  if (section.role_arn) {
    const from = section.source_profile
      ? `profile "${section.source_profile}"`
      : section.credential_source
        ? `the ${section.credential_source}`
        : 'another source';
    return summary('assume-role', `Assumes ${section.role_arn} using ${from}.`);
  }
  if (section.credential_process) {
    return summary('credential-process', 'Gets its keys from an external program (credential_process).');
  }
  if (section.aws_access_key_id && section.aws_secret_access_key) {
    const temporary = section.aws_session_token ? ' with a session token (temporary)' : '';
    return summary('static-keys', `Access keys stored in the credentials file${temporary}.`);
  }
  return summary('incomplete', 'Has no credentials of its own (only settings such as a region).');
}
