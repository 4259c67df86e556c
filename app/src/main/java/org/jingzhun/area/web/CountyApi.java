package org.jingzhun.area.web;

import java.io.ByteArrayInputStream;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.area.Areas;
import org.jingzhun.area.Counties;
import org.jingzhun.area.Counties.ImportResult;
import org.jingzhun.area.CountyAttribute;
import org.jingzhun.area.CountyAttributes;
import org.jingzhun.area.DestituteArea;
import org.jingzhun.area.Region;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** County attributes: key county, poor county, contiguous destitute area, provincial key county, region. */
@RestController
@RequestMapping("/api/v1/counties")
@Tag(name = "Counties", description = "Poverty-alleviation attributes of county-level areas")
class CountyApi {

    private final Counties counties;

    CountyApi(Counties counties) {
        this.counties = counties;
    }

    /** The attributes to set; a missing flag is false, a missing region means "as its province". */
    record CountyAttributesChange(Boolean nationalKey, Boolean poor, String destituteArea, Boolean provincialKey,
                                  Region region) {
    }

    @GetMapping
    @Operation(summary = "The counties inside an area (default: the whole country) with their attributes")
    List<CountyAttributes> list(@RequestParam(defaultValue = Areas.NATION) String area) {
        return counties.inside(area);
    }

    @GetMapping("/{code}")
    @Operation(summary = "The attributes of one county; 404 when the code is not a county")
    CountyAttributes get(@PathVariable String code) {
        return counties.get(code);
    }

    @PutMapping("/{code}")
    @Operation(summary = "Sets all attributes of one county")
    CountyAttributes update(@PathVariable String code, @RequestBody CountyAttributesChange change) {
        return counties.update(code, Boolean.TRUE.equals(change.nationalKey()), Boolean.TRUE.equals(change.poor()),
                change.destituteArea(), Boolean.TRUE.equals(change.provincialKey()), change.region());
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Gives one attribute to the counties listed in a CSV body (first column: county code)",
            description = "value names the destitute area or region when the attribute needs one; with replace=true "
                    + "counties not listed lose the attribute. All or nothing: a bad line refuses the list.")
    ImportResult importList(@RequestParam CountyAttribute attribute, @RequestParam(defaultValue = "") String value,
                            @RequestParam(defaultValue = "false") boolean replace, @RequestBody byte[] csv) {
        return counties.importList(attribute, value, replace, new ByteArrayInputStream(csv));
    }

    @GetMapping("/destitute-areas")
    @Operation(summary = "The contiguous destitute areas")
    List<DestituteArea> destituteAreas() {
        return counties.destituteAreas();
    }
}
