// The group's chart: each metric against its target on the left axis; desired and serving capacity
// on the right, with a marker on every decision that changed (or would have changed) the fleet,
// its explanation in the tooltip, and lease floors shaded. Chart.js comes as a global (UMD).

import { explanationOf, isNotable, metricLabel } from './decisions.js';
import { timeOf } from './dom.js';

const SERIES_COLORS = ['#0b5cad', '#7a3db8', '#a8326e', '#0a6b6b'];
const DESIRED = '#1a7f37';
const SERVING = '#9a6700';
const FAILED = '#c62828';
const LEASE = 'rgba(130, 80, 223, 0.14)';

export function createChart(canvas) {
	return new Chart(canvas, {
		type: 'line',
		data: { datasets: [] },
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			interaction: { mode: 'nearest', intersect: false },
			scales: {
				x: { type: 'linear', ticks: { maxTicksLimit: 8, callback: (value) => timeOf(new Date(value).toISOString()) } },
				metric: { position: 'left', beginAtZero: true, title: { display: true, text: 'metric' } },
				capacity: { position: 'right', beginAtZero: true, ticks: { precision: 0 },
					title: { display: true, text: 'instances' }, grid: { drawOnChartArea: false } },
			},
			plugins: {
				legend: { position: 'bottom', labels: { usePointStyle: true } },
				tooltip: {
					callbacks: {
						title: (items) => (items.length ? timeOf(new Date(items[0].parsed.x).toISOString()) : ''),
						label: (item) => (item.raw.decision ? item.raw.decision.summary : `${item.dataset.label}: ${item.formattedValue}`),
						afterLabel: (item) => (item.raw.decision && item.dataset.explains ? explanationOf(item.raw.decision) : []),
					},
				},
			},
		},
	});
}

/**
 * Redraws the chart.
 * @param decisions newest first, as the API pages them
 */
export function renderChart(chart, { decisions, policies, leases, now = Date.now() }) {
	const ordered = [...decisions].reverse();
	const metrics = metricSeries(ordered);
	const times = [...ordered.map((d) => Date.parse(d.evaluatedAt)), ...metrics.flatMap((m) => m.points.map((p) => p.x))];
	const range = { min: times.length ? Math.min(...times) : now, max: Math.max(now, ...times) };
	chart.data.datasets = [
		...metrics.map((series, index) => ({
			label: series.label, data: series.points, yAxisID: 'metric', borderColor: colorAt(index),
			backgroundColor: colorAt(index), pointRadius: 0, borderWidth: 2, tension: 0.2,
		})),
		...targetLines(policies, metrics, range),
		capacityLine('Desired capacity', ordered, (d) => d.desiredCapacity, DESIRED, []),
		capacityLine('Serving', ordered, (d) => d.servingCapacity, SERVING, [6, 4]),
		decisionMarkers(ordered),
		...leaseFloors(leases, range),
	];
	chart.options.scales.x.min = range.min;
	chart.options.scales.x.max = range.max;
	chart.update('none');
	describe(chart, metrics, ordered);
}

/** Every datapoint the decisions used, one series per distinct query, without duplicates. */
function metricSeries(decisions) {
	const byQuery = new Map();
	for (const decision of decisions) {
		for (const metric of decision.detail?.metrics || []) {
			const key = JSON.stringify(metric.query);
			if (!byQuery.has(key)) {
				byQuery.set(key, { label: metricLabel(metric), query: metric.query, values: new Map() });
			}
			for (const point of metric.datapoints || []) {
				byQuery.get(key).values.set(Date.parse(point.timestamp), point.value);
			}
		}
	}
	return [...byQuery.values()].map((series) => ({
		...series,
		points: [...series.values].sort(([a], [b]) => a - b).map(([x, y]) => ({ x, y })),
	}));
}

function targetLines(policies, metrics, range) {
	return (policies || [])
		.filter((policy) => typeof policy.targetValue === 'number')
		.map((policy) => {
			const index = metrics.findIndex((series) => JSON.stringify(series.query) === JSON.stringify(policy.metric)
				|| series.query?.metricName === policy.metric?.metricName);
			const color = colorAt(index < 0 ? metrics.length : index);
			return {
				label: `${policy.name} target`, yAxisID: 'metric', borderColor: color, backgroundColor: color,
				borderDash: [2, 3], borderWidth: 1.5, pointRadius: 0,
				data: [{ x: range.min, y: policy.targetValue }, { x: range.max, y: policy.targetValue }],
			};
		});
}

function capacityLine(label, decisions, valueOf, color, dash) {
	return {
		label, yAxisID: 'capacity', stepped: 'before', borderColor: color, backgroundColor: color, borderDash: dash,
		borderWidth: 2, pointRadius: 0, pointHitRadius: 6, explains: label === 'Desired capacity',
		data: decisions.map((decision) => ({ x: Date.parse(decision.evaluatedAt), y: valueOf(decision), decision })),
	};
}

function decisionMarkers(decisions) {
	const notable = decisions.filter(isNotable);
	return {
		label: 'Decisions', type: 'scatter', yAxisID: 'capacity', explains: true,
		data: notable.map((decision) => ({ x: Date.parse(decision.evaluatedAt), y: decision.desiredCapacity, decision })),
		pointStyle: 'triangle', pointRadius: 7, pointHoverRadius: 9, backgroundColor: DESIRED, borderColor: DESIRED,
		pointRotation: notable.map((decision) => (decision.direction === 'in' ? 180 : 0)),
		pointBackgroundColor: notable.map(markerColor), pointBorderColor: notable.map(markerColor),
	};
}

function markerColor(decision) {
	if (decision.outcome === 'failed') {
		return FAILED;
	}
	return decision.action === 'dry-run' ? '#57606a' : DESIRED;
}

/** Each lease's floor, shaded from when it was taken until it ended (or now). */
function leaseFloors(leases, range) {
	return (leases || []).flatMap((lease) => {
		const start = Math.max(Date.parse(lease.createdAt ?? range.min) || range.min, range.min);
		const end = Math.min(Date.parse(lease.releasedAt ?? lease.expiresAt), range.max);
		if (!(end > start)) {
			return [];
		}
		return [{
			label: `Lease ≥ ${lease.capacity}${lease.reason ? ` (${lease.reason})` : ''}`, yAxisID: 'capacity',
			data: [{ x: start, y: lease.capacity }, { x: end, y: lease.capacity }], fill: 'origin',
			backgroundColor: LEASE, borderColor: 'rgba(130, 80, 223, 0.6)', borderWidth: 1, pointRadius: 0,
		}];
	});
}

/** A text equivalent of the picture for screen readers; the decision log has the detail. */
function describe(chart, metrics, decisions) {
	const last = decisions.at(-1);
	const parts = metrics.map((series) => `${series.label}: latest ${series.points.at(-1)?.y ?? 'unknown'}`);
	if (last) {
		parts.push(`desired capacity ${last.desiredCapacity}, serving ${last.servingCapacity}`);
	}
	chart.canvas.setAttribute('aria-label', `Load and capacity over time. ${parts.join('; ') || 'No data yet.'}`);
}

const colorAt = (index) => SERIES_COLORS[index % SERIES_COLORS.length];
