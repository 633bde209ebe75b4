import type { ReactNode, Ref } from 'react';
import { Icon, type IconName } from './Icon';
import { Spinner } from './Spinner';

interface Props {
  variant?: 'normal' | 'primary' | 'icon';
  iconName?: IconName;
  /** While loading the button stays focusable (so focus is not lost) but does nothing. */
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  ariaLabel?: string;
  ariaExpanded?: boolean;
  ariaControls?: string;
  title?: string;
  children?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/** A button with the console's look (Cloudscape's normal, primary and icon buttons), without Cloudscape. */
export function Button({
  variant = 'normal',
  iconName,
  loading = false,
  disabled = false,
  onClick,
  ariaLabel,
  ariaExpanded,
  ariaControls,
  title,
  children,
  ref,
}: Props) {
  return (
    <button
      ref={ref}
      type="button"
      className={`sc-button sc-button--${variant}`}
      disabled={disabled}
      aria-disabled={loading || undefined}
      aria-label={ariaLabel}
      aria-expanded={ariaExpanded}
      aria-controls={ariaControls}
      title={title}
      onClick={loading ? undefined : onClick}
    >
      {loading ? <Spinner /> : iconName ? <Icon name={iconName} /> : null}
      {children !== undefined && <span>{children}</span>}
    </button>
  );
}
