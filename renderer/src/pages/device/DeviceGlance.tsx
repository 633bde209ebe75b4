import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import type { DeviceGlanceInfo } from '../../../../electron/contract';

type S3State = NonNullable<DeviceGlanceInfo['s3']>['state'];

export const S3_LOOK: Record<S3State, { type: StatusIndicatorProps.Type; text: string }> = {
  ACTIVE: { type: 'success', text: 'Active' },
  ACTIVATING: { type: 'in-progress', text: 'Starting (ACTIVATING)' },
  DEACTIVATING: { type: 'stopped', text: 'Stopping (DEACTIVATING)' },
  DEGRADED: { type: 'warning', text: 'Degraded' },
  INACTIVE: { type: 'stopped', text: 'Not running (INACTIVE)' },
  UNKNOWN: { type: 'info', text: 'State not reported' },
};

/** "76.2 TB", "104": short enough for a column; the exact figures are in the cell's title. */
function amount(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (!/^byte/i.test(unit)) return `${value.toLocaleString()} ${unit === 'Number' ? '' : unit}`.trim();
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let scaled = value;
  let i = 0;
  while (scaled >= 1024 && i < units.length - 1) {
    scaled /= 1024;
    i++;
  }
  return `${i === 0 ? scaled : scaled.toFixed(1)} ${units[i]}`;
}

/** One device (or cluster node) at a glance: what it is, its S3 adapter, its capacity and its network ports. */
export function DeviceGlance({ device }: { device: DeviceGlanceInfo }) {
  const s3 = device.s3 ? S3_LOOK[device.s3.state] : null;
  return (
    <SpaceBetween size="m">
      <KeyValuePairs
        columns={4}
        items={[
          { label: 'Address', value: device.host },
          { label: 'Device ID', value: device.deviceId ?? '—' },
          { label: 'Type', value: device.deviceType ?? '—' },
          {
            label: 'S3 adapter',
            value: s3 ? (
              <StatusIndicator type={s3.type}>
                <span data-testid="s3-state">{s3.text}</span>
              </StatusIndicator>
            ) : (
              (device.problem ?? '—')
            ),
          },
        ]}
      />
      <SpaceBetween size="m">
        <Table
          variant="embedded"
          header={<Header variant="h3">Capacity</Header>}
          ariaLabels={{ tableLabel: `Capacity of ${device.host}` }}
          items={device.capacities}
          trackBy="name"
          empty={<Box textAlign="center">This device reports no capacities.</Box>}
          columnDefinitions={[
            { id: 'name', header: 'What', cell: (c) => c.name },
            {
              id: 'available',
              header: 'Available of total',
              cell: (c) => (
                <span title={c.unit ? `${c.available ?? '—'} of ${c.total ?? '—'} (${c.unit})` : undefined}>
                  {`${amount(c.available, c.unit)} of ${amount(c.total, c.unit)}`}
                </span>
              ),
            },
          ]}
        />
        <Table
          variant="embedded"
          header={<Header variant="h3">Network interfaces</Header>}
          ariaLabels={{ tableLabel: `Network interfaces of ${device.host}` }}
          items={device.interfaces}
          trackBy={(n) => n.id ?? n.mac ?? ''}
          empty={<Box textAlign="center">This device reports no network interfaces.</Box>}
          columnDefinitions={[
            { id: 'connector', header: 'Port', cell: (n) => n.connector ?? '—' },
            { id: 'ip', header: 'IP address', cell: (n) => n.ipAddress ?? '—' },
            { id: 'assignment', header: 'Assigned by', cell: (n) => n.assignment ?? '—' },
            { id: 'mac', header: 'MAC address', cell: (n) => n.mac ?? '—' },
          ]}
        />
      </SpaceBetween>
    </SpaceBetween>
  );
}
