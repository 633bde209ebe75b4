/**
 * After the device arrived and before it goes back: tell AWS it was received, get the return shipping
 * label (create it, follow it until AWS finishes, save the PDF where the user chose), and the link to the
 * device's software updates.
 */
import path from 'node:path';
import {
  CreateReturnShippingLabelCommand,
  DescribeReturnShippingLabelCommand,
  GetSoftwareUpdatesCommand,
  UpdateJobShipmentStateCommand,
  type ShippingOption,
} from '@aws-sdk/client-snowball';
import type { JobRefInfo, ReturnLabelInfo } from '../contract';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { writeFileAtomic } from './fs/atomic-write';
import type { AwsSession } from './session';

export async function markReceived(session: AwsSession, job: JobRefInfo): Promise<void> {
  try {
    await session
      .snowball(job.region)
      .send(new UpdateJobShipmentStateCommand({ JobId: job.jobId, ShipmentState: 'RECEIVED' }));
  } catch (error) {
    throw toAppError(error, { action: 'mark the device as received', ...job, profile: session.profile });
  }
}

export interface ReturnLabelOptions {
  shippingOption?: ShippingOption;
  /** Where to save the label; nothing is saved when absent. */
  folder?: string;
  overwrite?: boolean;
  pollMs?: number;
  timeoutMs?: number;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetchImpl?: typeof fetch;
}

export async function returnLabel(
  session: AwsSession,
  job: JobRefInfo,
  options: ReturnLabelOptions,
): Promise<ReturnLabelInfo> {
  const client = session.snowball(job.region);
  const context = { action: 'get the return shipping label', ...job, profile: session.profile };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  try {
    await client.send(
      new CreateReturnShippingLabelCommand({
        JobId: job.jobId,
        ...(options.shippingOption ? { ShippingOption: options.shippingOption } : {}),
      }),
    );
  } catch (error) {
    // Asking twice is fine: follow the label that exists or is still being made.
    const name = (error as { name?: string }).name;
    if (name !== 'ReturnShippingLabelAlreadyExistsException' && name !== 'ConflictException')
      throw toAppError(error, context);
  }

  const deadline = options.now() + (options.timeoutMs ?? 5 * 60_000);
  for (;;) {
    let out;
    try {
      out = await client.send(new DescribeReturnShippingLabelCommand({ JobId: job.jobId }));
    } catch (error) {
      throw toAppError(error, context);
    }
    const status = out.Status ?? 'InProgress';
    if (status === 'Succeeded') {
      const uri = out.ReturnShippingLabelURI ?? null;
      const savedTo = uri && options.folder ? await saveLabel(uri, options.folder, job.jobId, options) : null;
      return { status, uri, expiresAt: out.ExpirationDate?.getTime() ?? null, savedTo };
    }
    if (status === 'Failed' || status === 'TimedOut') {
      throw new AppError(
        'REQUEST_REFUSED',
        `AWS could not create the return shipping label (${status}). Try again later, or contact AWS Support from the console.`,
        { retryable: status === 'TimedOut' },
      );
    }
    if (options.now() >= deadline) {
      throw new AppError(
        'SERVICE_ERROR',
        'AWS is still preparing the return shipping label. Try again in a few minutes.',
        {
          retryable: true,
        },
      );
    }
    await sleep(options.pollMs ?? 3_000);
  }
}

async function saveLabel(
  uri: string,
  folder: string,
  jobId: string,
  options: ReturnLabelOptions,
): Promise<string> {
  const destination = path.join(folder, `${jobId}_return-label.pdf`);
  const response = await (options.fetchImpl ?? fetch)(uri).catch(() => null);
  if (!response || response.status !== 200) {
    throw new AppError('DOWNLOAD_FAILED', 'The return shipping label could not be downloaded. Try again.', {
      retryable: true,
    });
  }
  await writeFileAtomic(destination, new Uint8Array(await response.arrayBuffer()), {
    overwrite: options.overwrite ?? false,
  });
  return destination;
}

export async function softwareUpdates(session: AwsSession, job: JobRefInfo): Promise<{ uri: string | null }> {
  try {
    const out = await session.snowball(job.region).send(new GetSoftwareUpdatesCommand({ JobId: job.jobId }));
    return { uri: out.UpdatesURI ?? null };
  } catch (error) {
    throw toAppError(error, { action: 'get the software updates link', ...job, profile: session.profile });
  }
}
