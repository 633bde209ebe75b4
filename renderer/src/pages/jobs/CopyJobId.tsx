import { useEffect, useState } from 'react';
import { Button } from '../../lite/Button';

/**
 * Copies a job ID through the page's own clipboard (a job ID is no secret), and says whether it worked:
 * never "copied" when the copy did not happen.
 */
export function CopyJobId({ jobId }: { jobId: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return undefined;
    const timer = setTimeout(() => setOutcome(null), 3000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <span className="sc-copy">
      <Button
        variant="icon"
        iconName="copy"
        ariaLabel={`Copy job ID ${jobId}`}
        onClick={() =>
          void navigator.clipboard.writeText(jobId).then(
            () => setOutcome('copied'),
            () => setOutcome('failed'),
          )
        }
      />
      <span role="status" className={outcome ? 'sc-copy__note' : 'sc-visually-hidden'}>
        {outcome === 'copied'
          ? 'Job ID copied'
          : outcome === 'failed'
            ? 'Copy failed: select the ID and copy it'
            : ''}
      </span>
    </span>
  );
}
