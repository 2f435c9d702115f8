// The fields of each form, named by their path in the API's JSON.

export const MODES = [['dry-run', 'Dry-run'], ['active', 'Active'], ['paused', 'Paused']];

export function groupFields({ editing = false } = {}) {
	return [
		{ name: 'name', label: 'Name', required: true, hint: editing ? 'The name cannot change.' : 'Lower case, digits and dashes.' },
		{ name: 'autoScalingGroupName', label: 'Auto Scaling Group', required: true },
		{ name: 'region', label: 'Region', value: 'us-east-1', required: true },
		{ name: 'roleArn', label: 'IAM role in another account',
			hint: 'Optional; for a group in another AWS account, the role the service assumes there.' },
		{ name: 'minCapacity', label: 'Minimum capacity', type: 'number', hint: 'Optional; tighter than the ASG’s own minimum.' },
		{ name: 'maxCapacity', label: 'Maximum capacity', type: 'number', hint: 'Optional; tighter than the ASG’s own maximum.' },
		{ name: 'evaluationInterval', label: 'Evaluation interval (seconds)', type: 'seconds', value: 'PT15S' },
		...(editing ? [] : [{ name: 'mode', label: 'Mode', type: 'select', options: MODES }]),
		{ name: 'leasesMayRaiseMax', label: 'Leases may raise the maximum', type: 'checkbox' },
	];
}

export function targetTrackingFields(group) {
	return [
		{ name: 'name', label: 'Name', required: true },
		{ name: 'type', type: 'hidden', value: 'target-tracking' },
		{ name: 'metric.source', type: 'hidden', value: 'cloudwatch' },
		{ name: 'metric.namespace', label: 'CloudWatch namespace', value: 'AWS/EC2', required: true },
		{ name: 'metric.metricName', label: 'Metric name', value: 'CPUUtilization', required: true },
		{ name: 'metric.dimensions', label: 'Dimensions', type: 'map', rows: 2, hint: 'One Name=Value a line.',
			value: group ? { AutoScalingGroupName: group.autoScalingGroupName } : undefined },
		{ name: 'metric.statistic', label: 'Statistic', type: 'select',
			options: ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'].map((s) => [s, s]) },
		{ name: 'metric.period', label: 'Period (seconds)', type: 'seconds', value: 'PT1M' },
		{ name: 'targetValue', label: 'Target value', type: 'number', required: true, hint: 'Keep the metric at this value.' },
		{ name: 'instanceWarmup', label: 'Instance warm-up (seconds)', type: 'seconds' },
		{ name: 'lookahead', label: 'Look ahead (seconds)', type: 'seconds',
			hint: 'Optional; scale out for where a rising load will be this far ahead, such as the boot time.' },
		{ name: 'disableScaleIn', label: 'Never scale in', type: 'checkbox' },
	];
}

export const POLICY_JSON_EXAMPLE = {
	name: 'business-hours',
	type: 'scheduled',
	schedules: [{ cron: '0 0 8 * * MON-FRI', zone: 'Europe/Paris', duration: 'PT10H', minCapacity: 4 }],
};

export const LEASE_FIELDS = [
	{ name: 'capacity', label: 'Capacity (instances)', type: 'number', required: true },
	{ name: 'ttl', label: 'For (minutes)', type: 'minutes', value: 'PT30M', required: true },
	{ name: 'reason', label: 'Reason', hint: 'Shown to everyone who looks at the group.' },
];
