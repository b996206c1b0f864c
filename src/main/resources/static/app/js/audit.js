// Audit (auditor): who did what, filtered by user, subject and date.
import {fhir} from './fhir.js';
import {el, section, when} from './view.js';

function field(name, text, attributes = {}) {
	const id = `audit-${name}`;
	return el('p', {}, el('label', {for: id}, text), el('input', {id, name, ...attributes}));
}

function row(event) {
	const agent = (event.agent || [])[0] || {};
	const who = agent.name || agent.altId || agent.who?.identifier?.value || agent.who?.display || '—';
	const client = agent.who?.identifier?.value;
	const entities = (event.entity || []).map(e => e.what?.reference || e.description).filter(Boolean);
	return el('tr', {},
		el('td', {}, when(event.recorded)),
		el('td', {}, who, client && client !== who ? el('span', {class: 'meta'}, ` via ${client}`) : ''),
		el('td', {}, (event.subtype || []).map(s => s.display || s.code).join(', ') || event.type?.code || ''),
		el('td', {}, event.action || ''),
		el('td', {}, entities.slice(0, 3).join(', ') + (entities.length > 3 ? ` (+${entities.length - 3})` : '')),
		el('td', {}, event.outcomeDesc || event.outcome || ''));
}

export async function auditPage(query) {
	const params = new URLSearchParams(query);
	const search = new URLSearchParams({_sort: '-date', _count: '50'});
	if (params.get('user')) {
		search.set('agent-name', params.get('user'));
	}
	if (params.get('subject')) {
		search.set('entity', params.get('subject'));
	}
	if (params.get('from')) {
		search.append('date', `ge${params.get('from')}`);
	}
	if (params.get('to')) {
		search.append('date', `le${params.get('to')}`);
	}
	const bundle = await fhir(`AuditEvent?${search}`, {needs: ['AuditEvent', 's']});
	const events = (bundle.entry || []).map(e => e.resource);
	const form = el('form', {class: 'card filters', id: 'audit-filter', role: 'search', onsubmit: event => {
		event.preventDefault();
		const data = new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v));
		location.hash = `#/audit?${data}`;
	}},
	field('user', 'User', {value: params.get('user') || '', autocomplete: 'off'}),
	field('subject', 'Subject (e.g. Patient/123)', {value: params.get('subject') || '', autocomplete: 'off'}),
	field('from', 'From date', {type: 'date', value: params.get('from') || ''}),
	field('to', 'To date', {type: 'date', value: params.get('to') || ''}),
	el('p', {}, el('button', {type: 'submit'}, 'Filter')));
	return [
		el('h1', {}, 'Audit trail'),
		form,
		section(`Latest ${events.length} events${bundle.total !== undefined ? ` of ${bundle.total}` : ''}`,
			el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table'}, el('table', {class: 'grid', id: 'audit-events'},
				el('caption', {}, 'Newest first; times in your time zone'),
				el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'Action', 'On', 'Outcome'].map(h => el('th', {scope: 'col'}, h)))),
				el('tbody', {}, events.map(row)))))];
}
