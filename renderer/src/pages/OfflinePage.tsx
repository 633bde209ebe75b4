import { unlockAndReadySteps } from './device/after-unlock-steps';
import { SiteWizard } from './device/SiteWizard';
import { useUnlockRun } from './steps/UnlockStep';

/** Unlock again on site without AWS: a saved manifest, the code, the device's address, the client. */
export function OfflinePage() {
  const [run, setRun] = useUnlockRun();
  return (
    <SiteWizard
      navigationAriaLabel="Offline unlock steps"
      firstDescription="No AWS access needed: the manifest you saved and the unlock code you kept."
      leaveGuard={({ handle }) =>
        handle && run?.state !== 'UNLOCKED'
          ? {
              title: 'Stop this unlock?',
              message:
                'The unlock code you entered is forgotten from memory; the manifest stays where it is. You can start again at any time.',
            }
          : null
      }
      later={({ manifestPath, handle, device, goTo }) =>
        unlockAndReadySteps({
          handleId: handle?.id ?? null,
          manifestPath,
          device,
          run,
          onRun: setRun,
          onReady: () => goTo(3),
        })
      }
    />
  );
}
