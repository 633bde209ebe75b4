import { readyForDataStep } from './device/after-unlock-steps';
import { SiteWizard } from './device/SiteWizard';

/**
 * A device (or cluster) unlocked earlier: its manifest and code, its address and the client, then its
 * keys, certificate, a profile for the AWS CLI and a check. No AWS account needed.
 */
export function DevicePage() {
  return (
    <SiteWizard
      navigationAriaLabel="Steps for a device unlocked earlier"
      firstDescription="The device is unlocked already: its manifest and unlock code let the client talk to it."
      // Nothing here is lost by leaving: the code is forgotten, and reading the device again is quick.
      leaveGuard={() => null}
      later={({ manifestPath, handle, device }) => [
        { ...readyForDataStep({ handleId: handle?.id ?? null, manifestPath, device }), isOptional: false },
      ]}
    />
  );
}
