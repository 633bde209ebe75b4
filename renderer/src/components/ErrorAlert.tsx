import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import type { IpcError } from '../../../electron/contract';
import { ERROR_TITLES } from '../errors';

interface Props {
  error: IpcError | null;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** A failed call, in the contract's words, with a retry where the error says retrying may help. */
export function ErrorAlert({ error, onRetry, onDismiss }: Props) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      header={ERROR_TITLES[error.code]}
      dismissible={Boolean(onDismiss)}
      {...(onDismiss ? { onDismiss } : {})}
      action={onRetry && error.retryable ? <Button onClick={onRetry}>Try again</Button> : undefined}
    >
      <span data-testid="error-message" data-error-code={error.code}>
        {error.message}
      </span>
    </Alert>
  );
}
