package dev.claudefeatures.messages;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@code anthropic.provider} by its documented names, naming them all when it is none of them. */
public final class ProviderConverter implements Converter<Provider> {

    @Override
    public Provider convert(String value) {
        Provider provider = Provider.named(value.trim());
        if (provider == null) {
            throw new IllegalArgumentException("anthropic.provider: '" + value + "' is none of anthropic, aws, bedrock");
        }
        return provider;
    }
}
