package dev.claudefeatures.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed as an AWS client signs them (the AWS SDK's signer), as the simulator receives them. */
final class SignedRequests {

    static final String HOST = "127.0.0.1";
    static final int PORT = 8089;
    static final AwsCredentialsIdentity TEST_CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final Instant NOW = Instant.parse("2026-12-07T13:00:00Z");

    private SignedRequests() {
    }

    /** POSTed JSON, signed for {@code service} with the test credentials, now. */
    static WireRequest post(String path, String body, String service, Map<String, String> headers) {
        return sign("POST", path, null, headers, body.getBytes(StandardCharsets.UTF_8), service, TEST_CREDENTIALS,
                NOW);
    }

    /**
     * @param encodedPath the path as sent, percent-encoded
     * @param query       the query as sent, or null
     */
    static WireRequest sign(String method, String encodedPath, String query, Map<String, String> headers, byte[] body,
            String service, AwsCredentialsIdentity credentials, Instant at) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol("http").host(HOST).port(PORT).encodedPath(encodedPath)
                .appendHeader("content-type", "application/json");
        headers.forEach(request::appendHeader);
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.appendRawQueryParameter(SigV4Check.decode(nameValue[0]),
                        nameValue.length > 1 ? SigV4Check.decode(nameValue[1]) : "");
            }
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request();
        Map<String, List<String>> received = new HashMap<>();
        signed.headers().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        received.putIfAbsent("host", List.of(HOST + ":" + PORT));
        return new WireRequest(method, encodedPath, query, received, body);
    }

    /** The same request with another body (as a proxy that altered it would send it). */
    static WireRequest withBody(WireRequest request, String body) {
        return new WireRequest(request.method(), request.path(), request.query(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same request with one header set to {@code value}, or removed with null. */
    static WireRequest withHeader(WireRequest request, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(value));
        }
        return new WireRequest(request.method(), request.path(), request.query(), headers, request.body());
    }
}
