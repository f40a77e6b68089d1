/* global fetch, EventSource */
/**
 * @module playground page: api — the page's calls to its server: JSON requests (a failure
 * becomes an Error with the server's message) and the live change stream, which re-reads the
 * whole state after every (re)connect and replays the changes that arrived meanwhile.
 */

export async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  return readResponse(response);
}

export async function postJson(path, body = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return readResponse(response);
}

async function readResponse(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new Error(body?.error ?? `the playground server answered ${response.status}`);
  return body;
}

/**
 * Follows `/api/events`. `onState(snapshot)` after each (re)connect, `onChange(change)` for each
 * change, `onConnection('live' | 'connecting' | 'offline')`.
 */
export function followChanges({ onState, onChange, onConnection }) {
  let loading = false;
  let pending = [];
  const source = new EventSource('/api/events');

  async function reload() {
    loading = true;
    pending = [];
    try {
      onState(await getJson('/api/state'));
      onConnection('live');
    } catch {
      onConnection('offline');
    } finally {
      loading = false;
      const replay = pending;
      pending = [];
      for (const change of replay) onChange(change);
    }
  }

  source.addEventListener('open', () => void reload());
  source.addEventListener('error', () =>
    onConnection(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'),
  );
  source.addEventListener('message', (event) => {
    let change;
    try {
      change = JSON.parse(event.data);
    } catch {
      return;
    }
    if (change.type === 'reset') return void reload();
    if (loading) pending.push(change);
    else onChange(change);
  });
  return { close: () => source.close(), reload };
}
