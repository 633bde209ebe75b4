// First, and small: asks main for what the window needs (and starts listing jobs) at once, while React
// and the page (root.tsx, a chunk of its own) are still being fetched and compiled.
import { startup } from './boot';
import '@cloudscape-design/global-styles/index.css';
import './lite/tokens.css';
import './lite/lite.css';
import './frame/frame.css';
import './pages/jobs/jobs.css';
import { followSystemTheme } from './theme';

followSystemTheme();
const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
void Promise.all([startup, import('./root')]).then(([started, { mount }]) => mount(element, started));
