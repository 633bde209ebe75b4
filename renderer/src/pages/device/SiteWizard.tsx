import Box from '@cloudscape-design/components/box';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import { useEffect, useState } from 'react';
import type { UnlockCodeHandleInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useStepGate } from '../../components/use-step-gate';
import { isAbsolutePath } from '../../paths';
import { useAppState, type LeaveGuard } from '../../state/app-state';
import { deviceStep, type DeviceChoice } from '../steps/DeviceStep';
import { ManifestAndCode } from './ManifestAndCode';
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
  /** What leaving mid-way loses, if anything (the frame asks first). */
  leaveGuard: (site: Site) => LeaveGuard | null;
}

/**
 * A wizard on site without AWS: the manifest saved earlier and the code kept, the device's address and
 * the client, then the steps the page adds (unlock, ready for data). Leaving forgets the code it held.
 */
export function SiteWizard({ navigationAriaLabel, firstDescription, later, leaveGuard }: Props) {
  const { navigate, setLeaveGuard } = useAppState();
  const [step, setStep] = useState(0);
  const [manifestPath, setManifestPath] = useState('');
  const [handle, setHandle] = useState<UnlockCodeHandleInfo | null>(null);
  const [device, setDevice] = useState<DeviceChoice>({ hosts: [], client: null });
  const site: Site = { manifestPath: manifestPath.trim(), handle, device, goTo: setStep };
  const guard = leaveGuard(site);

  useEffect(() => setLeaveGuard(guard), [guard?.title, guard?.message, setLeaveGuard]); // eslint-disable-line react-hooks/exhaustive-deps -- the guard's words are what changes it
  useEffect(() => () => setLeaveGuard(null), [setLeaveGuard]);
  useEffect(() => {
    if (!handle) return undefined;
    return () => void call('forgetUnlockCode', { handleId: handle.id }).catch(() => undefined);
  }, [handle]);

  const gate = useStepGate(step, [
    !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file.'
      : !handle
        ? 'Enter the unlock code and select “Use this code”.'
        : null,
    device.hosts.length === 0 ? 'Enter the device’s IP address.' : null,
  ]);

  return (
    <Box padding={{ top: 'l' }}>
      <Wizard
        activeStepIndex={step}
        onNavigate={gate.onNavigate(setStep)}
        onCancel={() => navigate('jobs')}
        onSubmit={() => navigate('jobs', { done: true })}
        submitButtonText="Finish"
        i18nStrings={wizardStrings(navigationAriaLabel, 'Cancel and leave')}
        steps={[
          {
            title: 'Manifest and code',
            description: firstDescription,
            errorText: gate.errorText(0),
            content: (
              <ManifestAndCode
                manifestPath={manifestPath}
                onManifestPath={setManifestPath}
                handle={handle}
                onHandle={setHandle}
              />
            ),
          },
          deviceStep(device, setDevice, gate.errorText(1)),
          ...later(site),
        ]}
      />
    </Box>
  );
}
