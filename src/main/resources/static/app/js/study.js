// Study dashboard and subject timeline.
import {pendingCard} from './adjudication.js';
import {sparkline} from './charts.js';
import {fhir, may, searchAll} from './fhir.js';
import {embeddedReport} from './report.js';
import {isBlinded, isEnrolled, readStudy, subjectsOf} from './studies.js';
import {dayOf, el, idOf, label, section, studyDay, when} from './view.js';

export const SCORE_SYSTEM = 'http://trialfhir.org/fhir/CodeSystem/trial-score';
const DAYS = Array.from({length: 28}, (_, i) => i + 1);

function codeOf(observation, system) {
	const coding = (observation.code?.coding || []).find(c => !system || c.system === system);
	return coding ? coding.code : null;
}

function derivedScores(patientId) {
	return searchAll(`Observation?subject=Patient/${encodeURIComponent(patientId)}&code=${encodeURIComponent(`${SCORE_SYSTEM}|`)}&_count=500`, ['Observation', 's']);
}

const BLEEDING = 'http://trialfhir.org/fhir/CodeSystem/bleeding-category';

/** Derived scores per subject and study day: the dashboard's completeness view for a role without $completeness. */
async function derivedScoreTable(subjects, armVisible) {
	const rows = [];
	for (const subject of subjects) {
		const patientId = idOf(subject.individual?.reference);
		const scores = patientId && may('Observation', 's') ? await derivedScores(patientId) : [];
		const perDay = new Map();
		scores.forEach(score => perDay.set(dayOf(score), (perDay.get(dayOf(score)) || 0) + 1));
		rows.push(el('tr', {},
			el('th', {scope: 'row'}, el('a', {href: `#/subject/${encodeURIComponent(subject.id)}`}, subject.id)),
			el('td', {}, subject.status),
			el('td', {}, when(subject.period?.start)),
			armVisible ? el('td', {}, subject.assignedArm || '—') : null,
			...DAYS.slice(0, 10).map(day => {
				const count = perDay.get(day) || 0;
				return el('td', {class: `heat heat-${Math.min(count, 6)}`, title: `day ${day}: ${count} derived scores`}, count ? String(count) : '·');
			})));
	}
	const table = el('table', {class: 'grid'},
		el('caption', {}, 'Derived scores per subject and study day (days 1–10; six scores a day when every input is in)'),
		el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Subject'), el('th', {scope: 'col'}, 'Status'), el('th', {scope: 'col'}, 'Randomized (T0)'),
			armVisible ? el('th', {scope: 'col'}, 'Arm') : null, ...DAYS.slice(0, 10).map(day => el('th', {scope: 'col'}, `D${day}`)))),
		el('tbody', {}, rows));
	return el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table'}, table);
}

/** Today's morning check ($completeness): subjects × study days, findings and open data queries. */
async function completenessSection(studyId, subjects, armVisible) {
	if (!may('ResearchStudy', '$completeness')) {
		return section('Data completeness', await derivedScoreTable(subjects, armVisible));
	}
	// the dashboard keeps the heatmap and the counts of findings and open queries; their long lists stay in the
	// printable report (_format=html, data-quality.md)
	const heatmapOnly = report => [...report.querySelectorAll('table')].slice(1).forEach(table => table.remove());
	const report = await embeddedReport(`ResearchStudy/${encodeURIComponent(studyId)}/$completeness?_format=html`, 'completeness',
		'Completeness report', ['ResearchStudy', '$completeness'], heatmapOnly);
	report.classList.add('scroll');
	return section('Data completeness', report);
}

/** The study's bleeding AdverseEvents, newest first. */
async function bleedingSection(subjects) {
	if (!may('AdverseEvent', 's')) {
		return null;
	}
	const subjectByPatient = new Map(subjects.map(subject => [idOf(subject.individual?.reference), subject]));
	const events = (await searchAll(`AdverseEvent?category=${encodeURIComponent(`${BLEEDING}|`)}&_sort=-date&_count=200`, ['AdverseEvent', 's']))
		.filter(event => subjectByPatient.has(idOf(event.subject?.reference)));
	const shown = events.slice(0, 10);
	return section('Newest bleeding adverse events', shown.length
		? el('ul', {class: 'events', id: 'bleeding-events'}, shown.map(event => {
			const subject = subjectByPatient.get(idOf(event.subject.reference));
			return el('li', {}, el('a', {href: `#/subject/${encodeURIComponent(subject.id)}`}, subject.id), ': ',
				event.event?.text || event.event?.coding?.[0]?.display || event.event?.coding?.[0]?.code || 'bleeding', ' — ',
				when(event.date, subject.period?.start));
		}))
		: el('p', {}, 'No bleeding adverse event recorded.'));
}

/** The parts of a Parameters parameter by name, each value as its JSON primitive (a Reference as its reference). */
function partsOf(parameter) {
	const parts = {};
	for (const part of parameter.part || []) {
		const key = Object.keys(part).find(k => k.startsWith('value'));
		const value = key === 'valueReference' ? part.valueReference.reference : key ? part[key] : part;
		(parts[part.name] = parts[part.name] || []).push(value);
	}
	return parts;
}

const PULL_RESULTS = {completed: 'completed', partial: 'partial: some data not taken', failed: 'failed', 'never-pulled': 'never pulled'};
const SHOWN_NOTES = 2; // the rest are in $pull-status

function notesList(notes) {
	if (!notes.length) {
		return null;
	}
	const more = notes.length - SHOWN_NOTES;
	return el('ul', {class: 'notes'}, notes.slice(0, SHOWN_NOTES).map(note => el('li', {}, note)),
		more > 0 ? el('li', {}, `… and ${more} more`) : null);
}

/** Each hospital source's last pull ($pull-status): when, how it ended, its counts and errors, its recorded issues. */
async function hospitalSourcesSection() {
	if (!may('*', '$pull-status')) {
		return null;
	}
	const status = await fhir('$pull-status', {needs: ['*', '$pull-status']});
	const sources = (status.parameter || []).filter(p => p.name === 'source').map(partsOf);
	if (!sources.length) {
		return section('Hospital sources', el('p', {}, 'No hospital source is configured.'));
	}
	const one = (parts, name) => (parts[name] || [])[0];
	const rows = sources.map(parts => {
		const result = one(parts, 'result');
		const pulled = result !== 'never-pulled';
		const counts = el('ul', {class: 'counts'}, ['fetched', 'created', 'updated', 'unchanged', 'rejected'].map(name => el('li', {}, `${name} ${one(parts, name)}`)));
		const issues = (parts.issue || []).map(partsOf);
		return el('tr', {'data-source': one(parts, 'name')},
			el('th', {scope: 'row'}, one(parts, 'name')),
			el('td', {}, pulled ? when(one(parts, 'finished')) : '—'),
			el('td', {class: `pull-${result}`}, PULL_RESULTS[result] || result),
			el('td', {}, pulled ? counts : '—'),
			el('td', {class: 'errors'}, pulled ? String(one(parts, 'errors')) : '—', notesList(parts.note || [])),
			// the newest issues by kind and subject; their reasons (mostly the errors' texts beside) on hover
			el('td', {}, `${one(parts, 'issues')} recorded`, issues.length ? el('ul', {class: 'notes'}, issues.slice(0, SHOWN_NOTES).map(issue =>
				el('li', {title: one(issue, 'reason')}, one(issue, 'kind'), one(issue, 'subject') ? ` (${one(issue, 'subject')})` : ''))) : null));
	});
	const table = el('table', {class: 'grid', id: 'hospital-sources'},
		el('caption', {}, 'The last pull of each hospital source'),
		el('thead', {}, el('tr', {}, ['Source', 'Last run', 'Result', 'Counts', 'Errors', 'Issues'].map(name => el('th', {scope: 'col'}, name)))),
		el('tbody', {}, rows));
	return section('Hospital sources', el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table'}, table));
}

export async function studyPage(studyId) {
	const study = await readStudy(studyId);
	const subjects = (await subjectsOf(studyId)).filter(isEnrolled);
	const actions = el('p', {class: 'actions'},
		may('ResearchStudy', '$analyze') ? el('a', {class: 'button', href: `#/analysis/${encodeURIComponent(studyId)}`, id: 'analysis-link'}, 'Analysis') : null,
		may('ResearchStudy', '$interim') ? el('a', {class: 'button', href: `#/interim/${encodeURIComponent(studyId)}`, id: 'interim-link'}, 'Interim (DSMB)') : null,
		may('ResearchStudy', '$randomize') ? el('a', {class: 'button', href: `#/randomize/${encodeURIComponent(studyId)}`, id: 'randomize-link'}, 'Randomize a patient') : null);
	const armVisible = !isBlinded(study);
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ', study.title || study.id),
		el('h1', {}, study.title || study.id),
		el('p', {class: 'meta'}, `${study.id} · ${study.status} · ${isBlinded(study) ? 'blinded' : 'open-label'} · ${subjects.length} enrolled`),
		actions,
		await completenessSection(studyId, subjects, armVisible),
		may('Observation', 's') ? await pendingCard(studyId) : null,
		await bleedingSection(subjects),
		await hospitalSourcesSection(),
	];
}

function componentList(score) {
	return el('dl', {class: 'components'}, (score.component || []).flatMap(component => [
		el('dt', {}, codeOf(component) || 'component'),
		el('dd', {}, component.valueInteger ?? component.valueBoolean ?? component.valueCodeableConcept?.coding?.[0]?.code
			?? component.valueQuantity?.value ?? `missing (${component.dataAbsentReason?.coding?.[0]?.code || 'unknown'})`)]));
}

function scoreDetail(score, t0) {
	const inputs = (score.derivedFrom || []).map(ref => el('li', {}, el('a', {href: `#/observation/${encodeURIComponent(idOf(ref.reference))}`}, ref.display || ref.reference)));
	return el('div', {class: 'detail', id: 'score-detail', tabindex: '-1'},
		el('h3', {}, `${codeOf(score, SCORE_SYSTEM)} on study day ${dayOf(score)}: ${score.valueInteger ?? '—'}`),
		el('p', {}, 'Window: ', when(score.effectivePeriod?.start, t0)),
		componentList(score),
		el('h4', {}, 'Derived from'),
		inputs.length ? el('ul', {}, inputs) : el('p', {}, 'No input Observation.'));
}

export async function subjectPage(subjectId) {
	const subject = await fhir(`ResearchSubject/${encodeURIComponent(subjectId)}`, {needs: ['ResearchSubject', 'r']});
	const t0 = subject.period?.start;
	const patientId = idOf(subject.individual?.reference);
	const studyId = idOf(subject.study?.reference);
	const scores = patientId ? await derivedScores(patientId) : [];
	const scoreCodes = [...new Set(scores.map(s => codeOf(s, SCORE_SYSTEM)))].sort();
	const detail = el('div', {'aria-live': 'polite'});
	const grid = el('table', {class: 'grid timeline'},
		el('caption', {}, 'Derived scores by study day (choose a value to see its components and inputs)'),
		el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Score'), ...DAYS.map(day => el('th', {scope: 'col'}, String(day))))),
		el('tbody', {}, scoreCodes.map(code => el('tr', {}, el('th', {scope: 'row'}, code), ...DAYS.map(day => {
			const score = scores.find(s => codeOf(s, SCORE_SYSTEM) === code && dayOf(s) === day);
			return el('td', {}, score ? el('button', {class: 'cell', type: 'button', 'aria-label': `${code} day ${day}: ${score.valueInteger ?? 'not computable'}`,
				onclick: () => {
					detail.replaceChildren(scoreDetail(score, t0));
					detail.firstChild.focus();
				}}, String(score.valueInteger ?? '?')) : '');
		})))));
	const measurements = patientId ? await searchAll(`Observation?subject=Patient/${encodeURIComponent(patientId)}&category=laboratory,vital-signs&_count=500`, ['Observation', 's']) : [];
	const byCode = new Map();
	measurements.filter(o => o.valueQuantity && dayOf(o) >= 1 && dayOf(o) <= 28).forEach(o => {
		const key = label(o);
		byCode.set(key, [...(byCode.get(key) || []), {day: dayOf(o), value: o.valueQuantity.value, unit: o.valueQuantity.unit, time: o.effectiveDateTime}]);
	});
	const multiples = [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) =>
		el('figure', {class: 'multiple'}, sparkline(name, points.sort((a, b) => a.day - b.day || String(a.time).localeCompare(String(b.time))), points[0].unit)));
	const events = [{what: 'Randomized (T0)', time: t0}];
	if (subject.status === 'withdrawn' || subject.status === 'off-study') {
		events.push({what: `Status ${subject.status}`, time: subject.period?.end});
	}
	if (patientId && may('Patient', 'r')) {
		const patient = await fhir(`Patient/${encodeURIComponent(patientId)}`, {needs: ['Patient', 'r']});
		if (patient.deceasedDateTime) {
			events.push({what: 'Death', time: patient.deceasedDateTime});
		}
	}
	if (patientId && may('AdverseEvent', 's')) {
		(await searchAll(`AdverseEvent?subject=Patient/${encodeURIComponent(patientId)}&_count=100`, ['AdverseEvent', 's']))
			.forEach(ae => events.push({what: `Adverse event: ${ae.event?.text || ae.event?.coding?.[0]?.display || ae.event?.coding?.[0]?.code || 'unspecified'}`, time: ae.date}));
	}
	events.sort((a, b) => String(a.time).localeCompare(String(b.time)));
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			studyId ? el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, studyId) : '', ' › ', subject.id),
		el('h1', {}, `Subject ${subject.id}`),
		el('p', {class: 'meta'}, `${subject.status} · patient ${patientId || '—'} · T0 `, when(t0), subject.assignedArm ? ` · arm ${subject.assignedArm}` : ''),
		section('Scores, study days 1–28', scoreCodes.length ? el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table'}, grid) : el('p', {}, 'No derived score yet.'), detail),
		section('Key labs and vitals', multiples.length ? el('div', {class: 'multiples'}, multiples) : el('p', {}, 'No lab or vital sign on study days 1–28.')),
		section('Events', el('ol', {class: 'events'}, events.map(e => el('li', {}, el('strong', {}, e.what), ' — ', when(e.time, t0))))),
	];
}

export async function observationPage(id) {
	const observation = await fhir(`Observation/${encodeURIComponent(id)}`, {needs: ['Observation', 'r']});
	const value = observation.valueQuantity ? `${observation.valueQuantity.value} ${observation.valueQuantity.unit || observation.valueQuantity.code || ''}`
		: observation.valueInteger ?? observation.valueCodeableConcept?.coding?.[0]?.code ?? observation.valueString ?? '—';
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ', el('button', {type: 'button', class: 'link', onclick: () => history.back()}, 'Back')),
		el('h1', {}, label(observation)),
		el('dl', {class: 'facts'},
			el('dt', {}, 'Value'), el('dd', {}, String(value)),
			el('dt', {}, 'Code'), el('dd', {}, (observation.code?.coding || []).map(c => `${c.system}|${c.code}`).join(', ')),
			el('dt', {}, 'When'), el('dd', {}, when(observation.effectiveDateTime || observation.effectivePeriod?.start), dayOf(observation) !== null ? ` — study day ${dayOf(observation)}` : ''),
			el('dt', {}, 'Status'), el('dd', {}, observation.status),
			el('dt', {}, 'Id'), el('dd', {}, `Observation/${observation.id}`)),
	];
}

export {studyDay};
