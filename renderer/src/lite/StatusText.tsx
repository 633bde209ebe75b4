import type { ReactNode } from 'react';
import type { StatusType } from '../job-state';
import { Icon, type IconName } from './Icon';
import { Spinner } from './Spinner';

const ICONS: Record<Exclude<StatusType, 'loading'>, IconName> = {
  success: 'status-positive',
  error: 'status-negative',
  warning: 'status-warning',
  info: 'status-info',
  pending: 'status-pending',
  'in-progress': 'status-in-progress',
  stopped: 'status-stopped',
  'not-started': 'status-not-started',
  log: 'status-info',
};

/** Cloudscape's status indicator, light: an icon in the status colour and words that wrap. */
export function StatusText({ type, children }: { type: StatusType; children: ReactNode }) {
  return (
    <span className={`sc-status sc-status--${type}`}>
      {type === 'loading' ? <Spinner /> : <Icon name={ICONS[type]} />}
      <span>{children}</span>
    </span>
  );
}
