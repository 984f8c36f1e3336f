package dev.claudefeatures.evaluate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Messages API as the command reaches it: the base URL, the key and the API version of the
 * configuration, over the JDK's client. Hand-written rather than the typed REST client because the
 * command runs outside Quarkus, and the typed client knows nothing of batches.
 */
final class ApiConnection {

    private final URI baseUri;
    private final String apiKey;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ApiConnection(URI baseUri, String apiKey, String version) {
        this.baseUri = URI.create(baseUri.toString().replaceAll("/$", ""));
        this.apiKey = apiKey;
        this.version = version;
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(URI.create(baseUri + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param pathOrUrl a path under the base URL, or a whole URL the API gave (a results URL) */
    HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        URI uri = pathOrUrl.startsWith("/") ? URI.create(baseUri + pathOrUrl) : URI.create(pathOrUrl);
        return http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("x-api-key", apiKey)
                .header("anthropic-version", version);
    }
}
