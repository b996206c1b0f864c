// Randomize (clinician): pick a Patient, see each eligibility criterion with the evidence on record, randomize, see
// the allocation (or "allocated, blinded"), print the allocation slip. The server's $randomize decides; the criteria
// shown before are what the records readable here say.
import {fhir, FhirError, may, searchAll} from './fhir.js';
import {isBlinded, readStudy} from './studies.js';
import {SCORE_SYSTEM} from './study.js';
import {el, failure, when} from './view.js';

const SEPSIS = ['91302008', '10001005', '238150007', '76571007'];
const DAY_MS = 24 * 3600 * 1000;

function patientLabel(patient) {
	const name = (patient.name || [])[0];
	const text = name ? (name.text || [...(name.given || []), name.family].filter(Boolean).join(' ')) : '';
	const mrn = (patient.identifier || [])[0]?.value;
	return `${patient.id}${text ? ` — ${text}` : ''}${mrn ? ` (MRN ${mrn})` : ''}`;
}

function criterion(code, met, evidence) {
	const status = met === true ? 'met' : met === false ? 'not met' : 'not known';
	return el('tr', {class: `criterion ${status.replace(' ', '-')}`, 'data-criterion': code},
		el('th', {scope: 'row'}, code), el('td', {}, el('span', {class: 'status'}, status)), el('td', {}, evidence));
}

async function evidence(study, patient) {
	const ref = `Patient/${encodeURIComponent(patient.id)}`;
	const rows = [];
	if (may('Condition', 's')) {
		const conditions = await searchAll(`Condition?patient=${ref}&_count=100`, ['Condition', 's']);
		const sepsis = conditions.find(c => (c.code?.coding || []).some(cd => SEPSIS.includes(cd.code))
			&& ['active', 'recurrence', 'relapse'].includes(c.clinicalStatus?.coding?.[0]?.code)
			&& !['refuted', 'entered-in-error'].includes(c.verificationStatus?.coding?.[0]?.code));
		rows.push(criterion('sepsis', Boolean(sepsis), sepsis ? `active Condition ${sepsis.code.text || sepsis.code.coding[0].code} (Condition/${sepsis.id})` : 'no active sepsis Condition on record'));
	}
	if (may('Observation', 's')) {
		const since = new Date(Date.now() - DAY_MS).toISOString();
		const scores = await searchAll(`Observation?subject=${ref}&code=${encodeURIComponent(`${SCORE_SYSTEM}|jaam-dic`)}&date=ge${encodeURIComponent(since)}&_count=50`, ['Observation', 's']);
		const best = scores.filter(s => ['final', 'amended', 'corrected'].includes(s.status)).sort((a, b) => (b.valueInteger ?? -1) - (a.valueInteger ?? -1))[0];
		rows.push(criterion('jaam-dic', best ? best.valueInteger >= 4 : false,
			best ? el('span', {}, `JAAM DIC score ${best.valueInteger} at `, when(best.effectiveDateTime || best.effectivePeriod?.end)) : 'no JAAM DIC score in the last 24 h'));
	}
	const birth = patient.birthDate;
	const age = birth ? Math.floor((Date.now() - new Date(birth.length === 4 ? `${birth}-12-31` : birth)) / (365.2425 * DAY_MS)) : null;
	rows.push(criterion('adult', age === null ? false : age >= 18, birth ? `born ${birth} (about ${age} years)` : 'no birth date on record'));
	if (may('ResearchSubject', 's')) {
		const subjects = await searchAll(`ResearchSubject?individual=${ref}&study=ResearchStudy/${encodeURIComponent(study.id)}`, ['ResearchSubject', 's']);
		const enrolled = subjects.find(s => !['candidate', 'eligible', 'ineligible', 'potential-candidate', 'screening', 'not-registered', 'pending-on-study'].includes(s.status));
		rows.push(criterion('not-enrolled', !enrolled, enrolled ? `already enrolled (ResearchSubject/${enrolled.id}, ${enrolled.status})` : 'not enrolled in this study'));
	}
	if (may('Consent', 's')) {
		const consents = await searchAll(`Consent?patient=${ref}&status=active&_count=20`, ['Consent', 's']);
		rows.push(criterion('consent', consents.length > 0, consents.length ? `active Consent (Consent/${consents[0].id})` : 'no active Consent on record'));
	}
	return el('table', {class: 'grid criteria', id: 'criteria'},
		el('caption', {}, `Eligibility of Patient/${patient.id} as the records show it now; randomizing checks it again`),
		el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Criterion'), el('th', {scope: 'col'}, 'Status'), el('th', {scope: 'col'}, 'Evidence'))),
		el('tbody', {}, rows));
}

function slip(study, subject) {
	const blinded = !subject.assignedArm;
	return el('section', {class: 'card slip', id: 'allocation', 'aria-label': 'Allocation slip', tabindex: '-1'},
		el('h2', {}, 'Allocation slip'),
		el('dl', {class: 'facts'},
			el('dt', {}, 'Study'), el('dd', {}, study.title || study.id),
			el('dt', {}, 'Patient'), el('dd', {}, subject.individual?.reference || '—'),
			el('dt', {}, 'Subject'), el('dd', {}, `ResearchSubject/${subject.id}`),
			el('dt', {}, 'Randomized (T0)'), el('dd', {}, when(subject.period?.start, subject.period?.start)),
			el('dt', {}, 'Allocation'), el('dd', {id: 'allocation-arm'}, blinded ? 'allocated, blinded' : subject.assignedArm)),
		el('p', {class: 'actions no-print'}, el('button', {type: 'button', onclick: () => window.print(), id: 'print-slip'}, 'Print allocation slip')));
}

export async function randomizePage(studyId) {
	const study = await readStudy(studyId);
	const patients = await searchAll('Patient?_count=100&_sort=-_lastUpdated', ['Patient', 's'], 100);
	const result = el('div', {'aria-live': 'polite', id: 'randomize-result'});
	const criteria = el('div', {id: 'evidence'});
	const select = el('select', {id: 'patient', name: 'patient', required: true},
		el('option', {value: ''}, 'Choose a patient…'), patients.map(p => el('option', {value: p.id}, patientLabel(p))));
	const button = el('button', {type: 'submit', id: 'randomize', disabled: true}, 'Randomize');
	select.addEventListener('change', async () => {
		result.replaceChildren();
		button.disabled = true;
		const patient = patients.find(p => p.id === select.value);
		if (!patient) {
			criteria.replaceChildren();
			return;
		}
		criteria.replaceChildren(el('p', {class: 'loading', role: 'status'}, 'Checking eligibility…'));
		try {
			criteria.replaceChildren(await evidence(study, patient));
			button.disabled = false;
		} catch (error) {
			criteria.replaceChildren(failure(error));
		}
	});
	const form = el('form', {class: 'card', id: 'randomize-form', onsubmit: async event => {
		event.preventDefault();
		button.disabled = true;
		result.replaceChildren(el('p', {class: 'loading', role: 'status'}, 'Randomizing…'));
		try {
			const subject = await fhir(`ResearchStudy/${encodeURIComponent(studyId)}/$randomize`, {method: 'POST', needs: ['ResearchStudy', '$randomize'],
				body: {resourceType: 'Parameters', parameter: [{name: 'subject', valueReference: {reference: `Patient/${select.value}`}}]}});
			result.replaceChildren(slip(study, subject));
			result.querySelector('#allocation').focus();
		} catch (error) {
			const refused = error instanceof FhirError && error.status === 422;
			result.replaceChildren(el('div', {class: 'error', role: 'alert', id: 'ineligible'},
				el('h2', {}, refused ? 'Not eligible' : 'Not randomized'), el('p', {}, error.message)));
		} finally {
			button.disabled = false;
		}
	}},
	el('p', {}, el('label', {for: 'patient'}, 'Patient'), select), criteria, el('p', {}, button));
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, study.title || study.id), ' › Randomize'),
		el('h1', {}, 'Randomize a patient'),
		el('p', {class: 'meta'}, `${study.title || study.id} · ${isBlinded(study) ? 'blinded: the arm is not shown' : 'open-label'}`),
		form, result];
}

