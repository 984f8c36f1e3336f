package dev.claudefeatures.simulator;

import static dev.claudefeatures.simulator.SignedRequests.NOW;
import static dev.claudefeatures.simulator.SignedRequests.TEST_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The simulator's SigV4 check refuses what AWS refuses, with AWS's status and error type. */
class SigV4CheckTest {

    private static final String BODY = "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String INVOKE = "/model/global.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke";

    private final SigV4Check check = new SigV4Check("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Optional.empty(), () -> NOW);

    private static WireRequest signed(Instant at) {
        return SignedRequests.sign("POST", INVOKE, null, Map.of("anthropic-version", "2026-10-21"),
                BODY.getBytes(StandardCharsets.UTF_8), "bedrock", TEST_CREDENTIALS, at);
    }

    private void assertRefused(WireRequest request, String service, int status, String type, String messageStart) {
        assertThatThrownBy(() -> check.verify(request, service)).isInstanceOfSatisfying(AwsError.class, error -> {
            assertThat(error.status()).isEqualTo(status);
            assertThat(error.type()).isEqualTo(type);
            assertThat(error.getMessage()).startsWith(messageStart);
        });
    }

    @Test
    void acceptsARequestSignedWithTheTestCredentials() {
        assertThatCode(() -> check.verify(signed(NOW), "bedrock")).doesNotThrowAnyException();
    }

    @Test
    void acceptsASignatureUpToFifteenMinutesEitherWay() {
        assertThatCode(() -> check.verify(signed(NOW.minus(Duration.ofMinutes(14))), "bedrock"))
                .doesNotThrowAnyException();
        assertThatCode(() -> check.verify(signed(NOW.plus(Duration.ofMinutes(14))), "bedrock"))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheModelIdsColonSentAsIsOrEncodedAndAQuery() {
        WireRequest plainColon = SignedRequests.sign("POST",
                "/model/global.anthropic.claude-haiku-4-5-20251001-v1:0/invoke", null, Map.of(),
                BODY.getBytes(StandardCharsets.UTF_8), "bedrock", TEST_CREDENTIALS, NOW);
        WireRequest query = SignedRequests.sign("POST", "/v1/messages", "beta=true&x=a%20b", Map.of(),
                BODY.getBytes(StandardCharsets.UTF_8), "aws-external-anthropic", TEST_CREDENTIALS, NOW);

        assertThatCode(() -> check.verify(plainColon, "bedrock")).doesNotThrowAnyException();
        assertThatCode(() -> check.verify(query, "aws-external-anthropic")).doesNotThrowAnyException();
    }

    @Test
    void refusesATamperedBody() {
        assertRefused(SignedRequests.withBody(signed(NOW), BODY.replace("hi", "ho")), "bedrock", 403,
                "InvalidSignatureException", "The request signature we calculated does not match the signature you "
                        + "provided.");
    }

    @Test
    void refusesATamperedSignedHeader() {
        assertRefused(SignedRequests.withHeader(signed(NOW), "anthropic-version", "2023-06-01"), "bedrock", 403,
                "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        WireRequest request = SignedRequests.sign("POST", INVOKE, null, Map.of(), BODY.getBytes(StandardCharsets.UTF_8),
                "bedrock", AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "not-the-secret"), NOW);

        assertRefused(request, "bedrock", 403, "InvalidSignatureException", "The request signature we calculated");
    }

    @Test
    void refusesAnExpiredSignatureAndOneFromTheFuture() {
        assertRefused(signed(NOW.minus(Duration.ofMinutes(16))), "bedrock", 403, "InvalidSignatureException",
                "Signature expired: 20261207T124400Z is now earlier than 20261207T124500Z (20261207T130000Z - 15 min.)");
        assertRefused(signed(NOW.plus(Duration.ofMinutes(16))), "bedrock", 403, "InvalidSignatureException",
                "Signature not yet current: 20261207T131600Z is still later than 20261207T131500Z");
    }

    @Test
    void refusesAnUnknownAccessKey() {
        WireRequest request = SignedRequests.sign("POST", INVOKE, null, Map.of(), BODY.getBytes(StandardCharsets.UTF_8),
                "bedrock", AwsBasicCredentials.create("AKIDSOMEONEELSE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                NOW);

        assertRefused(request, "bedrock", 403, "UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    @Test
    void refusesASignatureForAnotherService() {
        assertRefused(signed(NOW), "bedrock-mantle", 403, "InvalidSignatureException",
                "Credential should be scoped to correct service: 'bedrock-mantle'.");
        assertRefused(signed(NOW), "aws-external-anthropic", 403, "InvalidSignatureException",
                "Credential should be scoped to correct service");
    }

    @Test
    void refusesAnUnsignedRequestAndAnIncompleteAuthorization() {
        assertRefused(SignedRequests.withHeader(signed(NOW), "authorization", null), "bedrock", 403,
                "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertRefused(SignedRequests.withHeader(signed(NOW), "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/bedrock/aws4_request"),
                "bedrock", 400, "IncompleteSignatureException", "Authorization header requires");
        assertRefused(SignedRequests.withHeader(signed(NOW), "x-amz-date", null), "bedrock", 400,
                "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date'");
    }

    @Test
    void withASessionTokenConfiguredOnlyThatTokenIsAccepted() {
        SigV4Check withToken = new SigV4Check("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Optional.of("the-token"), () -> NOW);
        WireRequest right = SignedRequests.sign("POST", INVOKE, null, Map.of(), BODY.getBytes(StandardCharsets.UTF_8),
                "bedrock", AwsSessionCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "the-token"), NOW);
        WireRequest wrong = SignedRequests.sign("POST", INVOKE, null, Map.of(), BODY.getBytes(StandardCharsets.UTF_8),
                "bedrock", AwsSessionCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "another-token"), NOW);

        assertThatCode(() -> withToken.verify(right, "bedrock")).doesNotThrowAnyException();
        assertThatThrownBy(() -> withToken.verify(wrong, "bedrock")).isInstanceOfSatisfying(AwsError.class,
                error -> assertThat(error.type()).isEqualTo("UnrecognizedClientException"));
        assertThatThrownBy(() -> withToken.verify(signed(NOW), "bedrock")).isInstanceOf(AwsError.class);
        // Without a configured token, any token is accepted, as long as it was signed.
        assertThatCode(() -> check.verify(wrong, "bedrock")).doesNotThrowAnyException();
    }

    @Test
    void anErrorComesOutInAwsJsonShape() {
        SimulatedResponse response = AwsError.invalidSignature("nope").response();

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"nope\"}");
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType",
                "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/")
                .containsKey("x-amzn-RequestId");
    }
}
