import type { WizardProps } from '@cloudscape-design/components/wizard';
import type { NonCancelableCustomEvent } from '@cloudscape-design/components/interfaces';
import { useState } from 'react';

/**
 * What a wizard step still needs before "Next": the message shows once the person tried to move on,
 * and goes the moment its condition is met (it is worked out from the step's state on every render,
 * never kept as text).
 */
export function useStepGate(step: number, blockers: readonly (string | null)[]) {
  const [tried, setTried] = useState<number | null>(null);
  const tryNext = (): boolean => {
    const blocker = blockers[step] ?? null;
    setTried(blocker ? step : null);
    return blocker === null;
  };
  return {
    /** True when the step may be left; otherwise its message shows. */
    tryNext,
    /**
     * The wizard's onNavigate: "Next" only once the step has what it needs, any other move at once;
     * `leaving` hears the step being left.
     */
    onNavigate:
      (go: (index: number) => void, leaving?: (from: number) => void) =>
      ({ detail }: NonCancelableCustomEvent<WizardProps.NavigateDetail>) => {
        if (detail.reason === 'next' && !tryNext()) return;
        leaving?.(step);
        go(detail.requestedStepIndex);
      },
    errorText(index: number): string | null {
      return tried === index && index === step ? (blockers[index] ?? null) : null;
    },
  };
}
