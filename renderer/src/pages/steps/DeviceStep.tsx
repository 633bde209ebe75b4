import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { WizardProps } from '@cloudscape-design/components/wizard';
import { useEffect, useState } from 'react';
import type { ProbeInfo, SnowballClientInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { readHosts } from '../../device-hosts';
import { formatBytes, formatDateTime } from '../../format';
import { useShellState } from '../../state/app-state';

export interface DeviceChoice {
  hosts: string[];
  client: SnowballClientInfo | null;
  /** The last connection check of each address, for the Unlock step's warning. */
  probes?: ProbeInfo[];
}

interface Props {
  value: DeviceChoice;
  /** Takes an update of the previous choice: the address and the client arrive at different times. */
  onChange: (update: (previous: DeviceChoice) => DeviceChoice) => void;
}

export const PROBE_HEADERS: Record<ProbeInfo['outcome'], string> = {
  open: 'answers',
  'not-snowball': 'something answers, but not a Snowball',
  refused: 'refused',
  timeout: 'no answer',
  unreachable: 'no network path',
  'name-not-found': 'name not found',
};

const SOURCE_WORDS: Record<SnowballClientInfo['source'], string> = {
  path: 'on PATH',
  'install-folder': 'install folder',
  settings: 'used before',
  chosen: 'chosen',
  simulated: 'part of the demo account',
};

function clientLabel(c: SnowballClientInfo): string {
  if (c.trust === 'simulated') return `${c.kind} ${c.version ?? ''} — simulated (demo)`;
  if (c.trust === 'confirmed') return `${c.kind} ${c.version ?? ''}`.trim();
  return `${c.kind} (${c.trust === 'changed' ? 'changed since you confirmed it' : 'not confirmed yet'})`;
}

/** The Device step as both wizards show it. */
export function deviceStep(
  value: DeviceChoice,
  onChange: Props['onChange'],
  errorText: string | null,
): WizardProps.Step {
  return {
    title: 'Device',
    description: 'Its address on your network, and the Snowball client.',
    errorText,
    content: <DeviceStep value={value} onChange={onChange} />,
  };
}

/** The device's address (read off its display), a reachability check, and the Snowball client to run. */
export function DeviceStep({ value, onChange }: Props) {
  const { appInfo } = useShellState();
  const [hostsText, setHostsText] = useState(() => value.hosts.join(' '));
  const [clients, setClients] = useState<SnowballClientInfo[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [site, setSite] = useState<{ device: string; cluster: string[] } | null>(null);
  const [chosenPath, setChosenPath] = useState('');
  const { busy: probing, error, run: probeRun } = useAction();
  // Finding, choosing and confirming the client share one place for their failure, under the client.
  const { running: clientBusy, error: clientError, run: clientRun } = useAction();
  const read = readHosts(hostsText);
  const probes = value.probes ?? null;

  const updateHosts = (text: string) => {
    setHostsText(text);
    onChange((previous) => ({ ...previous, hosts: readHosts(text).hosts, probes: [] }));
  };

  useEffect(() => {
    void clientRun(async () => {
      const found = await call('findSnowballClient');
      setClients(found.clients);
      setProblems(found.problems);
      setSite(found.simulatedSite);
      const first = found.clients[0];
      if (first) onChange((previous) => (previous.client ? previous : { ...previous, client: first }));
    }, 'find');
    // Look once when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const probe = () =>
    probeRun(async () => {
      const results = await Promise.all(read.hosts.map((host) => call('probeDevice', { host })));
      onChange((previous) => ({ ...previous, probes: results }));
    });

  const pickClient = (client: SnowballClientInfo) => {
    setClients((list) => [client, ...(list ?? []).filter((c) => c.path !== client.path)]);
    onChange((previous) => ({ ...previous, client }));
  };

  const look = () =>
    clientRun(
      async () => pickClient(await call('chooseSnowballClient', { path: chosenPath.trim() })),
      'look',
    );

  const confirm = (client: SnowballClientInfo) => {
    const { sha256 } = client;
    if (!sha256) return Promise.resolve();
    return clientRun(
      async () => pickClient(await call('confirmSnowballClient', { path: client.path, sha256 })),
      'confirm',
    );
  };

  const selected = value.client;
  const whereAsked =
    appInfo?.shell === 'browser'
      ? 'in the terminal where Snowball Companion runs (browser mode has no dialogs)'
      : 'in a dialog of its own';

  return (
    <div data-testid="device-step">
      <SpaceBetween size="l">
        {site && (
          <Alert type="info" header="Demo: a simulated site">
            The demo account comes with simulated Snowball devices and a simulated client, so you can try the
            whole flow. Nothing real is unlocked. The simulated device’s display shows{' '}
            <Box variant="code">{site.device}</Box>; the simulated cluster’s nodes show{' '}
            <Box variant="code">{site.cluster.join(' ')}</Box>.
            <Box margin={{ top: 'xs' }}>
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => updateHosts(site.device)}>Use the simulated device</Button>
                <Button onClick={() => updateHosts(site.cluster.join(' '))}>Use the simulated cluster</Button>
              </SpaceBetween>
            </Box>
          </Alert>
        )}
        <Container header={<Header variant="h2">The device on your network</Header>}>
          <SpaceBetween size="m">
            <FormField
              label="Device IP address"
              description="On the device’s display, open the Connections tab. For a cluster, enter every node’s address."
              constraintText="For example 192.168.1.50 — several addresses separated by spaces."
              errorText={read.problems.length > 0 ? read.problems.join(' ') : undefined}
            >
              <Input
                value={hostsText}
                onChange={({ detail }) => updateHosts(detail.value)}
                placeholder="192.168.1.50"
                ariaLabel="Device IP address"
                spellcheck={false}
                invalid={read.problems.length > 0}
              />
            </FormField>
            {read.notes.map((note) => (
              <StatusIndicator key={note} type="info">
                <span data-testid="host-note">{note}</span>
              </StatusIndicator>
            ))}
            <Button
              onClick={() => void probe()}
              loading={probing}
              disabled={read.hosts.length === 0 || read.problems.length > 0}
            >
              Check the connection
            </Button>
            <ErrorAlert error={error} />
            <LiveRegion>
              {probes?.map((p) => (
                <Alert
                  key={p.host}
                  type={p.outcome === 'open' ? 'success' : p.outcome === 'not-snowball' ? 'warning' : 'error'}
                  header={`${p.host}: ${PROBE_HEADERS[p.outcome]}`}
                >
                  <SpaceBetween size="xs">
                    <span data-testid="probe-message">{p.message}</span>
                    {p.hints.length > 0 && (
                      <ul>
                        {p.hints.map((hint) => (
                          <li key={hint}>{hint}</li>
                        ))}
                      </ul>
                    )}
                  </SpaceBetween>
                </Alert>
              ))}
            </LiveRegion>
          </SpaceBetween>
        </Container>
        <Container header={<Header variant="h2">The Snowball client</Header>}>
          <SpaceBetween size="m">
            {clients === null && !clientError && (
              <StatusIndicator type="loading">Looking for the Snowball client…</StatusIndicator>
            )}
            {clients && clients.length > 0 && (
              <RadioGroup
                value={selected?.path ?? null}
                onChange={({ detail }) =>
                  onChange((previous) => ({
                    ...previous,
                    client: clients.find((c) => c.path === detail.value) ?? null,
                  }))
                }
                ariaLabel="Snowball client to use"
                items={clients.map((c) => ({
                  value: c.path,
                  label: clientLabel(c),
                  description:
                    c.trust === 'simulated'
                      ? 'Simulated client of the demo account'
                      : `${c.path} (${SOURCE_WORDS[c.source]})`,
                }))}
              />
            )}
            {selected && (
              <ClientCard
                client={selected}
                whereAsked={whereAsked}
                confirming={clientBusy === 'confirm'}
                onConfirm={() => void confirm(selected)}
              />
            )}
            {problems.length > 0 && (
              <Alert
                type={clients && clients.length > 0 ? 'warning' : 'info'}
                header={clients && clients.length > 0 ? 'Not used' : 'No Snowball client found'}
              >
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </Alert>
            )}
            <PathField
              label="Or choose the client’s executable"
              kind="file"
              value={chosenPath}
              onChange={setChosenPath}
              placeholder="/home/me/snowball-client-linux/bin/snowballEdge"
            />
            <Button onClick={() => void look()} disabled={!chosenPath.trim()}>
              Look at this client
            </Button>
            <ErrorAlert error={clientError} />
          </SpaceBetween>
        </Container>
      </SpaceBetween>
    </div>
  );
}

interface CardProps {
  client: SnowballClientInfo;
  whereAsked: string;
  confirming: boolean;
  onConfirm: () => void;
}

/** What the person vouches for: the file, its owner, size and SHA-256; once confirmed, its version. */
function ClientCard({ client, whereAsked, confirming, onConfirm }: CardProps) {
  if (client.trust === 'simulated') {
    return (
      <Alert type="info" header="Simulated client (demo)">
        Part of the demo account: it unlocks the simulated devices, never a real one, and is there only while
        the demo account is connected.
      </Alert>
    );
  }
  const facts = (
    <KeyValuePairs
      columns={2}
      items={[
        { label: 'Path', value: <span data-testid="client-path">{client.path}</span> },
        { label: 'Owner', value: client.owner ?? 'Not known on this system' },
        { label: 'Size', value: client.size === null ? '—' : formatBytes(client.size) },
        { label: 'SHA-256', value: <Box variant="code">{client.sha256 ?? '—'}</Box> },
        ...(client.version ? [{ label: 'Version', value: client.version }] : []),
      ]}
    />
  );
  const legacy = client.takesProfile ? null : (
    <Box variant="p">
      This legacy client takes the unlock code only in its command line; the Unlock step asks you before it
      runs that way.
    </Box>
  );
  if (client.trust === 'confirmed') {
    return (
      <SpaceBetween size="s">
        <StatusIndicator type="success">
          <span data-testid="client-trust">
            Confirmed by you{client.confirmedAt ? ` on ${formatDateTime(client.confirmedAt)}` : ''}
          </span>
        </StatusIndicator>
        {facts}
        {legacy}
      </SpaceBetween>
    );
  }
  return (
    <Alert
      type={client.trust === 'changed' ? 'warning' : 'info'}
      header={
        client.trust === 'changed'
          ? 'This client changed since you confirmed it'
          : 'Confirm this client before it runs'
      }
      action={
        <Button onClick={onConfirm} loading={confirming}>
          Confirm this client
        </Button>
      }
    >
      <SpaceBetween size="s">
        <Box variant="p">
          <span data-testid="client-trust">
            {client.problem ? `${client.problem} ` : ''}Snowball Companion has not run it. Confirming shows
            you these details again {whereAsked}; then it runs the client’s version command, and later gives
            it your unlock code. Confirm only the client you downloaded from AWS.
          </span>
        </Box>
        {facts}
        {legacy}
      </SpaceBetween>
    </Alert>
  );
}
