/**
 * What every page built with Cloudscape needs around it: its English labels (pagination, filters, wizard
 * buttons). Loaded with the first such page, never before the jobs list has painted.
 */
import { I18nProvider } from '@cloudscape-design/components/i18n';
import messages from '@cloudscape-design/components/i18n/messages/all.en';
import type { ComponentType } from 'react';

export function withCloudscape<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  return function WithCloudscape(props: P) {
    return (
      <I18nProvider locale="en" messages={[messages]}>
        <Page {...props} />
      </I18nProvider>
    );
  };
}
