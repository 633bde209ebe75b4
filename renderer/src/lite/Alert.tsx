import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type AlertType = 'error' | 'warning' | 'info' | 'success';

const ICONS: Record<AlertType, IconName> = {
  error: 'status-negative',
  warning: 'status-warning',
  info: 'status-info',
  success: 'status-positive',
};

interface Props {
  type: AlertType;
  header?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
}

/** Cloudscape's alert, light: a tinted box with the status icon, a header, the words and an action. */
export function Alert({ type, header, action, children }: Props) {
  return (
    <div className={`sc-alert sc-alert--${type}`} role={type === 'error' ? 'alert' : undefined}>
      <span className="sc-alert__icon">
        <Icon name={ICONS[type]} />
      </span>
      <div className="sc-alert__body">
        {header && <div className="sc-alert__header">{header}</div>}
        {children && <div>{children}</div>}
      </div>
      {action && <div className="sc-alert__action">{action}</div>}
    </div>
  );
}
