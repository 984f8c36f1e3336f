package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The chat function's own Runtime API loop: a Function URL event read whole, and an answer's
 * headers passed on as Lambda's streaming prelude wants them.
 */
class FunctionUrlEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped chat event, as a Function URL with AWS_IAM auth sends it with cookies, a query and a base64 body. */
    private static byte[] fullEvent() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "chat.json")));
        event.putArray("cookies").add("session=abc").add("theme=dark");
        event.put("rawQueryString", "lang=fr&lang=de");
        ((ObjectNode) event.path("headers")).put("x-forwarded-for", "203.0.113.10,10.0.0.1");
        String body = event.path("body").asText();
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .put("isBase64Encoded", true);
        ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("iam")
                .put("accessKey", "ASIAEXAMPLE").put("accountId", "123456789012").put("callerId", "AROAEXAMPLE:alice")
                .put("userArn", "arn:aws:sts::123456789012:assumed-role/caller/alice").put("userId", "AROAEXAMPLE:alice")
                .putNull("cognitoIdentity").putNull("principalOrgId");
        return JSON.writeValueAsBytes(event);
    }

    @Test
    void theEventIsReadWholeCookiesBodyQueryHeadersAndTheCallersIamIdentity() throws Exception {
        APIGatewayV2HTTPEvent event = HttpEvents.reader(JSON).readValue(fullEvent(), APIGatewayV2HTTPEvent.class);

        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(event.getIsBase64Encoded()).isTrue();
        JsonNode body = JSON.readTree(Base64.getDecoder().decode(event.getBody()));
        assertThat(body.path("messages")).hasSize(3);
        assertThat(event.getRawPath()).isEqualTo("/chat");
        assertThat(event.getRawQueryString()).isEqualTo("lang=fr&lang=de");
        assertThat(event.getHeaders()).containsEntry("x-forwarded-for", "203.0.113.10,10.0.0.1")
                .containsEntry("content-type", "application/json");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("203.0.113.10");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(event.getRequestContext().getAccountId()).isEqualTo("123456789012");
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = event.getRequestContext().getAuthorizer().getIam();
        assertThat(iam.getUserArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/caller/alice");
        assertThat(iam.getAccountId()).isEqualTo("123456789012");
        assertThat(iam.getCallerId()).isEqualTo("AROAEXAMPLE:alice");
    }

    @Test
    void anEventWithoutTheOptionalPartsIsReadToo() throws Exception {
        APIGatewayV2HTTPEvent event = HttpEvents.reader(JSON).readValue(
                Files.readAllBytes(Path.of("infra", "events", "chat.json")), APIGatewayV2HTTPEvent.class);

        assertThat(event.getCookies()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getBody()).startsWith("{\"messages\"");
    }

    @Test
    void eachSetCookieOfAnAnswerIsACookieOfThePreludeAndOtherRepeatedHeadersAreJoined() throws Exception {
        DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        answer.headers().add("Set-Cookie", "a=1; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT")
                .add("Set-Cookie", "b=2; HttpOnly").add("Vary", "Accept").add("Vary", "Origin")
                .add("Content-Type", "text/event-stream").add("Transfer-Encoding", "chunked");
        List<Map<String, List<String>>> heads = new ArrayList<>();
        new VirtualHttp.Relay(new VirtualHttp.Listener() {
            @Override
            public void head(int status, Map<String, List<String>> headers) {
                heads.add(new LinkedHashMap<>(headers));
            }

            @Override
            public void chunk(byte[] bytes) {
            }

            @Override
            public void end() {
            }

            @Override
            public void failed(Throwable failure) {
                throw new AssertionError(failure);
            }
        }).handleMessage(answer);

        assertThat(heads).singleElement().satisfies(headers -> {
            assertThat(headers.get("Set-Cookie")).containsExactly("a=1; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT",
                    "b=2; HttpOnly");
            assertThat(headers).doesNotContainKey("Transfer-Encoding");
        });
        byte[] prelude = StreamingRuntime.prelude(JSON, 200, heads.get(0));
        String json = new String(prelude, 0, prelude.length - 8, StandardCharsets.UTF_8);
        JsonNode read = JSON.readTree(json);
        assertThat(read.path("statusCode").asInt()).isEqualTo(200);
        assertThat(read.path("cookies")).extracting(JsonNode::asText)
                .containsExactly("a=1; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT", "b=2; HttpOnly");
        assertThat(read.path("headers").has("Set-Cookie")).isFalse();
        assertThat(read.path("headers").path("Vary").asText()).isEqualTo("Accept,Origin");
        assertThat(read.path("headers").path("Content-Type").asText()).isEqualTo("text/event-stream");
        assertThat(java.util.Arrays.copyOfRange(prelude, prelude.length - 8, prelude.length)).containsOnly(0);
    }
}
