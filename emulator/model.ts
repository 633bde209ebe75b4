/** Enumerations and records of the Snowball model (2016-06-30) that the emulator serves. */

export const JOB_STATES = [
  'New',
  'PreparingAppliance',
  'PreparingShipment',
  'InTransitToCustomer',
  'WithCustomer',
  'InTransitToAWS',
  'WithAWSSortingFacility',
  'WithAWS',
  'InProgress',
  'Complete',
  'Cancelled',
  'Listing',
  'Pending',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_TYPES = ['IMPORT', 'EXPORT', 'LOCAL_USE'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const SNOWBALL_TYPES = [
  'STANDARD',
  'EDGE',
  'EDGE_C',
  'EDGE_CG',
  'EDGE_S',
  'SNC1_HDD',
  'SNC1_SSD',
  'V3_5C',
  'V3_5S',
  'RACK_5U_C',
] as const;
export type SnowballType = (typeof SNOWBALL_TYPES)[number];

export const SHIPPING_OPTIONS = ['SECOND_DAY', 'NEXT_DAY', 'EXPRESS', 'STANDARD'] as const;
export type ShippingOption = (typeof SHIPPING_OPTIONS)[number];

export const SHIPMENT_STATES = ['RECEIVED', 'RETURNED'] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

export const CLUSTER_STATES = ['AwaitingQuorum', 'Pending', 'InUse', 'Complete', 'Cancelled'] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

export type ShippingLabelStatus = 'InProgress' | 'TimedOut' | 'Succeeded' | 'Failed';

export type SnowballCapacity =
  'T50' | 'T80' | 'T100' | 'T42' | 'T98' | 'T8' | 'T14' | 'T32' | 'NoPreference' | 'T240' | 'T13';

export interface ReturnLabel {
  createdAt: number;
  describeCalls: number;
  shippingOption: ShippingOption;
}

export interface AddressRecord {
  AddressId: string;
  Name: string;
  Company?: string;
  Street1: string;
  Street2?: string;
  Street3?: string;
  City: string;
  StateOrProvince?: string;
  PrefectureOrDistrict?: string;
  Country: string;
  PostalCode: string;
  PhoneNumber: string;
  IsRestricted: boolean;
  Type: 'AWS_SHIP' | 'CUST_PICKUP';
  region: string;
  /** An AWS pickup location (ListPickupLocations), not one of the account's addresses. */
  pickupLocation?: boolean;
}

export const LONG_TERM_PRICING_TYPES = ['OneYear', 'ThreeYear', 'OneMonth'] as const;
export type LongTermPricingType = (typeof LONG_TERM_PRICING_TYPES)[number];

export interface LongTermPricingRecord {
  id: string;
  region: string;
  type: LongTermPricingType;
  snowballType: SnowballType;
  autoRenew: boolean;
  startsAt: number;
  endsAt: number;
  jobIds: string[];
  replacementJob?: string;
}

/** Jobs and clusters created through the API move on the emulator clock; this is where they stand. */
export interface Lifecycle {
  /** When the current state was entered (emulator clock). */
  enteredAt: number;
}

export interface JobRecord {
  jobId: string;
  region: string;
  state: JobState;
  jobType: JobType;
  snowballType: SnowballType;
  createdAt: number;
  description: string;
  isMaster: boolean;
  /** For an export master: its parts, which carry the devices. */
  partJobIds?: string[];
  /** For an export part: the key range it holds. */
  keyRange?: { BeginMarker?: string; EndMarker?: string };
  clusterId?: string;
  bucketArns: string[];
  kmsKeyArn: string;
  /** LOCAL_USE jobs need no role. */
  roleArn?: string;
  addressId: string;
  shippingOption: ShippingOption;
  capacity: SnowballCapacity;
  snsTopicArn?: string;
  outboundTracking?: string;
  inboundTracking?: string;
  longTermPricingId?: string;
  dataTransfer?: {
    BytesTransferred: number;
    ObjectsTransferred: number;
    TotalBytes: number;
    TotalObjects: number;
  };
  returnLabel?: ReturnLabel;
  /** Name under which the demo summary lists this job (special jobs only). */
  demoKey?: string;
  /** Structures given at CreateJob/UpdateJob, returned by DescribeJob as given (model member names). */
  requested?: Record<string, unknown>;
  /** Present on jobs created through the API: they move through their states on the emulator clock. */
  lifecycle?: Lifecycle;
}

export interface ClusterRecord {
  clusterId: string;
  region: string;
  state: ClusterState;
  jobType: JobType;
  snowballType: SnowballType;
  createdAt: number;
  description: string;
  kmsKeyArn: string;
  roleArn?: string;
  addressId: string;
  shippingOption: ShippingOption;
  snsTopicArn?: string;
  bucketArns: string[];
  jobIds: string[];
  /** Nodes needed before the cluster leaves AwaitingQuorum. */
  size?: number;
  capacity?: SnowballCapacity;
  requested?: Record<string, unknown>;
  lifecycle?: Lifecycle;
}

/** States in which the device is out of AWS's hands (counts toward GetSnowballUsage). */
export const DEVICE_IN_USE_STATES: ReadonlySet<JobState> = new Set([
  'InTransitToCustomer',
  'WithCustomer',
  'InTransitToAWS',
]);

/** Credentials (manifest and unlock code) expire this long after job creation. */
export const CREDENTIAL_LIFETIME_MS = 360 * 24 * 60 * 60 * 1000;
