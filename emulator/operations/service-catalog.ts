import { SERVICE_VERSIONS, compatibleImages } from '../catalog';
import { invalidResource } from '../errors';
import type { Operation } from './context';
import { pageOf } from './context';

/** The account's AMIs that Snow devices can run, in the caller's region. */
export const listCompatibleImages: Operation = (ctx, input) => {
  const page = pageOf(ctx, compatibleImages(ctx.region), `ListCompatibleImages|${ctx.region}`, input);
  return { CompatibleImages: page.items, NextToken: page.nextToken };
};

interface DependentService {
  ServiceName?: string;
  ServiceVersion?: { Version?: string };
}

/**
 * Versions of an on-device service, narrowed to those that work with every dependent service version
 * given (e.g. the EKS Anywhere versions for Kubernetes 1.28).
 */
export const listServiceVersions: Operation = (ctx, input) => {
  const name = String(input.ServiceName);
  const versions = SERVICE_VERSIONS[name] ?? {};
  const dependents = (input.DependentServices as DependentService[] | undefined) ?? [];
  for (const d of dependents) {
    const other = SERVICE_VERSIONS[d.ServiceName ?? ''] ?? {};
    const version = d.ServiceVersion?.Version;
    if (d.ServiceName === name || !version || !Object.hasOwn(other, version)) {
      throw invalidResource(
        `${d.ServiceName ?? 'The dependent service'} version ${version ?? '(none)'} is not a version ${name} can depend on.`,
        'SERVICE_VERSION',
      );
    }
  }
  const matching = Object.entries(versions)
    .filter(([, compat]) =>
      dependents.every((d) => (compat[d.ServiceName ?? ''] ?? []).includes(d.ServiceVersion?.Version ?? '')),
    )
    .map(([Version]) => ({ Version }));
  const scope = `ListServiceVersions|${name}|${JSON.stringify(dependents)}`;
  const page = pageOf(ctx, matching, scope, input);
  return {
    ServiceVersions: page.items,
    ServiceName: name,
    DependentServices: dependents.length ? dependents : undefined,
    NextToken: page.nextToken,
  };
};
