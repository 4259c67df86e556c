package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
                .redirectErrorStream(true).redirectOutput(logs.resolve("other.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + port);
            while (!up(http, base)) {
                assertThat(other.isAlive()).as("the other process started").isTrue();
                Thread.sleep(500);
            }
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

            for (String status = status(job); !"WRITING".equals(status); status = status(job)) {
                assertThat(status).as("the import is still on its way").isIn("QUEUED", "READING", "CHECKING");
                Thread.sleep(20);
            }
            // Killed while its transaction writes the registry: once it holds its write lock on the members, it still
            // has their rows, the incomes and the audit trail ahead of its commit.
            while (jdbc.sql("""
                    select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                     where c.relname = 'member' and l.mode = 'RowExclusiveLock' and l.granted and l.pid <> pg_backend_pid()""")
                    .query(Long.class).single() == 0) {
                Thread.sleep(5);
            }
            other.destroyForcibly().waitFor();

            assertThat(status(job)).isEqualTo("WRITING");
            // What the next start of that instance does.
            jobs.recover(jdbc.sql("select instance_id from import_job where id = :id").param("id", job).query(String.class).single());
            assertThat(status(job)).isEqualTo("INTERRUPTED");
            assertThat(jdbc.sql("select count(*) from member where id_number = any(:ids)").param("ids", ids.toArray(String[]::new))
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from import_row where job_id = :id").param("id", job).query(Long.class).single()).isZero();
        } finally {
            other.destroyForcibly();
        }
    }

    private String status(long job) {
        return jdbc.sql("select status from import_job where id = :id").param("id", job).query(String.class).single();
    }

    private static boolean up(HttpClient http, URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
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
