package dev.claudefeatures.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code target/function.zip} started as the {@code java21} managed runtime starts it: unpacked
 * into a task root, the Runtime Interface Client on the system class path (as
 * {@code /var/runtime/lib} is), the function loaded by the client's own class loader from the
 * task root, Lambda's JVM options for the function's memory size and Lambda's environment.
 * Its stdout goes to a file, so that every line written before a response was posted can be
 * read as soon as the response arrives.
 */
final class PackagedFunction implements AutoCloseable {

    static final String HANDLER = "dev.claudefeatures.lambda.LambdaHandler::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private PackagedFunction(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param zip        the deployment package
     * @param runtimeLib the Runtime Interface Client and its jars
     * @param workDir    where the task root and the output files go
     * @param memoryMb   the function's memory size, which sets the heap as Lambda does
     * @param env        the function's environment: Lambda's variables and the template's
     */
    static PackagedFunction start(Path zip, Path runtimeLib, Path workDir, int memoryMb, Map<String, String> env)
            throws IOException {
        return start(zip, runtimeLib, workDir, memoryMb, env, HANDLER);
    }

    /** @param handler the function's handler, as template.yaml names it */
    static PackagedFunction start(Path zip, Path runtimeLib, Path workDir, int memoryMb, Map<String, String> env,
            String handler) throws IOException {
        workDir = workDir.toAbsolutePath();
        Path taskRoot = unzip(zip, workDir.resolve("task"));
        List<String> command = new ArrayList<>();
        Path bootstrap = taskRoot.resolve("bootstrap");
        if (Files.exists(bootstrap)) {
            // A native build (-Pnative): provided.al2023 runs the package's bootstrap itself.
            bootstrap.toFile().setExecutable(true);
            command.add(bootstrap.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(lambdaJvmOptions(memoryMb));
            command.add("-cp");
            command.add(runtimeLib.toAbsolutePath().resolve("*").toString());
            command.add(RIC_MAIN);
            command.add(handler);
            String wrapper = env.get("AWS_LAMBDA_EXEC_WRAPPER");
            if (wrapper != null) {
                // As the java21 runtime does: the wrapper is run with the runtime's own command line.
                command.add(0, taskRoot.resolve(Path.of("/var/task").relativize(Path.of(wrapper))).toString());
                command.add(0, "/bin/sh");
            }
        }

        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("_HANDLER", handler);
        builder.environment().putAll(env);
        Path stdout = workDir.resolve("stdout.log");
        Path stderr = workDir.resolve("stderr.log");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return new PackagedFunction(builder.start(), stdout, stderr);
    }

    /**
     * The options the {@code java21} runtime starts its JVM with: serial GC, C1 only, class data
     * sharing, and a maximum heap of 85% of the function's memory (445,645 KiB at 512 MB).
     */
    static List<String> lambdaJvmOptions(int memoryMb) {
        return List.of(
                "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true");
    }

    /**
     * A function's whole environment against local fakes: Lambda's variables, the template's
     * {@code Globals} ones, the upstream and the Secrets Manager that holds the key.
     */
    static Map<String, String> environment(FakeRuntimeApi runtimeApi, String functionName,
            dev.claudefeatures.testing.SamTemplate template, java.net.URI upstream, java.net.URI secretsManager) {
        Map<String, String> env = new LinkedHashMap<>(lambdaEnvironment(runtimeApi.address(), functionName,
                template.functionMemoryMb()));
        env.putAll(template.functionEnvironment());
        env.put("ANTHROPIC_BASE_URL", upstream.toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.toString());
        return env;
    }

    /** The variables Lambda itself sets for a function. */
    static Map<String, String> lambdaEnvironment(String runtimeApi, String functionName, int memoryMb) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/25/[1]0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIAPRODPARITYTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "prod-parity-secret-access-key");
        env.put("AWS_SESSION_TOKEN", "prod-parity-session-token");
        env.put("_HANDLER", HANDLER);
        env.put("TZ", ":UTC");
        return env;
    }

    /** What one invocation answered, and the stdout lines it wrote. */
    record Answered(String response, List<String> stdout) {
    }

    /**
     * Hands {@code event} to the function and waits for its answer. Everything the invocation
     * wrote to stdout was written before its response was posted, so it is in the file by then.
     */
    Answered invoke(FakeRuntimeApi runtimeApi, String event, Duration timeout) throws Exception {
        int before = stdoutLines().size();
        FakeRuntimeApi.Result result = runtimeApi.invoke(event, timeout)
                .get(timeout.toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
        if (result.error()) {
            throw new AssertionError("the function answered an invocation error: " + result.body());
        }
        List<String> lines = stdoutLines();
        return new Answered(result.body(), List.copyOf(lines.subList(before, lines.size())));
    }

    /** The running process's arguments, as the operating system reports them. */
    List<String> arguments() {
        return List.of(process.info().arguments().orElse(new String[0]));
    }

    /** The CPU time the function's process has used so far. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    long pid() {
        return process.pid();
    }

    /**
     * The heap in use after a full collection ({@code jcmd GC.run}, then {@code jstat -gc}): what the
     * function keeps alive, in KiB.
     */
    long liveHeapKib() throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        new ProcessBuilder(bin.resolve("jcmd").toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true)
                .start().waitFor(60, TimeUnit.SECONDS);
        Process jstat = new ProcessBuilder(bin.resolve("jstat").toString(), "-gc", Long.toString(pid()))
                .redirectErrorStream(true).start();
        List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        jstat.waitFor(60, TimeUnit.SECONDS);
        String[] names = lines.get(0).trim().split("\\s+");
        String[] values = lines.get(1).trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        return Math.round(used);
    }

    /** The name of every class the function's JVM has loaded so far ({@code jcmd VM.class_hierarchy}). */
    java.util.Set<String> loadedClasses() throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Process jcmd = new ProcessBuilder(bin.resolve("jcmd").toString(), Long.toString(pid()), "VM.class_hierarchy")
                .redirectErrorStream(true).start();
        String hierarchy = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        // One class a line, indented by its depth: "|  |--io.example.Name/0x... (intf)", or ".../null".
        return hierarchy.lines().map(line -> line.replaceFirst("^[|\\s-]*", ""))
                .filter(line -> line.contains("/")).map(line -> line.substring(0, line.indexOf('/')))
                .collect(java.util.stream.Collectors.toSet());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the function polls for its first event (its init is done); fails if it dies or
     * reports an init error first. Each of the three is a signal: nothing is polled.
     */
    void awaitInit(FakeRuntimeApi runtimeApi, Duration limit) throws Exception {
        try {
            java.util.concurrent.CompletableFuture.anyOf(runtimeApi.firstPoll(), runtimeApi.initError(), process.onExit())
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException late) {
            throw new AssertionError("the function did not poll for an event within " + limit + "\n" + stderr());
        }
        if (!runtimeApi.firstPoll().isDone()) {
            throw new AssertionError("the function did not start (exit " + (process.isAlive() ? "-" : process.exitValue())
                    + "): " + runtimeApi.initError().getNow("") + "\n" + stderr());
        }
    }

    /** Every line the function has written to stdout so far. */
    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        if (Files.exists(into)) {
            try (var stale = Files.walk(into)) {
                for (Path path : stale.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return into;
    }
}
