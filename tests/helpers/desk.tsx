/** The desk in jsdom over the fake bridge: a small library, the desk rendered on it, and its rows' titles. */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { fakeBridge, summary } from './fake-bridge.js';

// jsdom lays nothing out; give elements a size so the virtualized list renders its rows.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 800 },
  clientWidth: { configurable: true, get: () => 1000 },
});

/** Three articles: one to approve, one approved, one that cannot be read. */
export const library = [
  summary('a.md', { title: 'Microsoft drops emotion recognition', excerpt: 'Facial analysis concerns', providerName: 'IT Business Edge', publishedDateTime: '2022-07-05T23:38:00Z', topics: ['AI', 'Microsoft AI'], quality: 43 }),
  summary('b.md', { title: 'Café culture returns', excerpt: 'Espresso', providerName: 'Le Monde', publishedDateTime: '2022-07-04T10:00:00Z', topics: ['Food'], published: true }),
  summary('c.md', { title: 'Broken file', problems: [{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: unexpected end', line: 3, column: 1 }] }),
];

/** The desk on `library`, once its whole list is in; with the fake bridge's handles and a user. As a browser page's desk, unless `canShowFiles` makes it the app's. */
export async function setup({ canShowFiles = false } = {}) {
  const fake = fakeBridge(library, 2, {}, { canShowFiles });
  const user = userEvent.setup();
  render(<App bridge={fake.bridge} />);
  await screen.findByRole('row', { name: /Microsoft drops/ });
  // The first page paints first; the rest of the list follows page by page.
  await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
  return { ...fake, user };
}

/** The titles of the rows the list shows, in order. */
export const rowTitles = () => within(screen.getByRole('grid', { name: 'Articles' })).getAllByRole('row').slice(1).map((r) => r.querySelector('.title-text')?.textContent);
