package org.jingzhun.poverty.web;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.poverty.PovertyLine;
import org.jingzhun.poverty.PovertyLines;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Poverty lines by year, national and provincial, and the line in force for a province and year. */
@RestController
@RequestMapping("/api/v1/poverty-lines")
@Tag(name = "Poverty lines", description = "Rural poverty lines, yuan of per capita net income per year")
class PovertyLineApi {

    private final PovertyLines lines;

    PovertyLineApi(PovertyLines lines) {
        this.lines = lines;
    }

    /** A new line; without provinceCode it is the national line of the year. */
    record NewPovertyLine(String provinceCode, Integer year, BigDecimal amount, String note) {
    }

    @GetMapping
    @Operation(summary = "The national lines, and the provincial lines of one province (or of all)")
    List<PovertyLine> list(@RequestParam(required = false) @Parameter(example = "61") String province) {
        return lines.list(province);
    }

    @GetMapping("/in-force")
    @Operation(summary = "The line a household of the province is identified against in the year; 404 when none is set")
    PovertyLine inForce(@RequestParam @Parameter(example = "53") String province,
                        @RequestParam @Parameter(example = "2014") int year) {
        return lines.lineFor(province, year);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a national or provincial line; 409 when the year already has one")
    PovertyLine add(@RequestBody NewPovertyLine line) {
        return lines.add(line.provinceCode(), line.year(), line.amount(), line.note());
    }
}
