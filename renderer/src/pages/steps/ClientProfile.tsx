import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  handleId: string;
  manifestPath: string;
  host: string;
  clientPath: string;
}

/**
 * `snowballEdge configure`, tucked away and off by default: it stores the manifest path and the unlock code
 * together in one plaintext file, which is what the rest of this app works to avoid.
 */
export function ClientProfile({ handleId, manifestPath, host, clientPath }: Props) {
  const [profile, setProfile] = useState('snowball-companion');
  const [accepted, setAccepted] = useState(false);
  const { busy, error, run: act } = useAction();
  const [saved, setSaved] = useState<string | null>(null);

  const save = async () => {
    await act(async () => {
      const result = await call('configureSnowballClient', {
        handleId,
        manifestPath,
        host,
        clientPath,
        profile: profile.trim(),
        acceptPlaintext: true,
      });
      setSaved(`Profile “${result.profile}” saved in ${result.configFile}.`);
    });
  };

  return (
    <ExpandableSection headerText="Save a profile for the snowballEdge command (not recommended)">
      <SpaceBetween size="m">
        <Alert type="warning" header="This keeps the manifest path and the unlock code together">
          <code>snowballEdge configure</code> writes both into one plain-text file on this computer
          (~/.aws/snowball/config/snowball-edge.config). Anyone who can read that file and the manifest can
          unlock the device. Use it only if you must run snowballEdge commands by hand, and delete the profile
          afterwards.
        </Alert>
        <FormField label="Profile name">
          <Input value={profile} onChange={({ detail }) => setProfile(detail.value)} spellcheck={false} />
        </FormField>
        <Checkbox checked={accepted} onChange={({ detail }) => setAccepted(detail.checked)}>
          I understand that the unlock code will be stored in plain text beside the manifest path
        </Checkbox>
        <Button onClick={() => void save()} loading={busy} disabled={!accepted || !profile.trim()}>
          Save the client profile
        </Button>
        <ErrorAlert error={error} />
        {saved && <Alert type="success">{saved}</Alert>}
      </SpaceBetween>
    </ExpandableSection>
  );
}
