package org.jingzhun.registry.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Households and their members within the caller's areas. */
@RestController
@Tag(name = "Households", description = "The registry of poor households and their members")
class HouseholdApi {

    private final Households households;

    HouseholdApi(Households households) {
        this.households = households;
    }

    @GetMapping("/api/v1/households")
    @Operation(summary = "Households inside the caller's areas, by area, member name, ID number, status, cause, income and"
            + " the office's own household number (externalRef, exact)")
    Households.Page search(@RequestParam(required = false) String area, @RequestParam(required = false) String name,
                           @RequestParam(required = false) String idNumber, @RequestParam(required = false) Household.Status status,
                           @RequestParam(required = false) String cause, @RequestParam(required = false) Integer incomeYear,
                           @RequestParam(required = false) BigDecimal incomeMin, @RequestParam(required = false) BigDecimal incomeMax,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                           @RequestParam(required = false) String externalRef,
                           @RequestParam(required = false) @Parameter(description = "village (default), newest or oldest")
                           String sort) {
        return households.search(new Households.Query(area, name, idNumber, status, cause, incomeYear, incomeMin, incomeMax,
                page, size, externalRef, sort));
    }

    @GetMapping("/api/v1/poverty-causes")
    @Operation(summary = "The code list of causes of poverty")
    java.util.List<org.jingzhun.registry.PovertyCause> causes() {
        return households.causes();
    }

    @PostMapping("/api/v1/poverty-causes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Extends the code list of causes of poverty (national administrators); 409 when the code exists")
    org.jingzhun.registry.PovertyCause addCause(@RequestBody org.jingzhun.registry.PovertyCause cause) {
        return households.addCause(cause.code(), cause.nameZh(), cause.nameEn());
    }

    @GetMapping("/api/v1/households/{id}")
    @Operation(summary = "One household with its members and incomes; 404 outside the caller's areas")
    Household get(@PathVariable long id) {
        return households.get(id);
    }

    @PostMapping("/api/v1/households")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Records a household with its members; each invalid field is named in the errors")
    Household create(@RequestBody HouseholdForm household, @RequestParam(required = false) String reason) {
        return households.create(household, reason);
    }

    @PostMapping("/api/v1/households/{id}/status")
    @Operation(summary = "Moves a household read at the given version to another status, with the reason and the day it happened"
            + " (today when left out; not in the future, not before its previous change): it counts in that day's year;"
            + " 409 for a transition not allowed")
    Household changeStatus(@PathVariable long id, @RequestParam int version, @RequestParam Household.Status to,
                           @RequestParam String reason,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate day) {
        return households.changeStatus(id, version, to, day, reason);
    }

    @GetMapping("/api/v1/households/{id}/status-history")
    @Operation(summary = "A household's status history, oldest first: the day of each change, the year it counts in, from, to and why")
    java.util.List<org.jingzhun.registry.StatusChange> statusHistory(@PathVariable long id) {
        return households.statusHistory(id);
    }

    @PutMapping("/api/v1/households/{id}")
    @Operation(summary = "Changes a household read at the given version; 409 when it was changed since")
    Household update(@PathVariable long id, @RequestParam int version, @RequestBody HouseholdForm household,
                     @RequestParam(required = false) String reason) {
        return households.update(id, version, household, reason);
    }

    /** A member who leaves: who, the day (ISO), the reason, and the new head when the head leaves. */
    record LeaveRequest(String idNumber, String day, String reason, String newHead) {
    }

    /** The household the members join, and the day (ISO). */
    record MergeRequest(Long into, String day) {
    }

    @PostMapping("/api/v1/households/{id}/departures")
    @Operation(summary = "A member leaves a household read at the given version: idNumber, day (not in the future), reason"
            + " (DEATH, MARRIAGE_OUT, MOVED_AWAY), and newHead when the head leaves; kept in its member history")
    Household leave(@PathVariable long id, @RequestParam int version, @RequestBody LeaveRequest leave,
                    @RequestParam(required = false) String note) {
        return households.leave(id, version, new HouseholdForm.Departure(leave.idNumber(), leave.day(), leave.reason()),
                leave.newHead(), note);
    }

    @PostMapping("/api/v1/households/{id}/members")
    @Operation(summary = "A person joins a household read at the given version: the member with joinedOn and joinReason"
            + " (BIRTH, MARRIAGE_IN, RETURN); refused when registered in another household now")
    Household join(@PathVariable long id, @RequestParam int version, @RequestBody HouseholdForm.MemberForm member,
                   @RequestParam(required = false) String note) {
        return households.join(id, version, member, note);
    }

    @PostMapping("/api/v1/households/{id}/split")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Some members (idNumbers) leave a household read at the given version on the day and form a new"
            + " household of the same village headed by one of them (head); remainingHead when the head leaves. The new household")
    Household split(@PathVariable long id, @RequestParam int version, @RequestBody Households.Split split,
                    @RequestParam(required = false) String note) {
        return households.split(id, version, split, note);
    }

    @PostMapping("/api/v1/households/{id}/merge")
    @Operation(summary = "Every member of a household read at the given version joins the household into on the day; the"
            + " household ends, keeping its record and history")
    Household merge(@PathVariable long id, @RequestParam int version, @RequestBody MergeRequest merge,
                    @RequestParam(required = false) String note) {
        return households.merge(id, version, merge.into() == null ? -1 : merge.into(), merge.day(), note);
    }

    @PostMapping("/api/v1/households/{id}/move")
    @Operation(summary = "Moves a household read at the given version to a village of another county, keeping its id, members"
            + " and history; refused while it is in a procedure that has not ended")
    Household move(@PathVariable long id, @RequestParam int version, @RequestBody MoveRequest move,
                   @RequestParam(required = false) String reason) {
        return households.move(id, version, move.villageCode(), reason);
    }

    /** Where a household moves to. */
    record MoveRequest(String villageCode) {
    }

    @GetMapping("/api/v1/households/{id}/member-history")
    @Operation(summary = "Who joined and left a household, the day, the year it counts in, why, the household linked by a"
            + " split or merge, and who entered it when; members recorded with the household first")
    java.util.List<org.jingzhun.registry.MemberChange> memberHistory(@PathVariable long id) {
        return households.memberHistory(id);
    }
}
