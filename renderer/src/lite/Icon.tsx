/**
 * The few icons the light components need, drawn here on a 16-pixel grid in the console's stroke style
 * (2 px, round joins) and coloured by the text around them. Decorative: the text beside an icon says
 * what it means, so every icon is hidden from screen readers.
 */
const PATHS = {
  'status-positive': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM5 8.2l2.1 2.1L11 6.2',
  'status-negative': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM5.5 5.5l5 5M10.5 5.5l-5 5',
  'status-warning': 'M8 1.5L15 14.5H1zM8 6v4M8 12v.5',
  'status-info': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM8 7v4.5M8 4.5V5',
  'status-pending': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM8 4v4.3l2.5 1.7',
  'status-in-progress': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM5 8h.5M8 8h.5M11 8h.5',
  'status-stopped': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM5 8h6',
  'status-not-started': 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1z',
  refresh: 'M14 3v4h-4M14 7a6 6 0 1 0-1.3 4.2',
  copy: 'M5.5 5.5h8v9h-8zM10.5 5V1.5h-8v9H5',
  search: 'M7 2a5 5 0 1 1 0 10A5 5 0 0 1 7 2zM10.5 10.5L14.5 14.5',
  menu: 'M2 3.5h12M2 8h12M2 12.5h12',
  'angle-left': 'M10.5 2.5L5 8l5.5 5.5',
  'angle-right': 'M5.5 2.5L11 8l-5.5 5.5',
  'caret-down': 'M4 6l4 4 4-4z',
  'caret-up': 'M4 10l4-4 4 4z',
  sort: 'M5 6.5l3-3 3 3M5 9.5l3 3 3-3',
  close: 'M3 3l10 10M13 3L3 13',
  'chevron-down': 'M3 5.5l5 5 5-5',
  'chevron-right': 'M5.5 3l5 5-5 5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  const filled = name === 'caret-down' || name === 'caret-up';
  return (
    <svg
      className={className ? `sc-icon ${className}` : 'sc-icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={filled ? 1 : 2}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
