package io.capacitypilot.control.leadership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Settings of leader election among replicas that share a database.
 *
 * @param enabled whether replicas elect a leader; off, this replica always acts as the leader, which
 * is only safe when it is the only one
 * @param ttl how long the leader's lock holds without a renewal: a replica that dies (or loses the
 * database) is replaced by another within this time
 * @param heartbeat how often the leader renews its lock and a follower tries to take it; at most half
 * the time to live, so that one late renewal does not cost the lock
 * @param replicaId this replica's name in the lock table, the health endpoint and the logs; unique
 * among replicas (by default the host name, which Kubernetes sets to the pod name, and a random
 * suffix)
 */
@ConfigurationProperties("capacitypilot.leadership")
public record LeadershipProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration ttl,
		@DefaultValue("1s") Duration heartbeat, String replicaId) {

	public LeadershipProperties {
		Assert.isTrue(heartbeat.multipliedBy(2).compareTo(ttl) <= 0,
				() -> "capacitypilot.leadership.heartbeat (" + heartbeat + ") must be at most half the ttl (" + ttl + ")");
		if (!StringUtils.hasText(replicaId)) {
			replicaId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
		}
	}

	// Shells set HOSTNAME without exporting it, so a service started from one finds it only by asking.
	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (StringUtils.hasText(fromEnvironment)) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "replica";
		}
	}

}
