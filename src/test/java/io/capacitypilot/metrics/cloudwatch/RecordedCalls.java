package io.capacitypilot.metrics.cloudwatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;

/** The GetMetricData requests a client really sent, as the SDK saw them. */
class RecordedCalls implements ExecutionInterceptor {

	private final List<GetMetricDataRequest> requests = new CopyOnWriteArrayList<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		if (context.request() instanceof GetMetricDataRequest request) {
			this.requests.add(request);
		}
	}

	List<GetMetricDataRequest> getMetricData() {
		return List.copyOf(this.requests);
	}

	List<Integer> queriesPerCall() {
		return this.requests.stream().map((request) -> request.metricDataQueries().size()).toList();
	}

}
