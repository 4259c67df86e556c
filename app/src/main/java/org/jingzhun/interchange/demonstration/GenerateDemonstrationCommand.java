package org.jingzhun.interchange.demonstration;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.interchange.DemonstrationData.Calibration;
import org.jingzhun.interchange.DemonstrationData.Progress;
import org.jingzhun.interchange.DemonstrationData.Report;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.CommandLineCommand;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The command {@code generate-demonstration [--province=53] [--scale=0.01] [--county-scale=530326=1]... [--seed=2014]}:
 * started with it, the
 * application (its database migrated and divisions loaded, the first administrator created) fills the province
 * with demonstration data calibrated to Yunnan 2014, prints progress and the result, and exits: 0 when done,
 * 2 when refused (e.g. the province already has households), 1 on any other failure.
 *
 * <p>It acts as the system's national administrator, as whoever can start the application owns its data
 * anyway; the audit trail records the generation under the login {@value #LOGIN}. The default scale, 0.01
 * (about 97,000 households and 370,000 people in Yunnan), takes a minute or so; scale 1 is the whole province.
 */
@Component
@Order(100) // after the first administrator exists
class GenerateDemonstrationCommand extends CommandLineCommand {

    static final String COMMAND = "generate-demonstration";
    static final String LOGIN = "system";
    static final String DEFAULT_PROVINCE = "53";
    static final double DEFAULT_SCALE = 0.01;
    static final long DEFAULT_SEED = 2014;

    private final DemonstrationData demonstrationData;

    GenerateDemonstrationCommand(DemonstrationData demonstrationData, ApplicationContext context) {
        super(COMMAND, context);
        this.demonstrationData = demonstrationData;
    }

    @Override
    public int execute(ApplicationArguments args, PrintStream out) {
        String province;
        double scale;
        Map<String, Double> countyScales = new TreeMap<>();
        long seed;
        try {
            province = option(args, "province", DEFAULT_PROVINCE);
            scale = Double.parseDouble(option(args, "scale", Double.toString(DEFAULT_SCALE)));
            seed = Long.parseLong(option(args, "seed", Long.toString(DEFAULT_SEED)));
            // A county at a scale of its own, e.g. --county-scale=530326=1: one county whole in a province at a tenth.
            List<String> counties = args.getOptionValues("county-scale");
            for (String county : counties == null ? List.<String>of() : counties) {
                int equals = county.indexOf('=');
                if (equals < 0) {
                    throw new NumberFormatException("--county-scale takes county=scale, not " + county);
                }
                countyScales.put(county.substring(0, equals).strip(), Double.parseDouble(county.substring(equals + 1)));
            }
        } catch (NumberFormatException e) {
            out.println("generate-demonstration: " + e.getMessage()
                    + "\nusage: generate-demonstration [--province=53] [--scale=0.01] [--county-scale=530326=1]... [--seed=2014]");
            return 2;
        }
        out.printf(Locale.ROOT, "Generating demonstration data: province %s, scale %s%s, seed %d%n", province, scale,
                countyScales.isEmpty() ? "" : ", counties at " + countyScales, seed);
        Caller system = new Caller(0, LOGIN, EnumSet.of(Role.ADMINISTRATOR), Set.of(""));
        Caller.Principal principal = () -> system;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Role.ADMINISTRATOR))));
        try {
            long started = System.nanoTime();
            int[] shown = {-100};
            Report report = demonstrationData.generate(province, Calibration.YUNNAN_2014, scale, countyScales, seed, progress -> {
                int percent = (int) (progress.fraction() * 100);
                if (percent / 5 != shown[0] / 5 || progress.stage() == DemonstrationData.Stage.DONE) {
                    shown[0] = percent;
                    out.printf(Locale.ROOT, "  %3d%%  %-10s %,d of %,d households%n", percent, progress.stage(),
                            progress.households(), progress.plannedHouseholds());
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "Done in %.1f s (committed): %s%n", seconds, describe(report));
            return 0;
        } catch (DomainException e) {
            out.println("Refused: " + e.messageKey() + " " + List.of(e.args()));
            return 2;
        } catch (RuntimeException e) {
            out.println("Failed: " + e);
            return 1;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static String describe(Report report) {
        return String.format(Locale.ROOT, "%,d households (%,d poor) and %,d members (%,d in poor households), %,d incomes,"
                        + " on %,d rural villages of province %s; %,d villages with at least twice the province's share"
                        + " of poor households; the fifth of the villages with the most poor households hold %.0f%% of them;"
                        + " planning %.1f s, households %.1f s, incomes %.1f s, members %.1f s (%,.0f rows/s)",
                report.households(), report.poorHouseholds(), report.members(), report.poorMembers(), report.incomes(),
                report.villages(), report.provinceCode(), report.villagesAtTwiceTheRate(),
                100 * report.poorShareInTopFifthOfVillages(), seconds(report.planningTime()), seconds(report.householdTime()),
                seconds(report.incomeTime()), seconds(report.memberTime()), report.rows() / seconds(report.time()));
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getLast();
    }
}
