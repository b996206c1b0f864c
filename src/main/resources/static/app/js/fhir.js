// The workbench's only door to data: /fhir with the user's bearer token. Every scope and blinding rule of the API
// applies as to any client.
import {reSignIn} from './auth.js';

let session;

export function useSession(s) {
	session = s;
}

/** Does the user's token carry a scope that allows `letter` (r, s, c, u, d) on `type`, or the operation `$op`? */
export function may(type, what) {
	return session.scopes.some(scope => {
		const match = /^(user|system)\/([A-Za-z*]+)\.(.+)$/.exec(scope);
		if (!match || (match[2] !== type && !(match[2] === '*' && type !== 'AuditEvent'))) {
			return false;
		}
		const rights = match[3];
		if (what.startsWith('$')) {
			return rights === what;
		}
		return !rights.startsWith('$') && (rights === '*' || rights.includes(what)
			|| (what === 'r' && rights === 'read') || ('cud'.includes(what) && rights === 'write'));
	});
}

/** The scope a page needs, spelled as a user would read it. */
export function describeScope(type, what) {
	const words = {r: 'read', s: 'search', c: 'create', u: 'update', d: 'delete'};
	const action = what.startsWith('$') ? `run ${what} on` : `${words[what] || what}`;
	return `user/${type}.${what} (permission to ${action} ${type} resources)`;
}

export class FhirError extends Error {
	constructor(status, message, outcome) {
		super(message);
		this.status = status;
		this.outcome = outcome;
	}
}

function diagnostics(body) {
	if (body && body.resourceType === 'OperationOutcome') {
		return (body.issue || []).map(issue => issue.diagnostics || issue.details?.text || issue.code).join('; ');
	}
	return '';
}

/**
 * Calls /fhir. `needs` = [type, right] names the scope the call needs, so a 403 can say which one is missing.
 * `fresh` asks for a search answer not taken from the server's search cache.
 * Answers the parsed JSON (or text for `accept` other than JSON).
 */
export async function fhir(path, {method = 'GET', body, accept = 'application/fhir+json', needs, fresh = false} = {}) {
	const headers = {Authorization: `Bearer ${session.token}`, Accept: accept};
	if (fresh) {
		headers['Cache-Control'] = 'no-cache'; // HAPI answers a repeated search from its cache for a minute
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/fhir+json';
	}
	const response = await fetch(`/fhir/${path}`, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
	if (response.status === 401) {
		await reSignIn(); // the token expired or the server restarted: sign in again, back to this page
	}
	const isJson = (response.headers.get('Content-Type') || '').includes('json');
	const answer = isJson ? await response.json().catch(() => null) : await response.text();
	if (response.ok) {
		return answer;
	}
	const why = isJson ? diagnostics(answer) : '';
	if (response.status === 403) {
		const missing = needs ? `This needs the scope ${describeScope(...needs)}, which your sign-in does not have.` : 'Your sign-in does not allow this.';
		throw new FhirError(403, `${missing}${why ? ` The server said: ${why}` : ''}`, answer);
	}
	throw new FhirError(response.status, `The server answered ${response.status}${why ? `: ${why}` : ''}`, answer);
}

/** Every resource of a search, following the next links (bounded). */
export async function searchAll(query, needs, limit = 2000, fresh = false) {
	const resources = [];
	let bundle = await fhir(query, {needs, fresh});
	while (bundle) {
		(bundle.entry || []).forEach(entry => entry.resource && resources.push(entry.resource));
		const next = (bundle.link || []).find(link => link.relation === 'next');
		if (!next || resources.length >= limit) {
			break;
		}
		const url = new URL(next.url);
		bundle = await fhir(url.pathname.replace(/^\/fhir\/?/, '') + url.search, {needs});
	}
	return resources;
}
