import type { AddressRecord, ClusterRecord, JobRecord, JobState } from './model';

/** Output structures of the model, built from records. Timestamps are Date objects until a protocol encodes them. */

const OUTBOUND: Partial<Record<JobState, string>> = {
  InTransitToCustomer: 'InTransit',
  WithCustomer: 'Delivered',
  InTransitToAWS: 'Delivered',
  WithAWSSortingFacility: 'Delivered',
  WithAWS: 'Delivered',
  InProgress: 'Delivered',
  Complete: 'Delivered',
};

const INBOUND: Partial<Record<JobState, string>> = {
  InTransitToAWS: 'InTransit',
  WithAWSSortingFacility: 'Delivered',
  WithAWS: 'Delivered',
  InProgress: 'Delivered',
  Complete: 'Delivered',
};

const NOTIFY_STATES: JobState[] = ['InTransitToCustomer', 'WithCustomer', 'InTransitToAWS', 'Complete'];

export function jobListEntry(job: JobRecord): Record<string, unknown> {
  return {
    JobId: job.jobId,
    JobState: job.state,
    IsMaster: job.isMaster,
    JobType: job.jobType,
    SnowballType: job.snowballType,
    CreationDate: new Date(job.createdAt),
    Description: job.description || undefined,
  };
}

function shippingDetails(job: JobRecord): Record<string, unknown> {
  const details: Record<string, unknown> = { ShippingOption: job.shippingOption };
  // An export master has no device, so nothing ships for it.
  if (job.isMaster) return details;
  const outbound = OUTBOUND[job.state];
  if (outbound && job.outboundTracking) {
    details.OutboundShipment = { Status: outbound, TrackingNumber: job.outboundTracking };
  }
  const inbound = INBOUND[job.state];
  if (inbound && job.inboundTracking) {
    details.InboundShipment = { Status: inbound, TrackingNumber: job.inboundTracking };
  }
  return details;
}

function resources(bucketArns: readonly string[], keyRange?: JobRecord['keyRange']): Record<string, unknown> {
  return {
    S3Resources: bucketArns.map((BucketArn) => ({
      BucketArn,
      KeyRange: {
        ...(keyRange?.BeginMarker ? { BeginMarker: keyRange.BeginMarker } : {}),
        ...(keyRange?.EndMarker ? { EndMarker: keyRange.EndMarker } : {}),
      },
    })),
  };
}

function notification(snsTopicArn: string | undefined): Record<string, unknown> | undefined {
  return snsTopicArn
    ? { SnsTopicARN: snsTopicArn, JobStatesToNotify: NOTIFY_STATES, NotifyAll: false }
    : undefined;
}

export function jobMetadata(job: JobRecord): Record<string, unknown> {
  const isSnowcone = job.snowballType === 'SNC1_HDD' || job.snowballType === 'SNC1_SSD';
  const meta: Record<string, unknown> = {
    JobId: job.jobId,
    JobState: job.state,
    JobType: job.jobType,
    SnowballType: job.snowballType,
    CreationDate: new Date(job.createdAt),
    Resources: resources(job.bucketArns, job.keyRange),
    Description: job.description || undefined,
    KmsKeyARN: job.kmsKeyArn,
    RoleARN: job.roleArn,
    AddressId: job.addressId,
    ShippingDetails: shippingDetails(job),
    SnowballCapacityPreference: job.capacity,
    Notification: notification(job.snsTopicArn),
    DataTransferProgress: job.dataTransfer,
    ClusterId: job.clusterId,
    LongTermPricingId: job.longTermPricingId,
  };
  // Jobs created through the API show what was asked for instead (below).
  if (job.requested) return { ...meta, ...job.requested };
  if (!job.isMaster && job.snowballType !== 'STANDARD') {
    meta.RemoteManagement = isSnowcone ? 'INSTALLED_ONLY' : 'INSTALLED_AUTOSTART';
  }
  if (isSnowcone) {
    meta.DeviceConfiguration = {
      SnowconeDeviceConfiguration: { WirelessConnection: { IsWifiEnabled: false } },
    };
    meta.OnDeviceServiceConfiguration = {
      NFSOnDeviceService: { StorageLimit: job.snowballType === 'SNC1_SSD' ? 14 : 8, StorageUnit: 'TB' },
    };
  }
  return meta;
}

export function clusterListEntry(cluster: ClusterRecord): Record<string, unknown> {
  return {
    ClusterId: cluster.clusterId,
    ClusterState: cluster.state,
    CreationDate: new Date(cluster.createdAt),
    Description: cluster.description || undefined,
  };
}

export function clusterMetadata(cluster: ClusterRecord): Record<string, unknown> {
  return {
    ClusterId: cluster.clusterId,
    Description: cluster.description || undefined,
    KmsKeyARN: cluster.kmsKeyArn,
    RoleARN: cluster.roleArn,
    ClusterState: cluster.state,
    JobType: cluster.jobType,
    SnowballType: cluster.snowballType,
    CreationDate: new Date(cluster.createdAt),
    Resources: resources(cluster.bucketArns),
    AddressId: cluster.addressId,
    ShippingOption: cluster.shippingOption,
    Notification: notification(cluster.snsTopicArn),
    ...cluster.requested,
  };
}

export function address(record: AddressRecord): Record<string, unknown> {
  const { region: _region, pickupLocation: _pickup, ...shape } = record;
  return shape;
}
