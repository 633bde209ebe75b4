import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Wizard from '@cloudscape-design/components/wizard';
import { useState } from 'react';
import type { ManifestResultInfo, UnlockCodeHandleInfo } from '../../../electron/contract';
import { call } from '../api/call';
import { notReadyReason } from '../job-state';
import { dirname } from '../paths';
import { useAppState } from '../state/app-state';
import { DeviceStep, type DeviceChoice } from './receive/DeviceStep';
import { DoneStep } from './receive/DoneStep';
import { ManifestStep } from './receive/ManifestStep';
import { ReceiptStep } from './receive/ReceiptStep';
import { UnlockCodeStep, type StoredCode } from './receive/UnlockCodeStep';
import { UnlockStep, useUnlockRun } from './receive/UnlockStep';

/** The receiving wizard for one delivered job. */
export function ReceivePage() {
  const { receiveJob: job, navigate, settings } = useAppState();
  const remembered = job ? settings?.jobs[job.jobId] : undefined;
  const [step, setStep] = useState(0);
  const [marked, setMarked] = useState(false);
  const [manifest, setManifest] = useState<ManifestResultInfo | null>(null);
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [stored, setStored] = useState<StoredCode | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: remembered?.deviceIps ?? [], client: null });
  const [run, setRun] = useUnlockRun();
  const [stepError, setStepError] = useState<string | null>(null);

  if (!job) {
    return (
      <Box padding="l">
        <Alert
          type="info"
          header="No device chosen"
          action={<Button onClick={() => navigate('jobs')}>Show jobs</Button>}
        >
          Choose a delivered job on the Jobs page, then select “Receive this device”.
        </Alert>
      </Box>
    );
  }
  const reason = notReadyReason(job);
  if (reason) {
    return (
      <Box padding="l">
        <Alert
          type="warning"
          header="This device cannot be received yet"
          action={<Button onClick={() => navigate('jobs')}>Back to jobs</Button>}
        >
          {reason}
        </Alert>
      </Box>
    );
  }

  // What each step needs before the next one.
  const blockers = [
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
  ];

  const rememberHosts = () => {
    if (device.hosts.length > 0)
      void call('rememberJob', { jobId: job.jobId, deviceIps: device.hosts }).catch(() => undefined);
  };

  return (
    <Box padding={{ top: 'l' }}>
      <Wizard
        activeStepIndex={step}
        allowSkipTo
        onNavigate={({ detail }) => {
          const blocker = detail.reason === 'next' ? (blockers[step] ?? null) : null;
          if (blocker) {
            setStepError(blocker);
            return;
          }
          if (step === 3) rememberHosts();
          setStepError(null);
          setStep(detail.requestedStepIndex);
        }}
        onCancel={() => navigate('jobs')}
        onSubmit={() => {
          if (handle) void call('forgetUnlockCode', { handleId: handle.id }).catch(() => undefined);
          navigate('jobs');
        }}
        submitButtonText="Finish"
        i18nStrings={{
          stepNumberLabel: (n) => `Step ${n}`,
          collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
          skipToButtonLabel: (s) => `Skip to ${s.title}`,
          navigationAriaLabel: 'Receiving steps',
          cancelButton: 'Cancel',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        steps={[
          {
            title: 'Receipt',
            description: 'Tell AWS the device arrived.',
            isOptional: true,
            content: <ReceiptStep job={job} marked={marked} onMarked={() => setMarked(true)} />,
            errorText: step === 0 ? stepError : null,
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
              />
            ),
            errorText: step === 1 ? stepError : null,
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
              />
            ) : (
              <Alert type="info">Download the manifest first (previous step).</Alert>
            ),
            errorText: step === 2 ? stepError : null,
          },
          {
            title: 'Device',
            description: 'Its address on your network, and the Snowball client.',
            content: <DeviceStep value={device} onChange={setDevice} />,
            // Gone the moment an address is there.
            errorText: step === 3 && blockers[3] ? stepError : null,
          },
          {
            title: 'Unlock',
            description: 'Run the client and follow the device until it is unlocked.',
            content: (
              <UnlockStep
                handleId={handle?.id ?? null}
                manifestPath={manifest?.path ?? ''}
                device={device}
                run={run}
                onRun={setRun}
                onNext={() => setStep(5)}
                nextLabel="Next: what was done"
              />
            ),
          },
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
  );
}
