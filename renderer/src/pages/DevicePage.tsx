import Box from '@cloudscape-design/components/box';
import Wizard from '@cloudscape-design/components/wizard';
import { useState } from 'react';
import type { UnlockCodeHandleInfo } from '../../../electron/contract';
import { call } from '../api/call';
import { isAbsolutePath } from '../paths';
import { useAppState } from '../state/app-state';
import { DeviceAccess } from './device/DeviceAccess';
import { DeviceStep, type DeviceChoice } from './receive/DeviceStep';
import { ManifestAndCode } from './receive/ManifestAndCode';

/**
 * A device (or cluster) unlocked earlier: its manifest and code, its address and the client, then its
 * keys, certificate, a profile for the AWS CLI and a check. No AWS account needed.
 */
export function DevicePage() {
  const { navigate } = useAppState();
  const [step, setStep] = useState(0);
  const [manifestPath, setManifestPath] = useState('');
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: [], client: null });
  const [stepError, setStepError] = useState<string | null>(null);

  const blockers = [
    !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file.'
      : !handle
        ? 'Enter the unlock code and select “Use this code”.'
        : null,
    device.hosts.length === 0
      ? 'Enter the device’s IP address.'
      : !device.client
        ? 'Choose the Snowball client.'
        : null,
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
          navigationAriaLabel: 'Steps for a device unlocked earlier',
          cancelButton: 'Cancel',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        steps={[
          {
            title: 'Manifest and code',
            description:
              'The device is unlocked already: its manifest and unlock code let the client talk to it.',
            errorText: step === 0 ? stepError : null,
            content: (
              <ManifestAndCode
                manifestPath={manifestPath}
                onManifestPath={setManifestPath}
                handle={handle}
                onHandle={setHandle}
              />
            ),
          },
          {
            title: 'Device',
            description: 'Its address on your network, and the Snowball client.',
            errorText: step === 1 && blockers[1] ? stepError : null,
            content: <DeviceStep value={device} onChange={setDevice} />,
          },
          {
            title: 'Ready for data',
            description: 'The device’s keys and certificate, a profile for the AWS CLI, a check.',
            content: (
              <DeviceAccess
                handleId={handle?.id ?? null}
                manifestPath={manifestPath.trim()}
                hosts={device.hosts}
                clientPath={device.client?.path ?? null}
              />
            ),
          },
        ]}
      />
    </Box>
  );
}
