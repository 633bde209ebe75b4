import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Wizard from '@cloudscape-design/components/wizard';
import { useState } from 'react';
import type { IpcError, UnlockCodeHandleInfo } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathField } from '../components/PathField';
import { isAbsolutePath } from '../paths';
import { useAppState } from '../state/app-state';
import { DeviceStep, type DeviceChoice } from './receive/DeviceStep';
import { UnlockStep, useUnlockRun } from './receive/UnlockStep';

/** Unlock again on site without AWS: a saved manifest, the code, the device's address, the client. */
export function OfflinePage() {
  const { navigate } = useAppState();
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
  const [stepError, setStepError] = useState<string | null>(null);

  const keep = async () => {
    setError(null);
    try {
      const held =
        source === 'type'
          ? await call('holdUnlockCode', { code: typed.trim(), jobId: null })
          : await call('readUnlockCodeFile', { path: codeFile.trim(), jobId: null });
      setHandle(held);
      setTyped('');
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const blockers = [
    !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file.'
      : !handle
        ? 'Enter the unlock code and select “Use this code”.'
        : null,
    device.hosts.length === 0 ? 'Enter the device’s IP address.' : null,
    null,
  ];

  return (
    <Box padding={{ top: 'l' }}>
      <Wizard
        activeStepIndex={step}
        onNavigate={({ detail }) => {
          const blocker = detail.reason === 'next' ? (blockers[step] ?? null) : null;
          setStepError(blocker);
          if (!blocker) setStep(detail.requestedStepIndex);
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
          navigationAriaLabel: 'Offline unlock steps',
          cancelButton: 'Cancel',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        steps={[
          {
            title: 'Manifest and code',
            description: 'No AWS access needed: the manifest you saved and the unlock code you kept.',
            errorText: step === 0 ? stepError : null,
            content: (
              <SpaceBetween size="l">
                <PathField
                  label="Manifest file"
                  kind="file"
                  value={manifestPath}
                  onChange={setManifestPath}
                  placeholder="/media/usb-stick/JID…_manifest.bin"
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
            // Gone the moment an address is there.
            errorText: step === 1 && blockers[1] ? stepError : null,
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
