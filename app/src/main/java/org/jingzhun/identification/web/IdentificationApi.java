package org.jingzhun.identification.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.identification.Application;
import org.jingzhun.identification.Assessment;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.ProvinceAverages;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.StepRecord;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.identification.VillageAssessment;
import org.jingzhun.identification.VillageCase;
import org.jingzhun.identification.VillageFigures;
import org.jingzhun.identification.VillageIdentification;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Identification for programs: rounds, household applications and their steps, village figures, assessments and cases, objections. */
@RestController
@Tag(name = "Identification", description = "Identification of poor households and poor villages, with publicity and approval")
class IdentificationApi {

    private final HouseholdIdentification households;
    private final VillageIdentification villages;
    private final Publicity publicity;

    IdentificationApi(HouseholdIdentification households, VillageIdentification villages, Publicity publicity) {
        this.households = households;
        this.villages = villages;
        this.publicity = publicity;
    }

    // ---------------------------------------------------------------- rounds and households

    @GetMapping("/api/v1/identification/rounds")
    @Operation(summary = "The rounds of the counties inside an area, newest year first")
    List<Round> rounds(@RequestParam(defaultValue = "") String area) {
        return households.rounds(area);
    }

    @PostMapping("/api/v1/identification/rounds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Opens the round of a county and year; the quota only from a level above the county; 409 if it exists")
    Round openRound(@RequestBody Round.Form form) {
        return households.openRound(form);
    }

    @GetMapping("/api/v1/identification/rounds/{id}")
    @Operation(summary = "One round with its poverty line, quota and the households at each stage")
    Round round(@PathVariable long id) {
        return households.round(id);
    }

    /** A quota and the reason for it. */
    record QuotaForm(Integer households, Integer people, String reason) {
    }

    @PutMapping("/api/v1/identification/rounds/{id}/quota")
    @Operation(summary = "Sets the round's quota (a level above the county), with the reason")
    Round setQuota(@PathVariable long id, @RequestBody QuotaForm form) {
        return households.setQuota(id, form.households(), form.people(), form.reason());
    }

    /** Why a higher level allows a county beyond its quota. */
    record OverrideForm(String reason) {
    }

    @PostMapping("/api/v1/identification/rounds/{id}/quota-override")
    @Operation(summary = "Allows the county to approve beyond its quota (a level above the county), with the reason")
    Round overrideQuota(@PathVariable long id, @RequestBody OverrideForm form) {
        return households.overrideQuota(id, form.reason());
    }

    @GetMapping("/api/v1/identification/rounds/{id}/applications")
    @Operation(summary = "The applications of a round inside an area, optionally at one stage, one page")
    HouseholdIdentification.Page applications(@PathVariable long id, @RequestParam(defaultValue = "") String area,
                                              @RequestParam(required = false) Stage stage,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "100") int size) {
        return households.applications(new HouseholdIdentification.Query(id, area, stage, page, size));
    }

    /** Households to start the procedure for, and the day they applied (today when left out). */
    record ApplyForm(List<Long> householdIds, Application.Proposer proposedBy,
                     @Schema(description = "the day the households applied (ISO date, China); today when left out;"
                             + " never in the future")
                     LocalDate date, String note) {
    }

    @PostMapping("/api/v1/identification/rounds/{id}/applications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Starts the procedure for households of the round's county, all or none; each refusal names its household",
            description = "The application is the procedure's first step, made on 'date' (today when left out, never in the"
                    + " future): every later step is dated on or after it. A household that was not poor becomes a candidate"
                    + " on that day.")
    StepResult apply(@PathVariable long id, @RequestBody ApplyForm form) {
        return households.apply(id, form.householdIds(), form.proposedBy(), form.date(), form.note());
    }

    @GetMapping("/api/v1/identification/applications/{id}")
    @Operation(summary = "One application with its income test and open objections")
    Application application(@PathVariable long id) {
        return households.application(id);
    }

    @PostMapping(path = "/api/v1/identification/applications/steps", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Makes a step for the applications named, all or none; 409 naming each that may not make it",
            description = "Each step records the day it happened ('date', an ISO date in China; today when left out) beside who"
                    + " entered it and when, so procedures held on paper are entered afterwards with their real days. The"
                    + " appraisal's day is its meeting's ('appraisal.meetingDate'; 'date', if given, must be the same). A step"
                    + " is never dated before the step it follows or an objection's decision (400 naming 'date' or"
                    + " 'appraisal.meetingDate'), nor in the future, except that a publicity may be posted to start up to 30"
                    + " days ahead. A publicity runs from its 'date' for the round's days, inclusive; the step after it is"
                    + " dated after its last day (while it still runs: 409). An announcement or rejection changes the"
                    + " household's registry status on the step's day, counting in the round's year.")
    StepResult householdStep(@RequestBody StepRequest request) {
        return households.step(request);
    }

    @PostMapping(path = "/api/v1/identification/applications/steps", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The same, with a photo or scan (JPEG, PNG or PDF, at most 5 MB) as the part 'file' beside the part 'step'")
    StepResult householdStepWithFile(@RequestPart("step") StepRequest request, @RequestPart("file") MultipartFile file)
            throws IOException {
        return households.step(withFile(request, file));
    }

    @GetMapping("/api/v1/identification/applications/{id}/steps")
    @Operation(summary = "The steps made for an application, in order")
    List<StepRecord> householdSteps(@PathVariable long id) {
        households.application(id);
        return publicity.steps(Procedure.HOUSEHOLD, id);
    }

    @GetMapping("/api/v1/identification/applications/{id}/objections")
    @Operation(summary = "The objections to an application, with the names and contacts of who filed them")
    List<Objection> householdObjections(@PathVariable long id) {
        households.application(id);
        return publicity.objections(Procedure.HOUSEHOLD, id);
    }

    // ---------------------------------------------------------------- villages

    @GetMapping("/api/v1/identification/villages/{code}/figures")
    @Operation(summary = "A village's figures of a year as entered (nulls where none were)")
    VillageFigures figures(@PathVariable String code, @RequestParam int year) {
        return villages.figures(code, year);
    }

    @PutMapping("/api/v1/identification/villages/{code}/figures")
    @Operation(summary = "Records a village's rural residents, per capita income and collective income of a year")
    VillageFigures saveFigures(@PathVariable String code, @RequestBody VillageFigures figures) {
        return villages.saveFigures(new VillageFigures(code, figures.year(), figures.ruralResidents(),
                figures.perCapitaIncome(), figures.collectiveIncome()));
    }

    /** How many villages' figures were recorded. */
    record Imported(int villages) {
    }

    /** What the village-figures file holds, for both ways of sending it. */
    private static final String FIGURES_FILE = "A table of villages' figures of the year: a CSV file (UTF-8 or GB18030, detected"
            + " unless `charset` says which; quoted cells as RFC 4180) or an XLSX workbook (its first sheet). Columns:"
            + " `villageCode` (the 12-digit code of an active administrative village inside the caller's areas),"
            + " `ruralResidents` (a whole number, 0 or more), `perCapitaIncome` and `collectiveIncome` (yuan, 0 or more, at"
            + " most two decimals; blank for none). A header row names them in any order, by these keys, by"
            + " `village_code, rural_residents, per_capita_income, collective_income`, or by their labels in English or"
            + " Chinese; without a header (the first cell a digit) they come in that order. At most 60,000 rows and 32 MiB."
            + " All or none: a file with any problem is refused (400) with every problem named, each error's field"
            + " `rows[<row>].<column>` and its message giving the row, the column letter and the reason.";

    @PostMapping(path = "/api/v1/identification/village-figures/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Records many villages' figures of a year from an uploaded CSV or XLSX file, all or none",
            description = FIGURES_FILE)
    Imported importFigureFile(@RequestParam int year,
                              @Parameter(description = "the CSV or XLSX file") @RequestParam MultipartFile file,
                              @Parameter(description = "UTF-8, GB18030, or AUTO (the default) to detect it")
                              @RequestParam(required = false) String charset) throws java.io.IOException {
        try (InputStream in = file.getInputStream()) {
            return new Imported(villages.importFigures(year, in, charset));
        }
    }

    @PostMapping(path = "/api/v1/identification/village-figures/import",
            consumes = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE, XLSX})
    @Operation(summary = "Records many villages' figures of a year from a CSV or XLSX file sent as the body, all or none",
            description = FIGURES_FILE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the file itself", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                    examples = @ExampleObject(value = "villageCode,ruralResidents,perCapitaIncome,collectiveIncome\n"
                            + "640122001001,1200,2650.50,0\n")),
            @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))})
    Imported importFigures(@RequestParam int year,
                           @Parameter(description = "UTF-8, GB18030, or AUTO (the default) to detect it")
                           @RequestParam(required = false) String charset, InputStream body) {
        return new Imported(villages.importFigures(year, body, charset));
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @PutMapping("/api/v1/identification/provinces/{code}/averages")
    @Operation(summary = "How a province's averages of a year are had: ENTERED with both figures, or COMPUTED from the registry,"
            + " over all of the province's villages or, with `area`, over those of one of its prefectures or counties")
    ProvinceAverages setAverages(@PathVariable String code, @RequestBody ProvinceAverages averages) {
        return villages.setAverages(new ProvinceAverages(code, averages.year(), averages.method(), averages.povertyRate(),
                averages.perCapitaIncome(), averages.area()));
    }

    @PostMapping("/api/v1/identification/provinces/{code}/assessments")
    @Operation(summary = "Assesses every village of the province for the year: one high, one low, one none")
    Assessment assess(@PathVariable String code, @RequestParam int year) {
        return villages.assess(code, year);
    }

    @GetMapping("/api/v1/identification/provinces/{code}/assessments/{year}")
    @Operation(summary = "The last assessment of the province for the year; 404 when none was made")
    Optional<Assessment> assessment(@PathVariable String code, @PathVariable int year) {
        return Optional.of(villages.assessment(code, year).orElseThrow(() -> new org.jingzhun.platform.DomainException(
                org.jingzhun.platform.DomainException.Kind.NOT_FOUND, "identification.assessment.none", code, year)));
    }

    @GetMapping("/api/v1/identification/village-assessments")
    @Operation(summary = "The villages inside an area as last assessed for a year, with their figures and the three tests")
    List<VillageAssessment> assessedVillages(@RequestParam String area, @RequestParam int year,
                                             @RequestParam(defaultValue = "false") boolean candidatesOnly,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "100") int size) {
        return villages.assessedVillages(area, year, candidatesOnly, page, size);
    }

    /** Villages to start the procedure of a year for, and the day they applied; the exception allows non-candidates. */
    record VillageApplyForm(List<String> villageCodes, int year,
                            @Schema(description = "the day the villages applied (ISO date, China); today when left out;"
                                    + " never in the future")
                            LocalDate date, String exception, String note) {
    }

    @PostMapping("/api/v1/identification/village-cases")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Starts the village procedure for villages, all or none")
    StepResult applyVillages(@RequestBody VillageApplyForm form) {
        return villages.apply(form.villageCodes(), form.year(), form.date(), form.exception(), form.note());
    }

    @GetMapping("/api/v1/identification/village-cases")
    @Operation(summary = "The village cases of a year inside an area, optionally at one stage")
    List<VillageCase> villageCases(@RequestParam(defaultValue = "") String area, @RequestParam int year,
                                   @RequestParam(required = false) Stage stage) {
        return villages.cases(area, year, stage);
    }

    @GetMapping("/api/v1/identification/village-cases/{id}")
    @Operation(summary = "One village case with its assessment")
    VillageCase villageCase(@PathVariable long id) {
        return villages.villageCase(id);
    }

    @PostMapping(path = "/api/v1/identification/village-cases/steps", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Makes a step for the village cases named, all or none",
            description = "Each step records the day it happened ('date', an ISO date in China; today when left out) beside who"
                    + " entered it and when, so procedures held on paper are entered afterwards with their real days. The"
                    + " appraisal's day is its meeting's ('appraisal.meetingDate'; 'date', if given, must be the same). A step"
                    + " is never dated before the step it follows or an objection's decision (400 naming 'date' or"
                    + " 'appraisal.meetingDate'), nor in the future, except that a publicity may be posted to start up to 30"
                    + " days ahead. A publicity runs from its 'date' for its days, inclusive; the step after it is"
                    + " dated after its last day (while it still runs: 409).")
    StepResult villageStep(@RequestBody StepRequest request) {
        return villages.step(request);
    }

    @PostMapping(path = "/api/v1/identification/village-cases/steps", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The same, with a photo or scan as the part 'file' beside the part 'step'")
    StepResult villageStepWithFile(@RequestPart("step") StepRequest request, @RequestPart("file") MultipartFile file)
            throws IOException {
        return villages.step(withFile(request, file));
    }

    @GetMapping("/api/v1/identification/village-cases/{id}/steps")
    @Operation(summary = "The steps made for a village case, in order")
    List<StepRecord> villageSteps(@PathVariable long id) {
        villages.villageCase(id);
        return publicity.steps(Procedure.VILLAGE, id);
    }

    @GetMapping("/api/v1/identification/village-cases/{id}/objections")
    @Operation(summary = "The objections to a village case")
    List<Objection> villageObjections(@PathVariable long id) {
        villages.villageCase(id);
        return publicity.objections(Procedure.VILLAGE, id);
    }

    @GetMapping("/api/v1/identification/poor-villages")
    @Operation(summary = "The codes of the poor villages of a year inside an area: those announced")
    List<String> poorVillages(@RequestParam(defaultValue = "") String area, @RequestParam int year) {
        return villages.poorVillages(area, year);
    }

    // ---------------------------------------------------------------- objections and attachments

    /** A decision on an objection: upheld rejects the subject; dismissed lets it go on. */
    record DecisionForm(boolean upheld, String decision,
                        @Schema(description = "the day it was decided (ISO date, China); today when left out;"
                                + " not before it was filed nor in the future")
                        LocalDate decidedOn) {
    }

    @PostMapping("/api/v1/identification/objections/{id}/decision")
    @Operation(summary = "Decides an open objection in writing; 409 when it was decided already",
            description = "Decided on 'decidedOn' (today when left out; 400 naming it when before the day filed or in the"
                    + " future); upheld, the subject is rejected on that day. The step after the publicity is dated on or"
                    + " after it.")
    Objection decide(@PathVariable long id, @RequestBody DecisionForm form) {
        return publicity.decide(id, form.upheld(), form.decision(), form.decidedOn());
    }

    /** An objection filed by staff (signed in). */
    record StaffObjection(Procedure procedure, long subjectId, String text,
                          @Schema(description = "the day it was filed (ISO date, China), within the publicity;"
                                  + " today when left out")
                          LocalDate filedOn) {
    }

    @PostMapping("/api/v1/identification/objections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Files an objection as staff to a subject in publicity",
            description = "An objection filed on paper is entered with 'filedOn', a day of the subject's publicity period"
                    + " and not in the future (400 naming it otherwise); today when left out (409 when today is outside the"
                    + " period). The subject must still be in that publicity.")
    Objection object(@RequestBody StaffObjection objection) {
        return publicity.object(objection.procedure(), objection.subjectId(),
                new Objection.Form(objection.text(), null, null, objection.filedOn()), null);
    }

    @GetMapping("/api/v1/identification/attachments/{id}")
    @Operation(summary = "A photo or scan attached to a step")
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        Publicity.Attachment attachment = publicity.attachment(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(attachment.contentType())).body(attachment.content());
    }

    static StepRequest withFile(StepRequest request, MultipartFile file) throws IOException {
        return new StepRequest(request.step(), request.ids(), request.approved(), request.date(), request.note(),
                request.exception(), request.appraisal(),
                file == null || file.isEmpty() ? null : new StepRequest.Upload(file.getOriginalFilename(), file.getBytes()));
    }
}
