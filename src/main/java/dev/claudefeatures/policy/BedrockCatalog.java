package dev.claudefeatures.policy;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.claudefeatures.messages.BedrockModels;

/** The model catalog's {@code models.<id>.bedrock.*}, as the transport looks a model up on Bedrock. */
@Singleton
public class BedrockCatalog implements BedrockModels {

    private final ModelCatalog catalog;

    @Inject
    public BedrockCatalog(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Model> find(String model) {
        return Optional.ofNullable(catalog.models().get(model)).flatMap(ModelCatalog.ModelSpec::bedrock)
                .map(bedrock -> new Model(bedrock.modelId(), bedrock.route()));
    }
}
