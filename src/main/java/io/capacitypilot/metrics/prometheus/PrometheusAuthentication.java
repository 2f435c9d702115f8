package io.capacitypilot.metrics.prometheus;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** Adds credentials to a GET request to the query API. */
@FunctionalInterface
interface PrometheusAuthentication {

	PrometheusAuthentication NONE = (uri, request) -> {
	};

	void authenticate(URI uri, HttpRequest.Builder request);

	/**
	 * The authentication the settings describe.
	 * @param credentials AWS credentials, only resolved when SigV4 is configured
	 */
	static PrometheusAuthentication of(PrometheusProperties.Auth auth, Supplier<AwsCredentialsProvider> credentials) {
		if (auth == null) {
			return NONE;
		}
		if (auth.sigv4() != null && auth.sigv4().enabled()) {
			return new SigV4(credentials.get(), auth.sigv4().region(), auth.sigv4().service());
		}
		if (auth.bearerToken() != null && !auth.bearerToken().isBlank()) {
			String header = "Bearer " + auth.bearerToken();
			return (uri, request) -> request.header("Authorization", header);
		}
		if (auth.username() != null && !auth.username().isBlank()) {
			String pair = auth.username() + ":" + ((auth.password() != null) ? auth.password() : "");
			String header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
			return (uri, request) -> request.header("Authorization", header);
		}
		return NONE;
	}

	/**
	 * Signs each request with AWS Signature Version 4, as Amazon Managed Service for Prometheus
	 * requires. Credentials are resolved per request so that rotated ones are picked up.
	 */
	record SigV4(AwsCredentialsProvider credentials, String region,
			String service) implements PrometheusAuthentication {

		private static final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

		@Override
		public void authenticate(URI uri, HttpRequest.Builder request) {
			SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
			SignedRequest signed = signer.sign((sign) -> sign.identity(this.credentials.resolveCredentials())
				.request(unsigned)
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region)
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, this.service));
			// The JDK client derives Host from the URI, exactly as the signer did, and refuses to set it.
			signed.request()
				.headers()
				.forEach((name, values) -> {
					if (!"Host".equalsIgnoreCase(name)) {
						values.forEach((value) -> request.header(name, value));
					}
				});
		}

	}

}
