import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useEffect, useRef, useState } from 'react';
import type { ChannelInput, CredentialSourcesInfo, IpcError, ProfileInfo } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { useAction } from '../api/use-action';
import { ErrorAlert } from '../components/ErrorAlert';
import { RegionPicker } from '../components/RegionPicker';
import { useShellState } from '../state/app-state';
import { SsoConnectionSummary, SsoSignIn } from './connect/SsoSignIn';

type Source = ChannelInput<'connect'>['source'];

const KIND_LABELS: Record<ProfileInfo['kind'], string> = {
  'static-keys': 'Access keys',
  sso: 'SSO',
  'assume-role': 'Assume role',
  'web-identity': 'Web identity',
  'credential-process': 'Credential process',
  incomplete: 'No credentials',
};

/** What a refused key field needs, in a person's words. */
const KEY_FIELD_WORDS = {
  accessKeyId:
    'An access key ID is 20 capital letters and digits and starts with AKIA (or ASIA for temporary keys). Copy it again from where you keep it.',
  secretAccessKey:
    'A secret access key is 40 characters of letters, digits, / and +. Copy it again, without spaces.',
  sessionToken:
    'A session token is letters, digits, / and + only. Copy it again, without spaces or line breaks.',
} as const;

/** A failed connection, with a way to go on without AWS when AWS cannot be reached. */
function ConnectError({
  error,
  onDismiss,
  onOffline,
}: {
  error: IpcError;
  onDismiss: () => void;
  onOffline: () => void;
}) {
  return (
    <SpaceBetween size="s">
      <ErrorAlert error={error} onDismiss={onDismiss} />
      {error.code === 'NETWORK' && (
        <Alert
          type="info"
          header="No network to AWS here?"
          action={<Button onClick={onOffline}>Unlock without AWS</Button>}
        >
          A device whose manifest you saved and whose unlock code you kept can be unlocked without AWS.
        </Alert>
      )}
    </SpaceBetween>
  );
}

export function ConnectPage() {
  const { appInfo, connection, connected, navigate, settings } = useShellState();
  const [sources, setSources] = useState<CredentialSourcesInfo | null>(null);
  const [selectedProfile, setSelectedProfile] = useState<ProfileInfo | null>(null);
  // A failure shows beside the way of connecting that caused it (its label: 'demo', 'profile', 'keys'…).
  const { running, error, failedAt, setError, run } = useAction();
  const failure = error && failedAt ? { at: failedAt, error } : null;
  const [sourcesError, setSourcesError] = useState<IpcError | null>(null);
  const [keys, setKeys] = useState({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  const [ssoProfile, setSsoProfile] = useState<ProfileInfo | null>(null);
  const demoTried = useRef(false);

  useEffect(() => {
    void call('listCredentialSources')
      .then((found) => {
        setSources(found);
        const remembered = found.profiles.find((p) => p.name === settings?.profile);
        setSelectedProfile(remembered ?? found.profiles.find((p) => p.kind !== 'incomplete') ?? null);
      })
      .catch((e: unknown) => setSourcesError(errorOf(e)));
  }, [settings?.profile]);

  const connect = (source: Source, label: string, homeRegion?: string | null) =>
    run(async () => {
      const next = await call('connect', { source, ...(homeRegion ? { homeRegion } : {}) });
      connected(next);
      setKeys({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
      navigate('jobs');
    }, label);

  /** The failure of one way of connecting, where it happened, with what to do next. */
  const failed = (label: string) =>
    failure?.at === label && !(failure.error.code === 'VALIDATION' && failure.error.fields?.length) ? (
      <ConnectError
        error={failure.error}
        onDismiss={() => setError(null)}
        onOffline={() => navigate('offline')}
      />
    ) : null;
  // Fields the contract refused, marked in a person's words (never the schema's).
  const keyFieldError = (field: keyof typeof KEY_FIELD_WORDS) =>
    failure?.at === 'keys' && failure.error.fields?.includes(`source.${field}`)
      ? KEY_FIELD_WORDS[field]
      : undefined;
  const missingProfile =
    sources?.environmentProfile && !sources.profiles.some((p) => p.name === sources.environmentProfile)
      ? sources.environmentProfile
      : null;

  // `npm start -- --demo`: straight to the demo account, once.
  useEffect(() => {
    if (appInfo?.demoRequested && !connection && !demoTried.current) {
      demoTried.current = true;
      void connect({ kind: 'demo' }, 'demo');
    }
  });

  const noCredentials = sources !== null && sources.profiles.length === 0 && !sources.environmentKeys;
  const usableProfiles = sources?.profiles ?? [];

  const demo = (
    <Container
      header={
        <Header
          variant="h2"
          description="A built-in practice account with sample jobs in every state. Nothing leaves this computer."
        >
          Demo account (no AWS needed)
        </Header>
      }
    >
      <SpaceBetween size="m">
        <Button
          variant={noCredentials ? 'primary' : 'normal'}
          loading={running === 'demo'}
          onClick={() => void connect({ kind: 'demo' }, 'demo')}
        >
          Use the demo account
        </Button>
        {failed('demo')}
      </SpaceBetween>
    </Container>
  );

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Use the AWS credentials you already have, or try everything with the demo account."
        >
          Connect
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ErrorAlert error={sourcesError} />
        {connection && (
          <Alert
            type="success"
            header={`Connected as ${connection.identity.account}`}
            action={
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => navigate('jobs')}>Show jobs</Button>
                <Button
                  loading={running === 'disconnect'}
                  onClick={() =>
                    void run(async () => {
                      await call('disconnect');
                      connected(null);
                    }, 'disconnect')
                  }
                >
                  Disconnect
                </Button>
              </SpaceBetween>
            }
          >
            <span data-testid="connected-as">{connection.identity.arn}</span>
            {connection.sso && <SsoConnectionSummary sso={connection.sso} />}
          </Alert>
        )}
        {connection && failure?.at === 'disconnect' && (
          <ErrorAlert error={failure.error} onDismiss={() => setError(null)} />
        )}
        {missingProfile && (
          <Alert type="warning" header={`AWS_PROFILE names a profile that is not here: “${missingProfile}”`}>
            <span data-testid="missing-profile">
              The environment variable AWS_PROFILE is set to “{missingProfile}”, but {sources?.configFile} and{' '}
              {sources?.credentialsFile} have no profile of that name. Correct or unset AWS_PROFILE and start
              Snowball Companion again, or choose one of the profiles below.
            </span>
          </Alert>
        )}
        {noCredentials && (
          <Alert type="info" header="No AWS credentials found on this computer">
            Snowball Companion looked in {sources.configFile}, {sources.credentialsFile} and the environment.
            Try the demo account, or enter access keys below for this session only.
          </Alert>
        )}
        {noCredentials && demo}
        {connection && (
          <Container header={<Header variant="h2">Regions to search</Header>}>
            <RegionPicker />
          </Container>
        )}
        <Table<ProfileInfo>
          header={
            <Header
              variant="h2"
              counter={sources ? `(${usableProfiles.length})` : undefined}
              description={sources ? `From ${sources.configFile} and ${sources.credentialsFile}` : undefined}
              actions={
                <Button
                  variant="primary"
                  disabled={
                    !selectedProfile ||
                    selectedProfile.kind === 'incomplete' ||
                    (selectedProfile.kind === 'sso' && !selectedProfile.sso)
                  }
                  loading={running === 'profile'}
                  onClick={() =>
                    selectedProfile?.kind === 'sso'
                      ? setSsoProfile(selectedProfile)
                      : selectedProfile &&
                        void connect(
                          { kind: 'profile', profile: selectedProfile.name },
                          'profile',
                          selectedProfile.region,
                        )
                  }
                >
                  {selectedProfile?.kind === 'sso'
                    ? 'Sign in with IAM Identity Center'
                    : 'Connect with profile'}
                </Button>
              }
            >
              Profiles
            </Header>
          }
          items={usableProfiles}
          loading={sources === null}
          loadingText="Looking for profiles"
          selectionType="single"
          selectedItems={selectedProfile ? [selectedProfile] : []}
          onSelectionChange={({ detail }) => setSelectedProfile(detail.selectedItems[0] ?? null)}
          isItemDisabled={(p) => p.kind === 'incomplete'}
          trackBy="name"
          ariaLabels={{
            selectionGroupLabel: 'Profiles',
            itemSelectionLabel: (_s, p) => `Profile ${p.name}`,
            allItemsSelectionLabel: () => 'All profiles',
          }}
          columnDefinitions={[
            { id: 'name', header: 'Profile', cell: (p) => <strong>{p.name}</strong> },
            {
              id: 'kind',
              header: 'Kind',
              cell: (p) => <Badge color={p.kind === 'sso' ? 'blue' : 'grey'}>{KIND_LABELS[p.kind]}</Badge>,
            },
            { id: 'region', header: 'Default region', cell: (p) => p.region ?? '—' },
            { id: 'detail', header: 'Details', cell: (p) => p.detail },
          ]}
          empty={<Box textAlign="center">No profiles in the shared config and credentials files.</Box>}
          footer={failure?.at === 'profile' ? failed('profile') : undefined}
        />
        {sources && (sources.environmentKeys || sources.environmentProfile) && (
          <Container
            header={
              <Header
                variant="h2"
                description={
                  sources.environmentKeys
                    ? 'Access keys are set in the environment (AWS_ACCESS_KEY_ID); they come first.'
                    : `AWS_PROFILE is set to ${sources.environmentProfile}.`
                }
              >
                Environment
              </Header>
            }
          >
            <SpaceBetween size="m">
              <Button
                loading={running === 'chain'}
                onClick={() => void connect({ kind: 'default-chain' }, 'chain')}
              >
                Use the default credential chain
              </Button>
              {failed('chain')}
            </SpaceBetween>
          </Container>
        )}
        <Container
          header={
            <Header variant="h2" description="Kept in memory for this session only: never written to disk.">
              Access keys for this session
            </Header>
          }
        >
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const source: Source = {
                kind: 'session-keys',
                accessKeyId: keys.accessKeyId.trim(),
                secretAccessKey: keys.secretAccessKey.trim(),
                ...(keys.sessionToken.trim() ? { sessionToken: keys.sessionToken.trim() } : {}),
              };
              void connect(source, 'keys');
            }}
          >
            <Form
              actions={
                <Button
                  formAction="submit"
                  loading={running === 'keys'}
                  disabled={!keys.accessKeyId.trim() || !keys.secretAccessKey.trim()}
                >
                  Connect with these keys
                </Button>
              }
            >
              <ColumnLayout columns={3}>
                <FormField label="Access key ID" errorText={keyFieldError('accessKeyId')}>
                  <Input
                    value={keys.accessKeyId}
                    onChange={({ detail }) => setKeys((k) => ({ ...k, accessKeyId: detail.value }))}
                    placeholder="AKIA…"
                    spellcheck={false}
                    autoComplete={false}
                  />
                </FormField>
                <FormField label="Secret access key" errorText={keyFieldError('secretAccessKey')}>
                  <Input
                    type="password"
                    value={keys.secretAccessKey}
                    onChange={({ detail }) => setKeys((k) => ({ ...k, secretAccessKey: detail.value }))}
                    autoComplete={false}
                  />
                </FormField>
                <FormField
                  label="Session token"
                  description="Only for temporary keys (ASIA…)."
                  errorText={keyFieldError('sessionToken')}
                >
                  <Input
                    type="password"
                    value={keys.sessionToken}
                    onChange={({ detail }) => setKeys((k) => ({ ...k, sessionToken: detail.value }))}
                    autoComplete={false}
                  />
                </FormField>
              </ColumnLayout>
            </Form>
            {failed('keys') && <Box padding={{ top: 'm' }}>{failed('keys')}</Box>}
          </form>
        </Container>
        {!noCredentials && demo}
      </SpaceBetween>
      {ssoProfile && (
        <SsoSignIn
          profile={ssoProfile}
          onClose={() => setSsoProfile(null)}
          onSignedIn={(source) => {
            setSsoProfile(null);
            void connect(source, 'profile', ssoProfile.region);
          }}
        />
      )}
    </ContentLayout>
  );
}
