import FormField from '@cloudscape-design/components/form-field';
import Multiselect from '@cloudscape-design/components/multiselect';
import { useEffect, useRef } from 'react';
import type { RegionInfo } from '../../../electron/contract';
import { useShellState } from '../state/app-state';

const option = (r: RegionInfo) => ({
  value: r.id,
  label: r.name,
  description: r.optIn ? `${r.id} · opt-in region` : r.id,
});

/** After the last change, the list is asked again this much later (a person ticks several at once). */
const RELIST_AFTER_MS = 800;

/**
 * The regions to search, from the connection's partition (all but opt-in regions by default). The choice
 * is remembered for the next start; a change lists the jobs again once the person pauses.
 */
export function RegionPicker() {
  const { regions, selectedRegions, setSelectedRegions, connection, refreshJobs } = useShellState();
  const partition = connection?.partition ?? 'aws';
  const available = regions.filter((r) => r.partition === partition);
  const selected = available.filter((r) => selectedRegions.includes(r.id));
  const shared = available.find((r) => r.sharesViewWith && r.sharesViewWith.length > 0);
  const sharedNames = shared
    ? [shared.id, ...(shared.sharesViewWith ?? [])].map((id) => regions.find((r) => r.id === id)?.name ?? id)
    : [];
  const relist = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (relist.current && clearTimeout(relist.current)), []);

  return (
    <FormField
      label="Regions to search"
      description={
        shared
          ? `The US regions share one job list: AWS answers for ${joinNames(sharedNames)} when asked in any of them, so they are asked once and their jobs appear together.`
          : undefined
      }
      constraintText="Your choice is remembered for the next start. Opt-in regions are searched only when chosen."
      stretch
    >
      <Multiselect
        options={available.map(option)}
        selectedOptions={selected.map(option)}
        onChange={({ detail }) => {
          const chosen = detail.selectedOptions.map((o) => o.value ?? '').filter(Boolean);
          setSelectedRegions(chosen);
          if (relist.current) clearTimeout(relist.current);
          if (chosen.length > 0) relist.current = setTimeout(() => void refreshJobs(chosen), RELIST_AFTER_MS);
        }}
        placeholder={
          connection ? 'Choose regions' : 'Connect first; then all regions of your partition are searched'
        }
        disabled={!connection}
        filteringType="auto"
        tokenLimit={4}
        i18nStrings={{ tokenLimitShowMore: 'Show all chosen regions', tokenLimitShowFewer: 'Show fewer' }}
        ariaLabel="Regions to search"
      />
    </FormField>
  );
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
