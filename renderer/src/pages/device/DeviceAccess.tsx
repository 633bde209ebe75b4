import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type {
  AwsProfilePreviewInfo,
  DeviceAccessInfo,
  S3CheckInfo,
  SuggestedCommandInfo,
} from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { formatDate } from '../../format';
import { isAbsolutePath } from '../../paths';
import { DeviceGlance } from './DeviceGlance';

interface Props {
  /** The held unlock code, the manifest, the addresses and the client the unlock used. */
  handleId: string | null;
  manifestPath: string;
  hosts: string[];
  clientPath: string | null;
  /** A folder of the person's to suggest for the certificate (the code's folder, say); '' for none. */
  folder?: string;
}

/** Focuses `ref` whenever `when` turns true: the result of an action is where the keyboard goes next. */
function useFocusOn(ref: RefObject<HTMLElement | null>, when: unknown): void {
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [ref, when]);
}

/**
 * After UNLOCKED: read the device (its picture, keys and certificate, through the client), save its
 * certificate, write a profile for the AWS CLI and SDKs with consent, and check it all with the AWS SDK.
 */
export function DeviceAccess({ handleId, manifestPath, hosts, clientPath, folder = '' }: Props) {
  const read = useAction();
  const [access, setAccess] = useState<DeviceAccessInfo | null>(null);
  const glanceRef = useRef<HTMLDivElement>(null);
  useFocusOn(glanceRef, access?.accessId);
  const missing = !handleId
    ? 'the unlock code'
    : !clientPath
      ? 'a Snowball client'
      : hosts.length === 0
        ? 'the device’s address'
        : !manifestPath
          ? 'the manifest'
          : null;

  const readDevice = () =>
    read.run(async () => {
      if (!handleId || !clientPath) return;
      const next = await call('readDeviceAccess', { handleId, manifestPath, hosts, clientPath });
      if (access) void call('forgetDeviceAccess', { accessId: access.accessId }).catch(() => undefined);
      setAccess(next);
    });

  return (
    <div data-testid="device-access">
      <SpaceBetween size="l">
        <Box variant="p">
          Snowball Companion reads the device’s local access keys and its certificate with the Snowball client
          (through the same private profile as the unlock), so you can save the certificate, add a profile for
          the AWS CLI and SDKs, and check that the device’s S3 adapter answers. None of this needs your AWS
          account.
        </Box>
        {missing ? (
          <Alert type="info">Before reading the device, this needs {missing}.</Alert>
        ) : (
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              variant={access ? 'normal' : 'primary'}
              onClick={() => void readDevice()}
              loading={read.busy}
            >
              {access ? 'Refresh' : hosts.length > 1 ? 'Read the cluster' : 'Read the device'}
            </Button>
          </SpaceBetween>
        )}
        <ErrorAlert error={read.error} onRetry={() => void readDevice()} />
        {access && (
          <>
            <div ref={glanceRef} tabIndex={-1} data-testid="device-glance">
              <Container
                header={
                  <Header variant="h2" description={`Read ${new Date(access.readAt).toLocaleTimeString()}`}>
                    {hosts.length > 1 ? 'The cluster at a glance' : 'The device at a glance'}
                  </Header>
                }
              >
                <SpaceBetween size="l">
                  {access.simulated && (
                    <Alert type="info" header="Simulated">
                      This is the demo account’s simulated device: its keys and certificate work only with it.
                    </Alert>
                  )}
                  {access.devices.map((device) => (
                    <DeviceGlance key={device.host} device={device} />
                  ))}
                </SpaceBetween>
              </Container>
            </div>
            <Keys key={access.accessId} access={access} />
            <ReadyForData access={access} folder={folder} />
          </>
        )}
      </SpaceBetween>
    </div>
  );
}

/** The access key ID, and the secret key only on request. */
function Keys({ access }: { access: DeviceAccessInfo }) {
  const reveal = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Section
      title="Local access keys"
      description="They sign every request to this device (and its cluster) only; they have no use in the AWS Cloud."
    >
      <SpaceBetween size="s">
        <KeyValuePairs
          columns={2}
          items={[
            { label: 'Access key ID', value: <span data-testid="access-key-id">{access.accessKeyId}</span> },
            {
              label: 'Secret access key',
              value: (
                <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                  <Box variant="code">
                    <span data-testid="secret-key">{secret ?? '•'.repeat(40)}</span>
                  </Box>
                  <Button
                    onClick={() =>
                      secret
                        ? setSecret(null)
                        : void reveal.run(async () =>
                            setSecret(
                              (await call('revealDeviceSecretKey', { accessId: access.accessId }))
                                .secretAccessKey,
                            ),
                          )
                    }
                    loading={reveal.busy}
                    ariaLabel={secret ? 'Hide the secret access key' : 'Show the secret access key'}
                  >
                    {secret ? 'Hide' : 'Show'}
                  </Button>
                </SpaceBetween>
              ),
            },
          ]}
        />
        <ErrorAlert error={reveal.error} />
      </SpaceBetween>
    </Section>
  );
}

/** Save the certificate, write the profile (preview, consent), check with the SDK. */
function ReadyForData({ access, folder }: { access: DeviceAccessInfo; folder: string }) {
  const [certPath, setCertPath] = useState(
    folder ? `${folder.replace(/[\\/]+$/, '')}/${access.suggestedProfile}.pem` : '',
  );
  const [overwrite, setOverwrite] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [profile, setProfile] = useState(access.suggestedProfile);
  const [preview, setPreview] = useState<AwsProfilePreviewInfo | null>(null);
  const [consent, setConsent] = useState(false);
  const [replace, setReplace] = useState(false);
  const [written, setWritten] = useState<string | null>(null);
  const [checked, setChecked] = useState<S3CheckInfo | null>(null);
  const save = useAction();
  const write = useAction();
  const check = useAction();
  const savedRef = useRef<HTMLDivElement>(null);
  const writtenRef = useRef<HTMLDivElement>(null);
  const checkedRef = useRef<HTMLDivElement>(null);
  useFocusOn(savedRef, saved);
  useFocusOn(writtenRef, written);
  useFocusOn(checkedRef, checked);

  const saveCertificate = () =>
    save.run(async () => {
      const result = await call('saveDeviceCertificate', {
        accessId: access.accessId,
        path: certPath.trim(),
        overwrite,
      });
      setSaved(result.path);
      setOverwrite(false);
    });
  const showPreview = () =>
    write.run(async () => {
      if (!saved) return;
      setPreview(
        await call('previewAwsProfile', {
          accessId: access.accessId,
          profile: profile.trim(),
          certificatePath: saved,
        }),
      );
      setConsent(false);
      setReplace(false);
    });
  const writeProfile = () =>
    write.run(async () => {
      if (!saved || !preview) return;
      const result = await call('writeAwsProfile', {
        accessId: access.accessId,
        profile: preview.profile,
        certificatePath: saved,
        replace,
        consent: true,
      });
      setWritten(result.profile);
    });
  const runCheck = () =>
    check.run(async () => {
      setChecked(
        await call('checkDeviceS3', {
          accessId: access.accessId,
          ...(saved ? { certificatePath: saved } : {}),
          ...(written ? { profile: written } : {}),
        }),
      );
    });
  const exists = preview ? preview.exists.config || preview.exists.credentials : false;

  return (
    <>
      <Section
        title="The device’s certificate"
        description="Every HTTPS connection to the device trusts this certificate and no other."
      >
        <SpaceBetween size="m">
          <KeyValuePairs
            columns={3}
            items={access.certificates.map((c) => ({
              label: `${c.host} (names ${c.subjectAlternativeNames.join(', ') || 'no address'})`,
              value: `SHA-256 ${c.fingerprint.slice(0, 23)}… · valid until ${formatDate(c.notAfter)}`,
            }))}
          />
          <PathField
            label="Save the certificate as"
            description="A PEM file. The profile’s ca_bundle points at it, so keep it where it is."
            kind="file"
            value={certPath}
            onChange={(v) => {
              setCertPath(v);
              setSaved(null);
            }}
            placeholder="/home/you/snowball-device.pem"
          />
          {save.error?.code === 'FILE_EXISTS' && (
            <Checkbox checked={overwrite} onChange={({ detail }) => setOverwrite(detail.checked)}>
              Replace the file that is there
            </Checkbox>
          )}
          <Button
            onClick={() => void saveCertificate()}
            loading={save.busy}
            disabled={!isAbsolutePath(certPath.trim())}
          >
            Save the certificate
          </Button>
          <ErrorAlert error={save.error} />
          <Result focus={savedRef} header="Certificate saved" show={Boolean(saved)}>
            <span data-testid="certificate-saved">{saved}</span> (0600: only you can read it).
          </Result>
        </SpaceBetween>
      </Section>

      <Section
        title="A profile for the AWS CLI and SDKs"
        description="Only if you want it: a named profile in your AWS config and credentials files. Every other line of them stays as it is."
      >
        <SpaceBetween size="m">
          {!saved && <Alert type="info">Save the certificate first: the profile points at it.</Alert>}
          <FormField label="Profile name" constraintText="Letters, digits and . _ - @ + = , only.">
            <Input
              value={profile}
              onChange={({ detail }) => {
                setProfile(detail.value);
                setPreview(null);
              }}
              ariaLabel="Profile name"
              spellcheck={false}
            />
          </FormField>
          <Button
            onClick={() => void showPreview()}
            disabled={!saved || !profile.trim()}
            loading={write.busy && !preview}
          >
            Show the lines it adds
          </Button>
          {preview && (
            <div data-testid="profile-preview">
              <SpaceBetween size="s">
                {(
                  [
                    [preview.configFile, preview.configLines],
                    [preview.credentialsFile, preview.credentialsLines],
                  ] as const
                ).map(([file, lines]) => (
                  <SpaceBetween key={file} size="xxs">
                    <Box variant="awsui-key-label">Added to {file}</Box>
                    <Box variant="code">
                      <pre style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {lines.join('\n')}
                      </pre>
                    </Box>
                  </SpaceBetween>
                ))}
                <Box variant="small">
                  The secret key is written as it is; it is masked here. The unlock code and the manifest are
                  never written there.
                </Box>
                {exists && (
                  <Alert type="warning" header={`A profile named ${preview.profile} is already there`}>
                    <SpaceBetween size="xs">
                      <span>Choose another name, or replace that profile (only its own lines change).</span>
                      <Checkbox checked={replace} onChange={({ detail }) => setReplace(detail.checked)}>
                        Replace the profile {preview.profile}
                      </Checkbox>
                    </SpaceBetween>
                  </Alert>
                )}
                <Checkbox checked={consent} onChange={({ detail }) => setConsent(detail.checked)}>
                  Add these lines to my AWS files
                </Checkbox>
                <Button
                  variant="primary"
                  onClick={() => void writeProfile()}
                  disabled={!consent || (exists && !replace)}
                  loading={write.busy}
                >
                  Write the profile
                </Button>
              </SpaceBetween>
            </div>
          )}
          <ErrorAlert error={write.error} />
          <Result focus={writtenRef} header="Profile written" show={Boolean(written)}>
            <span data-testid="profile-written">{written}</span> is in your AWS files.
          </Result>
        </SpaceBetween>
      </Section>

      <Section
        title="Check that it works"
        description="The AWS SDK for S3 lists the buckets over HTTPS, with the device’s keys, trusting only its certificate."
      >
        <SpaceBetween size="m">
          <Button onClick={() => void runCheck()} loading={check.busy}>
            {hosts(access)}
          </Button>
          <ErrorAlert error={check.error} onRetry={() => void runCheck()} />
          <div ref={checkedRef} tabIndex={-1} data-testid="s3-check-result">
            {checked && (
              <SpaceBetween size="m">
                <Alert type="success" header="The S3 adapter answers">
                  {checked.hosts.length > 1 ? `All ${checked.hosts.length} nodes answered. ` : ''}
                  {checked.buckets.length === 0
                    ? 'It holds no buckets.'
                    : `Buckets: ${checked.buckets.map((b) => b.name).join(', ')}.`}{' '}
                  Trusted: {checked.trusted}.
                </Alert>
                <Commands commands={checked.commands} written={written} />
              </SpaceBetween>
            )}
          </div>
        </SpaceBetween>
      </Section>
    </>
  );
}

function hosts(access: DeviceAccessInfo): string {
  return access.hosts.length > 1 ? `Check every node’s S3 adapter` : 'Check the S3 adapter';
}

/** What the person can type now, each with a copy button (through the page's clipboard: nothing secret). */
function Commands({ commands, written }: { commands: SuggestedCommandInfo[]; written: string | null }) {
  return (
    <SpaceBetween size="s">
      <Header
        variant="h3"
        description={
          (written
            ? ''
            : 'Write the profile first: these commands take the keys and the certificate from it. ') +
          'The developer guide supports AWS CLI 1.16.14 and earlier with the S3 adapter; that version does not read endpoint_url from a profile, so each command names the endpoint.'
        }
      >
        What you can type now
      </Header>
      <ul data-testid="suggested-commands" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {commands.map((c) => (
          <li key={c.command} style={{ marginBottom: 8 }}>
            <Box variant="awsui-key-label">{c.label}</Box>
            <CopyToClipboard
              variant="inline"
              textToCopy={c.command}
              copyButtonAriaLabel={`Copy: ${c.label}`}
              copySuccessText="Command copied"
              copyErrorText="Copy failed: select the command and copy it"
            />
          </li>
        ))}
      </ul>
    </SpaceBetween>
  );
}

/** A titled part of the step. */
function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Container
      header={
        <Header variant="h2" description={description}>
          {title}
        </Header>
      }
    >
      {children}
    </Container>
  );
}

/** What an action achieved: announced, and where the keyboard goes next (`focus`). */
function Result({
  focus,
  header,
  show,
  children,
}: {
  focus: RefObject<HTMLDivElement | null>;
  header: string;
  show: boolean;
  children: ReactNode;
}) {
  return (
    <div ref={focus} tabIndex={-1}>
      <LiveRegion>
        {show && (
          <Alert type="success" header={header}>
            {children}
          </Alert>
        )}
      </LiveRegion>
    </div>
  );
}
