// Charts as inline SVG, each with a title and a text alternative (the numbers are also in a table or list beside it).
import {svg} from './view.js';

/** Horizontal bars: rows of {label, value}, with an optional target drawn as a line (e.g. the planned enrolment). */
export function bars(title, rows, target) {
	const width = 480;
	const labelWidth = 140;
	const rowHeight = 26;
	const max = Math.max(1, target || 0, ...rows.map(row => row.value));
	const scale = value => (value / max) * (width - labelWidth - 50);
	const height = rows.length * rowHeight + 10;
	const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${rows.map(r => `${r.label} ${r.value}`).join(', ')}${target ? `; plan ${target}` : ''}`, class: 'chart'},
		svg('title', {}, title));
	rows.forEach((row, i) => {
		const y = 5 + i * rowHeight;
		chart.append(
			svg('text', {x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', class: 'label'}, row.label),
			svg('rect', {x: labelWidth, y: y + 3, width: Math.max(1, scale(row.value)), height: rowHeight - 8, class: 'bar'}),
			svg('text', {x: labelWidth + scale(row.value) + 6, y: y + 16, class: 'value'}, String(row.value)));
	});
	if (target) {
		const x = labelWidth + scale(target);
		chart.append(svg('line', {x1: x, x2: x, y1: 0, y2: height, class: 'target'}),
			svg('text', {x: x - 4, y: height - 2, 'text-anchor': 'end', class: 'label'}, `plan ${target}`));
	}
	return chart;
}

/** A small multiple: one variable's values over study days 1–28 (points joined in time order). */
export function sparkline(title, points, unit) {
	const width = 220;
	const height = 90;
	const pad = 22;
	const values = points.map(p => p.value);
	const min = Math.min(...values);
	const max = Math.max(...values);
	const x = day => pad + ((day - 1) / 27) * (width - 2 * pad);
	const y = value => max === min ? height / 2 : height - pad - ((value - min) / (max - min)) * (height - 2 * pad);
	const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'spark',
		'aria-label': `${title}: ${points.map(p => `day ${p.day} ${p.value}`).join(', ')}`},
	svg('title', {}, title),
	svg('text', {x: 4, y: 12, class: 'label'}, `${title}${unit ? ` (${unit})` : ''}`),
	svg('text', {x: 4, y: height - 4, class: 'axis'}, 'day 1'),
	svg('text', {x: width - 4, y: height - 4, class: 'axis', 'text-anchor': 'end'}, 'day 28'),
	svg('text', {x: width - 4, y: 12, class: 'axis', 'text-anchor': 'end'}, `${min}–${max}`));
	chart.append(svg('polyline', {points: points.map(p => `${x(p.day)},${y(p.value)}`).join(' '), class: 'line'}));
	points.forEach(p => chart.append(svg('circle', {cx: x(p.day), cy: y(p.value), r: 2.5, class: 'dot'})));
	return chart;
}
