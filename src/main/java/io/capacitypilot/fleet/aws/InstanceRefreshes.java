package io.capacitypilot.fleet.aws;

import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshStatus;

/**
 * Whether an instance refresh is replacing a group's instances: scaling then would fight it (AWS
 * advises against changing capacity during a refresh).
 */
class InstanceRefreshes {

	private static final Log logger = LogFactory.getLog(InstanceRefreshes.class);

	private static final Set<InstanceRefreshStatus> RUNNING = EnumSet.of(InstanceRefreshStatus.PENDING,
			InstanceRefreshStatus.IN_PROGRESS, InstanceRefreshStatus.CANCELLING,
			InstanceRefreshStatus.ROLLBACK_IN_PROGRESS, InstanceRefreshStatus.BAKING);

	// Once the endpoint has said it does not implement refreshes, asking again every cycle would only
	// cost a failing call (and its retries) per group.
	private volatile boolean unsupported;

	boolean inProgress(AutoScalingClient autoScaling, String groupName) {
		if (this.unsupported) {
			return false;
		}
		try {
			return autoScaling.describeInstanceRefreshes((request) -> request.autoScalingGroupName(groupName))
				.instanceRefreshes()
				.stream()
				.anyMatch((refresh) -> RUNNING.contains(refresh.status()));
		}
		catch (SdkServiceException ex) {
			if (!isNotImplemented(ex)) {
				throw ex;
			}
			// Emulators (moto) do not implement instance refreshes, so none can be running there.
			this.unsupported = true;
			logger.warn("The Auto Scaling endpoint does not implement DescribeInstanceRefreshes (an emulator?); "
					+ "instance refreshes are taken as never running: " + ex.getMessage());
			return false;
		}
	}

	// AWS itself answers errors with an error code; a 5xx without one comes from a server that does
	// not speak this operation at all.
	private static boolean isNotImplemented(SdkServiceException ex) {
		if (ex.statusCode() == 501) {
			return true;
		}
		return ex.statusCode() >= 500 && (ex instanceof AwsServiceException aws)
				&& (aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null);
	}

}
