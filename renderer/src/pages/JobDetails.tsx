import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useEffect, useState } from 'react';
import type { ClusterInfo, IpcError, JobDetailsInfo, JobSummaryInfo } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate } from '../format';
import { jobStatus } from '../job-state';
import { deviceName, jobTypeName, regionName, statusHere } from '../job-words';
import { useShellState } from '../state/app-state';

/** The selected job: tracking numbers both ways, its cluster, an export job's parts. */
export function JobDetails({ job }: { job: JobSummaryInfo }) {
  const [details, setDetails] = useState<JobDetailsInfo | null>(null);
  const [cluster, setCluster] = useState<ClusterInfo | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { regions, doneHere } = useShellState();

  useEffect(() => {
    // The page mounts one JobDetails per job (keyed), so state starts empty for each job.
    let current = true;
    void call('describeJob', { jobId: job.jobId, region: job.region })
      .then(async (d) => {
        if (!current) return;
        setDetails(d);
        if (d.clusterId) {
          const c = await call('describeCluster', { clusterId: d.clusterId, region: job.region });
          if (current) setCluster(c);
        }
      })
      .catch((e: unknown) => current && setError(errorOf(e)));
    return () => {
      current = false;
    };
  }, [job.jobId, job.region]);

  // What was done here leads, as in the list's row.
  const status = details && statusHere(details, doneHere.get(job.jobId));

  return (
    <Container
      variant="stacked"
      header={
        <Header variant="h3" description={job.description ?? undefined}>
          <span className="sc-path">{job.jobId}</span>
        </Header>
      }
    >
      <ErrorAlert error={error} />
      {!details && !error && <Spinner size="normal" />}
      {details && status && (
        <SpaceBetween size="l">
          <KeyValuePairs
            columns={3}
            items={[
              {
                label: 'Status',
                value: <StatusIndicator type={status.type}>{status.text}</StatusIndicator>,
              },
              {
                label: 'Device',
                value: `${deviceName(details.snowballType)} (API: ${[details.snowballType, details.capacity]
                  .filter(Boolean)
                  .join(', ')})`,
              },
              { label: 'Job type', value: `${jobTypeName(details.jobType)} (${details.jobType ?? '—'})` },
              { label: 'Region', value: `${regionName(details.region, regions)} (${details.region})` },
              { label: 'Created', value: formatDate(details.createdAt) },
              { label: 'Shipping', value: details.shippingOption ?? '—' },
              {
                label: 'Tracking to you',
                value: details.outbound?.trackingNumber
                  ? `${details.outbound.trackingNumber} (${details.outbound.status ?? '—'})`
                  : '—',
              },
              {
                label: 'Tracking back to AWS',
                value: details.inbound?.trackingNumber
                  ? `${details.inbound.trackingNumber} (${details.inbound.status ?? '—'})`
                  : 'Not shipped yet',
              },
              { label: 'Cluster', value: details.clusterId ?? 'Not part of a cluster' },
            ]}
          />
          {details.parts.length > 0 && (
            <div>
              <Box variant="h4">Export parts ({details.parts.length})</Box>
              <ul>
                {details.parts.map((p) => (
                  <li key={p.jobId}>
                    <Box variant="code">{p.jobId}</Box> — {deviceName(p.snowballType)} —{' '}
                    <StatusIndicator type={jobStatus(p).type}>{jobStatus(p).text}</StatusIndicator>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {cluster && (
            <div>
              <Box variant="h4">
                Cluster {cluster.clusterId}: {cluster.nodes.length} devices ({cluster.state})
              </Box>
              <ul>
                {cluster.nodes.map((n) => (
                  <li key={n.jobId}>
                    <Box variant="code">{n.jobId}</Box> — {n.description ?? ''} —{' '}
                    <StatusIndicator type={jobStatus(n).type}>{jobStatus(n).text}</StatusIndicator>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </SpaceBetween>
      )}
    </Container>
  );
}
