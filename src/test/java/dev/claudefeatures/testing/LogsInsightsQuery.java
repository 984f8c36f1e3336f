package dev.claudefeatures.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of the CloudWatch Logs Insights query language that docs/OBSERVABILITY.md's queries use, run over
 * JSON log lines: {@code filter} (comparisons, {@code ispresent}, {@code and}, {@code or}),
 * {@code stats} ({@code sum}, {@code avg}, {@code count}, {@code min}, {@code max}, {@code pct},
 * arithmetic between them, {@code by}), {@code sort}, {@code limit} and {@code fields}. Enough to
 * prove offline that a query names fields the lines have and finds rows in them; not CloudWatch.
 */
public final class LogsInsightsQuery {

    private static final Pattern FENCE = Pattern.compile("```logs-insights\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\"[^\"]*\"|'[^']*'|[0-9]+(?:\\.[0-9]+)?|[A-Za-z_@][A-Za-z0-9_.@]*|!=|<=|>=|[=<>(),*/+-])");
    private static final Set<String> FUNCTIONS = Set.of("sum", "avg", "count", "min", "max", "pct", "ispresent");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "as", "by", "asc", "desc");

    private final String text;
    private final List<List<String>> commands = new ArrayList<>();

    private LogsInsightsQuery(String text) {
        this.text = text.strip();
        for (String command : split(this.text)) {
            commands.add(tokens(command));
        }
    }

    /** Every query in a {@code ```logs-insights} block of a Markdown text. */
    public static List<LogsInsightsQuery> inMarkdown(String markdown) {
        List<LogsInsightsQuery> queries = new ArrayList<>();
        Matcher block = FENCE.matcher(markdown);
        while (block.find()) {
            queries.add(new LogsInsightsQuery(block.group(1)));
        }
        return queries;
    }

    /** The log fields the query names (not its aliases, not CloudWatch's {@code @} fields). */
    public Set<String> fields() {
        Set<String> aliases = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (List<String> command : commands) {
            for (int i = 1; i < command.size(); i++) {
                String token = command.get(i);
                if (i > 0 && command.get(i - 1).equals("as")) {
                    aliases.add(token);
                } else if (isIdentifier(token) && !FUNCTIONS.contains(token) && !KEYWORDS.contains(token)
                        && !token.startsWith("@")) {
                    fields.add(token);
                }
            }
        }
        fields.removeAll(aliases);
        return fields;
    }

    /** The rows the query gives over {@code lines}. */
    public List<Map<String, Object>> run(List<JsonNode> lines) {
        List<Map<String, Object>> rows = lines.stream().map(LogsInsightsQuery::flatten).toList();
        for (List<String> command : commands) {
            List<String> args = command.subList(1, command.size());
            List<Map<String, Object>> input = rows;
            rows = switch (command.get(0)) {
                case "filter" -> input.stream().filter(row -> truth(new Cursor(args), row)).toList();
                case "stats" -> stats(args, input);
                case "sort" -> sort(args, input);
                case "limit" -> input.subList(0, Math.min(input.size(), Integer.parseInt(args.get(0))));
                case "fields", "display" -> input;
                default -> throw new IllegalArgumentException("unsupported command " + command.get(0) + " in " + text);
            };
        }
        return rows;
    }

    @Override
    public String toString() {
        return text;
    }

    private static Map<String, Object> flatten(JsonNode line) {
        Map<String, Object> row = new LinkedHashMap<>();
        line.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            row.put(field.getKey(), value.isNumber() ? (Object) value.asDouble()
                    : value.isBoolean() ? (Object) (value.asBoolean() ? 1.0 : 0.0)
                    : value.isNull() ? null : value.asText());
        });
        return row;
    }

    // --- filter ---------------------------------------------------------------------------------

    private static boolean truth(Cursor in, Map<String, Object> row) {
        boolean value = conjunction(in, row);
        while (in.accept("or")) {
            value |= conjunction(in, row);
        }
        return value;
    }

    private static boolean conjunction(Cursor in, Map<String, Object> row) {
        boolean value = term(in, row);
        while (in.accept("and")) {
            value &= term(in, row);
        }
        return value;
    }

    private static boolean term(Cursor in, Map<String, Object> row) {
        if (in.accept("not")) {
            return !term(in, row);
        }
        if (in.accept("ispresent")) {
            in.expect("(");
            String field = in.next();
            in.expect(")");
            return row.get(field) != null;
        }
        Object left = row.get(in.next());
        String operator = in.next();
        Object right = literal(in.next());
        if (left == null) {
            return false;
        }
        int order = left instanceof Double l && right instanceof Double r ? Double.compare(l, r)
                : left.toString().compareTo(right.toString());
        return switch (operator) {
            case "=" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalArgumentException("unsupported operator " + operator);
        };
    }

    private static Object literal(String token) {
        if (token.startsWith("\"") || token.startsWith("'")) {
            return token.substring(1, token.length() - 1);
        }
        return Double.parseDouble(token);
    }

    // --- stats ----------------------------------------------------------------------------------

    private static List<Map<String, Object>> stats(List<String> args, List<Map<String, Object>> rows) {
        int by = args.indexOf("by");
        List<String> groupBy = by < 0 ? List.of()
                : args.subList(by + 1, args.size()).stream().filter(t -> !t.equals(",")).toList();
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<Object> key = groupBy.stream().map(row::get).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        groups.forEach((key, members) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                out.put(groupBy.get(i), key.get(i));
            }
            Cursor in = new Cursor(by < 0 ? args : args.subList(0, by));
            while (in.hasNext()) {
                int start = in.position();
                double value = expression(in, members);
                String name = in.accept("as") ? in.next() : String.join("", in.tokens(start));
                out.put(name, value);
                in.accept(",");
            }
            result.add(out);
        });
        return result;
    }

    private static double expression(Cursor in, List<Map<String, Object>> rows) {
        double value = product(in, rows);
        while (in.peek("+") || in.peek("-")) {
            value = in.next().equals("+") ? value + product(in, rows) : value - product(in, rows);
        }
        return value;
    }

    private static double product(Cursor in, List<Map<String, Object>> rows) {
        double value = aggregate(in, rows);
        while (in.peek("*") || in.peek("/")) {
            value = in.next().equals("*") ? value * aggregate(in, rows) : value / aggregate(in, rows);
        }
        return value;
    }

    private static double aggregate(Cursor in, List<Map<String, Object>> rows) {
        if (in.accept("(")) {
            double value = expression(in, rows);
            in.expect(")");
            return value;
        }
        String function = in.next();
        if (!FUNCTIONS.contains(function)) {
            return Double.parseDouble(function);
        }
        in.expect("(");
        String field = in.next();
        double percentile = in.accept(",") ? Double.parseDouble(in.next()) : 0;
        in.expect(")");
        List<Double> values = rows.stream().map(row -> row.get(field)).filter(Double.class::isInstance)
                .map(Double.class::cast).sorted().toList();
        return switch (function) {
            case "count" -> field.equals("*") ? rows.size() : rows.stream().filter(r -> r.get(field) != null).count();
            case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case "min" -> values.isEmpty() ? Double.NaN : values.get(0);
            case "max" -> values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
            case "pct" -> values.isEmpty() ? Double.NaN
                    : values.get(Math.min(values.size() - 1, (int) Math.ceil(percentile / 100 * values.size()) - 1));
            default -> throw new IllegalArgumentException("unsupported function " + function);
        };
    }

    private static List<Map<String, Object>> sort(List<String> args, List<Map<String, Object>> rows) {
        Comparator<Map<String, Object>> order = Comparator.comparing(row -> String.valueOf(row.get(args.get(0))));
        if (rows.stream().allMatch(row -> row.get(args.get(0)) instanceof Double)) {
            order = Comparator.comparingDouble(row -> (Double) row.get(args.get(0)));
        }
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(args.size() > 1 && args.get(1).equals("desc") ? order.reversed() : order);
        return sorted;
    }

    // --- tokens ---------------------------------------------------------------------------------

    private static List<String> split(String query) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : query.toCharArray()) {
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            if (c == '|' && quote == 0) {
                commands.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        commands.add(current.toString().strip());
        return commands;
    }

    private static List<String> tokens(String command) {
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(command);
        int at = 0;
        while (at < command.length() && token.find(at) && token.start() == at) {
            tokens.add(token.group(1));
            at = token.end();
        }
        if (!command.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read '" + command.substring(at) + "' in " + command);
        }
        return tokens;
    }

    private static boolean isIdentifier(String token) {
        return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == '@';
    }

    private static final class Cursor {
        private final List<String> tokens;
        private int at;

        Cursor(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean hasNext() {
            return at < tokens.size();
        }

        int position() {
            return at;
        }

        List<String> tokens(int from) {
            return tokens.subList(from, at);
        }

        String next() {
            return tokens.get(at++);
        }

        boolean peek(String token) {
            return hasNext() && tokens.get(at).equals(token);
        }

        boolean accept(String token) {
            if (peek(token)) {
                at++;
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!accept(token)) {
                throw new IllegalArgumentException("expected " + token + " at " + at + " in " + tokens);
            }
        }
    }
}
