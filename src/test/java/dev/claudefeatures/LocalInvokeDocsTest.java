package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.SamTemplate;

/**
 * {@code sam local invoke} as a user types it from docs/DEPLOYING.md: each command names the configuration
 * file whose {@code local_invoke} section it relies on, a function of the template and an event
 * file that exist; that section's offline environment file exists and sets only variables the
 * functions declare (SAM ignores any other).
 */
class LocalInvokeDocsTest {

    private static final Pattern COMMAND = Pattern.compile("(?m)^sam local invoke(?:[^\\n\\\\]|\\\\\\n)*");
    private static final Path SAMCONFIG = Path.of("infra", "samconfig.toml");

    @Test
    void theDocumentedLocalInvokeCommandsRunWithTheConfigurationTheyName() throws IOException {
        SamTemplate template = SamTemplate.read(Map.of());
        List<String> commands = new ArrayList<>();
        Matcher matcher = COMMAND.matcher(Files.readString(Path.of("docs", "DEPLOYING.md")));
        while (matcher.find()) {
            commands.add(matcher.group().replace("\\\n", " "));
        }

        assertThat(commands).as("docs/DEPLOYING.md: sam local invoke commands").isNotEmpty();
        for (String command : commands) {
            List<String> words = List.of(command.trim().split("\\s+"));
            assertThat(option(words, "--config-file")).as(command).isEqualTo(SAMCONFIG.toString());
            // The one positional argument: the options before it all take a value.
            int at = 3;
            while (words.get(at).startsWith("--")) {
                at += 2;
            }
            String function = words.get(at);
            assertThat(template.resources().path(function).path("Type").asText()).as(command)
                    .isEqualTo("AWS::Serverless::Function");
            assertThat(Path.of(option(words, "--event"))).as(command).isRegularFile();
            assertThat(words).as(command + ": the environment comes from " + SAMCONFIG).doesNotContain("--env-vars");
        }
    }

    @Test
    void theLocalInvokeSectionRunsOfflineWithVariablesTheFunctionsDeclare() throws IOException {
        Map<String, String> section = section(Files.readString(SAMCONFIG), "default.local_invoke.parameters");
        Path environment = Path.of(section.getOrDefault("env_vars", "(none)"));
        SamTemplate template = SamTemplate.read(Map.of());

        assertThat(section.get("template_file")).isEqualTo("template.yaml");
        assertThat(section.get("parameter_overrides")).contains("FunctionRuntime=jvm");
        assertThat(environment).isRegularFile();
        JsonNode variables = new ObjectMapper().readTree(Files.readString(environment)).path("Parameters");
        assertThat(variables.path("ANTHROPIC_OFFLINE").asText()).isEqualTo("true");
        variables.fieldNames().forEachRemaining(name -> assertThat(template.functionEnvironment())
                .as("%s sets %s, which the functions do not declare", environment, name).containsKey(name));
    }

    private static String option(List<String> words, String name) {
        int at = words.indexOf(name);
        return at < 0 || at + 1 >= words.size() ? "(missing " + name + ")" : words.get(at + 1);
    }

    /** The {@code key = "value"} lines of one TOML table. */
    private static Map<String, String> section(String toml, String table) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : toml.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inside = trimmed.equals("[" + table + "]");
            } else if (inside && trimmed.contains("=") && !trimmed.startsWith("#")) {
                String[] pair = trimmed.split("=", 2);
                values.put(pair[0].strip(), pair[1].strip().replaceAll("^\"|\"$", ""));
            }
        }
        return values;
    }
}
