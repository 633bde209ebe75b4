import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { UnlockCodeHandleInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { isAbsolutePath, jobIdOfManifest } from '../../paths';
import { useAppState } from '../../state/app-state';

interface Props {
  manifestPath: string;
  onManifestPath: (path: string) => void;
  handle: UnlockCodeHandleInfo | null;
  onHandle: (handle: UnlockCodeHandleInfo) => void;
}

/**
 * Without AWS: the manifest file saved earlier (its name tells the job, which the audit log then names),
 * and the code typed or read from the file it was kept in.
 */
export function ManifestAndCode({ manifestPath, onManifestPath, handle, onHandle }: Props) {
  const { listing } = useAppState();
  const [source, setSource] = useState<'type' | 'file'>('type');
  // What the user typed stays here only until it is handed to main.
  const [typed, setTyped] = useState('');
  const [codeFile, setCodeFile] = useState('');
  const { error, run } = useAction();
  const jobId = jobIdOfManifest(manifestPath.trim());
  const jobDescription = jobId ? listing.result?.jobs.find((j) => j.jobId === jobId)?.description : null;
  const manifestError =
    manifestPath.trim() && !isAbsolutePath(manifestPath.trim())
      ? 'Give the full path of the manifest file, starting from the drive or /.'
      : undefined;

  const keep = () =>
    run(async () => {
      const held =
        source === 'type'
          ? await call('holdUnlockCode', { code: typed.trim(), jobId })
          : await call('readUnlockCodeFile', { path: codeFile.trim(), jobId });
      onHandle(held);
      setTyped('');
    });

  return (
    <SpaceBetween size="l">
      <PathField
        label="Manifest file"
        kind="file"
        value={manifestPath}
        onChange={onManifestPath}
        placeholder="/media/usb-stick/JID…_manifest.bin"
        description={
          jobId ? (
            <span data-testid="offline-job">
              For job {jobId}
              {jobDescription ? ` (${jobDescription})` : ''}, from the file’s name: the Activity page will
              record what is done under it.
            </span>
          ) : undefined
        }
        {...(manifestError ? { errorText: manifestError } : {})}
      />
      <RadioGroup
        value={source}
        onChange={({ detail }) => setSource(detail.value as 'type' | 'file')}
        ariaLabel="Where the unlock code comes from"
        items={[
          { value: 'type', label: 'Type or paste the unlock code' },
          { value: 'file', label: 'Read it from the file where you saved it' },
        ]}
      />
      {source === 'type' ? (
        <FormField label="Unlock code" description="29 characters: five groups of five, joined by hyphens.">
          <Input
            type="password"
            value={typed}
            onChange={({ detail }) => setTyped(detail.value)}
            placeholder="xxxxx-xxxxx-xxxxx-xxxxx-xxxxx"
            ariaLabel="Unlock code"
            autoComplete={false}
            spellcheck={false}
          />
        </FormField>
      ) : (
        <PathField label="File with the unlock code" kind="file" value={codeFile} onChange={setCodeFile} />
      )}
      <Button
        onClick={() => void keep()}
        disabled={source === 'type' ? !typed.trim() : !isAbsolutePath(codeFile.trim())}
      >
        Use this code
      </Button>
      <ErrorAlert error={error} />
      <LiveRegion>
        {handle && (
          <Alert type="success" header="Unlock code ready">
            Kept in memory for this unlock only.
          </Alert>
        )}
      </LiveRegion>
    </SpaceBetween>
  );
}
