import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './screens/App';
// Stores that only listen to console events: loaded for their subscriptions.
import './stores/call-store';
import './stores/menu-commands';
import './stores/reminders-store';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
