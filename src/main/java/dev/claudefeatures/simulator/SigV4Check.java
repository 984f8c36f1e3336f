package dev.claudefeatures.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The SigV4 check in front of the simulator's AWS routes, as AWS makes it: the request is signed
 * again, with the AWS SDK's own signer, from what was received (method, path, query, exactly the
 * headers the client signed, body) with the configured secret at the request's
 * {@code x-amz-date}, and the two signatures are compared in constant time. No crypto of its own.
 */
final class SigV4Check {

    /** How far {@code x-amz-date} may be from the simulator's clock, either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String SCHEME = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** Set by the signer itself from the request's address, clock, body and identity. */
    private static final Set<String> SET_BY_SIGNER = Set.of("host", "x-amz-date", "x-amz-content-sha256",
            "x-amz-security-token");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String accessKeyId;
    private final String secretAccessKey;
    private final Optional<String> sessionToken;
    private final Supplier<Instant> clock;

    /** @param sessionToken when present, the only {@code x-amz-security-token} accepted; else any is */
    SigV4Check(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, Supplier<Instant> clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.clock = clock;
    }

    static SigV4Check of(SimulatorConfig.Aws config, Supplier<Instant> clock) {
        return new SigV4Check(config.accessKeyId(), config.secretAccessKey(), config.sessionToken(), clock);
    }

    /** Whether the request is SigV4-signed at all (else it is the API's, with a key). */
    static boolean isSigned(WireRequest request) {
        String authorization = request.header("authorization");
        return authorization != null && authorization.startsWith(SCHEME + " ");
    }

    /**
     * Passes a request signed with the configured credentials for {@code service}, in any region.
     *
     * @throws AwsError as AWS answers: 403 {@code MissingAuthenticationTokenException} (not signed),
     *                  400 {@code IncompleteSignatureException} (a part missing),
     *                  403 {@code UnrecognizedClientException} (unknown key or token),
     *                  403 {@code InvalidSignatureException} (other service, expired, mismatch)
     */
    void verify(WireRequest request, String service) {
        if (!isSigned(request)) {
            throw new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Map<String, String> parts = parts(request.header("authorization"));
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || signedHeaders == null || signature == null) {
            throw new AwsError(400, "IncompleteSignatureException", "Authorization header requires 'Credential', "
                    + "'Signature' and 'SignedHeaders' parameters, the credential as "
                    + "<key>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        }
        String token = request.header("x-amz-security-token");
        if (!scope[0].equals(accessKeyId) || sessionToken.isPresent() && !sessionToken.get().equals(token)) {
            throw new AwsError(403, "UnrecognizedClientException", "The security token included in the request is "
                    + "invalid.");
        }
        if (!scope[3].equals(service)) {
            throw AwsError.invalidSignature("Credential should be scoped to correct service: '" + service + "'. ");
        }
        Instant signedAt = signedAt(request);
        Instant now = clock.get();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw AwsError.invalidSignature("Signature expired: " + format(signedAt) + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw AwsError.invalidSignature("Signature not yet current: " + format(signedAt) + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
        String expected = signature(request, signedHeaders, scope[2], service, signedAt, token);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw AwsError.invalidSignature("The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
    }

    /** The signature of the request as received, made by the AWS SDK's signer with the configured secret. */
    private String signature(WireRequest request, String signedHeaders, String region, String service,
            Instant signedAt, String token) {
        SdkHttpRequest.Builder signed = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .encodedPath(request.path());
        String host = request.header("host");
        if (host != null) {
            int colon = host.lastIndexOf(':');
            boolean port = colon > host.lastIndexOf(']');
            signed.host(port ? host.substring(0, colon) : host);
            if (port) {
                signed.port(Integer.parseInt(host.substring(colon + 1)));
            }
        }
        signed.rawQueryParameters(query(request.query()));
        for (String name : signedHeaders.split(";")) {
            if (!SET_BY_SIGNER.contains(name)) {
                request.headers(name).forEach(value -> signed.appendHeader(name, value));
            }
        }
        AwsCredentialsIdentity identity = token == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, token);
        SdkHttpRequest resigned = SIGNER.sign(sign -> sign
                .identity(identity)
                .request(signed.build())
                .payload(ContentStreamProvider.fromByteArray(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        String authorization = resigned.firstMatchingHeader("Authorization").orElse("");
        return parts(authorization).getOrDefault("Signature", "");
    }

    private static Instant signedAt(WireRequest request) {
        String date = request.header("x-amz-date");
        if (date == null) {
            throw new AwsError(400, "IncompleteSignatureException", "Authorization header requires existence of "
                    + "either a 'X-Amz-Date' or a 'Date' header.");
        }
        try {
            return LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            throw new AwsError(400, "IncompleteSignatureException", "X-Amz-Date must be in the ISO8601 Long Format "
                    + "\"yyyyMMdd'T'HHmmss'Z'\"");
        }
    }

    /** {@code Credential}, {@code SignedHeaders} and {@code Signature} of an Authorization header. */
    private static Map<String, String> parts(String authorization) {
        Map<String, String> parts = new HashMap<>();
        if (!authorization.startsWith(SCHEME + " ")) {
            return parts;
        }
        Arrays.stream(authorization.substring(SCHEME.length() + 1).split(",")).map(String::trim).forEach(part -> {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals), part.substring(equals + 1));
            }
        });
        return parts;
    }

    /** The query's parameters, decoded (the signer encodes them again, as the client's did). */
    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Percent-decoding; a {@code +} stays a plus, as in a path (SigV4 encodes a space as %20). */
    static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
