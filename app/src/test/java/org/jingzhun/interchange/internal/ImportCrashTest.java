package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second Jingzhun process on this test's database runs a large import and is killed (SIGKILL) while it
 * enters the households: the registry holds none of them, and what the next start finds is marked interrupted.
 */
@JingzhunTest
class ImportCrashTest {

    private static final int HOUSEHOLDS = 60_000;

    @Autowired
    DataSource dataSource;
    @Autowired
    Accounts accounts;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path logs;

    @Test
    void killedWhileWritingLeavesTheRegistryAsItWas() throws Exception {
        String token = clerkToken();
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder("household,villageCode,category,name,idNumber,relation\n");
        String run = TestPeople.newHouseholdPrefix(); // household numbers are references, unique within a county
        for (int i = 0; i < HOUSEHOLDS; i++) {
            // Born in the 1920s: no other test gives such numbers in Wuhua.
            String birth = LocalDate.of(1920, 1, 1).plusDays(i % 3650).toString().replace("-", "");
            String id = TestPeople.withCheck("530102" + birth + String.format("%03d", 2 * (i / 3650)));
            ids.add(id);
            csv.append(run).append(i).append(",530102001001,GENERAL,村民").append(i).append(',').append(id).append(",HEAD\n");
        }

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.jingzhun.JingzhunApplication",
                "--server.port=" + port, "--jingzhun.data-dir=" + logs.resolve("data"),
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + database.getPassword())
                .redirectErrorStream(true).start();
        // The test holds the members' table from before the upload: the other process's writing transaction, once
        // it has entered the households, waits on it and cannot commit whenever the kill comes.
        try (Connection members = dataSource.getConnection();
             BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer copy = Files.newBufferedWriter(logs.resolve("other.log"))) {
            members.setAutoCommit(false);
            members.createStatement().execute("lock table member in share mode");
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + port);
            awaitLine(output, copy, "Started JingzhunApplication");
            String boundary = UUID.randomUUID().toString();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/imports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long job = Long.parseLong(started.body().replaceFirst("^\\{\"id\":(\\d+),.*", "$1"));

            // Killed while its transaction writes the registry: it has entered the households (its log says so) and
            // waits for the members' table, with the members, incomes and audit trail ahead of its commit.
            awaitLine(output, copy, "Import " + job + ": households in");
            other.destroyForcibly().waitFor();
            members.rollback(); // its connection gone, the other process's transaction ends without a commit

            assertThat(status(job)).isEqualTo("WRITING");
            // What the next start of that instance does.
            jobs.recover(jdbc.sql("select instance_id from import_job where id = :id").param("id", job).query(String.class).single());
            assertThat(status(job)).isEqualTo("INTERRUPTED");
            assertThat(jdbc.sql("select count(*) from member where id_number = any(:ids)").param("ids", ids.toArray(String[]::new))
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from table_import_problem p join import_job j on j.table_import_id = p.import_id where j.id = :id").param("id", job).query(Long.class).single()).isZero();
        } finally {
            other.destroyForcibly();
        }
    }

    private String status(long job) {
        return jdbc.sql("select status from import_job where id = :id").param("id", job).query(String.class).single();
    }

    /** Reads the other process's output (kept in a file) until a line holds the text; fails when it ends first. */
    private static void awaitLine(BufferedReader output, Writer copy, String text) throws IOException {
        for (String line = output.readLine(); ; line = output.readLine()) {
            assertThat(line).as("the other process's output before \"" + text + "\"").isNotNull();
            copy.write(line + "\n");
            copy.flush();
            if (line.contains(text)) {
                return;
            }
        }
    }

    private String clerkToken() {
        String login = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Crash-Password-1";
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            long id = accounts.create(new Accounts.UserForm(login, login, "en", true, Set.of(Role.DATA_ENTRY), Set.of("530102")),
                    password).id();
            jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", id).update();
        } finally {
            TestCallers.signOut();
        }
        return accounts.issueToken(login, password, "crash test").secret();
    }
}
