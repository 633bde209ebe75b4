import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Wizard from '@cloudscape-design/components/wizard';
import { useEffect, useState } from 'react';
import type { IpcError, UnlockCodeHandleInfo } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathField } from '../components/PathField';
import { useStepGate } from '../components/use-step-gate';
import { isAbsolutePath, jobIdOfManifest } from '../paths';
import { useAppState } from '../state/app-state';
import { DeviceStep, type DeviceChoice } from './receive/DeviceStep';
import { UnlockStep, useUnlockRun } from './receive/UnlockStep';

/** Unlock again on site without AWS: a saved manifest, the code, the device's address, the client. */
export function OfflinePage() {
  const { navigate, setLeaveGuard, listing } = useAppState();
  const [step, setStep] = useState(0);
  const [manifestPath, setManifestPath] = useState('');
  const [source, setSource] = useState<'type' | 'file'>('type');
  // What the user typed stays here only until it is handed to main.
  const [typed, setTyped] = useState('');
  const [codeFile, setCodeFile] = useState('');
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: [], client: null });
  const [run, setRun] = useUnlockRun();
  // The job this unlock is for, read from the manifest's file name, so the audit log names it.
  const jobId = jobIdOfManifest(manifestPath.trim());
  const jobDescription = jobId ? listing.result?.jobs.find((j) => j.jobId === jobId)?.description : null;

  useEffect(() => {
    setLeaveGuard(
      handle && run?.state !== 'UNLOCKED'
        ? {
            title: 'Stop this unlock?',
            message:
              'The unlock code you entered is forgotten from memory; the manifest stays where it is. You can start again at any time.',
          }
        : null,
    );
  }, [handle, run?.state, setLeaveGuard]);
  useEffect(() => () => setLeaveGuard(null), [setLeaveGuard]);
  useEffect(() => {
    if (!handle) return undefined;
    return () => void call('forgetUnlockCode', { handleId: handle.id }).catch(() => undefined);
  }, [handle]);

  const keep = async () => {
    setError(null);
    try {
      const held =
        source === 'type'
          ? await call('holdUnlockCode', { code: typed.trim(), jobId })
          : await call('readUnlockCodeFile', { path: codeFile.trim(), jobId });
      setHandle(held);
      setTyped('');
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const gate = useStepGate(step, [
    !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file.'
      : !handle
        ? 'Enter the unlock code and select “Use this code”.'
        : null,
    device.hosts.length === 0 ? 'Enter the device’s IP address.' : null,
    null,
  ]);
  const manifestError =
    manifestPath.trim() && !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file, starting from the drive or /.'
      : undefined;

  return (
    <Box padding={{ top: 'l' }}>
      <Wizard
        activeStepIndex={step}
        onNavigate={({ detail }) => {
          if (detail.reason === 'next' && !gate.tryNext()) return;
          setStep(detail.requestedStepIndex);
        }}
        onCancel={() => navigate('jobs')}
        onSubmit={() => navigate('jobs', { done: true })}
        submitButtonText="Finish"
        i18nStrings={{
          stepNumberLabel: (n) => `Step ${n}`,
          collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
          navigationAriaLabel: 'Offline unlock steps',
          cancelButton: 'Cancel and leave',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        steps={[
          {
            title: 'Manifest and code',
            description: 'No AWS access needed: the manifest you saved and the unlock code you kept.',
            errorText: gate.errorText(0),
            content: (
              <SpaceBetween size="l">
                <PathField
                  label="Manifest file"
                  kind="file"
                  value={manifestPath}
                  onChange={setManifestPath}
                  placeholder="/media/usb-stick/JID…_manifest.bin"
                  description={
                    jobId ? (
                      <span data-testid="offline-job">
                        For job {jobId}
                        {jobDescription ? ` (${jobDescription})` : ''}, from the file’s name: the Activity
                        page will record the unlock under it.
                      </span>
                    ) : undefined
                  }
                  {...(manifestError ? { errorText: manifestError } : {})}
                />
                <RadioGroup
                  value={source}
                  onChange={({ detail }) => setSource(detail.value as 'type' | 'file')}
                  ariaLabel="Where the unlock code comes from"
                  items={[
                    { value: 'type', label: 'Type or paste the unlock code' },
                    { value: 'file', label: 'Read it from the file where you saved it' },
                  ]}
                />
                {source === 'type' ? (
                  <FormField
                    label="Unlock code"
                    description="29 characters: five groups of five, joined by hyphens."
                  >
                    <Input
                      type="password"
                      value={typed}
                      onChange={({ detail }) => setTyped(detail.value)}
                      placeholder="xxxxx-xxxxx-xxxxx-xxxxx-xxxxx"
                      ariaLabel="Unlock code"
                      autoComplete={false}
                      spellcheck={false}
                    />
                  </FormField>
                ) : (
                  <PathField
                    label="File with the unlock code"
                    kind="file"
                    value={codeFile}
                    onChange={setCodeFile}
                  />
                )}
                <Button
                  onClick={() => void keep()}
                  disabled={source === 'type' ? !typed.trim() : !isAbsolutePath(codeFile.trim())}
                >
                  Use this code
                </Button>
                <ErrorAlert error={error} />
                <LiveRegion>
                  {handle && (
                    <Alert type="success" header="Unlock code ready">
                      Kept in memory for this unlock only.
                    </Alert>
                  )}
                </LiveRegion>
              </SpaceBetween>
            ),
          },
          {
            title: 'Device',
            description: 'Its address on your network, and the Snowball client.',
            errorText: gate.errorText(1),
            content: <DeviceStep value={device} onChange={setDevice} />,
          },
          {
            title: 'Unlock',
            description: 'Run the client and follow the device until it is unlocked.',
            content: (
              <UnlockStep
                handleId={handle?.id ?? null}
                manifestPath={manifestPath.trim()}
                device={device}
                run={run}
                onRun={setRun}
              />
            ),
          },
        ]}
      />
    </Box>
  );
}
