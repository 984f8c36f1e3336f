package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.testing.SamTemplate;
import dev.claudefeatures.web.ProblemType;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;

/**
 * README and docs/ say only what is true of the code, and render: every relative link and anchor
 * resolves, every {@code ./mvnw} command names profiles and tests that exist, the problem table is
 * {@link ProblemType}, the parameter table is template.yaml's, each alarm's description links to
 * its section of docs/OPERATIONS.md, the picture is its source rendered, headings go down one level
 * at a time, tables have as many cells in each row as in their header, and every code block says
 * its language.
 */
class DocsTest {

    private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final Pattern MVNW = Pattern.compile("\\./mvnw(?: [^\\n`]*)?");
    private static final Pattern PROFILE = Pattern.compile("(?:^| )-P([\\w,-]+)");
    private static final Pattern TEST = Pattern.compile("(?:^| )-D(?:it\\.)?test='?([\\w,#*-]+)");
    private static final Pattern OPERATIONS_LINK = Pattern.compile("docs/OPERATIONS\\.md#([a-z0-9-]+)");

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            for (String target : links(document)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: nothing to check offline
                }
                String[] pathAndAnchor = target.split("#", 2);
                Path file = pathAndAnchor[0].isEmpty() ? document
                        : document.toAbsolutePath().getParent().resolve(pathAndAnchor[0]).normalize();
                if (!Files.exists(file)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (pathAndAnchor.length == 2 && file.toString().endsWith(".md")
                        && !anchors(file).contains(pathAndAnchor[1])) {
                    broken.add(document + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyMavenCommandNamesProfilesAndTestsThatExist() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Set<String> profiles = new TreeSet<>();
        Matcher id = Pattern.compile("<profile>\\s*(?:<!--.*?-->\\s*)?<id>([^<]+)</id>", Pattern.DOTALL).matcher(pom);
        while (id.find()) {
            profiles.add(id.group(1));
        }
        Set<String> tests = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".java"))
                    .forEach(name -> tests.add(name.replace(".java", "")));
        }
        List<String> wrong = new ArrayList<>();
        int commands = 0;
        for (Path document : documents()) {
            for (String command : mavenCommands(document)) {
                commands++;
                for (Matcher profile = PROFILE.matcher(command); profile.find();) {
                    Arrays.stream(profile.group(1).split(",")).filter(name -> !profiles.contains(name))
                            .forEach(name -> wrong.add(document + ": profile " + name + " in `" + command + "`"));
                }
                for (Matcher test = TEST.matcher(command); test.find();) {
                    Arrays.stream(test.group(1).split(",")).map(name -> name.split("#")[0])
                            .filter(name -> !tests.contains(name) && !name.equals("NONE"))
                            .forEach(name -> wrong.add(document + ": test " + name + " in `" + command + "`"));
                }
            }
        }
        assertThat(profiles).contains("single-test", "benchmarks", "evaluate");
        assertThat(commands).as("./mvnw commands found").isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theProblemTableNamesEveryProblemTypeAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (List<String> row : tableRows(Path.of("docs", "OPERATIONS.md"), "`type`")) {
            documented.add(row.get(0).replace("`", ""));
        }
        Set<String> declared = new TreeSet<>();
        for (ProblemType type : ProblemType.values()) {
            declared.add(type.uri().substring(type.uri().lastIndexOf(':') + 1));
        }
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void theParameterTableIsTheTemplatesWithItsDefaults() throws IOException {
        SamTemplate template = SamTemplate.read(Map.of());
        JsonNode parameters = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(Files.readString(Path.of("template.yaml"))).path("Parameters");
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : tableRows(Path.of("README.md"), "parameter")) {
            documented.put(row.get(0).replace("`", ""), row.get(1).replace("`", ""));
        }
        List<String> wrong = new ArrayList<>();
        for (String name : template.parameterNames()) {
            String row = documented.containsKey(name) ? name : name.replaceFirst("^[A-Z]\\w*(CostPerCallBaselineUSD)$",
                    "<Feature>$1");
            String value = parameters.path(name).path("Default").asText();
            if (!documented.containsKey(row)) {
                wrong.add(name + ": no row");
            } else if (value.isEmpty() ? !documented.get(row).startsWith("(empty") : !documented.get(row).equals(value)) {
                wrong.add(name + ": the template's default is '" + value + "', the table says " + documented.get(row));
            }
        }
        documented.keySet().stream().filter(name -> !name.startsWith("<") && !template.parameterNames().contains(name))
                .forEach(name -> wrong.add(name + ": not a parameter of template.yaml"));
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyAlarmsDescriptionLinksToItsSectionOfOperations() throws IOException {
        Set<String> sections = anchors(Path.of("docs", "OPERATIONS.md"));
        List<String> wrong = new ArrayList<>();
        SamTemplate.read(Map.of()).resources().fields().forEachRemaining(resource -> {
            if (!"AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            Matcher link = OPERATIONS_LINK.matcher(resource.getValue().path("Properties").path("AlarmDescription").asText());
            if (!link.find()) {
                wrong.add(resource.getKey() + ": no docs/OPERATIONS.md#<section> in its description");
            } else if (!sections.contains(link.group(1))) {
                wrong.add(resource.getKey() + ": docs/OPERATIONS.md has no section #" + link.group(1));
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void thePictureIsItsSourceRendered() throws IOException {
        String source = Files.readString(Path.of("docs", "flow.puml"));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SourceStringReader(source).outputImage(svg, new FileFormatOption(FileFormat.SVG));

        assertThat(Files.readString(Path.of("docs", "flow.svg")))
                .as("docs/flow.svg is not docs/flow.puml rendered: run ./mvnw -Pdiagrams")
                .isEqualTo(svg.toString(StandardCharsets.UTF_8));
    }

    @Test
    void markdownThatRenders() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path document : documents()) {
            List<String> lines = Files.readAllLines(document);
            int level = 0;
            boolean fence = false;
            int headerCells = -1;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = document + ":" + (i + 1);
                if (line.startsWith("```")) {
                    if (!fence && line.strip().equals("```")) {
                        wrong.add(where + ": a code block without its language");
                    }
                    fence = !fence;
                    continue;
                }
                if (fence) {
                    continue;
                }
                Matcher heading = Pattern.compile("^(#{1,6}) ").matcher(line);
                if (heading.find()) {
                    int next = heading.group(1).length();
                    if ((level == 0 && next != 1) || (level > 0 && next == 1) || next > level + 1) {
                        wrong.add(where + ": heading level " + next + " after " + level);
                    }
                    level = next;
                }
                if (line.startsWith("|")) {
                    int cells = cells(line).size();
                    if (headerCells < 0) {
                        headerCells = cells;
                    } else if (cells != headerCells) {
                        wrong.add(where + ": " + cells + " cells in a table of " + headerCells + " columns");
                    }
                } else {
                    headerCells = -1;
                }
            }
            if (fence) {
                wrong.add(document + ": a code block that is never closed");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A table row's cells: split at pipes that are not escaped. */
    private static List<String> cells(String row) {
        String inner = row.strip().replaceAll("^\\|", "").replaceAll("(?<!\\\\)\\|$", "");
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
    }

    /** The rows (after the header and the delimiter row) of the table whose first header cell is this. */
    static List<List<String>> tableRows(Path document, String firstHeader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(document);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("|") && cells(lines.get(i)).get(0).startsWith(firstHeader)) {
                for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    rows.add(cells(lines.get(j)));
                }
                return rows;
            }
        }
        throw new AssertionError(document + " has no table headed " + firstHeader);
    }

    /** GitHub's anchors of a document's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        MARKDOWN.parse(Files.readString(document)).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String slug = text(heading).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        });
        return anchors;
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private static List<String> links(Path document) throws IOException {
        List<String> links = new ArrayList<>();
        MARKDOWN.parse(Files.readString(document)).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.add(image.getDestination());
            }
        });
        return links;
    }

    /** Every {@code ./mvnw ...} in a code block or a code span, continuation lines joined. */
    private static List<String> mavenCommands(Path document) throws IOException {
        List<String> commands = new ArrayList<>();
        MARKDOWN.parse(Files.readString(document)).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                collect(block.getLiteral().replace("\\\n", " "));
            }

            @Override
            public void visit(Code code) {
                collect(code.getLiteral());
            }

            private void collect(String text) {
                for (Matcher command = MVNW.matcher(text); command.find();) {
                    commands.add(command.group().replaceAll("\\s+#.*$", "").strip());
                }
            }
        });
        return commands;
    }
}
