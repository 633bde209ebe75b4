/**
 * Copying the unlock code in browser mode, where main's clipboard is not the person's: the page writes
 * its own clipboard from the click, and at the given time clears it only if it still holds the code. It
 * keeps a SHA-256 of the code for that check, never the code. Where the browser does not let the page
 * read its clipboard back, nothing is cleared and the outcome says so.
 */
export type PageClipboardOutcome = 'cleared' | 'left-alone' | 'unchecked';

let pendingClear: ReturnType<typeof setTimeout> | null = null;

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Writes the code; rejects when the browser refuses (the caller must then not say "copied"). */
export async function copyInPage(
  code: string,
  clearsAt: number,
  onOutcome: (outcome: PageClipboardOutcome) => void,
): Promise<void> {
  await navigator.clipboard.writeText(code);
  const ours = await digest(code);
  if (pendingClear) clearTimeout(pendingClear);
  pendingClear = setTimeout(
    () => {
      pendingClear = null;
      void (async () => {
        let now: string;
        try {
          now = await navigator.clipboard.readText();
        } catch {
          onOutcome('unchecked');
          return;
        }
        if ((await digest(now)) !== ours) return onOutcome('left-alone');
        try {
          await navigator.clipboard.writeText('');
          onOutcome('cleared');
        } catch {
          onOutcome('unchecked');
        }
      })();
    },
    Math.max(0, clearsAt - Date.now()),
  );
}
