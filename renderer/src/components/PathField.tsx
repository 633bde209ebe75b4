import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import type { ReactNode } from 'react';
import { call } from '../api/call';
import { useShellState } from '../state/app-state';

interface Props {
  label: string;
  description?: ReactNode;
  kind: 'folder' | 'file';
  value: string;
  onChange: (value: string) => void;
  errorText?: ReactNode;
  placeholder?: string;
}

/** A path the user types, or picks with the native dialog where there is one (not in browser mode). */
export function PathField({ label, description, kind, value, onChange, errorText, placeholder }: Props) {
  const { appInfo } = useShellState();
  const nativeDialogs = appInfo?.nativeDialogs ?? false;
  const browse = async () => {
    const title = `Choose a ${kind}`;
    const input =
      value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) ? { title, defaultPath: value } : { title };
    const chosen = kind === 'folder' ? await call('chooseFolder', input) : await call('chooseFile', input);
    if (chosen.path) onChange(chosen.path);
  };
  return (
    <FormField
      label={label}
      description={description}
      errorText={errorText}
      constraintText={
        nativeDialogs ? undefined : `Type the full path of the ${kind} (browser mode has no ${kind} picker).`
      }
      stretch
    >
      {/* The field takes the room there is (up to a readable width) and never pushes past its column. */}
      <div className="sc-path-field">
        <div className="sc-path-field__input">
          <Input
            value={value}
            onChange={({ detail }) => onChange(detail.value)}
            placeholder={placeholder ?? (kind === 'folder' ? '/media/usb-stick' : '/media/usb-stick/file')}
            ariaLabel={label}
            spellcheck={false}
          />
        </div>
        {nativeDialogs && <Button onClick={() => void browse()}>Browse…</Button>}
      </div>
    </FormField>
  );
}
