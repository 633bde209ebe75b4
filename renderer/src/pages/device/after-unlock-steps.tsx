import type { WizardProps } from '@cloudscape-design/components/wizard';
import type { DeviceChoice } from '../steps/DeviceStep';
import { UnlockStep, type UnlockRun } from '../steps/UnlockStep';
import { DeviceAccess } from './DeviceAccess';

interface Target {
  handleId: string | null;
  manifestPath: string;
  device: DeviceChoice;
  /** A folder of the person's to suggest for the certificate. */
  folder?: string;
}

/** The wizards' Ready-for-data step: after UNLOCKED, optional. */
export function readyForDataStep({ handleId, manifestPath, device, folder }: Target): WizardProps.Step {
  return {
    title: 'Ready for data',
    description: 'The device’s keys and certificate, a profile for the AWS CLI, a check.',
    isOptional: true,
    content: (
      <DeviceAccess
        handleId={handleId}
        manifestPath={manifestPath}
        hosts={device.hosts}
        clientPath={device.client?.path ?? null}
        {...(folder ? { folder } : {})}
      />
    ),
  };
}

/** The Unlock step and, after it, Ready for data (the Unlock step's success leads there). */
export function unlockAndReadySteps(
  target: Target & {
    run: UnlockRun | null;
    onRun: (update: (run: UnlockRun | null) => UnlockRun | null) => void;
    onReady: () => void;
  },
): WizardProps.Step[] {
  return [
    {
      title: 'Unlock',
      description: 'Run the client and follow the device until it is unlocked.',
      content: (
        <UnlockStep
          handleId={target.handleId}
          manifestPath={target.manifestPath}
          device={target.device}
          run={target.run}
          onRun={target.onRun}
          onNext={target.onReady}
          nextLabel="Next: ready for data"
        />
      ),
    },
    readyForDataStep(target),
  ];
}
