import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { JobSummaryInfo } from '../../electron/contract';

/** Cloudscape's status kinds (its StatusIndicator and the light StatusText take the same). */
export type StatusType = StatusIndicatorProps.Type;

/** How a job's state reads on site: the delivered ones stand out. */
export function jobStatus(
  job: Pick<JobSummaryInfo, 'state' | 'isMaster'> & { credentials?: JobSummaryInfo['credentials'] },
): { type: StatusType; text: string } {
  switch (job.state) {
    case 'WithCustomer':
      if (job.isMaster) return { type: 'info', text: 'Delivered (export parent: open its parts)' };
      if (job.credentials?.expired) return { type: 'error', text: 'Delivered — code expired' };
      return { type: 'success', text: 'Delivered — ready to unlock' };
    case 'InTransitToCustomer':
      return { type: 'in-progress', text: 'On its way to you' };
    case 'New':
      return { type: 'pending', text: 'Ordered' };
    case 'Pending':
      return { type: 'pending', text: 'Pending' };
    case 'PreparingAppliance':
      return { type: 'pending', text: 'Preparing the device' };
    case 'PreparingShipment':
      return { type: 'pending', text: 'Preparing shipment' };
    case 'InTransitToAWS':
      return { type: 'in-progress', text: 'On its way back to AWS' };
    case 'WithAWSSortingFacility':
      return { type: 'info', text: 'At the AWS sorting facility' };
    case 'WithAWS':
      return { type: 'info', text: 'Back with AWS' };
    case 'InProgress':
      return { type: 'info', text: 'AWS is transferring the data' };
    case 'Listing':
      return { type: 'pending', text: 'Listing' };
    case 'Complete':
      return { type: 'stopped', text: 'Complete' };
    case 'Cancelled':
      return { type: 'stopped', text: 'Cancelled' };
    default:
      return { type: 'info', text: job.state };
  }
}

/** Why a job cannot be received now, or null when it can. */
export function notReadyReason(job: JobSummaryInfo): string | null {
  if (job.readyToUnlock) {
    return job.credentials?.expired
      ? 'Its manifest and unlock code have expired (360 days after the job was created).'
      : null;
  }
  if (job.isMaster) return 'This is the parent entry of an export job; receive each of its parts instead.';
  return `The device is not with you yet (state ${job.state}). The manifest and unlock code are available once AWS reports it delivered.`;
}
