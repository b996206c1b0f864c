// Sign-in as a SMART app: authorization code with PKCE against this server's authorization endpoint. The token
// lives in sessionStorage (this tab only) and is never sent anywhere but /fhir.
const CLIENT_ID = 'trialfhir-workbench';
const REDIRECT_URI = `${location.origin}/app/`;
const STORE = 'trialfhir.workbench.';

function base64url(bytes) {
	return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
	return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function startSignIn() {
	const verifier = randomString();
	const state = randomString();
	sessionStorage.setItem(STORE + 'verifier', verifier);
	sessionStorage.setItem(STORE + 'state', state);
	sessionStorage.setItem(STORE + 'return', location.hash || '#/');
	const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
	const authorize = new URL('/oauth2/authorize', location.origin);
	authorize.search = new URLSearchParams({
		response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state,
		code_challenge: challenge, code_challenge_method: 'S256',
	});
	location.assign(authorize);
	return new Promise(() => {}); // the page is leaving
}

async function finishSignIn(params) {
	const state = sessionStorage.getItem(STORE + 'state');
	const verifier = sessionStorage.getItem(STORE + 'verifier');
	sessionStorage.removeItem(STORE + 'state');
	sessionStorage.removeItem(STORE + 'verifier');
	if (!state || params.get('state') !== state) {
		throw new Error('The sign-in answer does not belong to this tab (state mismatch). Reload to sign in again.');
	}
	const response = await fetch('/oauth2/token', {
		method: 'POST',
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({
			grant_type: 'authorization_code', code: params.get('code'), redirect_uri: REDIRECT_URI,
			client_id: CLIENT_ID, code_verifier: verifier,
		}),
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) {
		throw new Error(`Sign-in failed: ${body.error_description || body.error || response.status}`);
	}
	const session = {token: body.access_token, expiresAt: Date.now() + (body.expires_in || 300) * 1000};
	sessionStorage.setItem(STORE + 'session', JSON.stringify(session));
	const back = sessionStorage.getItem(STORE + 'return') || '#/';
	history.replaceState(null, '', `/app/${back}`);
	return session;
}

function claims(token) {
	const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
	return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

/** The signed-in user ({token, user, scopes}), signing in first when needed (the page may leave for the login page). */
export async function signIn() {
	const params = new URLSearchParams(location.search);
	if (params.has('error')) {
		history.replaceState(null, '', '/app/');
		throw new Error(`Sign-in refused: ${params.get('error_description') || params.get('error')}`);
	}
	let session = params.has('code') ? await finishSignIn(params) : JSON.parse(sessionStorage.getItem(STORE + 'session') || 'null');
	if (!session || session.expiresAt < Date.now() + 30_000) {
		session = await startSignIn();
	}
	const token = claims(session.token);
	return {token: session.token, user: token.sub, scopes: (token.scope || '').split(' ').filter(Boolean)};
}

/** Forget the token (sign-out, or a token the server no longer accepts) and sign in again. */
export function forget() {
	sessionStorage.removeItem(STORE + 'session');
}

export function reSignIn() {
	forget();
	return startSignIn();
}
