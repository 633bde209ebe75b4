/**
 * Signing in with IAM Identity Center from the Connect page: a saved sign-in is used at once; otherwise
 * the verification page opens in the person's browser and this dialog shows the code to compare there, how
 * long it stays valid, and Cancel. Once signed in, the profile's own account and role are used, or the
 * person chooses among the accounts and roles assigned to them. No token ever reaches this window.
 */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Link from '@cloudscape-design/components/link';
import LiveRegion from '@cloudscape-design/components/live-region';
import Modal from '@cloudscape-design/components/modal';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ChannelInput,
  ChannelOutput,
  ConnectionInfo,
  IpcError,
  ProfileInfo,
  SsoSignInStartInfo,
} from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { useCompanionEvent } from '../../api/events';
import { Countdown } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';

type Source = ChannelInput<'connect'>['source'];
type Pending = Extract<SsoSignInStartInfo, { status: 'pending' }>;
type Account = ChannelOutput<'listSsoAccounts'>['accounts'][number];

type Phase =
  | { kind: 'checking' }
  | { kind: 'waiting'; pending: Pending }
  | { kind: 'ended'; message: string }
  | { kind: 'choose' }
  | { kind: 'failed'; error: IpcError };

interface Props {
  profile: ProfileInfo;
  /** Close the dialog without connecting. */
  onClose: () => void;
  /** Signed in: connect with this source (the page closes the dialog and shows the outcome). */
  onSignedIn: (source: Source) => void;
}

export function SsoSignIn({ profile, onClose, onSignedIn }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const named = profile.sso?.accountId && profile.sso.roleName;

  const signedIn = useCallback(() => {
    if (named) onSignedIn({ kind: 'profile', profile: profile.name });
    else setPhase({ kind: 'choose' });
  }, [named, onSignedIn, profile.name]);

  const start = useCallback(
    () =>
      call('startSsoSignIn', { profile: profile.name }).then(
        (started) =>
          started.status === 'signed-in' ? signedIn() : setPhase({ kind: 'waiting', pending: started }),
        (e: unknown) => setPhase({ kind: 'failed', error: errorOf(e) }),
      ),
    [profile.name, signedIn],
  );
  const begin = () => {
    setPhase({ kind: 'checking' });
    void start();
  };

  // Once per dialog: starting again is the person's choice ("Sign in again", "Try again").
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
  }, [start]);

  useCompanionEvent('ssoSignIn', (outcome) => {
    if (phase.kind !== 'waiting' || outcome.signInId !== phase.pending.signInId) return;
    if (outcome.state === 'signed-in') signedIn();
    else if (outcome.state === 'cancelled') onClose();
    else
      setPhase({ kind: 'ended', message: outcome.message ?? 'The sign-in did not complete. Sign in again.' });
  });

  const cancel = () => {
    if (phase.kind === 'waiting')
      void call('cancelSsoSignIn', { signInId: phase.pending.signInId }).catch(() => undefined);
    onClose();
  };

  return (
    <Modal
      visible
      onDismiss={cancel}
      header={`Sign in with IAM Identity Center: ${profile.name}`}
      footer={
        <Box float="right">
          <Button onClick={cancel}>Cancel</Button>
        </Box>
      }
    >
      {phase.kind === 'checking' && (
        <StatusIndicator type="loading">Checking for a saved sign-in</StatusIndicator>
      )}
      {phase.kind === 'waiting' && <Waiting pending={phase.pending} />}
      {phase.kind === 'ended' && <Ended message={phase.message} onRetry={begin} />}
      {phase.kind === 'failed' && (
        <SpaceBetween size="m">
          <ErrorAlert error={phase.error} />
          <Button onClick={begin}>Try again</Button>
        </SpaceBetween>
      )}
      {phase.kind === 'choose' && (
        <ChooseRole profile={profile} onChosen={onSignedIn} onSignInAgain={begin} />
      )}
    </Modal>
  );
}

/** The code to compare with the one the verification page shows, the page itself, and the time left. */
function Waiting({ pending }: { pending: Pending }) {
  const code = useRef<HTMLDivElement>(null);
  useEffect(() => code.current?.focus(), [pending.signInId]);
  return (
    <SpaceBetween size="m">
      <Box>
        {pending.browserOpened
          ? 'The sign-in page opened in your browser. Sign in there if it asks, then allow access.'
          : 'Open the sign-in page in your browser, sign in if it asks, then allow access.'}
      </Box>
      <div ref={code} tabIndex={-1} aria-labelledby="sso-code-label" data-testid="sso-code">
        <Box variant="awsui-key-label">
          <span id="sso-code-label">Check that the page shows this code</span>
        </Box>
        <Box variant="code" fontSize="display-l" fontWeight="bold">
          <span data-testid="sso-user-code">{pending.userCode}</span>
        </Box>
      </div>
      <SpaceBetween size="xxs">
        <Link external href={pending.verificationUriComplete} target="_blank">
          {pending.browserOpened ? 'Open the sign-in page again' : 'Open the sign-in page'}
        </Link>
        <Box variant="small" color="text-body-secondary">
          On another device, go to {pending.verificationUri} and enter the code.
        </Box>
      </SpaceBetween>
      <StatusIndicator type="pending">
        Waiting for you to allow access. The code expires in{' '}
        <span data-testid="sso-code-expiry">
          <Countdown until={pending.expiresAt} done="a moment" />
        </span>
        .
      </StatusIndicator>
      <ExpiryAnnouncement until={pending.expiresAt} />
    </SpaceBetween>
  );
}

/** Tells screen readers how long is left once a minute (the visible countdown ticks every second). */
function ExpiryAnnouncement({ until }: { until: number }) {
  const minutesLeft = () => Math.ceil((until - Date.now()) / 60_000);
  const [minutes, setMinutes] = useState(minutesLeft);
  useEffect(() => {
    const timer = setInterval(() => setMinutes(minutesLeft()), 1000);
    return () => clearInterval(timer);
  });
  const text =
    minutes <= 0
      ? 'The code has expired.'
      : minutes === 1
        ? 'Less than a minute left to allow access.'
        : `${minutes} minutes left to allow access.`;
  return <LiveRegion hidden>{text}</LiveRegion>;
}

function Ended({ message, onRetry }: { message: string; onRetry: () => void }) {
  const again = useRef<HTMLButtonElement>(null);
  useEffect(() => again.current?.focus(), []);
  return (
    <SpaceBetween size="m">
      <LiveRegion>
        <Alert type="warning" header="Not signed in">
          <span data-testid="sso-ended">{message}</span>
        </Alert>
      </LiveRegion>
      <Button ref={again} variant="primary" onClick={onRetry}>
        Sign in again
      </Button>
    </SpaceBetween>
  );
}

/** The accounts and roles assigned to the person, for a profile that names none. */
function ChooseRole({
  profile,
  onChosen,
  onSignInAgain,
}: {
  profile: ProfileInfo;
  onChosen: (source: Source) => void;
  onSignInAgain: () => void;
}) {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [account, setAccount] = useState<string | null>(null);
  const [roles, setRoles] = useState<string[] | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const chooseAccount = useCallback(
    (accountId: string) => {
      setAccount(accountId);
      setRoles(null);
      setRole(null);
      call('listSsoRoles', { profile: profile.name, accountId })
        .then(({ roles: found }) => {
          setRoles(found);
          const preferred =
            found.find((r) => r === profile.sso?.roleName) ?? (found.length === 1 ? found[0] : null);
          setRole(preferred ?? null);
        })
        .catch((e: unknown) => setError(errorOf(e)));
    },
    [profile.name, profile.sso?.roleName],
  );

  useEffect(() => {
    call('listSsoAccounts', { profile: profile.name })
      .then(({ accounts: found }) => {
        setAccounts(found);
        // The profile's own account, or the only one there is, comes chosen.
        const given =
          found.find((a) => a.accountId === profile.sso?.accountId) ?? (found.length === 1 ? found[0] : null);
        if (given) chooseAccount(given.accountId);
      })
      .catch((e: unknown) => setError(errorOf(e)));
  }, [profile.name, profile.sso?.accountId, chooseAccount]);

  const accountOption = (a: Account): SelectProps.Option => ({
    value: a.accountId,
    label: a.accountName ?? a.accountId,
    description: a.accountName ? `${a.accountId}${a.emailAddress ? ` · ${a.emailAddress}` : ''}` : undefined,
  });
  const chosenAccount = accounts?.find((a) => a.accountId === account);

  return (
    <SpaceBetween size="m">
      <LiveRegion>
        <StatusIndicator type="success">Signed in. Choose the account and role to use.</StatusIndicator>
      </LiveRegion>
      {error && (
        <SpaceBetween size="s">
          <ErrorAlert error={error} onDismiss={() => setError(null)} />
          {error.code === 'SSO_LOGIN_REQUIRED' && <Button onClick={onSignInAgain}>Sign in again</Button>}
        </SpaceBetween>
      )}
      <FormField label="AWS account">
        <Select
          selectedOption={chosenAccount ? accountOption(chosenAccount) : null}
          onChange={({ detail }) => detail.selectedOption.value && chooseAccount(detail.selectedOption.value)}
          options={(accounts ?? []).map(accountOption)}
          statusType={accounts === null && !error ? 'loading' : 'finished'}
          loadingText="Finding your accounts"
          empty="No accounts are assigned to you."
          placeholder="Choose an account"
        />
      </FormField>
      <FormField label="Role">
        <Select
          selectedOption={role ? { value: role, label: role } : null}
          onChange={({ detail }) => setRole(detail.selectedOption.value ?? null)}
          options={(roles ?? []).map((r) => ({ value: r, label: r }))}
          disabled={!account}
          statusType={account && roles === null && !error ? 'loading' : 'finished'}
          loadingText="Finding your roles"
          empty="No roles in this account are assigned to you."
          placeholder="Choose a role"
        />
      </FormField>
      <Button
        variant="primary"
        disabled={!account || !role}
        onClick={() =>
          account &&
          role &&
          onChosen({
            kind: 'profile',
            profile: profile.name,
            ssoRole: { accountId: account, roleName: role },
          })
        }
      >
        Connect
      </Button>
    </SpaceBetween>
  );
}

/** The account and role of an IAM Identity Center connection, for the Connect page. */
export function SsoConnectionSummary({ sso }: { sso: NonNullable<ConnectionInfo['sso']> }) {
  const account = sso.accountName ? `${sso.accountName} (${sso.accountId})` : sso.accountId;
  return (
    <Box variant="p" data-testid="sso-connection">
      Through IAM Identity Center ({sso.startUrl}): account {account}, role {sso.roleName}.
    </Box>
  );
}
