package org.jingzhun.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Household search under concurrent load (issue 11, item 15), over HTTP against the running application.
 *
 * <p>The application runs as a process of its own ({@code -Xmx512m}, its embedded database in a fresh data
 * directory, deleted at the end), filled by its own {@code generate-demonstration} command: Yunnan at
 * {@code searchLoad.scale} (0.1) with one county, {@code searchLoad.county} (530326, Yunnan's largest), at full scale,
 * so that a county holds over 100,000 households, its registry then vacuumed as the autovacuum leaves it. A county clerk (data entry and reviewer of that county) then
 * reads as people do: closed-loop clients, each pausing {@code searchLoad.pauseMillis} (1,000) between requests,
 * {@code searchLoad.clients} (50 and 200) of them, a warm-up by slices of {@code searchLoad.warmUpSeconds} until the
 * application's CPU per request settles (at most {@code searchLoad.maxWarmUpSeconds}), and a measure of
 * {@code searchLoad.seconds}. The mix: search pages by village, by name (a surname, a surname and a character, a
 * whole name), by ID number and by status in the county or a township; household pages; the county's or a
 * township's dashboard; the home page (the clerk's inbox). Each client keeps one connection alive, as a browser does
 * ({@link KeptAliveConnection}). The load generator runs on the same machine as the application and its database.
 * Targets: p99 under 200 ms, no errors.
 */
public final class SearchLoadBenchmark {

    static final double SCALE = Double.parseDouble(System.getProperty("searchLoad.scale", "0.1"));
    static final String COUNTY = System.getProperty("searchLoad.county", "530326");
    static final int[] CLIENTS = Arrays.stream(System.getProperty("searchLoad.clients", "50,200").split(","))
            .map(String::strip).mapToInt(Integer::parseInt).toArray();
    static final int WARM_UP_SECONDS = Integer.getInteger("searchLoad.warmUpSeconds", 30);
    static final int MAX_WARM_UP_SECONDS = Integer.getInteger("searchLoad.maxWarmUpSeconds", 300);
    /** How close two warm-up slices' application CPU per request must be for the application to count as warm. */
    static final double SETTLED = 0.1;
    static final int SECONDS = Integer.getInteger("searchLoad.seconds", 60);
    static final int PAUSE_MILLIS = Integer.getInteger("searchLoad.pauseMillis", 1000);
    static final long SEED = 2014;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String CLERK = "clerk-" + COUNTY;

    /** What a request reads, in the mix's shares (per cent). */
    enum Kind {
        SEARCH_VILLAGE(20), SEARCH_NAME(15), SEARCH_ID_NUMBER(15), SEARCH_STATUS(15), HOUSEHOLD_PAGE(15), DASHBOARD(10), INBOX(10);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    private SearchLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%nSearch load benchmark: Yunnan at scale %s with county %s whole; %s closed-loop clients,"
                        + " %d ms pause, warmed up by %d s until settled (at most %d s), measured %d s; Java %s, %d processors shared"
                        + " by the application, its database and this load generator%n", SCALE, COUNTY, Arrays.toString(CLIENTS), PAUSE_MILLIS,
                WARM_UP_SECONDS, MAX_WARM_UP_SECONDS, SECONDS, Runtime.version(), Runtime.getRuntime().availableProcessors());
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        // Readable by others, as ThrowawayDatabase's: as root, PostgreSQL runs as an unprivileged account.
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "jingzhun-bench-load-" + HexFormat.of().formatHex(random));
        Files.createDirectories(dataDir);
        String adminPassword = "bench-" + HexFormat.of().formatHex(random) + "-admin";
        Process[] app = new Process[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(app[0], dataDir)));

        long started = System.nanoTime();
        Process generation = application(dataDir, adminPassword, "1g", dataDir.resolve("generation.log"),
                "generate-demonstration", "--province=53", "--scale=" + SCALE, "--county-scale=" + COUNTY + "=1", "--seed=" + SEED,
                "--server.port=0");
        int exit = generation.waitFor();
        String done = Files.readAllLines(dataDir.resolve("generation.log")).stream().filter(line -> line.startsWith("Done in"))
                .findFirst().orElse(null);
        if (exit != 0 || done == null) {
            throw new IllegalStateException("The generation failed (exit " + exit + "); see its log:\n" + tail(dataDir.resolve("generation.log")));
        }
        System.out.printf(Locale.ROOT, "Generated in %.0f s (application start included): %s%n", (System.nanoTime() - started) / 1e9, done);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app[0] = application(dataDir, adminPassword, "512m", dataDir.resolve("application.log"), "--server.port=" + port);
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        waitUntilUp(http, base, app[0], dataDir.resolve("application.log"));

        String admin = token(http, base, "admin", adminPassword);
        long refresh = System.nanoTime();
        send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/statistics/refresh")).timeout(Duration.ofHours(1))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(), 200, 204);
        System.out.printf(Locale.ROOT, "Statistics rollups built in %.0f s%n", (System.nanoTime() - refresh) / 1e9);
        long vacuum = System.nanoTime();
        vacuumTheRegistry(dataDir.resolve("data"));
        System.out.printf(Locale.ROOT, "Registry vacuumed in %.0f s%n", (System.nanoTime() - vacuum) / 1e9);
        String password = countyClerk(http, base, admin);
        String clerk = token(http, base, CLERK, password);
        Inputs inputs = Inputs.sample(http, base, clerk);
        // A token for each client, as each clerk signs in on their own: one token shared by all would make every
        // request update the same row (its last use) and measure that row's lock instead of the search.
        List<String> tokens = new ArrayList<>();
        int most = Arrays.stream(CLIENTS).max().orElse(0);
        while (tokens.size() < most) {
            tokens.add(token(http, base, CLERK, password));
        }
        System.out.printf(Locale.ROOT, "County %s: %,d households on record; inputs sampled from %d households in %d villages%n",
                COUNTY, inputs.countyHouseholds, inputs.households.size(), inputs.villages.size());

        for (int clients : CLIENTS) {
            run(base, tokens, inputs, clients, () -> CpuSpent.now(app[0].pid(), dataDir.resolve("data").resolve("pgdata")));
            applicationErrors(dataDir.resolve("application.log"));
        }
        System.out.println();
    }

    /**
     * Vacuums the registry's tables as the database's superuser, as the autovacuum leaves them some minutes after a
     * load: the pages all visible, so that searches and their totals read from indexes alone, as they do on a
     * registry in use. Right after the generator's millions of rows, the autovacuum would still be at work during the
     * measure, and every index-only read would visit the table.
     */
    static void vacuumTheRegistry(Path data) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(data.resolve("pgdata/postmaster.pid")).get(3).strip());
        String password = Files.readString(data.resolve("database.password")).strip();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/jingzhun",
                "jingzhun", password); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) household, member, household_income, person");
        }
    }

    /** The application as a process of its own on the data directory, its output in the log. */
    static Process application(Path dataDir, String adminPassword, String heap, Path log, String... arguments) throws IOException {
        // The benchmarks' own classes stay out: the application's component scan of org.jingzhun would take their
        // configurations for its own.
        Path own;
        try {
            own = Path.of(SearchLoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String classpath = String.join(java.io.File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).filter(entry -> !Path.of(entry).toAbsolutePath().equals(own.toAbsolutePath())).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", classpath, "org.jingzhun.JingzhunApplication"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JINGZHUN_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("JINGZHUN_ADMIN_PASSWORD", adminPassword);
        return builder.start();
    }

    static void waitUntilUp(HttpClient http, String base, Process app, Path log) throws Exception {
        long started = System.nanoTime();
        while (true) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application ended (exit " + app.exitValue() + "); see its log:\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    System.out.printf(Locale.ROOT, "Application up in %.0f s%n", (System.nanoTime() - started) / 1e9);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    /** An API token for the login. */
    static String token(HttpClient http, String base, String login, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("login", login, "password", password, "name", "search load benchmark"));
        return JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens")).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201))
                .get("secret").asString();
    }

    /**
     * A clerk of the county (data entry and reviewer: whole ID numbers, statistics), created by the administrator;
     * the password it was given is changed at its first sign-in, as the application asks; the clerk's own password.
     */
    static String countyClerk(HttpClient http, String base, String admin) throws Exception {
        String login = CLERK;
        String given = "given-" + secret();
        String own = "own-" + secret();
        String user = JSON.writeValueAsString(Map.of("login", login, "name", "县扶贫办", "language", "zh_CN",
                "roles", List.of("DATA_ENTRY", "REVIEWER"), "areas", List.of(COUNTY), "password", given));
        send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/users")).timeout(TIMEOUT).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user)).build(), 201);
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT).build();
        String csrf = csrf(send(browser, HttpRequest.newBuilder(URI.create(base + "/login")).timeout(TIMEOUT).build(), 200));
        send(browser, form(base + "/login", Map.of("username", login, "password", given, "_csrf", csrf)), 200);
        csrf = csrf(send(browser, HttpRequest.newBuilder(URI.create(base + "/account/password")).timeout(TIMEOUT).build(), 200));
        send(browser, form(base + "/account/password", Map.of("currentPassword", given, "newPassword", own, "_csrf", csrf)), 200);
        return own;
    }

    private static String secret() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token in the page");
        }
        return matcher.group(1);
    }

    private static HttpRequest form(String uri, Map<String, String> fields) {
        String body = String.join("&", fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The body of a response with one of the statuses, else a failure naming what came. */
    static String send(HttpClient http, HttpRequest request, int... statuses) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (Arrays.stream(statuses).noneMatch(status -> status == response.statusCode())) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Real inputs of the county, read through the API as the clerk. */
    record Inputs(long countyHouseholds, List<Long> households, List<String> villages, List<String> townships,
                  List<String> names, List<String> idNumbers) {

        static Inputs sample(HttpClient http, String base, String clerk) throws Exception {
            Random random = new Random(SEED);
            List<Long> households = new ArrayList<>();
            List<String> villages = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> idNumbers = new ArrayList<>();
            long countyHouseholds = JSON.readTree(send(http, get(base, "/api/v1/statistics?area=" + COUNTY + "&year=2014", clerk), 200))
                    .findValues("households").stream().findFirst().map(JsonNode::asLong).orElse(-1L);
            // Random pages of the county's list (in village order), so that villages all over the county come up.
            long pages = Math.max(1, countyHouseholds / 50);
            for (int i = 0; i < 60; i++) {
                long page = random.nextLong(pages);
                JsonNode result = JSON.readTree(send(http, get(base, "/api/v1/households?area=" + COUNTY + "&size=50&page=" + page, clerk), 200));
                for (JsonNode household : result.get("households")) {
                    households.add(household.get("id").asLong());
                    String village = household.get("villageCode").asString();
                    if (!villages.contains(village)) {
                        villages.add(village);
                    }
                }
            }
            for (int i = 0; i < 200; i++) {
                long id = households.get(random.nextInt(households.size()));
                JsonNode household = JSON.readTree(send(http, get(base, "/api/v1/households/" + id, clerk), 200));
                for (JsonNode member : household.get("members")) {
                    names.add(member.get("name").asString());
                    idNumbers.add(member.get("idNumber").asString());
                }
            }
            List<String> townships = villages.stream().map(village -> village.substring(0, 9)).distinct().toList();
            return new Inputs(countyHouseholds, households, villages, townships, names, idNumbers);
        }
    }

    static HttpRequest get(String base, String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token).build();
    }

    /** One request of the kind with random inputs: the path and query. */
    static String path(Kind kind, Inputs inputs, Random random) {
        return switch (kind) {
            case SEARCH_VILLAGE -> "/households?area=" + pick(inputs.villages, random);
            case SEARCH_NAME -> {
                String name = pick(inputs.names, random);
                int length = switch (random.nextInt(3)) {
                    case 0 -> 1;                               // a surname: 李
                    case 1 -> Math.min(2, name.length());      // a surname and a character
                    default -> name.length();                  // the whole name
                };
                yield "/households?name=" + encode(name.substring(0, length));
            }
            case SEARCH_ID_NUMBER -> "/households?idNumber=" + pick(inputs.idNumbers, random);
            case SEARCH_STATUS -> "/households?area=" + (random.nextBoolean() ? COUNTY : pick(inputs.townships, random))
                    + "&status=" + (random.nextInt(4) == 0 ? "CANDIDATE" : random.nextBoolean() ? "REGISTERED" : "NON_POOR");
            case HOUSEHOLD_PAGE -> "/households/" + pick(inputs.households, random);
            case DASHBOARD -> "/statistics?year=2014&area=" + (random.nextBoolean() ? COUNTY : pick(inputs.townships, random));
            case INBOX -> "/"; // the home page: the clerk's inbox, its counts over the county
        };
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Latencies in microseconds and errors of one kind, from one client. */
    static final class Tally {
        final long[][] micros = new long[Kind.values().length][];
        final int[] counts = new int[Kind.values().length];
        final List<String> errors = new ArrayList<>();

        Tally() {
            for (int k = 0; k < micros.length; k++) {
                micros[k] = new long[256];
            }
        }

        synchronized void add(Kind kind, long value, String error) {
            if (error != null) {
                errors.add(error);
            }
            int k = kind.ordinal();
            if (counts[k] == micros[k].length) {
                micros[k] = Arrays.copyOf(micros[k], counts[k] * 2);
            }
            micros[k][counts[k]++] = value;
        }
    }

    /**
     * The clients for the warm-up and the measure; prints the figures, and where the CPU went if {@code cpu} tells.
     *
     * <p>The warm-up goes in slices of {@link #WARM_UP_SECONDS} until the application's CPU per request settles
     * (within {@link #SETTLED} of the slice before), for at most {@link #MAX_WARM_UP_SECONDS}: the measure is of the
     * application as it runs for days, not of its first minutes. Its code called once a request (filters,
     * controllers, templates) reaches its final compiled form only after thousands of requests: on two cores shared
     * with the load, a request cost the application 11 ms of CPU in its first half-minute, 6 ms in the next, 2.5 to
     * 4 ms later. Each slice's figures are printed, so the first minutes are seen too.
     */
    static void run(String base, List<String> tokens, Inputs inputs, int clients,
                    java.util.function.Supplier<java.util.Optional<CpuSpent>> cpu) throws Exception {
        AtomicBoolean stop = new AtomicBoolean(false);
        java.util.concurrent.atomic.AtomicReference<List<Tally>> slice = new java.util.concurrent.atomic.AtomicReference<>(tallies(clients));
        int[] cumulative = new int[Kind.values().length];
        int sum = 0;
        for (Kind kind : Kind.values()) {
            sum += kind.share;
            cumulative[kind.ordinal()] = sum;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                Random random = new Random(SEED * 1000 + c);
                String clerk = tokens.get(c);
                int total = sum;
                executor.submit(() -> {
                    // Clients start spread over one pause, as people do, not all in the same millisecond.
                    Thread.sleep(random.nextInt(PAUSE_MILLIS));
                    try (KeptAliveConnection connection = new KeptAliveConnection(URI.create(base), TIMEOUT)) {
                        while (!stop.get()) {
                            int draw = random.nextInt(total);
                            Kind kind = Kind.values()[0];
                            while (draw >= cumulative[kind.ordinal()]) {
                                kind = Kind.values()[kind.ordinal() + 1];
                            }
                            String path = path(kind, inputs, random);
                            List<Tally> started = slice.get();
                            long startedAt = System.nanoTime();
                            String error = null;
                            try {
                                int status = connection.get(path, clerk);
                                if (status != 200) {
                                    error = status + " " + path;
                                }
                            } catch (IOException | RuntimeException e) {
                                connection.close();
                                error = e + " " + path;
                            }
                            long micros = (System.nanoTime() - startedAt) / 1000;
                            if (slice.get() == started) { // a request counts in the slice it began and ended in
                                started.get(client).add(kind, micros, error);
                            }
                            Thread.sleep(PAUSE_MILLIS);
                        }
                    }
                    return null;
                });
            }
            java.util.Optional<CpuSpent> before = cpu.get();
            double previous = -1;
            for (int warmUp = 1; ; warmUp++) {
                long started = System.nanoTime();
                Thread.sleep(WARM_UP_SECONDS * 1000L);
                List<Tally> done = slice.getAndSet(tallies(clients));
                double seconds = (System.nanoTime() - started) / 1e9;
                java.util.Optional<CpuSpent> after = cpu.get();
                long[] all = sorted(done);
                double perRequest = before.isPresent() && after.isPresent() && all.length > 0
                        ? 1000 * (after.get().application() - before.get().application()) / all.length : -1;
                long errors = done.stream().mapToLong(tally -> {
                    synchronized (tally) {
                        return tally.errors.size();
                    }
                }).sum();
                System.out.printf(Locale.ROOT, "%d clients, warm-up %d: %.1f requests/s, p99 %.1f ms, %d errors; application CPU %.2f ms"
                        + " per request%n", clients, warmUp, all.length / seconds, percentile(all, 99), errors, perRequest);
                boolean settled = perRequest > 0 && previous > 0 && Math.abs(perRequest - previous) <= SETTLED * previous;
                if (settled || perRequest < 0 || warmUp * WARM_UP_SECONDS >= MAX_WARM_UP_SECONDS) {
                    break;
                }
                previous = perRequest;
                before = after;
            }
            before = cpu.get();
            long started = System.nanoTime();
            Thread.sleep(SECONDS * 1000L);
            List<Tally> measured = slice.getAndSet(tallies(clients));
            double seconds = (System.nanoTime() - started) / 1e9;
            java.util.Optional<CpuSpent> after = cpu.get();
            stop.set(true);
            int requests = report(clients, measured, seconds);
            if (before.isPresent() && after.isPresent()) {
                System.out.println("  " + after.get().since(before.get(), requests, seconds));
            }
        }
    }

    private static List<Tally> tallies(int clients) {
        List<Tally> tallies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            tallies.add(new Tally());
        }
        return tallies;
    }

    /** Every latency of the tallies, sorted. */
    private static long[] sorted(List<Tally> tallies) {
        List<long[]> parts = new ArrayList<>();
        for (Tally tally : tallies) {
            synchronized (tally) {
                for (Kind kind : Kind.values()) {
                    parts.add(Arrays.copyOf(tally.micros[kind.ordinal()], tally.counts[kind.ordinal()]));
                }
            }
        }
        return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }

    /** Prints the figures of the tallies; the number of requests they hold. */
    static int report(int clients, List<Tally> tallies, double seconds) {
        Map<Kind, long[]> byKind = new EnumMap<>(Kind.class);
        List<String> errors = new ArrayList<>();
        for (Tally tally : tallies) {
            synchronized (tally) {
                errors.addAll(tally.errors);
                for (Kind kind : Kind.values()) {
                    long[] before = byKind.getOrDefault(kind, new long[0]);
                    long[] more = Arrays.copyOf(tally.micros[kind.ordinal()], tally.counts[kind.ordinal()]);
                    long[] joined = Arrays.copyOf(before, before.length + more.length);
                    System.arraycopy(more, 0, joined, before.length, more.length);
                    byKind.put(kind, joined);
                }
            }
        }
        long[] all = byKind.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d clients: %,d requests in %.0f s, %.1f requests/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " %d errors (targets: p99 under 200 ms, no errors)%n", clients, all.length, seconds, all.length / seconds,
                percentile(all, 50), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1000.0, errors.size());
        for (Map.Entry<Kind, long[]> entry : byKind.entrySet()) {
            long[] sorted = Arrays.stream(entry.getValue()).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-17s %,7d requests  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", entry.getKey(),
                    sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        }
        errors.stream().limit(10).forEach(error -> System.out.println("  error: " + error));
        return all.length;
    }

    /** The percentile in milliseconds of sorted microseconds (nearest rank). */
    static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }

    /** What the application logged as errors so far, by exception (its log goes with the data directory). */
    static void applicationErrors(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            Map<String, Long> causes = lines.filter(line -> line.matches("^([a-z]\\w*\\.)+[A-Z]\\w*(Exception|Error)\\b.*"))
                    .map(line -> line.substring(0, Math.min(160, line.length())))
                    .collect(java.util.stream.Collectors.groupingBy(line -> line, java.util.stream.Collectors.counting()));
            causes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(cause -> System.out.printf(Locale.ROOT, "  application log, %,d times: %s%n", cause.getValue(), cause.getKey()));
        } catch (IOException | java.io.UncheckedIOException e) {
            System.out.println("  (application log unreadable: " + e + ")");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the application (which stops its database) and deletes the data directory, however the JVM ends. */
    private static void stopAndDelete(Process app, Path dataDir) {
        try {
            if (app != null && app.isAlive()) {
                app.destroy();
                app.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
                if (app.isAlive()) {
                    app.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e);
            }
        }
    }
}
