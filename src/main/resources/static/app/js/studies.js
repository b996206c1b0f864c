// Studies: the list, enrolment against plan, by site and by arm where the arms are visible.
import {bars} from './charts.js';
import {fhir, may, searchAll} from './fhir.js';
import {el, idOf, when} from './view.js';

const BLINDED = 'http://trialfhir.org/fhir/StructureDefinition/blinded';
const DESIGN = 'http://trialfhir.org/fhir/StructureDefinition/group-sequential-design';

export function isBlinded(study) {
	return (study.extension || []).some(ext => ext.url === BLINDED && ext.valueBoolean === true);
}

export function plannedSubjects(study) {
	const design = (study.extension || []).find(ext => ext.url === DESIGN);
	const planned = design && (design.extension || []).find(ext => ext.url === 'planned-subjects');
	return planned ? planned.valueInteger : null;
}

/** The study's subjects (enrolled or screened), each ResearchSubject as the API shows it to this user. */
export function subjectsOf(studyId) {
	return searchAll(`ResearchSubject?study=ResearchStudy/${encodeURIComponent(studyId)}&_count=200`, ['ResearchSubject', 's']);
}

export function isEnrolled(subject) {
	return !['candidate', 'eligible', 'ineligible', 'potential-candidate', 'screening', 'not-registered', 'pending-on-study'].includes(subject.status);
}

function countBy(items, key) {
	const counts = new Map();
	items.forEach(item => counts.set(key(item), (counts.get(key(item)) || 0) + 1));
	return [...counts.entries()].map(([label, value]) => ({label, value})).sort((a, b) => a.label.localeCompare(b.label));
}

async function siteNames(subjects) {
	if (!may('Patient', 'r') || !may('Organization', 'r') || subjects.length === 0) {
		return null;
	}
	const patients = await searchAll(`Patient?_id=${subjects.map(s => idOf(s.individual?.reference)).filter(Boolean).join(',')}&_include=Patient:organization&_count=200`, ['Patient', 's']);
	const names = new Map();
	const orgs = new Map(patients.filter(r => r.resourceType === 'Organization').map(org => [org.id, org.name || org.id]));
	patients.filter(r => r.resourceType === 'Patient').forEach(p => names.set(p.id, orgs.get(idOf(p.managingOrganization?.reference)) || 'no site'));
	return names;
}

export async function studiesPage() {
	const studies = await searchAll('ResearchStudy?_count=100&_sort=title', ['ResearchStudy', 's']);
	const cards = [];
	for (const study of studies) {
		const subjects = may('ResearchSubject', 's') ? (await subjectsOf(study.id)).filter(isEnrolled) : [];
		const planned = plannedSubjects(study);
		const blinded = isBlinded(study);
		const sites = await siteNames(subjects);
		const armsVisible = !blinded && subjects.some(s => s.assignedArm);
		cards.push(el('article', {class: 'card study', 'data-study': study.id},
			el('h2', {}, el('a', {href: `#/study/${encodeURIComponent(study.id)}`}, study.title || study.id)),
			el('p', {class: 'meta'}, `${study.id} · ${study.status}`, blinded ? el('span', {class: 'badge'}, 'blinded') : el('span', {class: 'badge open'}, 'open-label'),
				study.period?.start ? el('span', {}, ' · started ', when(study.period.start)) : null),
			el('div', {class: 'charts'},
				el('figure', {}, bars('Enrolled against plan', [{label: 'enrolled', value: subjects.length}], planned),
					el('figcaption', {}, planned ? `${subjects.length} of ${planned} planned subjects` : `${subjects.length} enrolled; no enrolment plan recorded`)),
				sites ? el('figure', {}, bars('Enrolled by site', countBy(subjects, s => sites.get(idOf(s.individual?.reference)) || 'no site')),
					el('figcaption', {}, 'By site')) : null,
				armsVisible ? el('figure', {class: 'by-arm'}, bars('Enrolled by arm', countBy(subjects, s => s.assignedArm || 'not allocated')),
					el('figcaption', {}, 'By arm')) : null)));
	}
	return [el('h1', {}, 'Studies'), studies.length ? el('div', {class: 'list'}, cards) : el('p', {}, 'No study is readable with your sign-in.')];
}

export async function readStudy(id) {
	return fhir(`ResearchStudy/${encodeURIComponent(id)}`, {needs: ['ResearchStudy', 'r']});
}

