package io.capacitypilot.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every AWS call, retries included, as {@code capacitypilot.aws.calls} tagged by service,
 * operation and outcome: the latency the control loop pays to AWS, and how often AWS refuses.
 */
public class AwsCallMetrics implements ExecutionInterceptor {

	static final String METER = "capacitypilot.aws.calls";

	private static final ExecutionAttribute<Timer.Sample> CALL = new ExecutionAttribute<>("capacitypilot.aws.call");

	private final MeterRegistry registry;

	public AwsCallMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		attributes.putAttribute(CALL, Timer.start(this.registry));
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		stop(attributes, "SUCCESS");
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		stop(attributes, outcome(context.exception()));
	}

	private void stop(ExecutionAttributes attributes, String outcome) {
		Timer.Sample call = attributes.getAttribute(CALL);
		if (call == null) {
			return;
		}
		call.stop(Timer.builder(METER)
			.description("Latency of AWS API calls, retries included")
			.tag("service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
			.tag("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
			.tag("outcome", outcome)
			.register(this.registry));
	}

	// The outcomes of Spring's HTTP client metrics, so dashboards can treat both alike.
	private static String outcome(Throwable failure) {
		if (failure instanceof SdkServiceException service) {
			return (service.statusCode() >= 500) ? "SERVER_ERROR" : "CLIENT_ERROR";
		}
		return "UNKNOWN";
	}

}
