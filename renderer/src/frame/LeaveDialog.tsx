import { useEffect, useRef } from 'react';
import { Button } from '../lite/Button';
import { useShellState } from '../state/app-state';

/**
 * Asks before the window leaves a page with unfinished work (the receiving wizard mid-way). A native
 * modal dialog: it holds focus, Escape means "stay", and focus returns where it was.
 */
export function LeaveDialog() {
  const { pendingLeave, answerLeave } = useShellState();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (pendingLeave && !element.open) element.showModal();
    if (!pendingLeave && element.open) element.close();
  }, [pendingLeave]);

  return (
    <dialog
      ref={dialog}
      className="sc-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-message"
      onCancel={(event) => {
        event.preventDefault();
        answerLeave(false);
      }}
    >
      {pendingLeave && (
        <>
          <h2 id="leave-title" className="sc-h2">
            {pendingLeave.guard.title}
          </h2>
          <p id="leave-message">{pendingLeave.guard.message}</p>
          <div className="sc-dialog__actions">
            <Button onClick={() => answerLeave(false)}>Stay</Button>
            <Button variant="primary" onClick={() => answerLeave(true)}>
              Leave
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
