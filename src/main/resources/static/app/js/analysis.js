// Analysis (investigator): the $analyze HTML report, rendered in this page (its charts are inline SVG).
import {fhir} from './fhir.js';
import {readStudy} from './studies.js';
import {el, placeholder} from './view.js';

/** The report's style rules, confined to the report's box (its `body` rules would restyle the whole page). */
function scoped(css, scope) {
	const sheet = new CSSStyleSheet();
	sheet.replaceSync(css);
	const rewrite = rules => [...rules].map(rule => {
		if (rule instanceof CSSStyleRule) {
			const selectors = rule.selectorText.split(',').map(selector => selector.trim().replace(/^(html|body)\b/, '').trim())
				.map(selector => (selector ? `${scope} ${selector}` : scope));
			return `${selectors.join(', ')} { ${rule.style.cssText} }`;
		}
		if (rule instanceof CSSMediaRule) {
			return `@media ${rule.conditionText} { ${rewrite(rule.cssRules)} }`;
		}
		return ''; // @import, @font-face …: nothing from outside this page
	}).join('\n');
	return rewrite(sheet.cssRules);
}

export async function analysisPage(studyId) {
	const study = await readStudy(studyId);
	const html = await fhir(`ResearchStudy/${encodeURIComponent(studyId)}/$analyze?_format=html`, {accept: 'text/html', needs: ['ResearchStudy', '$analyze']});
	const report = new DOMParser().parseFromString(html, 'text/html');
	report.querySelectorAll('script, iframe, object, embed, link, meta, base').forEach(node => node.remove());
	// the report's own top heading becomes a second-level one under this page's title
	report.querySelectorAll('h1').forEach(h1 => {
		const h2 = report.createElement('h2');
		h2.append(...h1.childNodes);
		h1.replaceWith(h2);
	});
	const container = el('div', {class: 'report', id: 'report', tabindex: '0', role: 'region', 'aria-label': 'Report'});
	const styles = [...report.querySelectorAll('style')].map(style => {
		style.remove();
		return el('style', {}, scoped(style.textContent, '#report'));
	});
	container.append(...styles, ...[...report.body.childNodes].map(node => document.importNode(node, true)));
	return [
		el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/'}, 'Studies'), ' › ',
			el('a', {href: `#/study/${encodeURIComponent(studyId)}`}, study.title || study.id), ' › Analysis'),
		el('h1', {}, `Analysis: ${study.title || study.id}`),
		el('section', {class: 'card', 'aria-label': 'Arm comparison report'}, container),
		placeholder('Interim analysis (DSMB)', 'The group-sequential interim report appears here once $interim exists.'),
	];
}
