/**
 * The window's frame, light: a skip link, the top navigation (product, who is connected), the side
 * navigation and the one `main` landmark, with the console's look but no Cloudscape script, so the jobs
 * list can paint before any of Cloudscape has loaded (docs/PERFORMANCE.md). It also asks before leaving a
 * page that holds unfinished work.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import iconUrl from '../../../assets/icon.svg';
import { Button } from '../lite/Button';
import { Icon } from '../lite/Icon';
import { useShellState, type Page } from '../state/app-state';
import { LeaveDialog } from './LeaveDialog';
import { useNavigationOpen } from './navigation-open';

const PAGES: { page: Page; text: string }[] = [
  { page: 'connect', text: 'Connect' },
  { page: 'jobs', text: 'Jobs' },
  { page: 'receive', text: 'Receive a device' },
  { page: 'offline', text: 'Unlock without AWS' },
  { page: 'device', text: 'Use an unlocked device' },
  { page: 'activity', text: 'Activity' },
];

export const MAIN_ID = 'main-content';
/** The jobs table's own landmark, the skip link's target on the jobs page. */
export const JOBS_TABLE_ID = 'jobs-table';

export function Frame({ children }: { children: ReactNode }) {
  const { appInfo, connection, page, visits, navigate } = useShellState();
  const [navigationOpen, setNavigationOpen] = useNavigationOpen();
  const main = useRef<HTMLElement>(null);
  const who = connection ? connection.identity.arn.split(/[:/]/).pop() : null;
  const skipToTable = page === 'jobs' && connection !== null;

  // After the person moves to another page, focus goes to its heading (not on the first load).
  useEffect(() => {
    if (visits === 0 || !main.current) return undefined;
    return focusHeadingWhenShown(main.current);
  }, [page, visits]);

  return (
    <div className="sc-app">
      <a
        className="sc-skip-link"
        href={`#${skipToTable ? JOBS_TABLE_ID : MAIN_ID}`}
        onClick={(event) => {
          event.preventDefault();
          const target = document.getElementById(skipToTable ? JOBS_TABLE_ID : MAIN_ID);
          target?.focus();
        }}
      >
        {skipToTable ? 'Skip to the jobs table' : 'Skip to main content'}
      </a>
      <header className="sc-top-navigation">
        <div className="sc-top-navigation__identity">
          <img src={iconUrl} alt="" width="32" height="32" />
          <span className="sc-top-navigation__title">Snowball Companion</span>
        </div>
        <button
          type="button"
          className="sc-top-navigation__utility"
          title={connection ? `Connected as ${connection.identity.arn}` : 'Not connected to AWS'}
          onClick={() => navigate('connect')}
        >
          <Icon name={connection ? 'status-positive' : 'status-stopped'} />
          {/* The name read out holds the words shown, and says the rest around them. */}
          {connection && <span className="sc-visually-hidden">Connected as</span>}
          <span>{connection ? `${who ?? ''} · ${connection.identity.account}` : 'Not connected'}</span>
          <span className="sc-visually-hidden">{connection ? `(${connection.identity.arn})` : 'to AWS'}</span>
        </button>
      </header>
      <div className="sc-body">
        <nav
          id="side-navigation"
          aria-label="Snowball Companion"
          className={`sc-side-navigation${navigationOpen ? '' : ' sc-side-navigation--closed'}`}
        >
          {navigationOpen ? (
            <>
              <div className="sc-side-navigation__header">
                <span className="sc-side-navigation__product">Snowball Companion</span>
                <Button
                  variant="icon"
                  iconName="angle-left"
                  ariaLabel="Close the navigation"
                  ariaExpanded
                  ariaControls="side-navigation"
                  onClick={() => setNavigationOpen(false)}
                />
              </div>
              <ul className="sc-side-navigation__links">
                {PAGES.map(({ page: p, text }) => (
                  <li key={p}>
                    <a
                      href={`#${p}`}
                      className={p === page ? 'sc-side-navigation__link--active' : undefined}
                      aria-current={p === page ? 'page' : undefined}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(p);
                      }}
                    >
                      {text}
                    </a>
                  </li>
                ))}
              </ul>
              {appInfo && <p className="sc-side-navigation__version">Version {appInfo.version}</p>}
            </>
          ) : (
            <Button
              variant="icon"
              iconName="menu"
              ariaLabel="Open the navigation"
              ariaExpanded={false}
              ariaControls="side-navigation"
              onClick={() => setNavigationOpen(true)}
            />
          )}
        </nav>
        <main id={MAIN_ID} ref={main} tabIndex={-1} className="sc-main">
          {children}
        </main>
      </div>
      <LeaveDialog />
    </div>
  );
}

/** Focuses the page's first heading once it is rendered (pages load on demand, so it may come later). */
function focusHeadingWhenShown(container: HTMLElement): () => void {
  const focus = () => {
    // The page before may still be in the document, hidden, while the next one loads: only a shown
    // heading counts, and only once it really has focus.
    const heading = [...container.querySelectorAll<HTMLElement>('h1')].find(
      (h) => h.getClientRects().length > 0,
    );
    if (!heading) return false;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    return document.activeElement === heading;
  };
  if (focus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focus()) observer.disconnect();
  });
  observer.observe(container, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['style'],
  });
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
