import { lazy, type ComponentType } from 'react';

/**
 * A page or panel built with Cloudscape, loaded when first shown: the window's first paint (the jobs
 * list) carries none of Cloudscape's code (docs/PERFORMANCE.md).
 */
export function lazyCloudscape<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => {
    const [module, { withCloudscape }] = await Promise.all([load(), import('./cloudscape')]);
    return { default: withCloudscape(module[name]) };
  });
}
