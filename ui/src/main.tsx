import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './index.css';
import { App } from './App';
import { applyTheme, loadSettings } from './lib/settings';

// The theme is applied before the first render so that no page flashes in the wrong colours.
applyTheme(document.documentElement, loadSettings(localStorage, matchMedia('(prefers-color-scheme: dark)').matches).theme);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Navigations render at once, not as interruptible transitions: a transition paints the old page once more
        after the click and the new one later (up to twice as late, measured by e2e/09); the pages are cheap to render. */}
    <BrowserRouter useTransitions={false}>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
