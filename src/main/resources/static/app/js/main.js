// The workbench: sign in, then route #/… to its pages. Each page reads only what the signed-in role may read.
import {adjudicationPage} from './adjudication.js';
import {analysisPage, interimPage} from './analysis.js';
import {auditPage} from './audit.js';
import {forget, signIn} from './auth.js';
import {may, useSession} from './fhir.js';
import {randomizePage} from './randomize.js';
import {studiesPage} from './studies.js';
import {observationPage, studyPage, subjectPage} from './study.js';
import {el, failure, loading, show} from './view.js';

const main = document.getElementById('main');
let routing = 0; // the latest page asked for

const routes = [
	[/^#\/study\/([^/?]+)$/, id => studyPage(decodeURIComponent(id)), 'the study'],
	[/^#\/subject\/([^/?]+)$/, id => subjectPage(decodeURIComponent(id)), 'the subject'],
	[/^#\/observation\/([^/?]+)$/, id => observationPage(decodeURIComponent(id)), 'the observation'],
	[/^#\/randomize\/([^/?]+)$/, id => randomizePage(decodeURIComponent(id)), 'the randomization'],
	[/^#\/analysis\/([^/?]+)$/, id => analysisPage(decodeURIComponent(id)), 'the analysis report'],
	[/^#\/interim\/([^/?]+)$/, id => interimPage(decodeURIComponent(id)), 'the interim report'],
	[/^#\/adjudication\/([^/?]+)$/, id => adjudicationPage(decodeURIComponent(id)), 'the pending values'],
	[/^#\/audit(?:\?(.*))?$/, query => auditPage(query || ''), 'the audit trail'],
	[/^#\/?$/, () => studiesPage(), 'the studies'],
];

function home() {
	return may('ResearchStudy', 's') ? '#/' : may('AuditEvent', 's') ? '#/audit' : '#/';
}

async function route() {
	const hash = location.hash && location.hash !== '#' ? location.hash : home();
	if (hash === '#/' && !may('ResearchStudy', 's') && may('AuditEvent', 's')) {
		location.replace('#/audit');
		return;
	}
	const found = routes.map(([pattern, page, what]) => [pattern.exec(hash), page, what]).find(([match]) => match);
	if (!found) {
		show(main, el('h1', {}, 'Not found'), el('p', {}, el('a', {href: home()}, 'Back to the start')));
		return;
	}
	const [match, page, what] = found;
	const turn = ++routing;
	loading(main, what);
	let content;
	try {
		content = await page(...match.slice(1));
	} catch (error) {
		content = [failure(error)];
	}
	if (turn !== routing) {
		return; // the user went on to another page meanwhile: that one is drawn, not this
	}
	show(main, ...content);
	document.title = `${main.querySelector('h1')?.textContent || 'Workbench'} — TrialFHIR workbench`;
	main.dataset.rendered = location.hash; // which page is on screen
}

function navigation(session) {
	const items = [];
	if (may('ResearchStudy', 's')) {
		items.push(el('li', {}, el('a', {href: '#/'}, 'Studies')));
	}
	if (may('AuditEvent', 's')) {
		items.push(el('li', {}, el('a', {href: '#/audit'}, 'Audit')));
	}
	document.getElementById('nav').replaceChildren(...items);
	document.getElementById('user').textContent = `Signed in as ${session.user}`;
	document.getElementById('sign-out-form').addEventListener('submit', forget);
}

try {
	const session = await signIn();
	useSession(session);
	navigation(session);
	window.addEventListener('hashchange', route);
	await route();
} catch (error) {
	show(main, failure(error));
}
