// Analysis (investigator): the $analyze HTML report, rendered in this page (its charts are inline SVG).
import {embeddedReport} from './report.js';
import {readStudy} from './studies.js';
import {el} from './view.js';

export async function analysisPage(studyId) {
	const study = await readStudy(studyId);
	const report = await embeddedReport(`ResearchStudy/${encodeURIComponent(studyId)}/$analyze?_format=html`, 'report', 'Report',
		['ResearchStudy', '$analyze']);
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, study.title || study.id), ' › Analysis'),
		el('h1', {}, `Analysis: ${study.title || study.id}`),
		el('section', {class: 'card', 'aria-label': 'Arm comparison report'}, report),
	];
}

/** Interim analysis for the DSMB (investigator, data manager): the $interim HTML report in this page. */
export async function interimPage(studyId) {
	const study = await readStudy(studyId);
	const report = await embeddedReport(`ResearchStudy/${encodeURIComponent(studyId)}/$interim?_format=html`, 'interim-report',
		'Interim report', ['ResearchStudy', '$interim']);
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, study.title || study.id), ' › Interim (DSMB)'),
		el('h1', {}, `Interim analysis (DSMB): ${study.title || study.id}`),
		el('p', {class: 'meta'}, 'What the look would show now. Nothing is recorded here: a look is recorded through the API ($interim with record=true).'),
		el('section', {class: 'card', 'aria-label': 'Interim report'}, report),
	];
}
