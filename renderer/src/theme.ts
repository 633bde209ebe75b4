import { applyMode, Mode } from '@cloudscape-design/global-styles';

/** Light or dark, following the system setting as it changes. */
export function followSystemTheme(): void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => applyMode(query.matches ? Mode.Dark : Mode.Light);
  apply();
  query.addEventListener('change', apply);
}
