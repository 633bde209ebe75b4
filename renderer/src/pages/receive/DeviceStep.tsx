import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useEffect, useState } from 'react';
import type { IpcError, ProbeInfo, SnowballClientInfo } from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';

export interface DeviceChoice {
  hosts: string[];
  client: SnowballClientInfo | null;
}

interface Props {
  value: DeviceChoice;
  /** Takes an update of the previous choice: the address and the client arrive at different times. */
  onChange: (update: (previous: DeviceChoice) => DeviceChoice) => void;
}

/** Splits what the user typed into addresses: one for a device, one per node for a cluster. */
export function parseHosts(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((h) => h.trim())
    .filter(Boolean);
}

/** The device's address (read off its display), a reachability check, and the Snowball client to run. */
export function DeviceStep({ value, onChange }: Props) {
  const [hostsText, setHostsText] = useState(() => value.hosts.join(' '));
  const [probes, setProbes] = useState<ProbeInfo[] | null>(null);
  const [probing, setProbing] = useState(false);
  const [clients, setClients] = useState<SnowballClientInfo[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [chosenPath, setChosenPath] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const [clientError, setClientError] = useState<IpcError | null>(null);

  const updateHosts = (text: string) => {
    setHostsText(text);
    onChange((previous) => ({ ...previous, hosts: parseHosts(text) }));
  };

  useEffect(() => {
    void call('findSnowballClient')
      .then((found) => {
        setClients(found.clients);
        setProblems(found.problems);
        const first = found.clients[0];
        if (first) onChange((previous) => (previous.client ? previous : { ...previous, client: first }));
      })
      .catch((e: unknown) => setClientError(errorOf(e)));
    // Look once when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const probe = async () => {
    setProbing(true);
    setError(null);
    try {
      setProbes(await Promise.all(parseHosts(hostsText).map((host) => call('probeDevice', { host }))));
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setProbing(false);
    }
  };

  const choose = async () => {
    setClientError(null);
    try {
      const client = await call('chooseSnowballClient', { path: chosenPath.trim() });
      setClients((list) => [client, ...(list ?? []).filter((c) => c.path !== client.path)]);
      onChange((previous) => ({ ...previous, client }));
    } catch (e) {
      setClientError(errorOf(e));
    }
  };

  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h3">The device on your network</Header>}>
        <SpaceBetween size="m">
          <FormField
            label="Device IP address"
            description="On the device’s display, open the Connections tab. For a cluster, enter every node’s address."
            constraintText="For example 192.168.1.50 — several addresses separated by spaces."
          >
            <Input
              value={hostsText}
              onChange={({ detail }) => updateHosts(detail.value)}
              placeholder="192.168.1.50"
              ariaLabel="Device IP address"
              spellcheck={false}
            />
          </FormField>
          <Button
            onClick={() => void probe()}
            loading={probing}
            disabled={parseHosts(hostsText).length === 0}
          >
            Check the connection
          </Button>
          <ErrorAlert error={error} />
          <LiveRegion>
            {probes?.map((p) => (
              <Alert
                key={p.host}
                type={p.outcome === 'open' ? 'success' : 'warning'}
                header={`${p.host}:${p.port}`}
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
      <Container header={<Header variant="h3">The Snowball client</Header>}>
        <SpaceBetween size="m">
          {clients === null && !clientError && (
            <StatusIndicator type="loading">Looking for the Snowball client…</StatusIndicator>
          )}
          {clients && clients.length > 0 && (
            <RadioGroup
              value={value.client?.path ?? null}
              onChange={({ detail }) =>
                onChange((previous) => ({
                  ...previous,
                  client: clients.find((c) => c.path === detail.value) ?? null,
                }))
              }
              ariaLabel="Snowball client to use"
              items={clients.map((c) => ({
                value: c.path,
                label: `${c.kind} ${c.version ?? ''}`.trim(),
                description: `${c.path} (${c.source === 'path' ? 'on PATH' : c.source === 'install-folder' ? 'install folder' : c.source === 'settings' ? 'used before' : 'chosen'})`,
              }))}
            />
          )}
          {clients && clients.length === 0 && (
            <Alert type="info" header="No Snowball client found">
              {problems.length > 0 ? (
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <>
                  Download the Snowball Edge client from AWS, extract it, then choose its{' '}
                  <Box variant="code">bin/snowballEdge</Box> below.
                </>
              )}
            </Alert>
          )}
          <PathField
            label="Or choose the client’s executable"
            kind="file"
            value={chosenPath}
            onChange={setChosenPath}
            placeholder="/home/me/snowball-client-linux/bin/snowballEdge"
          />
          <Button onClick={() => void choose()} disabled={!chosenPath.trim()}>
            Use this client
          </Button>
          <ErrorAlert error={clientError} />
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
