import { DEMO_ACCOUNT_ID } from './credentials';
import { PICKUP_SITES, termEnd } from './catalog';
import type {
  AddressRecord,
  JobRecord,
  LongTermPricingType,
  JobState,
  JobType,
  ShippingOption,
  SnowballCapacity,
  SnowballType,
} from './model';
import { JOB_STATES, SNOWBALL_TYPES } from './model';
import { partitionOf } from './regions';
import { Rng } from './rng';
import type { Store } from './store';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The regions that hold the hand-written demo jobs. */
export const DEMO_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'] as const;

export interface DemoOptions {
  seed: string;
  /** Emulator clock at start; dates are relative to it (rounded down to the hour, see `anchorOf`). */
  now: number;
  jobsPerRegion: number;
  scaleRegions: readonly string[];
}

/** Names of the special jobs, so tests and docs need not hard-code seed-dependent ids. */
export interface DemoSummary {
  seed: string;
  regions: readonly string[];
  /** Every hand-written job by its demo key (e.g. `warehouse3`). */
  jobs: Record<string, string>;
  /** Jobs in state WithCustomer, by owning region (hand-written ones only). */
  withCustomer: Record<string, string[]>;
  /** WithCustomer, created 355 days ago: manifest and code expire within 7 days. */
  expiringSoonJobId: string;
  /** WithCustomer, created 372 days ago: GetJobManifest/GetJobUnlockCode refuse it. */
  expiredJobId: string;
  exportMasterJobId: string;
  exportPartJobIds: string[];
  clusterId: string;
  clusterJobIds: string[];
  /** Number of jobs per region (hand-written plus scale). */
  jobCounts: Record<string, number>;
}

/** Dates hang off the start hour so two emulators started within the same hour with one seed agree byte for byte. */
export function anchorOf(now: number): number {
  return Math.floor(now / HOUR) * HOUR;
}

interface Site {
  address: Omit<AddressRecord, 'AddressId' | 'region' | 'IsRestricted' | 'Type'>;
  carrier: 'UPS' | 'DHL';
}

const SITES: Record<string, Site> = {
  'us-east-1': {
    carrier: 'UPS',
    address: {
      Name: 'Dana Whitfield',
      Company: 'Acme Logistics Inc.',
      Street1: '1200 Key Highway',
      Street2: 'Warehouse 3, Dock B',
      City: 'Baltimore',
      StateOrProvince: 'MD',
      Country: 'US',
      PostalCode: '21230',
      PhoneNumber: '+1 410-555-0142',
    },
  },
  'us-west-2': {
    carrier: 'UPS',
    address: {
      Name: 'Marcus Oyelaran',
      Company: 'Northwind Studios LLC',
      Street1: '2100 NW Front Ave',
      Street2: 'Stage 4 loading bay',
      City: 'Portland',
      StateOrProvince: 'OR',
      Country: 'US',
      PostalCode: '97209',
      PhoneNumber: '+1 503-555-0187',
    },
  },
  'eu-west-1': {
    carrier: 'DHL',
    address: {
      Name: 'Aoife Brennan',
      Company: 'Contoso Ireland Ltd',
      Street1: '4 Grand Canal Square',
      Street2: 'Level 2, Goods In',
      City: 'Dublin',
      StateOrProvince: 'Dublin 2',
      Country: 'IE',
      PostalCode: 'D02 X576',
      PhoneNumber: '+353 1 555 0123',
    },
  },
  'ap-southeast-2': {
    carrier: 'DHL',
    address: {
      Name: 'Priya Raman',
      Company: 'Southern Cross Mining Pty Ltd',
      Street1: '100 St Georges Terrace',
      Street2: 'Level 12',
      City: 'Perth',
      StateOrProvince: 'WA',
      Country: 'AU',
      PostalCode: '6000',
      PhoneNumber: '+61 8 5550 1234',
    },
  },
};

const GENERIC_SITE: Site = {
  carrier: 'DHL',
  address: {
    Name: 'Site Operations',
    Company: 'Example Corp',
    Street1: '1 Example Way',
    City: 'Springfield',
    Country: 'US',
    PostalCode: '00000',
    PhoneNumber: '+1 555-0100',
  },
};

/** A carrier-style tracking number: UPS (`1Z…`) for the US sites, ten digits elsewhere. */
export function trackingNumber(rng: Rng, region: string): string {
  const carrier = (SITES[region] ?? GENERIC_SITE).carrier;
  return carrier === 'UPS' ? `1Z${rng.hex(6).toUpperCase()}03${rng.digits(8)}` : rng.digits(10);
}

const CAPACITY: Record<SnowballType, SnowballCapacity> = {
  STANDARD: 'T80',
  EDGE: 'T80',
  EDGE_C: 'T42',
  EDGE_CG: 'T42',
  EDGE_S: 'T98',
  SNC1_HDD: 'T8',
  SNC1_SSD: 'T14',
  V3_5C: 'T32',
  V3_5S: 'T240',
  RACK_5U_C: 'T13',
};

interface JobSpec {
  key: string;
  region: string;
  jobType: JobType;
  snowballType: SnowballType;
  state: JobState;
  description: string;
  daysAgo: number;
  bucket: string;
  /** Ordered with long-term pricing of this term. */
  longTerm?: LongTermPricingType;
  shippingOption?: ShippingOption;
}

// The hand-written demo: every JobState, every SnowballType, WithCustomer jobs in each demo region.
// prettier-ignore
const DEMO_JOBS: readonly JobSpec[] = [
  // us-east-1
  { key: 'warehouse3', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'EDGE', state: 'WithCustomer', description: 'Warehouse 3 camera archive', daysAgo: 12, bucket: 'acme-warehouse3-camera-archive' },
  { key: 'remoteMineSite', region: 'us-east-1', jobType: 'LOCAL_USE', snowballType: 'EDGE_CG', state: 'WithCustomer', description: 'Remote mine site edge compute (long-term)', daysAgo: 355, bucket: 'acme-mine-site-edge', longTerm: 'OneYear' },
  { key: 'tapeMigration', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'EDGE', state: 'WithCustomer', description: 'Legacy tape library migration', daysAgo: 372, bucket: 'acme-tape-library-migration' },
  { key: 'genomicsLab', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'SNC1_SSD', state: 'InTransitToCustomer', description: 'Genomics lab sequencer output', daysAgo: 4, bucket: 'acme-genomics-sequencer-raw', shippingOption: 'NEXT_DAY' },
  { key: 'branchOffice', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'EDGE', state: 'New', description: 'Branch office file server consolidation', daysAgo: 0, bucket: 'acme-branch-file-servers' },
  { key: 'retailPilot', region: 'us-east-1', jobType: 'LOCAL_USE', snowballType: 'EDGE_C', state: 'PreparingAppliance', description: 'Retail analytics edge pilot', daysAgo: 3, bucket: 'acme-retail-edge-pilot' },
  { key: 'callCenter', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'EDGE', state: 'InTransitToAWS', description: 'Call center recordings 2019-2023', daysAgo: 30, bucket: 'acme-call-center-recordings' },
  { key: 'legacyNas', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'STANDARD', state: 'Complete', description: 'Legacy NAS decommission (2019 hardware)', daysAgo: 200, bucket: 'acme-legacy-nas' },
  { key: 'marketingDuplicate', region: 'us-east-1', jobType: 'IMPORT', snowballType: 'SNC1_HDD', state: 'Cancelled', description: 'Marketing video archive (duplicate order)', daysAgo: 45, bucket: 'acme-marketing-video' },
  // us-west-2 (also holds the cluster and the export job, below)
  { key: 'seismicSurvey', region: 'us-west-2', jobType: 'IMPORT', snowballType: 'V3_5C', state: 'WithCustomer', description: 'Seismic survey field data - Nevada basin', daysAgo: 9, bucket: 'northwind-seismic-field-data' },
  { key: 'fleetLogs', region: 'us-west-2', jobType: 'IMPORT', snowballType: 'EDGE', state: 'WithAWSSortingFacility', description: 'Autonomous vehicle sensor logs - fleet 7', daysAgo: 40, bucket: 'northwind-av-fleet7-logs' },
  { key: 'satelliteBackfill', region: 'us-west-2', jobType: 'IMPORT', snowballType: 'V3_5S', state: 'WithAWS', description: 'Satellite imagery backfill', daysAgo: 50, bucket: 'northwind-satellite-imagery' },
  { key: 'pacsArchive', region: 'us-west-2', jobType: 'IMPORT', snowballType: 'EDGE_S', state: 'InProgress', description: 'Hospital PACS imaging archive', daysAgo: 60, bucket: 'northwind-pacs-archive' },
  { key: 'researchExport', region: 'us-west-2', jobType: 'EXPORT', snowballType: 'EDGE', state: 'Listing', description: 'Research dataset export for offsite analysis', daysAgo: 2, bucket: 'northwind-research-datasets' },
  { key: 'fieldHospitalRack', region: 'us-west-2', jobType: 'LOCAL_USE', snowballType: 'RACK_5U_C', state: 'Pending', description: 'Rugged edge rack for field hospital', daysAgo: 5, bucket: 'northwind-field-hospital' },
  // eu-west-1
  { key: 'dublinShares', region: 'eu-west-1', jobType: 'IMPORT', snowballType: 'V3_5C', state: 'WithCustomer', description: 'Dublin office file shares', daysAgo: 8, bucket: 'contoso-ie-file-shares' },
  { key: 'posLogs', region: 'eu-west-1', jobType: 'IMPORT', snowballType: 'SNC1_SSD', state: 'InTransitToAWS', description: 'Retail POS transaction logs - Leinster stores', daysAgo: 35, bucket: 'contoso-ie-pos-logs' },
  { key: 'breweryTelemetry', region: 'eu-west-1', jobType: 'IMPORT', snowballType: 'EDGE', state: 'PreparingShipment', description: 'Brewery IoT telemetry backfill', daysAgo: 6, bucket: 'contoso-ie-brewery-telemetry' },
  { key: 'legalHoldRestore', region: 'eu-west-1', jobType: 'EXPORT', snowballType: 'EDGE', state: 'Complete', description: 'Archive restore for legal hold', daysAgo: 120, bucket: 'contoso-ie-legal-archive' },
  // ap-southeast-2
  { key: 'pilbaraDrone', region: 'ap-southeast-2', jobType: 'IMPORT', snowballType: 'SNC1_HDD', state: 'WithCustomer', description: 'Mining survey drone imagery - Pilbara', daysAgo: 10, bucket: 'southern-cross-drone-imagery' },
  { key: 'researchVessel', region: 'ap-southeast-2', jobType: 'LOCAL_USE', snowballType: 'EDGE_C', state: 'WithCustomer', description: 'Research vessel onboard compute', daysAgo: 90, bucket: 'southern-cross-vessel-compute', longTerm: 'ThreeYear' },
  { key: 'sydneyDcExit', region: 'ap-southeast-2', jobType: 'IMPORT', snowballType: 'EDGE_S', state: 'New', description: 'Sydney data centre exit - rack row B', daysAgo: 0, bucket: 'southern-cross-dc-exit' },
  { key: 'broadcastMigration', region: 'ap-southeast-2', jobType: 'IMPORT', snowballType: 'V3_5C', state: 'InTransitToCustomer', description: 'Broadcast media migration', daysAgo: 3, bucket: 'southern-cross-broadcast-media' },
];

const SCALE_DATASETS = [
  'drone survey imagery',
  'CCTV archive',
  'sensor telemetry backfill',
  'file server migration',
  'medical imaging archive',
  'genomics run output',
  'backup tape consolidation',
  'edge inference cache',
  'log archive',
  'media rushes',
];

const SCALE_TYPES: readonly SnowballType[] = SNOWBALL_TYPES;

class Builder {
  private readonly rng: Rng;
  private readonly anchor: number;
  readonly addressByRegion = new Map<string, string>();

  constructor(
    private readonly store: Store,
    seedStream: string,
    now: number,
  ) {
    this.rng = new Rng(seedStream);
    this.anchor = anchorOf(now);
  }

  get random(): Rng {
    return this.rng;
  }

  created(daysAgo: number): number {
    // At least an hour in the past, with a seeded time of day so lists do not look machine-made.
    return this.anchor - daysAgo * DAY - this.rng.int(1, 20) * HOUR - this.rng.int(0, 59) * 60 * 1000;
  }

  address(region: string): string {
    const existing = this.addressByRegion.get(region);
    if (existing) return existing;
    const site = SITES[region] ?? GENERIC_SITE;
    const id = `ADID${this.rng.uuid()}`;
    this.store.addAddress({ ...site.address, AddressId: id, region, IsRestricted: false, Type: 'AWS_SHIP' });
    this.addressByRegion.set(region, id);
    return id;
  }

  tracking(region: string): string {
    return trackingNumber(this.rng, region);
  }

  arns(region: string): { kms: string; sns: string; partition: string } {
    const partition = partitionOf(region);
    return {
      partition,
      kms: `arn:${partition}:kms:${region}:${DEMO_ACCOUNT_ID}:key/${this.rng.uuid()}`,
      sns: `arn:${partition}:sns:${region}:${DEMO_ACCOUNT_ID}:snowball-job-status`,
    };
  }

  job(
    spec: Omit<JobSpec, 'key'> & { key?: string; jobIdPrefix?: 'JID' | 'MID'; clusterId?: string },
  ): JobRecord {
    const arns = this.arns(spec.region);
    const role = {
      IMPORT: 'SnowballImportRole',
      EXPORT: 'SnowballExportRole',
      LOCAL_USE: 'SnowballLocalUseRole',
    }[spec.jobType];
    const job: JobRecord = {
      jobId: `${spec.jobIdPrefix ?? 'JID'}${this.rng.uuid()}`,
      region: spec.region,
      state: spec.state,
      jobType: spec.jobType,
      snowballType: spec.snowballType,
      createdAt: this.created(spec.daysAgo),
      description: spec.description,
      isMaster: spec.jobIdPrefix === 'MID',
      bucketArns: [`arn:${arns.partition}:s3:::${spec.bucket}`],
      kmsKeyArn: arns.kms,
      roleArn: `arn:${arns.partition}:iam::${DEMO_ACCOUNT_ID}:role/${role}`,
      addressId: this.address(spec.region),
      shippingOption: spec.shippingOption ?? 'SECOND_DAY',
      capacity: CAPACITY[spec.snowballType],
      snsTopicArn: arns.sns,
      outboundTracking: this.tracking(spec.region),
      inboundTracking: this.tracking(spec.region),
    };
    if (spec.clusterId) job.clusterId = spec.clusterId;
    if (spec.key) job.demoKey = spec.key;
    if (spec.longTerm) {
      job.longTermPricingId = `LTPID${this.rng.uuid()}`;
      this.store.longTermPricing.set(job.longTermPricingId, {
        id: job.longTermPricingId,
        region: spec.region,
        type: spec.longTerm,
        snowballType: spec.snowballType,
        autoRenew: false,
        startsAt: job.createdAt,
        endsAt: termEnd(job.createdAt, spec.longTerm),
        jobIds: [job.jobId],
      });
    }
    if (spec.jobType === 'IMPORT' && (spec.state === 'InProgress' || spec.state === 'Complete')) {
      const totalObjects = this.rng.int(200_000, 9_000_000);
      const totalBytes = this.rng.int(8, 70) * 1_000_000_000_000;
      const done = spec.state === 'Complete' ? 1 : this.rng.int(20, 80) / 100;
      job.dataTransfer = {
        BytesTransferred: Math.round(totalBytes * done),
        ObjectsTransferred: Math.round(totalObjects * done),
        TotalBytes: totalBytes,
        TotalObjects: totalObjects,
      };
    }
    this.store.addJob(job);
    return job;
  }
}

/** Fills `store` with the seeded demo account. Same options, same data, byte for byte. */
export function buildDemoData(store: Store, opts: DemoOptions): DemoSummary {
  const b = new Builder(store, `${opts.seed}|demo`, opts.now);
  const jobs: Record<string, string> = {};
  const withCustomer: Record<string, string[]> = {};
  const remember = (job: JobRecord): void => {
    if (job.demoKey) jobs[job.demoKey] = job.jobId;
    if (job.state === 'WithCustomer' && !job.isMaster) (withCustomer[job.region] ??= []).push(job.jobId);
  };

  for (const spec of DEMO_JOBS) remember(b.job(spec));

  // A five-node cluster in us-west-2: each node is a job of its own that carries the ClusterId.
  const clusterId = `CID${b.random.uuid()}`;
  const clusterJobIds: string[] = [];
  const clusterCreated = b.created(20);
  for (let i = 1; i <= 5; i++) {
    const node = b.job({
      key: `clusterNode${i}`,
      region: 'us-west-2',
      jobType: 'LOCAL_USE',
      snowballType: 'EDGE',
      state: 'WithCustomer',
      description: `Film studio render cluster, Stage 4 - node ${i}`,
      daysAgo: 20,
      bucket: 'northwind-render-cluster',
      clusterId,
    });
    node.createdAt = clusterCreated;
    clusterJobIds.push(node.jobId);
    remember(node);
  }
  const first = store.jobs.get(clusterJobIds[0] ?? '');
  if (!first) throw new Error('cluster nodes missing');
  store.addCluster({
    clusterId,
    region: 'us-west-2',
    state: 'InUse',
    jobType: 'LOCAL_USE',
    snowballType: 'EDGE',
    createdAt: clusterCreated,
    description: 'Film studio render cluster, Stage 4',
    kmsKeyArn: first.kmsKeyArn,
    roleArn: first.roleArn,
    addressId: first.addressId,
    shippingOption: 'SECOND_DAY',
    snsTopicArn: first.snsTopicArn,
    bucketArns: first.bucketArns,
    jobIds: clusterJobIds,
  });

  // An export job: the master entry (MID…, no device) and three parts (JID…), each with its own device.
  const master = b.job({
    key: 'exportMaster',
    jobIdPrefix: 'MID',
    region: 'us-west-2',
    jobType: 'EXPORT',
    snowballType: 'EDGE',
    state: 'InProgress',
    description: 'Media archive export to Burbank post house',
    daysAgo: 25,
    bucket: 'northwind-media-archive',
  });
  delete master.outboundTracking;
  delete master.inboundTracking;
  remember(master);
  const partStates: JobState[] = ['WithCustomer', 'InTransitToCustomer', 'PreparingShipment'];
  const ranges = [
    { BeginMarker: '', EndMarker: 'dailies/2021/' },
    { BeginMarker: 'dailies/2021/', EndMarker: 'dailies/2023/' },
    { BeginMarker: 'dailies/2023/', EndMarker: '' },
  ];
  master.partJobIds = [];
  partStates.forEach((state, i) => {
    const part = b.job({
      key: `exportPart${i + 1}`,
      region: 'us-west-2',
      jobType: 'EXPORT',
      snowballType: 'EDGE',
      state,
      description: `Media archive export to Burbank post house (part ${i + 1} of 3)`,
      daysAgo: 25,
      bucket: 'northwind-media-archive',
    });
    part.createdAt = master.createdAt;
    part.kmsKeyArn = master.kmsKeyArn;
    const range = ranges[i];
    if (range) part.keyRange = range;
    master.partJobIds?.push(part.jobId);
    remember(part);
  });

  // AWS pickup locations, from a stream of their own so the ids above never move.
  const pickup = new Rng(`${opts.seed}|pickup`);
  for (const [region, sites] of Object.entries(PICKUP_SITES)) {
    for (const site of sites) {
      store.addAddress({
        ...site,
        AddressId: `ADID${pickup.uuid()}`,
        region,
        IsRestricted: false,
        Type: 'CUST_PICKUP',
        pickupLocation: true,
      });
    }
  }

  const jobCounts: Record<string, number> = {};
  for (const job of store.jobs.values()) jobCounts[job.region] = (jobCounts[job.region] ?? 0) + 1;

  // Scale jobs: an independent seeded stream per region, so adding a region does not reshuffle the others.
  if (opts.jobsPerRegion > 0) {
    for (const region of opts.scaleRegions) {
      const s = new Builder(store, `${opts.seed}|scale|${region}`, opts.now);
      const existingAddress = b.addressByRegion.get(region);
      if (existingAddress) s.addressByRegion.set(region, existingAddress);
      for (let i = 0; i < opts.jobsPerRegion; i++) {
        const site = String(s.random.int(1, 9999)).padStart(4, '0');
        const dataset = s.random.pick(SCALE_DATASETS);
        s.job({
          region,
          jobType: s.random.pick(['IMPORT', 'IMPORT', 'IMPORT', 'EXPORT', 'LOCAL_USE'] as const),
          snowballType: s.random.pick(SCALE_TYPES),
          state: s.random.pick(JOB_STATES),
          description: `Site ${site} ${dataset}`,
          daysAgo: s.random.int(1, 300),
          bucket: `scale-site-${site}-${dataset.replace(/[^a-z0-9]+/g, '-')}`,
        });
      }
      jobCounts[region] = (jobCounts[region] ?? 0) + opts.jobsPerRegion;
    }
  }

  const need = (key: string): string => {
    const id = jobs[key];
    if (!id) throw new Error(`demo job ${key} missing`);
    return id;
  };
  return {
    seed: opts.seed,
    regions: DEMO_REGIONS,
    jobs,
    withCustomer,
    expiringSoonJobId: need('remoteMineSite'),
    expiredJobId: need('tapeMigration'),
    exportMasterJobId: master.jobId,
    exportPartJobIds: master.partJobIds,
    clusterId,
    clusterJobIds,
    jobCounts,
  };
}
