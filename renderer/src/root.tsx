/**
 * React and the window, mounted once the start-up facts are in. Loaded by main.tsx as a chunk of its
 * own, so the start-up calls and the job listing (boot.ts) run while this chunk is still being fetched
 * and compiled (docs/PERFORMANCE.md).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { Startup } from './boot';
import { AppStateProvider } from './state/app-state';

export function mount(element: HTMLElement, started: Startup): void {
  createRoot(element).render(
    <StrictMode>
      <AppStateProvider startup={started}>
        <App startError={started.error} />
      </AppStateProvider>
    </StrictMode>,
  );
}
