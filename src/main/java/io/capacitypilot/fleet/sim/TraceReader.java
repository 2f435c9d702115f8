package io.capacitypilot.fleet.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a load trace from CSV with a header naming at least {@code timestamp_seconds} (Unix epoch
 * seconds) and {@code requests_per_second}, and optionally {@code valid} ({@code 0} marks a sample
 * the source did not have). Other columns are ignored, so the shared traces read as they are.
 */
public final class TraceReader {

	private static final String TIMESTAMP = "timestamp_seconds";

	private static final String RATE = "requests_per_second";

	private static final String VALID = "valid";

	private TraceReader() {
	}

	public static LoadTrace read(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in, file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read trace " + file, ex);
		}
	}

	/**
	 * Reads a whole trace; {@code name} only labels errors.
	 * @throws IllegalArgumentException if the CSV is not a trace
	 */
	public static LoadTrace read(InputStream in, String name) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String header = reader.readLine();
		if (header == null) {
			throw new IllegalArgumentException(name + " is empty");
		}
		List<String> columns = Arrays.stream(header.split(",")).map(String::strip).toList();
		int timestamp = column(columns, TIMESTAMP, name);
		int rate = column(columns, RATE, name);
		int valid = columns.indexOf(VALID);
		Samples samples = new Samples();
		String line;
		int lineNumber = 1;
		while ((line = reader.readLine()) != null) {
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			String[] fields = line.split(",", -1);
			try {
				long second = Long.parseLong(fields[timestamp].strip());
				boolean present = valid < 0 || valid >= fields.length || !"0".equals(fields[valid].strip());
				samples.add(second, present ? Double.parseDouble(fields[rate].strip()) : 0, present);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(name + " line " + lineNumber + ": " + ex.getMessage(), ex);
			}
		}
		return samples.toTrace(name);
	}

	private static int column(List<String> columns, String column, String name) {
		int index = columns.indexOf(column);
		if (index < 0) {
			throw new IllegalArgumentException(name + " has no column " + column + " (header: " + columns + ")");
		}
		return index;
	}

	/** Growable primitive columns: weeks of one-minute data would be a million boxed values. */
	private static final class Samples {

		private long[] seconds = new long[1024];

		private double[] rates = new double[1024];

		private boolean[] valid = new boolean[1024];

		private int size;

		void add(long second, double rate, boolean present) {
			if (this.size > 0 && second <= this.seconds[this.size - 1]) {
				throw new IllegalArgumentException("timestamps must increase: " + second + " follows "
						+ this.seconds[this.size - 1]);
			}
			if (this.size == this.seconds.length) {
				this.seconds = Arrays.copyOf(this.seconds, this.size * 2);
				this.rates = Arrays.copyOf(this.rates, this.size * 2);
				this.valid = Arrays.copyOf(this.valid, this.size * 2);
			}
			this.seconds[this.size] = second;
			this.rates[this.size] = rate;
			this.valid[this.size] = present;
			this.size++;
		}

		LoadTrace toTrace(String name) {
			if (this.size == 0) {
				throw new IllegalArgumentException(name + " has no samples");
			}
			return new LoadTrace(Arrays.copyOf(this.seconds, this.size), Arrays.copyOf(this.rates, this.size),
					Arrays.copyOf(this.valid, this.size));
		}

	}

}
