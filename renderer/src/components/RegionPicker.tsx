import Multiselect from '@cloudscape-design/components/multiselect';
import type { RegionInfo } from '../../../electron/contract';
import { useShellState } from '../state/app-state';

const option = (r: RegionInfo) => ({
  value: r.id,
  label: r.name,
  description: r.optIn ? `${r.id} · opt-in region` : r.id,
});

/** The regions to search, from the connection's partition (all but opt-in regions by default). */
export function RegionPicker() {
  const { regions, selectedRegions, setSelectedRegions, connection } = useShellState();
  const partition = connection?.partition ?? 'aws';
  const available = regions.filter((r) => r.partition === partition);
  const selected = available.filter((r) => selectedRegions.includes(r.id));
  return (
    <Multiselect
      options={available.map(option)}
      selectedOptions={selected.map(option)}
      onChange={({ detail }) =>
        setSelectedRegions(detail.selectedOptions.map((o) => o.value ?? '').filter(Boolean))
      }
      placeholder={
        connection ? 'Choose regions' : 'Connect first; then all regions of your partition are searched'
      }
      disabled={!connection}
      filteringType="auto"
      tokenLimit={4}
      i18nStrings={{ tokenLimitShowMore: 'Show all chosen regions', tokenLimitShowFewer: 'Show fewer' }}
      ariaLabel="Regions to search"
    />
  );
}
