// First: asks main for what the window needs (and starts listing jobs) while the rest loads.
import { startup } from './boot';
import '@cloudscape-design/global-styles/index.css';
import './lite/tokens.css';
import './lite/lite.css';
import './frame/frame.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppStateProvider } from './state/app-state';
import { followSystemTheme } from './theme';

followSystemTheme();
const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
const root = createRoot(element);
void startup.then((started) =>
  root.render(
    <StrictMode>
      <AppStateProvider startup={started}>
        <App startError={started.error} />
      </AppStateProvider>
    </StrictMode>,
  ),
);
