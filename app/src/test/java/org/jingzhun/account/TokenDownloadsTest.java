package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.jingzhun.JingzhunTest;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streamed downloads over real HTTP with a bearer token (issue 11, item 9): the whole body arrives and the chunked
 * response ends, nothing is refused after the response was committed, and a bad parameter is a 400 problem.
 */
@JingzhunTest
@ExtendWith(OutputCaptureExtension.class)
class TokenDownloadsTest {

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String token;

    @BeforeEach
    void issueToken() throws Exception {
        UserAccount user = TestUsers.create(accounts, jdbc, EnumSet.of(Role.DATA_ENTRY, Role.ANALYST), "530102");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\": \"" + user.login() + "\", \"password\": \""
                        + TestUsers.PASSWORD + "\", \"name\": \"downloads\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(201);
        token = json.readTree(issued.body()).get("secret").asText();
    }

    @Test
    void everyDownloadArrivesWholeToATokenAndNothingIsRefusedAfterwards(CapturedOutput output) throws Exception {
        HttpResponse<byte[]> csvTemplate = get("/api/v1/imports/template?format=csv");
        assertThat(csvTemplate.statusCode()).isEqualTo(200);
        assertThat(new String(csvTemplate.body(), StandardCharsets.UTF_8)).contains("Resident ID number");

        HttpResponse<byte[]> xlsxTemplate = get("/api/v1/imports/template?format=xlsx");
        assertThat(xlsxTemplate.statusCode()).isEqualTo(200);
        assertWholeWorkbook(xlsxTemplate.body());

        HttpResponse<byte[]> export = get("/api/v1/households/export?area=530102&format=csv");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));

        HttpResponse<byte[]> xlsxExport = get("/api/v1/households/export?area=530102&format=xlsx");
        assertThat(xlsxExport.statusCode()).isEqualTo(200);
        assertWholeWorkbook(xlsxExport.body());

        HttpResponse<byte[]> statistics = get("/api/v1/statistics/export?area=530102");
        assertThat(statistics.statusCode()).isEqualTo(200);
        assertWholeWorkbook(statistics.body());

        long job = importWithARefusedRow();
        HttpResponse<byte[]> refused = get("/api/v1/imports/" + job + "/refused?format=csv");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("NOT-A-VILLAGE");

        assertThat(output.getAll()).doesNotContain("AuthorizationDeniedException")
                .doesNotContain("response is already committed");
    }

    @Test
    void aBadParameterOfADownloadIsAProblemForATokenAsForASession() throws Exception {
        for (String path : new String[] {"/api/v1/households/export?area=530102&status=NO-SUCH-STATUS",
                "/api/v1/households/export?area=530102&format=pdf", "/api/v1/imports/template?format=pdf",
                "/api/v1/statistics/export?area=530102&year=not-a-year"}) {
            HttpResponse<byte[]> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(answer.body()).get("status").asInt()).as(path).isEqualTo(400);
        }
    }

    @Test
    void aRefusalFoundOnceTheDownloadHasStartedIsStillAProblem() throws Exception {
        for (String path : new String[] {"/api/v1/households/export?area=530102&name=a%00b", "/api/v1/statistics/export?area=11",
                "/api/v1/imports/999999999/refused?format=csv"}) {
            HttpResponse<byte[]> answer = get(path);
            assertThat(answer.statusCode()).as(path).isBetween(400, 404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValue("Content-Disposition")).as(path).isEmpty();
        }
    }

    /** Uploads a file whose one row names no village, as the token's user, and waits until the job has ended. */
    private long importWithARefusedRow() throws Exception {
        String boundary = "----" + UUID.randomUUID();
        String csv = "household,villageCode,category,mainCause,otherCauses,safeWater,incomeYear,income,"
                + "name,idNumber,relation,sex,birthDate,health,disabilityGrade\n"
                + "X1,NOT-A-VILLAGE,GENERAL,ILLNESS,,yes,2014,1000,张三,110101198001010011,HEAD,,,,\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"refused.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/api/v1/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = json.readTree(started.body()).get("id").asLong();
        JsonNode job;
        do { // each poll is a request: the job's own state is the condition waited on
            job = json.readTree(get("/api/v1/imports/" + id).body());
        } while (!Set.of("DONE", "FAILED", "INTERRUPTED").contains(job.get("status").asText()));
        assertThat(job.get("status").asText()).isEqualTo("DONE");
        return id;
    }

    /** A workbook is a zip whose end-of-central-directory record closes it: only a whole file has one. */
    private static void assertWholeWorkbook(byte[] body) {
        assertThat(body.length).isGreaterThan(22);
        int end = body.length - 22;
        assertThat(new byte[] {body[end], body[end + 1], body[end + 2], body[end + 3]})
                .containsExactly(0x50, 0x4b, 0x05, 0x06);
    }

    /** Reading the body fails (as curl's exit code 18) when the chunked response is cut short. */
    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
