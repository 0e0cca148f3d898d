/** The renderer's entry: find the bridge, render the desk. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FIRST_PAGE } from '../shared/contract.js';
import { getBridge } from './bridge/bridge.js';
import { App } from './components/App.js';
import './styles.css';

const bridge = getBridge();
// The first page of the list is asked for before React first renders the desk, so the two overlap.
const firstPage = bridge.listArticles(null, FIRST_PAGE);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={bridge} firstPage={firstPage} />
  </StrictMode>,
);
