import type { WizardProps } from '@cloudscape-design/components/wizard';

/** The words every wizard of the app uses for its own controls; the Cancel is named for what it leaves. */
export function wizardStrings(navigationAriaLabel: string, cancelButton: string): WizardProps.I18nStrings {
  return {
    stepNumberLabel: (n) => `Step ${n}`,
    collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
    navigationAriaLabel,
    cancelButton,
    previousButton: 'Previous',
    nextButton: 'Next',
    optional: 'optional',
  };
}
