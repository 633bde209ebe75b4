import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { IpcError, UnlockCodeHandleInfo } from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { isAbsolutePath } from '../../paths';

interface Props {
  manifestPath: string;
  onManifestPath: (path: string) => void;
  handle: UnlockCodeHandleInfo | null;
  onHandle: (handle: UnlockCodeHandleInfo) => void;
}

/** Without AWS: the manifest file saved earlier, and the code typed or read from the file it was kept in. */
export function ManifestAndCode({ manifestPath, onManifestPath, handle, onHandle }: Props) {
  const [source, setSource] = useState<'type' | 'file'>('type');
  // What the user typed stays here only until it is handed to main.
  const [typed, setTyped] = useState('');
  const [codeFile, setCodeFile] = useState('');
  const [error, setError] = useState<IpcError | null>(null);

  const keep = async () => {
    setError(null);
    try {
      const held =
        source === 'type'
          ? await call('holdUnlockCode', { code: typed.trim(), jobId: null })
          : await call('readUnlockCodeFile', { path: codeFile.trim(), jobId: null });
      onHandle(held);
      setTyped('');
    } catch (e) {
      setError(errorOf(e));
    }
  };

  return (
    <SpaceBetween size="l">
      <PathField
        label="Manifest file"
        kind="file"
        value={manifestPath}
        onChange={onManifestPath}
        placeholder="/media/usb-stick/JID…_manifest.bin"
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
