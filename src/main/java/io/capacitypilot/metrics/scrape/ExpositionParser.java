package io.capacitypilot.metrics.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what Micrometer's
 * {@code /actuator/prometheus} serves): {@code # TYPE} lines give each family's type, other
 * comments are skipped, and each sample line is {@code name{label="value",...} value [timestamp]}
 * with {@code \\}, {@code \"} and {@code \n} escaped inside label values.
 */
final class ExpositionParser {

	private static final List<String> CUMULATIVE_SUFFIXES = List.of("_count", "_sum", "_bucket");

	private ExpositionParser() {
	}

	static List<Sample> parse(String text) {
		return parse(text, (name) -> true);
	}

	/**
	 * Parses the samples of the wanted metrics only: a service exposes hundreds of series and a
	 * policy reads one, so the other lines are skipped after their name.
	 */
	static List<Sample> parse(String text, Predicate<String> wanted) {
		Map<String, String> types = new HashMap<>();
		List<Sample> samples = new ArrayList<>();
		int lineNumber = 0;
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			String line = text.substring(start, end).strip();
			start = end + 1;
			lineNumber++;
			if (line.startsWith("# TYPE ")) {
				String[] parts = line.split(" ", 4);
				if (parts.length == 4) {
					types.put(parts[2], parts[3].strip());
				}
			}
			else if (!line.isEmpty() && !line.startsWith("#")) {
				try {
					Line sample = new Line(line);
					String name = sample.name();
					if (wanted.test(name)) {
						samples.add(sample.sample(name, types));
					}
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException(
							"line " + lineNumber + " is not a Prometheus sample: " + ex.getMessage() + ": " + line, ex);
				}
			}
		}
		return samples;
	}

	/** A cursor over one sample line. */
	private static final class Line {

		private final String text;

		private int at;

		Line(String text) {
			this.text = text;
		}

		Sample sample(String name, Map<String, String> types) {
			Map<String, String> labels = (peek() == '{') ? labels() : Map.of();
			skipSpaces();
			int start = this.at;
			while (this.at < this.text.length() && !Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
			double value = value(this.text.substring(start, this.at));
			// A trailing timestamp is ignored: the scrape time is what the rate is computed over.
			return new Sample(name, labels, value, cumulative(name, types));
		}

		String name() {
			int start = this.at;
			while (this.at < this.text.length() && isNameChar(this.text.charAt(this.at))) {
				this.at++;
			}
			if (this.at == start) {
				throw new IllegalArgumentException("no metric name");
			}
			return this.text.substring(start, this.at);
		}

		private Map<String, String> labels() {
			Map<String, String> labels = new LinkedHashMap<>();
			expect('{');
			skipSpaces();
			while (peek() != '}') {
				String label = name();
				skipSpaces();
				expect('=');
				skipSpaces();
				labels.put(label, quoted());
				skipSpaces();
				if (peek() == ',') {
					this.at++;
					skipSpaces();
				}
			}
			expect('}');
			return labels;
		}

		private String quoted() {
			expect('"');
			StringBuilder value = new StringBuilder();
			while (true) {
				char c = next();
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					char escaped = next();
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
			}
		}

		private char peek() {
			return (this.at < this.text.length()) ? this.text.charAt(this.at) : '\0';
		}

		private char next() {
			if (this.at >= this.text.length()) {
				throw new IllegalArgumentException("unexpected end of line");
			}
			return this.text.charAt(this.at++);
		}

		private void expect(char c) {
			if (next() != c) {
				throw new IllegalArgumentException("expected '" + c + "' at column " + this.at);
			}
		}

		private void skipSpaces() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private static boolean isNameChar(char c) {
			return Character.isLetterOrDigit(c) || c == '_' || c == ':';
		}

		private static double value(String text) {
			return switch (text) {
				case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				case "NaN" -> Double.NaN;
				default -> Double.parseDouble(text);
			};
		}

		private static boolean cumulative(String name, Map<String, String> types) {
			if ("counter".equals(types.get(name))) {
				return true;
			}
			for (String suffix : CUMULATIVE_SUFFIXES) {
				if (name.endsWith(suffix)) {
					String family = types.get(name.substring(0, name.length() - suffix.length()));
					if ("summary".equals(family) || "histogram".equals(family)) {
						return true;
					}
				}
			}
			// OpenMetrics-style exposers declare a counter "foo" and write its samples as "foo_total".
			return name.endsWith("_total") && "counter".equals(types.get(name.substring(0, name.length() - 6)));
		}

	}

}
