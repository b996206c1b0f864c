// The server's HTML reports ($analyze, $interim, $completeness) rendered inside a workbench page, not in an iframe:
// their charts stay inline SVG, their scripts and outside references are dropped, their styles stay in their box.
import {fhir} from './fhir.js';
import {el} from './view.js';

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

/**
 * Fetches `path` as HTML and answers a box with the report's content under the element id `id`; the report's own
 * top heading becomes a second-level one under the page's title. `trim` may leave out parts of the parsed report.
 */
export async function embeddedReport(path, id, label, needs, trim = () => {}) {
	const html = await fhir(path, {accept: 'text/html', needs});
	const report = new DOMParser().parseFromString(html, 'text/html');
	report.querySelectorAll('script, iframe, object, embed, link, meta, base').forEach(node => node.remove());
	trim(report);
	report.querySelectorAll('h1').forEach(h1 => {
		const h2 = report.createElement('h2');
		h2.append(...h1.childNodes);
		h1.replaceWith(h2);
	});
	const container = el('div', {class: 'report', id, tabindex: '0', role: 'region', 'aria-label': label});
	const styles = [...report.querySelectorAll('style')].map(style => {
		style.remove();
		return el('style', {}, scoped(style.textContent, `#${id}`));
	});
	container.append(...styles, ...[...report.body.childNodes].map(node => document.importNode(node, true)));
	return container;
}
