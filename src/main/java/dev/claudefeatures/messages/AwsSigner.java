package dev.claudefeatures.messages;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** SigV4 by the AWS SDK's own signer: the headers a request needs to be accepted as signed by {@code credentials}. */
final class AwsSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * The request's headers with the signature's ({@code authorization}, {@code x-amz-date},
     * {@code x-amz-security-token}, ...) added; {@code headers} themselves are signed as given,
     * so they must be sent unchanged.
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, String service,
            String region, AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = signer.sign(request -> request.identity(credentials)
                .request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
        Map<String, String> all = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> {
            // The connection sets the host from the URL itself, as the signer derived it.
            if (!name.equalsIgnoreCase("host")) {
                all.put(name, String.join(",", values));
            }
        });
        return all;
    }
}
