import { createHash } from 'node:crypto';
import type { LongTermPricingType, SnowballCapacity, SnowballType } from './model';
import { partitionOf } from './regions';

/**
 * What the service offers, as data. Device capacities and the STANDARD device's regions are the API
 * reference's (CreateJob: "Snow Family devices and their capacities"); the rest is the emulator's own
 * choice where AWS publishes no list (serviceable countries, compatible AMIs, service versions, which
 * devices take long-term pricing), and docs/EMULATOR.md says so.
 */

/** Capacities each device type comes in (CreateJob, API reference); the first is the default. */
export const CAPACITIES: Record<SnowballType, readonly SnowballCapacity[]> = {
  SNC1_SSD: ['T14'],
  SNC1_HDD: ['T8'],
  EDGE_S: ['T98'],
  EDGE_CG: ['T42'],
  EDGE_C: ['T42'],
  EDGE: ['T100', 'T98'],
  STANDARD: ['T80', 'T50'],
  RACK_5U_C: ['T13'],
  V3_5S: ['T240'],
  V3_5C: ['T32'],
};

/** "This device is only available in the Ningxia, Beijing, and Singapore Amazon Web Services Region." */
export const STANDARD_DEVICE_REGIONS: ReadonlySet<string> = new Set([
  'cn-north-1',
  'cn-northwest-1',
  'ap-southeast-1',
]);

/** Devices that run EC2-compatible instances (Ec2AmiResources), and the Snowcone-only DeviceConfiguration. */
export const SNOWCONE_TYPES: ReadonlySet<SnowballType> = new Set(['SNC1_HDD', 'SNC1_SSD']);

/** Clusters: "the only job type supported for clusters is LOCAL_USE"; "only the EDGE device type". */
export const CLUSTER_JOB_TYPE = 'LOCAL_USE';
export const CLUSTER_SNOWBALL_TYPES: ReadonlySet<SnowballType> = new Set(['EDGE']);
/** "Each cluster supports five nodes." */
export const DEFAULT_CLUSTER_SIZE = 5;
/** S3 on Snow Family clusters need at least three nodes (ServiceSize min 3); fewer needs ForceCreateJobs. */
export const MIN_CLUSTER_SIZE = 3;

const EU = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];

/** Where a region ships devices (CreateAddress: UnsupportedAddressException outside it). Emulator's choice. */
export function serviceableCountries(region: string): readonly string[] {
  if (region.startsWith('us-')) return ['US'];
  if (region.startsWith('eu-') && region !== 'eu-west-2') return EU;
  const byRegion: Record<string, string[]> = {
    'eu-west-2': ['GB'],
    'ca-central-1': ['CA'],
    'sa-east-1': ['BR'],
    'ap-south-1': ['IN'],
    'ap-northeast-1': ['JP'],
    'ap-northeast-3': ['JP'],
    'ap-northeast-2': ['KR'],
    'ap-southeast-1': ['SG'],
    'ap-southeast-2': ['AU'],
    'ap-southeast-3': ['ID'],
    'ap-east-1': ['HK'],
    'af-south-1': ['ZA'],
    'il-central-1': ['IL'],
    'me-central-1': ['AE'],
    'cn-north-1': ['CN'],
    'cn-northwest-1': ['CN'],
  };
  return byRegion[region] ?? [];
}

/** Three-letter codes people write for the two-letter ones (the API reference's own example uses "USA"). */
export const COUNTRY_ALIASES: Record<string, string> = {
  USA: 'US',
  CAN: 'CA',
  GBR: 'GB',
  IRL: 'IE',
  AUS: 'AU',
  JPN: 'JP',
  IND: 'IN',
  DEU: 'DE',
  FRA: 'FR',
  BRA: 'BR',
};

/** Postal code formats the address check knows; other countries need a non-empty code. */
export const POSTAL_CODE: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/,
  IE: /^[A-Za-z0-9]{3} ?[A-Za-z0-9]{4}$/,
  GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
  AU: /^\d{4}$/,
  JP: /^\d{3}-?\d{4}$/,
  IN: /^\d{6}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  BR: /^\d{5}-?\d{3}$/,
  SG: /^\d{6}$/,
};

// prettier-ignore
export const US_STATES: ReadonlySet<string> = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'PR', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
]);

/** Terms each device type can be ordered with (CreateLongTermPricing). Emulator's choice. */
export const LONG_TERM_PRICING: Record<SnowballType, readonly LongTermPricingType[]> = {
  STANDARD: [],
  SNC1_HDD: [],
  SNC1_SSD: [],
  EDGE: ['OneYear', 'ThreeYear'],
  EDGE_C: ['OneYear', 'ThreeYear'],
  EDGE_CG: ['OneYear', 'ThreeYear'],
  EDGE_S: ['OneYear', 'ThreeYear'],
  V3_5C: ['OneMonth', 'OneYear', 'ThreeYear'],
  V3_5S: ['OneMonth', 'OneYear', 'ThreeYear'],
  RACK_5U_C: ['OneMonth', 'OneYear', 'ThreeYear'],
};

const TERM_MONTHS: Record<LongTermPricingType, number> = { OneMonth: 1, OneYear: 12, ThreeYear: 36 };

/** When a long-term pricing term that starts at `start` ends, counting calendar months. */
export function termEnd(start: number, type: LongTermPricingType): number {
  const d = new Date(start);
  d.setUTCMonth(d.getUTCMonth() + TERM_MONTHS[type]);
  return d.getTime();
}

/** The AMI families ListCompatibleImages documents (Amazon Linux 2, Ubuntu 20.04 and 22.04). */
const IMAGE_NAMES = [
  'Amazon Linux 2 for Snow Family (x86_64)',
  'Ubuntu Server 20.04 LTS (Focal) for Snow Family',
  'Ubuntu Server 22.04 LTS (Jammy) for Snow Family',
];

/** The account's compatible AMIs in a region: AMI ids are regional, so each region has its own. */
export function compatibleImages(region: string): { AmiId: string; Name: string }[] {
  return IMAGE_NAMES.map((Name) => ({
    AmiId: `ami-${createHash('sha256')
      .update(`${partitionOf(region)}|${region}|${Name}`)
      .digest('hex')
      .slice(0, 17)}`,
    Name,
  }));
}

/** The device-side id of an AMI, as Ec2AmiResources' SnowballAmiId shows it. */
export function snowballAmiId(amiId: string): string {
  return `s.${amiId}`;
}

/** ListServiceVersions: each version and the versions of the other service it works with. */
export const SERVICE_VERSIONS: Record<string, Record<string, Record<string, readonly string[]>>> = {
  KUBERNETES: {
    '1.29': { EKS_ANYWHERE: ['0.19.2'] },
    '1.28': { EKS_ANYWHERE: ['0.18.7', '0.19.2'] },
    '1.27': { EKS_ANYWHERE: ['0.18.7'] },
  },
  EKS_ANYWHERE: {
    '0.19.2': { KUBERNETES: ['1.28', '1.29'] },
    '0.18.7': { KUBERNETES: ['1.27', '1.28'] },
  },
};

/** Pickup locations: AWS sites where a person can collect a device (ListPickupLocations). */
export const PICKUP_SITES: Record<
  string,
  {
    Name: string;
    Company: string;
    Street1: string;
    City: string;
    StateOrProvince?: string;
    Country: string;
    PostalCode: string;
    PhoneNumber: string;
  }[]
> = {
  'us-east-1': [
    {
      Name: 'Snow Family pickup desk',
      Company: 'Amazon Web Services (emulated)',
      Street1: '100 Example Parkway',
      City: 'Ashburn',
      StateOrProvince: 'VA',
      Country: 'US',
      PostalCode: '20147',
      PhoneNumber: '+1 703-555-0100',
    },
  ],
  'us-west-2': [
    {
      Name: 'Snow Family pickup desk',
      Company: 'Amazon Web Services (emulated)',
      Street1: '200 Example Road',
      City: 'Hillsboro',
      StateOrProvince: 'OR',
      Country: 'US',
      PostalCode: '97124',
      PhoneNumber: '+1 503-555-0100',
    },
  ],
  'eu-west-1': [
    {
      Name: 'Snow Family pickup desk',
      Company: 'Amazon Web Services (emulated)',
      Street1: '1 Example Business Park',
      City: 'Dublin',
      Country: 'IE',
      PostalCode: 'D24 X0Y0',
      PhoneNumber: '+353 1 555 0100',
    },
  ],
};
