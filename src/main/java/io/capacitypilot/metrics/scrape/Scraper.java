package io.capacitypilot.metrics.scrape;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

/**
 * Fetches metrics endpoints side by side, each on its own virtual thread with its own timeout, so
 * a tick costs about one timeout however many instances there are.
 */
class Scraper implements AutoCloseable {

	private final HttpClient client;

	private final Duration timeout;

	private final Semaphore permits;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	/**
	 * @param timeout how long one instance may take to answer, connection included
	 * @param concurrency how many instances are scraped at once at most
	 */
	Scraper(Duration timeout, int concurrency) {
		this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(this.executor).build();
		this.timeout = timeout;
		this.permits = new Semaphore(Math.max(1, concurrency));
	}

	/**
	 * Scrapes every instance; each result holds its samples or why there are none.
	 * @param wanted the names of the metrics to read; the others are skipped
	 */
	Map<URI, Result> scrape(Collection<URI> instances, Predicate<String> wanted) {
		Map<URI, Future<Result>> running = new LinkedHashMap<>();
		for (URI instance : instances) {
			running.putIfAbsent(instance, this.executor.submit(() -> scrape(instance, wanted)));
		}
		Map<URI, Result> results = new LinkedHashMap<>();
		running.forEach((instance, future) -> results.put(instance, join(instance, future)));
		return results;
	}

	private Result scrape(URI instance, Predicate<String> wanted) throws InterruptedException {
		this.permits.acquire();
		try {
			HttpRequest request = HttpRequest.newBuilder(instance)
				.GET()
				.timeout(this.timeout)
				// The classic text format: Micrometer serves OpenMetrics only when asked for it.
				.header("Accept", "text/plain;version=0.0.4")
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return Result.failed("HTTP " + response.statusCode());
			}
			return new Result(ExpositionParser.parse(response.body(), wanted), null);
		}
		catch (HttpTimeoutException ex) {
			return Result.failed("no answer within " + this.timeout);
		}
		catch (IOException | IllegalArgumentException ex) {
			return Result.failed((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		finally {
			this.permits.release();
		}
	}

	private static Result join(URI instance, Future<Result> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			return Result.failed(String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Result.failed("interrupted");
		}
	}

	@Override
	public void close() {
		this.client.close();
		this.executor.close();
	}

	/**
	 * What one instance answered.
	 * @param samples its samples; empty when it failed
	 * @param error why it did not answer, or {@code null}
	 */
	record Result(List<Sample> samples, String error) {

		static Result failed(String error) {
			return new Result(List.of(), error);
		}

		boolean answered() {
			return this.error == null;
		}

	}

}
