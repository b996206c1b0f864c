// Adjudication (coordinator): the pulled values of a study's patients waiting for a decision, accepted or rejected
// with $adjudicate. The server decides what a decision writes; this page only asks and shows.
import {fhir, may, searchAll} from './fhir.js';
import {readStudy, subjectsOf} from './studies.js';
import {dayOf, el, failure, idOf, label, section, studyDay, when} from './view.js';

const PENDING = 'http://trialfhir.org/fhir/CodeSystem/trial-adjudication|pending';

function valueText(observation) {
	const quantity = observation.valueQuantity;
	if (quantity) {
		return `${quantity.value} ${quantity.unit || quantity.code || ''}`.trim();
	}
	return String(observation.valueInteger ?? observation.valueCodeableConcept?.coding?.[0]?.code ?? observation.valueString ?? '—');
}

const PATIENTS_PER_SEARCH = 40; // keeps each search's URL short

/** The pending values of the study's patients, oldest first, each with its ResearchSubject and study day. */
export async function pendingOf(studyId) {
	const subjectByPatient = new Map((await subjectsOf(studyId))
		.filter(subject => subject.individual?.reference)
		.map(subject => [idOf(subject.individual.reference), subject]));
	// only these patients' values are asked for (subject=a,b,… is one search for several); fresh, because the search
	// cache would still answer a value decided a moment ago
	const patients = [...subjectByPatient.keys()];
	const pending = [];
	for (let first = 0; first < patients.length; first += PATIENTS_PER_SEARCH) {
		const subjects = patients.slice(first, first + PATIENTS_PER_SEARCH).map(id => `Patient/${encodeURIComponent(id)}`).join(',');
		pending.push(...await searchAll(`Observation?subject=${subjects}&_tag=${encodeURIComponent(PENDING)}&_count=500`, ['Observation', 's'], 2000, true));
	}
	return pending.map(observation => {
		const subject = subjectByPatient.get(idOf(observation.subject?.reference));
		const time = observation.effectiveDateTime || observation.effectivePeriod?.start;
		const t0 = subject?.period?.start;
		return {observation, subject, time, t0, day: dayOf(observation) ?? studyDay(time, t0)};
	}).filter(item => item.subject)
		.sort((a, b) => String(a.time).localeCompare(String(b.time)));
}

function subjectLink(subject) {
	return el('a', {href: `#/subject/${encodeURIComponent(subject.id)}`}, subject.id);
}

/** A short list for the study dashboard, with the way to the adjudication page when the user may decide. */
export async function pendingCard(studyId) {
	const items = await pendingOf(studyId);
	const link = may('Observation', '$adjudicate')
		? el('p', {}, el('a', {class: 'button', href: `#/adjudication/${encodeURIComponent(studyId)}`, id: 'adjudication-link'}, 'Adjudicate'))
		: null;
	if (!items.length) {
		return section('Pending adjudications', el('p', {id: 'pending-count'}, 'No pulled value is waiting for a decision.'), link);
	}
	const shown = items.slice(0, 10);
	return section('Pending adjudications',
		el('p', {id: 'pending-count'}, `${items.length} pulled ${items.length === 1 ? 'value is' : 'values are'} waiting for a decision`
			+ (items.length > shown.length ? ` (the ${shown.length} oldest below).` : '.')),
		el('ul', {class: 'pending'}, shown.map(item => el('li', {},
			subjectLink(item.subject), `: ${label(item.observation)} ${valueText(item.observation)}`,
			item.day !== null ? ` (study day ${item.day})` : ''))),
		link);
}

async function decide(observationId, decision, reason) {
	const parameter = [{name: 'decision', valueCode: decision}];
	if (reason) {
		parameter.push({name: 'reason', valueString: reason});
	}
	return fhir(`Observation/${encodeURIComponent(observationId)}/$adjudicate`,
		{method: 'POST', body: {resourceType: 'Parameters', parameter}, needs: ['Observation', '$adjudicate']});
}

export async function adjudicationPage(studyId) {
	const study = await readStudy(studyId);
	const status = el('div', {id: 'adjudication-status', 'aria-live': 'polite'});
	const list = el('div', {id: 'adjudication-list'});

	async function act(item, decision, reasonField) {
		const reason = reasonField ? reasonField.value.trim() : '';
		if (decision === 'reject' && !reason) {
			status.replaceChildren(el('p', {class: 'error', role: 'alert'}, `Give the reason for rejecting ${label(item.observation)} of ${item.subject.id}.`));
			reasonField.focus();
			return;
		}
		try {
			await decide(item.observation.id, decision, reason);
			status.replaceChildren(el('p', {role: 'status'},
				`${decision === 'accept' ? 'Accepted' : 'Rejected'}: ${label(item.observation)} ${valueText(item.observation)} of ${item.subject.id}.`));
		} catch (error) {
			status.replaceChildren(failure(error));
		}
		await refresh();
	}

	function row(item) {
		const id = item.observation.id;
		const reasonField = el('input', {type: 'text', id: `reason-${id}`, name: 'reason', maxlength: '1000', autocomplete: 'off'});
		return el('tr', {'data-observation': id},
			el('th', {scope: 'row'}, `${label(item.observation)}: ${valueText(item.observation)}`),
			el('td', {}, subjectLink(item.subject)),
			el('td', {}, item.day !== null ? String(item.day) : '—'),
			el('td', {}, when(item.time)),
			el('td', {}, el('button', {type: 'button', class: 'accept', onclick: () => act(item, 'accept')}, 'Accept')),
			el('td', {class: 'reject'},
				el('label', {for: `reason-${id}`}, 'Reason for rejecting'), ' ', reasonField, ' ',
				el('button', {type: 'button', class: 'reject', onclick: () => act(item, 'reject', reasonField)}, 'Reject')));
	}

	async function refresh() {
		const items = await pendingOf(studyId);
		list.replaceChildren(items.length
			? el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Pending values'}, el('table', {class: 'grid', id: 'pending-values'},
				el('caption', {}, `${items.length} pulled ${items.length === 1 ? 'value' : 'values'} waiting for a decision, oldest first`),
				el('thead', {}, el('tr', {}, ...['Value', 'Subject', 'Study day', 'Taken', 'Accept', 'Reject'].map(name => el('th', {scope: 'col'}, name)))),
				el('tbody', {}, items.map(row))))
			: el('p', {id: 'no-pending'}, 'No pulled value is waiting for a decision.'));
	}

	await refresh();
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, study.title || study.id), ' › Adjudication'),
		el('h1', {}, `Adjudication: ${study.title || study.id}`),
		el('p', {class: 'meta'}, 'Values from a hospital source that needs adjudication count in no score until accepted. '
			+ 'Accept makes a value final; Reject marks it entered in error, with your reason.'),
		status,
		list,
	];
}
