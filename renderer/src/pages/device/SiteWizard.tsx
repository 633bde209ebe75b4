import Box from '@cloudscape-design/components/box';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import { useState } from 'react';
import type { UnlockCodeHandleInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { isAbsolutePath } from '../../paths';
import { useAppState } from '../../state/app-state';
import { DeviceStep, type DeviceChoice } from '../receive/DeviceStep';
import { ManifestAndCode } from '../receive/ManifestAndCode';
import { wizardStrings } from '../wizard-strings';

export interface Site {
  manifestPath: string;
  handle: UnlockCodeHandleInfo | null;
  device: DeviceChoice;
  /** Moves the wizard to a step (the Unlock step's success leads on). */
  goTo: (step: number) => void;
}

interface Props {
  navigationAriaLabel: string;
  /** What the first step says it needs. */
  firstDescription: string;
  /** The steps after Manifest and code, and Device. */
  later: (site: Site) => WizardProps.Step[];
}

/**
 * A wizard on site without AWS: the manifest saved earlier and the code kept, the device's address and
 * the client, then the steps the page adds (unlock, ready for data). Finishing drops the code from memory.
 */
export function SiteWizard({ navigationAriaLabel, firstDescription, later }: Props) {
  const { navigate } = useAppState();
  const [step, setStep] = useState(0);
  const [manifestPath, setManifestPath] = useState('');
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: [], client: null });
  const [stepError, setStepError] = useState<string | null>(null);
  const steps = later({ manifestPath: manifestPath.trim(), handle, device, goTo: setStep });

  const blockers = [
    !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file.'
      : !handle
        ? 'Enter the unlock code and select “Use this code”.'
        : null,
    device.hosts.length === 0 ? 'Enter the device’s IP address.' : null,
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
        i18nStrings={wizardStrings(navigationAriaLabel)}
        steps={[
          {
            title: 'Manifest and code',
            description: firstDescription,
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
            // Gone the moment an address is there.
            errorText: step === 1 && blockers[1] ? stepError : null,
            content: <DeviceStep value={device} onChange={setDevice} />,
          },
          ...steps,
        ]}
      />
    </Box>
  );
}
