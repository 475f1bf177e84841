import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { invariant } from '../shared/assert';
import { installBrowserBridge } from './bridge/browser-bridge';
import { NoTokenScreen } from './features/no-token/no-token-screen';
import { AppRoot } from './shell/app-root';
import { ThemedRoot } from './theme/themed-root';

// Electron's preload installs window.callvault before this runs; anywhere else we are on the
// browser host and speak its WebSocket protocol ourselves.
const connected = 'callvault' in window || installBrowserBridge().installed;

const container = document.getElementById('root');
invariant(container !== null, 'index.html lost its #root element; rebuild the renderer.');

createRoot(container).render(
  <StrictMode>
    <ThemedRoot>{connected ? <AppRoot /> : <NoTokenScreen />}</ThemedRoot>
  </StrictMode>,
);
