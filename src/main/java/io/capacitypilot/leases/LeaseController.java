package io.capacitypilot.leases;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.capacitypilot.groups.InvalidDefinitionException;
import io.capacitypilot.groups.GroupCatalog;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CI pre-scale leases of a group. A client acquires a lease, waits until it is ready (long-poll or
 * server-sent events), runs its load, and releases it; a client that crashes leaves a lease that
 * expires by itself.
 */
@RestController
@RequestMapping("/api/v1/groups/{name}/leases")
class LeaseController {

	/** How long an event stream outlives its lease's expiry, so the client sees the expiry itself. */
	private static final Duration STREAM_GRACE = Duration.ofMinutes(1);

	private final LeaseService leases;

	private final GroupCatalog groups;

	private final LeaseWatchers watchers;

	private final LeaseProperties properties;

	private final Clock clock;

	LeaseController(LeaseService leases, GroupCatalog groups, LeaseWatchers watchers, LeaseProperties properties,
			Clock clock) {
		this.leases = leases;
		this.groups = groups;
		this.watchers = watchers;
		this.properties = properties;
		this.clock = clock;
	}

	/** 201 with a new lease; 200 with the lease the client already holds under the same key. */
	@PostMapping
	ResponseEntity<Lease> acquire(@PathVariable String name, @Valid @RequestBody LeaseRequest request) {
		LeaseService.Acquired acquired = this.leases.acquire(name, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(acquired.lease().id())
			.toUri();
		ResponseEntity.BodyBuilder response = acquired.created() ? ResponseEntity.created(location)
				: ResponseEntity.ok().location(location);
		return response.body(acquired.lease());
	}

	/** The group's active leases and those that ended recently, newest first. */
	@GetMapping
	List<Lease> list(@PathVariable String name) {
		if (this.groups.findGroup(name).isEmpty()) {
			throw LeaseProblems.noSuchGroup(name);
		}
		return this.leases.list(name);
	}

	@GetMapping(path = "/{id}", params = "!waitFor")
	Lease get(@PathVariable String name, @PathVariable String id) {
		return lease(name, id);
	}

	/**
	 * Answers once the lease is no longer provisioning (ready, or ended), or with the lease as it
	 * stands when {@code timeout} passes; clients check the state and ask again.
	 */
	@GetMapping(path = "/{id}", params = "waitFor")
	DeferredResult<Lease> await(@PathVariable String name, @PathVariable String id, @RequestParam String waitFor,
			@RequestParam(defaultValue = "PT30S") Duration timeout) {
		if (!"ready".equals(waitFor)) {
			throw InvalidDefinitionException.of("waitFor", "must be 'ready'");
		}
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(this.properties.maxWait()) > 0) {
			throw InvalidDefinitionException.of("timeout", "must be positive and at most " + this.properties.maxWait());
		}
		DeferredResult<Lease> result = new DeferredResult<>(timeout.toMillis(), () -> lease(name, id));
		Runnable unwatch = this.watchers.watch(id, (lease) -> {
			if (lease.state() != LeaseState.PROVISIONING) {
				result.setResult(lease);
			}
		});
		result.onCompletion(unwatch);
		// Read after watching: a change between the two is then seen by one or the other.
		Lease current = leaseOrUnwatch(name, id, unwatch);
		if (current.state() != LeaseState.PROVISIONING) {
			result.setResult(current);
		}
		return result;
	}

	/** Server-sent events: the lease now, then each change, until it is ready, expired or released. */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable String name, @PathVariable String id) {
		Lease lease = lease(name, id);
		Duration untilExpiry = Duration.between(this.clock.instant(), lease.expiresAt());
		SseEmitter emitter = new SseEmitter(Math.max(0, untilExpiry.toMillis()) + STREAM_GRACE.toMillis());
		LeaseProgress progress = new LeaseProgress(emitter);
		Runnable unwatch = this.watchers.watch(id, progress::send);
		emitter.onCompletion(unwatch);
		emitter.onTimeout(unwatch);
		emitter.onError((ex) -> unwatch.run());
		progress.send(leaseOrUnwatch(name, id, unwatch));
		return emitter;
	}

	@DeleteMapping("/{id}")
	Lease release(@PathVariable String name, @PathVariable String id) {
		return this.leases.release(name, id).orElseThrow(() -> notFound(name, id));
	}

	/** A lease outlives its group (released with it), so it is found even when the group is gone. */
	private Lease lease(String name, String id) {
		return this.leases.find(name, id).orElseThrow(() -> notFound(name, id));
	}

	private Lease leaseOrUnwatch(String name, String id, Runnable unwatch) {
		try {
			return lease(name, id);
		}
		catch (RuntimeException ex) {
			unwatch.run();
			throw ex;
		}
	}

	private RuntimeException notFound(String name, String id) {
		return this.groups.findGroup(name).isEmpty() ? LeaseProblems.noSuchGroup(name)
				: LeaseProblems.noSuchLease(name, id);
	}

}
