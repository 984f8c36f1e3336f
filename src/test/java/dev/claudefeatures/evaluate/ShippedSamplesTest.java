package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.FeatureDeployment;

/**
 * Every configured feature ships a samples file that {@code evaluate} reads without a complaint:
 * the file README's "Add a feature" asks for, checked line by line as the command checks it.
 */
class ShippedSamplesTest {

    @Test
    void everyConfiguredFeaturesSamplesFileReadsWithoutAProblem() throws IOException {
        for (String feature : FeatureDeployment.configuredFeatures()) {
            SampleFile.Samples read = SampleFile.read(FeatureDeployment.samplesFile(feature), new ObjectMapper());

            assertThat(read.problems()).as("problems of %s's samples", feature).isEmpty();
            assertThat(read.samples()).as("samples of %s", feature).isNotEmpty();
        }
    }
}
