// Small helpers to build the DOM safely (text is always set as text, never parsed as HTML) and to show dates.

export function el(tag, attributes = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name.startsWith('on')) {
			node.addEventListener(name.slice(2), value);
		} else {
			node.setAttribute(name, value === true ? '' : value);
		}
	}
	children.flat().forEach(child => child !== null && child !== undefined
		&& node.append(child instanceof Node ? child : String(child)));
	return node;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
	const node = document.createElementNS(SVG, tag);
	Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
	children.flat().forEach(child => child !== null && child !== undefined
		&& node.append(child instanceof Node ? child : String(child)));
	return node;
}

const DAY_MS = 24 * 3600 * 1000;

/** Study day N of a time: [T0 + 24(N−1) h, T0 + 24N h); the 24 h before T0 are day 0. */
export function studyDay(time, t0) {
	if (!time || !t0) {
		return null;
	}
	return Math.floor((new Date(time) - new Date(t0)) / DAY_MS) + 1;
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const dateOnly = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});

/** A date in the user's time zone, with the study day beside it when the subject's T0 is known. */
export function when(time, t0) {
	if (!time) {
		return '—';
	}
	const text = time.length <= 10 ? dateOnly.format(new Date(`${time}T00:00:00`)) : dateTime.format(new Date(time));
	const day = studyDay(time, t0);
	return el('span', {class: 'when'}, el('time', {datetime: time}, text), day !== null ? el('span', {class: 'day'}, ` (study day ${day})`) : null);
}

export function show(main, ...content) {
	main.replaceChildren(...content);
	main.setAttribute('aria-busy', 'false');
}

export function loading(main, what) {
	main.setAttribute('aria-busy', 'true');
	delete main.dataset.rendered;
	main.replaceChildren(el('p', {class: 'loading', role: 'status'}, `Loading ${what}…`));
}

export function failure(error) {
	return el('div', {class: 'error', role: 'alert'}, el('h2', {}, error.status === 403 ? 'Not allowed' : 'Something went wrong'),
		el('p', {}, error.message));
}

export function section(title, ...content) {
	return el('section', {class: 'card', 'aria-label': title}, el('h2', {}, title), ...content);
}

export function idOf(reference) {
	return reference ? reference.split('/').pop() : null;
}

const STUDY_DAY = 'http://trialfhir.org/fhir/StructureDefinition/study-day';

/** The study day the server stamped on a resource, or null. */
export function dayOf(resource) {
	const ext = (resource.extension || []).find(e => e.url === STUDY_DAY);
	return ext ? (ext.valueInteger ?? ext.valueDecimal) : null;
}

/** What an Observation measures, in words. */
export function label(observation) {
	return observation.code?.text || (observation.code?.coding || []).map(c => c.display || c.code).find(Boolean) || 'Observation';
}
