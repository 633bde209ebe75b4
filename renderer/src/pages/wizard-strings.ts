import type { WizardProps } from '@cloudscape-design/components/wizard';

/** The words every wizard of the app uses for its own controls. */
export function wizardStrings(navigationAriaLabel: string): WizardProps.I18nStrings {
  return {
    stepNumberLabel: (n) => `Step ${n}`,
    collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
    navigationAriaLabel,
    cancelButton: 'Cancel',
    previousButton: 'Previous',
    nextButton: 'Next',
    optional: 'optional',
  };
}
