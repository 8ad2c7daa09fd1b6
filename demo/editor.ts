// The organizer's demo page: its backend (server/demo-backend.ts) mints a grant access token, as a
// site's backend would with Nylas (POST /v3/connect/token); the editor uses it on /v3/grants/me/….
import '../src/editor/define.js';

/** Nylas's token answer: what the page needs of it. */
interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
}

const slot = document.getElementById('editor')!;
const status = document.getElementById('editor-status')!;
const editor = document.createElement('scheduler-editor');
editor.setAttribute('api-url', '/');

/** Gets a token; asks again a minute before it expires, so an open page keeps working. */
async function signIn(): Promise<void> {
  let token: TokenAnswer | null;
  try {
    const answer = await fetch('/demo-backend/organizer-token', { method: 'POST' });
    token = answer.headers.get('Content-Type')?.includes('json') ? ((await answer.json()) as TokenAnswer) : null;
  } catch {
    token = null;
  }
  if (!token?.access_token) {
    status.textContent =
      'No access token: this demo backend has no POST /demo-backend/organizer-token (or it failed). ' +
      'Run the demo with `npm start` from a version whose local API mints grant access tokens.';
    return;
  }
  status.textContent = '';
  editor.setAttribute('access-token', token.access_token);
  if (!editor.isConnected) slot.replaceWith(editor);
  if (token.expires_in) setTimeout(() => void signIn(), Math.max(token.expires_in - 60, 30) * 1000);
}

await signIn();
