import { ApiError, invalidInputCombination, invalidJobState, invalidResource } from '../errors';
import type { JobRecord, ShipmentState, ShippingLabelStatus, ShippingOption } from '../model';
import { MANIFEST_URL_TTL_SECONDS } from '../presign';
import type { Operation, OperationContext } from './context';
import { issueObjectUrl, optionalString, requireJob } from './context';

/** A label request turns Succeeded after this much emulator time, or on the third Describe call. */
export const LABEL_READY_AFTER_MS = 30_000;
export const LABEL_READY_AFTER_DESCRIBES = 3;
const LABEL_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export const updateJobShipmentState: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  const target = String(input.ShipmentState) as ShipmentState;
  if (job.isMaster) {
    throw invalidJobState(`Job ${job.jobId} is the master entry of an export job and has no device to ship.`);
  }
  // RECEIVED: the device arrived (InTransitToCustomer -> WithCustomer). RETURNED: it left (WithCustomer -> InTransitToAWS).
  // Repeating the call in the resulting state is accepted, as a retried request must be.
  const moves: Record<ShipmentState, { from: JobRecord['state']; to: JobRecord['state'] }> = {
    RECEIVED: { from: 'InTransitToCustomer', to: 'WithCustomer' },
    RETURNED: { from: 'WithCustomer', to: 'InTransitToAWS' },
  };
  const move = moves[target];
  if (job.state === move.from) ctx.store.setJobState(job.jobId, move.to, ctx.clock.now());
  else if (job.state !== move.to) {
    throw invalidJobState(`Job ${job.jobId} is in the ${job.state} state and cannot be marked ${target}.`);
  }
  return {};
};

function labelStatus(ctx: OperationContext, job: JobRecord): ShippingLabelStatus | undefined {
  const label = job.returnLabel;
  if (!label) return undefined;
  const age = ctx.clock.now() - label.createdAt;
  if (age > LABEL_LIFETIME_MS) return 'TimedOut';
  return age >= LABEL_READY_AFTER_MS || label.describeCalls >= LABEL_READY_AFTER_DESCRIBES
    ? 'Succeeded'
    : 'InProgress';
}

export const createReturnShippingLabel: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  if (job.isMaster) {
    throw invalidInputCombination(
      `Job ${job.jobId} is the master entry of an export job and has no device to return.`,
    );
  }
  if (job.snowballType === 'STANDARD') {
    throw invalidInputCombination(
      'Return shipping labels are not available for SnowballType STANDARD; the device shows its return label on its E Ink display.',
    );
  }
  if (job.state !== 'WithCustomer') {
    throw invalidJobState(
      `A return shipping label can be created only while the job is in the WithCustomer state. Job ${job.jobId} is in the ${job.state} state.`,
    );
  }
  const status = labelStatus(ctx, job);
  if (status === 'InProgress') {
    throw new ApiError(
      'ConflictException',
      `A return shipping label request for job ${job.jobId} is still in progress.`,
      400,
      'modeled',
      { ConflictResource: job.jobId },
    );
  }
  if (status === 'Succeeded') {
    throw new ApiError(
      'ReturnShippingLabelAlreadyExistsException',
      `A valid return shipping label already exists for job ${job.jobId}. Use DescribeReturnShippingLabel to get it.`,
    );
  }
  const shippingOption =
    (optionalString(input, 'ShippingOption') as ShippingOption | undefined) ?? job.shippingOption;
  job.returnLabel = { createdAt: ctx.clock.now(), describeCalls: 0, shippingOption };
  return { Status: 'InProgress' };
};

export const describeReturnShippingLabel: Operation = async (ctx, input) => {
  const job = requireJob(ctx, input);
  const label = job.returnLabel;
  if (!label) {
    if (job.state !== 'WithCustomer') {
      throw invalidJobState(
        `Job ${job.jobId} is in the ${job.state} state and has no return shipping label.`,
      );
    }
    throw invalidResource(
      `No return shipping label has been requested for job ${job.jobId}.`,
      'RETURN_SHIPPING_LABEL',
    );
  }
  label.describeCalls += 1;
  const status = labelStatus(ctx, job) ?? 'InProgress';
  if (status !== 'Succeeded') return { Status: status };
  return {
    Status: status,
    ExpirationDate: new Date(label.createdAt + LABEL_LIFETIME_MS),
    ReturnShippingLabelURI: await issueObjectUrl(ctx, 'label', job, MANIFEST_URL_TTL_SECONDS),
  };
};
