/** The renderer's entry: find the bridge, render the desk. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge/bridge.js';
import { App } from './components/App.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={getBridge()} />
  </StrictMode>,
);
