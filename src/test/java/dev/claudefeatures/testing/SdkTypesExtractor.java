package dev.claudefeatures.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the table of {@link SdkTypes} from the declaration files of the official TypeScript SDK
 * ({@code npm pack @anthropic-ai/sdk@<version>}), so that the conformance suite checks the
 * simulator against the SDK's own words rather than against a hand-typed copy.
 *
 * <p>Hand-written because no Java library reads TypeScript declarations, and the SDK's are
 * regular: one {@code export interface} or {@code export type} per declaration, one member per
 * line. It keeps, for every type reachable from the answers' roots, each field's name, whether it
 * is optional ({@code ?}) and the members of its union; for the request side only the types named
 * in {@link #REQUEST_TYPES} and the members of their unions, without following them further.
 *
 * <p>Run: {@code ./mvnw -Psdk-types -Dsdk.package=<unpacked package dir> -Dsdk.version=<version>}.
 */
public final class SdkTypesExtractor {

    /** What the API answers: followed to every type they reach. */
    static final List<String> RESPONSE_ROOTS = List.of("Message", "MessageTokensCount", "ErrorResponse");
    /** What the simulator validates in a request: kept with their unions' members, not followed further. */
    static final List<String> REQUEST_TYPES = List.of("MessageCreateParamsBase", "MessageCountTokensParams", "MessageParam",
            "Metadata", "OutputConfig", "ThinkingConfigParam", "ToolChoice", "ToolUnion", "DiagnosticsParam",
            "CacheControlEphemeral", "AnthropicBeta");
    static final List<String> FILES = List.of("resources/messages/messages.d.ts", "resources/shared.d.ts",
            "resources/beta/beta.d.ts");

    private static final Pattern DECLARATION = Pattern.compile(
            "^export (?:declare )?(interface|type) (\\w+)(?: extends ([\\w., ]+?))?\\s*(\\{|=)", Pattern.MULTILINE);
    private static final Pattern MEMBER = Pattern.compile("^(?:readonly )?(\\w+)(\\??): (.+)$", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*(?:\\.\\w+)?");

    private final Map<String, Declaration> declarations = new LinkedHashMap<>();

    /** An interface ({@code fields}, {@code parents}) or an alias ({@code union}). */
    record Declaration(String name, Map<String, Field> fields, List<String> parents, List<String> union) {
    }

    record Field(boolean required, List<String> types) {
    }

    SdkTypesExtractor(List<String> sources) {
        sources.forEach(source -> read(withoutComments(source)));
    }

    public static void main(String[] args) throws IOException {
        Path sdk = Path.of(args[0]);
        String version = args[1];
        Path out = Path.of(args[2]);
        List<String> sources = new ArrayList<>();
        for (String file : FILES) {
            sources.add(Files.readString(sdk.resolve(file)));
        }
        ObjectNode table = new SdkTypesExtractor(sources).table("@anthropic-ai/sdk " + version, FILES, REQUEST_TYPES);
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), table);
        System.out.println("Wrote " + table.path("types").size() + " types of @anthropic-ai/sdk " + version + " to " + out);
    }

    /** @param requestTypes the request-side types to keep, with their unions' members */
    ObjectNode table(String source, List<String> files, List<String> requestTypes) {
        Map<String, Declaration> kept = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(RESPONSE_ROOTS);
        while (!pending.isEmpty()) {
            Declaration declaration = declarations.get(pending.pop());
            if (declaration != null && kept.putIfAbsent(declaration.name(), declaration) == null) {
                references(declaration).forEach(pending::push);
            }
        }
        for (String name : requestTypes) {
            Declaration declaration = required(name);
            kept.put(name, declaration);
            for (String member : declaration.union()) {
                if (declarations.containsKey(member)) {
                    kept.putIfAbsent(member, declarations.get(member));
                }
            }
        }
        ObjectNode table = new ObjectMapper().createObjectNode().put("source", source);
        files.forEach(table.putArray("files")::add);
        ObjectNode types = table.putObject("types");
        kept.values().forEach(declaration -> types.set(declaration.name(), json(declaration)));
        return table;
    }

    private Declaration required(String name) {
        Declaration declaration = declarations.get(name);
        if (declaration == null) {
            throw new IllegalStateException("The SDK no longer declares " + name);
        }
        return declaration;
    }

    private ObjectNode json(Declaration declaration) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        if (!declaration.union().isEmpty()) {
            declaration.union().forEach(node.putArray("union")::add);
            return node;
        }
        ObjectNode fields = node.putObject("fields");
        allFields(declaration).forEach((name, field) -> {
            ObjectNode entry = fields.putObject(name).put("required", field.required());
            field.types().forEach(entry.putArray("types")::add);
        });
        return node;
    }

    private Map<String, Field> allFields(Declaration declaration) {
        Map<String, Field> fields = new TreeMap<>();
        for (String parent : declaration.parents()) {
            if (declarations.containsKey(parent)) {
                fields.putAll(allFields(declarations.get(parent)));
            }
        }
        fields.putAll(declaration.fields());
        return fields;
    }

    private List<String> references(Declaration declaration) {
        List<String> names = new ArrayList<>(declaration.parents());
        List<String> types = new ArrayList<>(declaration.union());
        allFields(declaration).values().forEach(field -> types.addAll(field.types()));
        for (String type : types) {
            Matcher identifier = IDENTIFIER.matcher(type.startsWith("Array<") ? type.substring(6) : type);
            if (!type.startsWith("'") && identifier.lookingAt()) {
                String name = identifier.group();
                names.add(name.contains(".") ? name.substring(name.indexOf('.') + 1) : name);
            }
        }
        return names;
    }

    static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    private void read(String source) {
        Matcher declaration = DECLARATION.matcher(source);
        while (declaration.find()) {
            String name = declaration.group(2);
            if ("interface".equals(declaration.group(1))) {
                int open = declaration.end() - 1;
                String body = source.substring(open + 1, closing(source, open));
                List<String> parents = declaration.group(3) == null ? List.of()
                        : List.of(declaration.group(3).replace(" ", "").split(","));
                declarations.putIfAbsent(name, new Declaration(name, fields(body), parents, List.of()));
            } else {
                int end = endOfStatement(source, declaration.end());
                declarations.putIfAbsent(name, new Declaration(name, Map.of(), List.of(),
                        union(source.substring(declaration.end(), end))));
            }
        }
    }

    private static Map<String, Field> fields(String body) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String member : splitTopLevel(body, ';')) {
            Matcher field = MEMBER.matcher(member.strip());
            if (field.matches()) {
                fields.put(field.group(1), new Field(field.group(2).isEmpty(), union(field.group(3))));
            }
        }
        return fields;
    }

    /** A type expression as its union's members: literals quoted, {@code Array<X>}, names, or {@code object}. */
    static List<String> union(String expression) {
        List<String> members = new ArrayList<>();
        for (String member : splitTopLevel(expression, '|')) {
            String type = member.strip().replaceAll("\\s+", " ");
            if (type.isEmpty()) {
                continue;
            }
            if (type.startsWith("{")) {
                type = "object";
            } else if (type.equals("(string & {})")) {
                type = "string";
            } else if (type.endsWith("[]")) {
                type = "Array<" + type.substring(0, type.length() - 2) + ">";
            } else if (type.startsWith("Array<{")) {
                type = "Array<object>";
            }
            members.add(type);
        }
        return members;
    }

    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '<' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == '>' || c == ')' || c == ']') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("Unbalanced braces after offset " + open);
    }

    private static int endOfStatement(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '<' || c == '(') {
                depth++;
            } else if (c == '}' || c == '>' || c == ')') {
                depth--;
            } else if (c == ';' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }
}
