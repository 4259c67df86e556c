package org.jingzhun.area.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only division reference data: codes as in the national statistical data (53 Yunnan, 530102001001 a village). */
@RestController
@RequestMapping("/api/v1/areas")
@Tag(name = "Areas", description = "Administrative divisions from the nation to the village")
class AreaApi {

    static final int MAX_RESULTS = 200;

    private final Areas areas;

    AreaApi(Areas areas) {
        this.areas = areas;
    }

    @GetMapping
    @Operation(summary = "The nation, with the number of provinces and villages")
    Area nation() {
        return areas.get(Areas.NATION);
    }

    @GetMapping("/{code}")
    @Operation(summary = "One area with its ancestors and counts; 404 when the code is unknown")
    Area area(@PathVariable @Parameter(example = "53") String code) {
        return areas.get(code);
    }

    @GetMapping("/children")
    @Operation(summary = "The provinces")
    List<Area> provinces() {
        return areas.children(Areas.NATION);
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "The active direct children of an area")
    List<Area> children(@PathVariable @Parameter(example = "5301") String code) {
        return areas.children(code);
    }

    @GetMapping("/search")
    @Operation(summary = "Areas whose code starts with q (digits) or whose name contains q; each with its full path")
    List<Area> search(@RequestParam @Parameter(example = "清河") String q,
                      @RequestParam(defaultValue = "50") int limit) {
        return areas.search(q, Math.clamp(limit, 1, MAX_RESULTS));
    }
}
