import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Wizard from '@cloudscape-design/components/wizard';
import { useEffect, useState } from 'react';
import type {
  IpcError,
  JobSummaryInfo,
  ManifestResultInfo,
  UnlockCodeHandleInfo,
} from '../../../electron/contract';
import { call } from '../api/call';
import { jobStatus, notReadyReason } from '../job-state';
import { dirname } from '../paths';
import { useShellState } from '../state/app-state';
import { unlockAndReadySteps } from './device/after-unlock-steps';
import { deviceStep, type DeviceChoice } from './steps/DeviceStep';
import { DoneStep } from './receive/DoneStep';
import { ManifestStep } from './receive/ManifestStep';
import { ReceiptStep } from './receive/ReceiptStep';
import { UnlockCodeStep, type StoredCode } from './receive/UnlockCodeStep';
import { useUnlockRun } from './steps/UnlockStep';
import { wizardStrings } from './wizard-strings';
import { useStepGate } from '../components/use-step-gate';

/** The wizard's own Cancel: named so it is never mistaken for stopping an unlock. */
export const LEAVE_BUTTON = 'Cancel receiving';

/** The receiving wizard for one delivered job. */
export function ReceivePage() {
  const { receiveJob: job, navigate, settings, setLeaveGuard, refreshDoneHere } = useShellState();
  const remembered = job ? settings?.jobs[job.jobId] : undefined;
  const [step, setStep] = useState(0);
  const [marked, setMarked] = useState(false);
  const [manifest, setManifest] = useState<ManifestResultInfo | null>(null);
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [stored, setStored] = useState<StoredCode | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: remembered?.deviceIps ?? [], client: null });
  const [run, setRun] = useUnlockRun();
  const [moved, setMoved] = useState<JobSummaryInfo | null>(null);

  // What each step needs before the next one; a message shows only after "Next" was tried, and goes
  // the moment its condition is met.
  const gate = useStepGate(step, [
    null,
    manifest ? null : 'Download the manifest first: the unlock code is checked against where it went.',
    !handle
      ? 'Get the unlock code first.'
      : !stored
        ? 'Choose where the unlock code goes, and copy, write down or save it.'
        : null,
    device.hosts.length === 0 ? 'Enter the device’s IP address.' : null,
    null,
    null,
    null,
  ]);

  // Mid-way, leaving asks first: what is done stays done, the code held in memory is forgotten.
  const started = step > 0 || marked;
  // Unlocked and past the Unlock step (Ready for data, Done): nothing is left half done.
  const finished = run?.state === 'UNLOCKED' && step >= 5;
  useEffect(() => {
    setLeaveGuard(
      started && !finished
        ? {
            title: 'Stop receiving this device?',
            message:
              'What is done stays done: a manifest you saved stays where it is, and AWS keeps the job as it is now. ' +
              'The unlock code is forgotten from memory, and the wizard starts again from the first step next time.',
          }
        : null,
    );
  }, [started, finished, setLeaveGuard]);
  useEffect(() => () => setLeaveGuard(null), [setLeaveGuard]);
  // Leaving the wizard (finished or not) forgets the code it held.
  useEffect(() => {
    if (!handle) return undefined;
    return () => void call('forgetUnlockCode', { handleId: handle.id }).catch(() => undefined);
  }, [handle]);

  // No wizard without a delivered job: say why, and the way back.
  const reason = job ? notReadyReason(job) : null;
  if (!job || reason) {
    return (
      <Box padding={{ top: 'l' }}>
        <h1 className="sc-h1">Receive a device</h1>
        <Box padding={{ top: 's' }}>
          <Alert
            type={job ? 'warning' : 'info'}
            header={job ? 'This device cannot be received yet' : 'No device chosen'}
            action={<Button onClick={() => navigate('jobs')}>{job ? 'Back to jobs' : 'Show jobs'}</Button>}
          >
            {reason ?? 'Choose a delivered job on the Jobs page, then select “Receive this device”.'}
          </Alert>
        </Box>
      </Box>
    );
  }

  /** A step learned from AWS that the job is no longer with the customer: ask AWS where it is now. */
  const onStepError = (error: IpcError) => {
    if (error.code !== 'INVALID_JOB_STATE') return;
    void call('describeJob', { jobId: job.jobId, region: job.region })
      .then((now) => setMoved(now.state === 'WithCustomer' ? null : now))
      .catch(() => setMoved({ ...job, state: 'unknown' }));
  };
  const checkAgain = () =>
    void call('describeJob', { jobId: job.jobId, region: job.region })
      .then((now) => setMoved(now.state === 'WithCustomer' ? null : now))
      .catch(() => undefined);

  const rememberHosts = () => {
    if (device.hosts.length > 0)
      void call('rememberJob', { jobId: job.jobId, deviceIps: device.hosts }).catch(() => undefined);
  };

  return (
    <SpaceBetween size="m">
      {moved && (
        <Box padding={{ top: 'l' }}>
          <Alert
            type="warning"
            header="AWS no longer lists this device as delivered"
            action={
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={checkAgain}>Check again</Button>
                <Button onClick={() => navigate('jobs', { done: true })}>Back to jobs</Button>
              </SpaceBetween>
            }
          >
            <span data-testid="job-moved">
              AWS now reports this job as “{moved.state === 'unknown' ? 'unknown' : jobStatus(moved).text}”.
              The manifest and unlock code can only be fetched while the device is with you. If the device is
              in front of you, check with whoever ordered it; otherwise go back to the job list.
            </span>
          </Alert>
        </Box>
      )}
      <Box padding={{ top: moved ? 'n' : 'l' }}>
        <Wizard
          activeStepIndex={step}
          allowSkipTo
          onNavigate={gate.onNavigate(setStep, (from) => from === 3 && rememberHosts())}
          onCancel={() => navigate('jobs')}
          onSubmit={() => {
            // Back to the jobs, where this job now says what was done here, and when.
            void refreshDoneHere();
            navigate('jobs', { done: true });
          }}
          submitButtonText="Finish"
          i18nStrings={{
            ...wizardStrings('Receiving steps', LEAVE_BUTTON),
            skipToButtonLabel: (s) => `Skip to ${s.title}`,
          }}
          steps={[
            {
              title: 'Receipt',
              description: 'Tell AWS the device arrived.',
              isOptional: true,
              content: (
                <ReceiptStep
                  job={job}
                  marked={marked}
                  onMarked={() => setMarked(true)}
                  onError={onStepError}
                />
              ),
              errorText: gate.errorText(0),
            },
            {
              title: 'Manifest',
              description: 'Download it now, to a place of its own.',
              content: (
                <ManifestStep
                  job={job}
                  initialFolder={remembered?.manifestFolder ?? ''}
                  result={manifest}
                  onDownloaded={setManifest}
                  onError={onStepError}
                />
              ),
              errorText: gate.errorText(1),
            },
            {
              title: 'Unlock code',
              description: 'Fetch it and keep it away from the manifest.',
              content: manifest ? (
                <UnlockCodeStep
                  job={job}
                  manifestPath={manifest.path}
                  initialFolder={remembered?.codeFolder ?? ''}
                  handle={handle}
                  onHandle={setHandle}
                  stored={stored}
                  onStored={setStored}
                  onError={onStepError}
                />
              ) : (
                <Alert type="info">Download the manifest first (previous step).</Alert>
              ),
              errorText: gate.errorText(2),
            },
            deviceStep(device, setDevice, gate.errorText(3)),
            ...unlockAndReadySteps({
              handleId: handle?.id ?? null,
              manifestPath: manifest?.path ?? '',
              device,
              run,
              onRun: setRun,
              onReady: () => setStep(5),
              folder: stored?.path ? dirname(stored.path) : '',
            }),
            {
              title: 'Done',
              description: 'What was stored where, and what comes next.',
              content: (
                <DoneStep
                  job={job}
                  manifest={manifest}
                  stored={stored}
                  run={run}
                  labelFolder={stored?.path ? dirname(stored.path) : ''}
                />
              ),
            },
          ]}
        />
      </Box>
    </SpaceBetween>
  );
}
