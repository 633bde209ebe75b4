import { LONG_TERM_PRICING, termEnd } from '../catalog';
import { invalidInputCombination, invalidResource } from '../errors';
import type { JobRecord, LongTermPricingRecord, LongTermPricingType, SnowballType } from '../model';
import { viewKeyOf } from '../regions';
import type { Operation, OperationContext } from './context';
import { pageOf, requireJob } from './context';

/** The long-term pricing `id` in the caller's view, for a job of `type` (when given). */
export function requireLongTermPricing(
  ctx: OperationContext,
  id: string,
  type?: SnowballType,
): LongTermPricingRecord {
  const record = ctx.store.findLongTermPricing(id, ctx.region);
  if (!record)
    throw invalidResource(`The specified long-term pricing ID ${id} does not exist.`, 'LONG_TERM_PRICING');
  if (type && record.snowballType !== type) {
    throw invalidInputCombination(
      `Long-term pricing ${id} is for SnowballType ${record.snowballType}, not ${type}.`,
    );
  }
  return record;
}

export function attachJob(record: LongTermPricingRecord, job: JobRecord): void {
  if (!record.jobIds.includes(job.jobId)) record.jobIds.push(job.jobId);
}

function entry(ctx: OperationContext, r: LongTermPricingRecord): Record<string, unknown> {
  const active = [...r.jobIds].reverse().find((id) => {
    const s = ctx.store.jobs.get(id)?.state;
    return s !== undefined && s !== 'Complete' && s !== 'Cancelled';
  });
  return {
    LongTermPricingId: r.id,
    LongTermPricingStartDate: new Date(r.startsAt),
    LongTermPricingEndDate: new Date(r.endsAt),
    LongTermPricingType: r.type,
    CurrentActiveJob: active,
    ReplacementJob: r.replacementJob,
    IsLongTermPricingAutoRenew: r.autoRenew,
    LongTermPricingStatus: ctx.clock.now() < r.endsAt ? 'ACTIVE' : 'EXPIRED',
    SnowballType: r.snowballType,
    JobIds: r.jobIds,
  };
}

export const createLongTermPricing: Operation = (ctx, input) => {
  const type = input.SnowballType as SnowballType;
  const term = input.LongTermPricingType as LongTermPricingType;
  const offered = LONG_TERM_PRICING[type];
  // The operation models no other error: a device or term that cannot be had is a resource not found.
  if (!offered.includes(term)) {
    throw invalidResource(
      offered.length === 0
        ? `Long-term pricing is not offered for SnowballType ${type}.`
        : `Long-term pricing ${term} is not offered for SnowballType ${type}; choose ${offered.join(', ')}.`,
      'LONG_TERM_PRICING',
    );
  }
  const now = ctx.clock.now();
  const record: LongTermPricingRecord = {
    id: `LTPID${ctx.ids.uuid()}`,
    region: ctx.region,
    type: term,
    snowballType: type,
    autoRenew: input.IsLongTermPricingAutoRenew === true,
    startsAt: now,
    endsAt: termEnd(now, term),
    jobIds: [],
  };
  ctx.store.longTermPricing.set(record.id, record);
  return { LongTermPricingId: record.id };
};

export const listLongTermPricing: Operation = (ctx, input) => {
  const page = pageOf(
    ctx,
    ctx.store.longTermPricingInView(ctx.region),
    `ListLongTermPricing|${viewKeyOf(ctx.region)}`,
    input,
  );
  return { LongTermPricingEntries: page.items.map((r) => entry(ctx, r)), NextToken: page.nextToken };
};

export const updateLongTermPricing: Operation = (ctx, input) => {
  const record = requireLongTermPricing(ctx, String(input.LongTermPricingId));
  if (typeof input.ReplacementJob === 'string') {
    const job = requireJob(ctx, { JobId: input.ReplacementJob });
    record.replacementJob = job.jobId;
  }
  if (typeof input.IsLongTermPricingAutoRenew === 'boolean')
    record.autoRenew = input.IsLongTermPricingAutoRenew;
  return {};
};
