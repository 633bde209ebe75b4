/** The audit log in a person's words: what each action was and how it went. No DOM: unit-tested. */
import type { AuditEntryInfo } from '../../electron/contract';

type Action = AuditEntryInfo['action'];

/** Every action the audit log can hold, in the words of the window's buttons (the outcome is apart). */
export const ACTION_NAMES: Record<Action, string> = {
  connect: 'Connect',
  'list-jobs': 'List the jobs',
  'download-manifest': 'Download the manifest',
  'fetch-unlock-code': 'Fetch the unlock code',
  'reveal-unlock-code': 'Show the unlock code',
  'copy-unlock-code': 'Copy the unlock code',
  'save-unlock-code': 'Save the unlock code to a file',
  'mark-received': 'Mark the device as received',
  'return-label': 'Get the return shipping label',
  'unlock-device': 'Unlock the device',
  'unlock-cluster': 'Unlock the cluster',
  'choose-client': 'Choose the Snowball client',
  'confirm-client': 'Confirm the Snowball client',
  'create-client-profile': 'Create the client’s private profile',
  'remove-client-profile': 'Remove the client’s private profile',
  'configure-client': 'Save a snowballEdge profile',
  'export-audit-log': 'Export the audit log',
  'sso-sign-in': 'Sign in with IAM Identity Center',
  'read-device-access': 'Read the device’s keys and certificate',
  'reveal-device-secret-key': 'Show the device’s secret access key',
  'save-device-certificate': 'Save the device’s certificate',
  'write-aws-profile': 'Write a profile for the AWS CLI',
  'check-device-s3': 'Check the device’s S3 adapter',
};

export const OUTCOME_WORDS: Record<AuditEntryInfo['outcome'], string> = {
  ok: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Job listings are reading, not acting: the Activity page folds them away unless asked. */
export const isListing = (entry: AuditEntryInfo) => entry.action === 'list-jobs';
