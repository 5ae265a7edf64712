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
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
