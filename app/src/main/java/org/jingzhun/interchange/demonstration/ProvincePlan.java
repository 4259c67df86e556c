package org.jingzhun.interchange.demonstration;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

import org.jingzhun.interchange.DemonstrationData.Calibration;

/**
 * A province's synthetic rural population, drawn from a seed: how many households each village has, how many
 * of them are poor, the village's income level and people; then each household on its own from its number.
 * Only the per-village figures and one int per household (its village, negative when poor) are kept; the rows
 * are drawn again, identically, on each pass that writes them.
 *
 * <p>The model, calibrated to the figures given at scale 1 times the scale:
 * <ul>
 * <li>Households are spread over the villages by log-normal weights, exactly as many as calibrated, and stored
 * in random order (as after years of data entry, not village by village).
 * <li>A village's poverty rate is logistic in a county effect plus a village effect (both normal), shifted so that
 * the poor households add up exactly: poverty is concentrated in some counties and, within them, some villages.
 * <li>Incomes are log-normal within a village, with the village's median set so that exactly its poverty rate
 * falls below the line; the spread is solved so that the mean is the calibrated one. A poor household's income
 * is drawn below the line, another's at or above it, so that "poor" and "income below the line" are the same.
 * <li>Household sizes follow one shape (1 to 10 people) tilted to the calibrated means, separately for poor and
 * other households; members, their ages and circumstances come from {@link HouseholdDraft}.
 * <li>Peoples: a village is a Han village or mostly of one minority (Yunnan's, with their census shares),
 * which gives the province's Han share of about two thirds with minorities clustered by village.
 * </ul>
 */
final class ProvincePlan {

    /** Yunnan's peoples with their share of the province's population in per cent (2010 census, rounded). */
    static final String[] PEOPLES = {"汉族", "彝族", "哈尼族", "白族", "傣族", "壮族", "苗族", "回族", "傈僳族", "拉祜族", "佤族",
            "纳西族", "瑶族", "藏族", "景颇族", "布朗族", "布依族", "普米族", "阿昌族", "怒族", "蒙古族", "基诺族", "德昂族", "水族",
            "满族", "独龙族"};
    private static final double[] PEOPLE_SHARES = {66.6, 10.9, 3.5, 3.4, 2.7, 2.6, 2.6, 1.5, 1.5, 1.0, 0.9, 0.7, 0.5, 0.3,
            0.3, 0.25, 0.13, 0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.03, 0.01};
    /** Share of Han households in a Han village, and of the main people's households in a minority village (rest Han). */
    private static final double HAN_IN_HAN_VILLAGE = 0.97;
    private static final double MAIN_IN_MINORITY_VILLAGE = 0.85;

    /** The shape of household sizes 1 to 10 before it is tilted to a mean. */
    private static final double[] SIZE_SHAPE = {0.09, 0.17, 0.21, 0.23, 0.15, 0.08, 0.04, 0.02, 0.007, 0.003};
    /** Spread of village sizes, and of the county and village effects on the poverty rate (logit scale). */
    private static final double VILLAGE_SIZE_SPREAD = 0.6;
    private static final double COUNTY_EFFECT = 1.3;
    private static final double VILLAGE_EFFECT = 1.7;
    /** Growth of per capita net income from the income year to the next (Yunnan's rural incomes grew 12% a year then). */
    private static final double GROWTH = 1.12;
    private static final double GROWTH_SPREAD = 0.15;
    private static final long LOWEST_INCOME_CENTS = 200_00;
    private static final long HIGHEST_INCOME_CENTS = 500_000_00;

    private static final int MEMBERS = 1;
    private static final int HOUSEHOLD = 2;
    private static final int INCOME = 3;
    private static final int NAMES = 4;

    private static final String[] PRODUCTION = {"种植玉米", "种植水稻", "种植烤烟", "种植茶叶", "种植核桃", "种植甘蔗", "种植咖啡",
            "种植马铃薯", "养猪", "养牛", "养羊", "外出务工"};
    private static final String[] MIGRANT_PLACES = {"广东省广州市", "广东省深圳市", "广东省东莞市", "浙江省宁波市", "福建省泉州市",
            "上海市", "本县县城", "昆明市"};
    private static final String[] SKILLS = {"种植", "养殖", "建筑", "驾驶", "厨师", "电焊", "缝纫"};

    private final long seed;
    private final Calibration calibration;
    private final long lineCents;
    final LocalDate reference;
    final LocalDate firstBirth;
    final int days;

    final String[] villages;
    final String[] counties;
    private final int[] countyOfVillage;
    final long[] householdsOfVillage;
    final long[] poorOfVillage;
    final double[] rateOfVillage;
    private final double[] medianOfVillage;
    private final int[] peopleOfVillage;
    private final int[] groupsOfVillage;
    final double incomeSpread;
    /** The village of each household, {@code ~village} when the household is poor. */
    private final int[] householdVillage;
    private final double[] poorSizeSums;
    private final double[] otherSizeSums;
    private final double[] peopleSums;
    private final double[] minoritySums;
    private final String[] isoDates;

    private ProvincePlan(long seed, List<String> villageCodes, Calibration calibration, double scale,
                         Map<String, Double> countyScales, long lineCents) {
        this.seed = seed;
        this.calibration = calibration;
        this.lineCents = lineCents;
        // The population as at the end of the year of identification, the year after the incomes.
        reference = LocalDate.of(calibration.incomeYear() + 1, 12, 31);
        firstBirth = reference.minusYears(101).plusDays(1);
        days = (int) ChronoUnit.DAYS.between(firstBirth, reference) + 1;
        isoDates = new String[days];
        for (int d = 0; d < days; d++) {
            isoDates[d] = firstBirth.plusDays(d).toString();
        }

        villages = villageCodes.toArray(String[]::new);
        int n = villages.length;
        Map<String, Integer> countyIndex = new LinkedHashMap<>();
        countyOfVillage = new int[n];
        for (int v = 0; v < n; v++) {
            countyOfVillage[v] = countyIndex.computeIfAbsent(villages[v].substring(0, 6), c -> countyIndex.size());
        }
        counties = countyIndex.keySet().toArray(String[]::new);

        SplittableRandom random = new SplittableRandom(seed);
        double[] countyEffect = new double[counties.length];
        for (int c = 0; c < counties.length; c++) {
            countyEffect[c] = random.nextGaussian();
        }
        double[] sizeWeights = new double[n];
        double[] logit = new double[n];
        peopleOfVillage = new int[n];
        groupsOfVillage = new int[n];
        peopleSums = Draws.cumulative(PEOPLE_SHARES);
        minoritySums = Draws.cumulative(Arrays.copyOfRange(PEOPLE_SHARES, 1, PEOPLE_SHARES.length));
        double minorityShare = 1 - PEOPLE_SHARES[0] / 100;
        // Han villages so many that the province is Han in the calibrated share.
        double hanVillages = (1 - minorityShare - (1 - MAIN_IN_MINORITY_VILLAGE)) / (HAN_IN_HAN_VILLAGE - (1 - MAIN_IN_MINORITY_VILLAGE));
        for (int v = 0; v < n; v++) {
            sizeWeights[v] = Math.exp(VILLAGE_SIZE_SPREAD * random.nextGaussian());
            logit[v] = COUNTY_EFFECT * countyEffect[countyOfVillage[v]] + VILLAGE_EFFECT * random.nextGaussian();
            peopleOfVillage[v] = random.nextDouble() < hanVillages ? 0 : 1 + Draws.pick(minoritySums, random);
            groupsOfVillage[v] = 3 + random.nextInt(15); // about 10 natural villages each, as Yunnan's 141,000 in 14,000
        }

        long households = Math.max(1, Math.round(calibration.households() * scale));
        long poor = Math.min(households, Math.round(calibration.poorHouseholds() * scale));
        if (!countyScales.isEmpty()) {
            // A county at a scale of its own (e.g. one county whole in a province at a tenth, for the load
            // benchmark): its villages weigh by their scale, and the province's totals follow.
            double weights = 0;
            double scaled = 0;
            for (int v = 0; v < n; v++) {
                double villageScale = countyScales.getOrDefault(counties[countyOfVillage[v]], scale);
                weights += sizeWeights[v];
                sizeWeights[v] *= villageScale;
                scaled += sizeWeights[v];
            }
            households = Math.max(1, Math.round(calibration.households() * scaled / weights));
            poor = Math.min(households, Math.round(calibration.poorHouseholds() * scaled / weights));
        }
        householdsOfVillage = Draws.apportion(sizeWeights, households, null);

        // The shift of the logits that makes the expected poor households the calibrated number.
        double low = -30;
        double high = 30;
        for (int i = 0; i < 100; i++) {
            double shift = (low + high) / 2;
            double expected = 0;
            for (int v = 0; v < n; v++) {
                expected += householdsOfVillage[v] * logistic(shift + logit[v]);
            }
            if (expected > poor) {
                high = shift;
            } else {
                low = shift;
            }
        }
        rateOfVillage = new double[n];
        double[] expectedPoor = new double[n];
        for (int v = 0; v < n; v++) {
            rateOfVillage[v] = Math.clamp(logistic((low + high) / 2 + logit[v]), 1e-4, 1 - 1e-4);
            expectedPoor[v] = rateOfVillage[v] * householdsOfVillage[v];
        }
        poorOfVillage = Draws.apportion(expectedPoor, poor, householdsOfVillage);

        // Village medians put each village's poverty rate below the line; the spread makes the mean the calibrated one.
        double line = lineCents / 100.0;
        double[] quantile = new double[n];
        for (int v = 0; v < n; v++) {
            quantile[v] = StandardNormal.quantile(rateOfVillage[v]);
        }
        double target = calibration.meanIncome().doubleValue();
        double lowSpread = 0.05;
        double highSpread = 2.0;
        for (int i = 0; i < 60; i++) {
            double spread = (lowSpread + highSpread) / 2;
            double sum = 0;
            for (int v = 0; v < n; v++) {
                sum += householdsOfVillage[v] * line * Math.exp(-spread * quantile[v] + spread * spread / 2);
            }
            if (sum / households > target) {
                highSpread = spread;
            } else {
                lowSpread = spread;
            }
        }
        incomeSpread = (lowSpread + highSpread) / 2;
        medianOfVillage = new double[n];
        for (int v = 0; v < n; v++) {
            medianOfVillage[v] = line * Math.exp(-incomeSpread * quantile[v]);
        }

        long otherHouseholds = calibration.households() - calibration.poorHouseholds();
        poorSizeSums = Draws.cumulative(tilted(SIZE_SHAPE, (double) calibration.poorResidents() / calibration.poorHouseholds()));
        otherSizeSums = Draws.cumulative(tilted(SIZE_SHAPE,
                (double) (calibration.residents() - calibration.poorResidents()) / otherHouseholds));

        // Households in random order, the poor marked.
        householdVillage = new int[Math.toIntExact(households)];
        int h = 0;
        for (int v = 0; v < n; v++) {
            for (long j = 0; j < householdsOfVillage[v]; j++) {
                householdVillage[h++] = j < poorOfVillage[v] ? ~v : v;
            }
        }
        for (int i = householdVillage.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = householdVillage[i];
            householdVillage[i] = householdVillage[j];
            householdVillage[j] = swap;
        }
    }

    /**
     * Plans the province over its rural villages (12-digit codes, in code order) for the calibration at the
     * scale, the poverty line of the income year given in fen.
     */
    static ProvincePlan of(long seed, List<String> villageCodes, Calibration calibration, double scale, long lineCents) {
        return of(seed, villageCodes, calibration, scale, Map.of(), lineCents);
    }

    /** The same with some counties (6-digit codes) at scales of their own; without any, the same plan as above. */
    static ProvincePlan of(long seed, List<String> villageCodes, Calibration calibration, double scale,
                           Map<String, Double> countyScales, long lineCents) {
        if (villageCodes.isEmpty()) {
            throw new IllegalArgumentException("No villages to plan");
        }
        return new ProvincePlan(seed, villageCodes, calibration, scale, countyScales, lineCents);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The shape times t^size, with t found so that the mean size is the one asked (a mean of 1 to 10). */
    static double[] tilted(double[] shape, double mean) {
        double low = -10;
        double high = 10;
        double[] weights = new double[shape.length];
        for (int i = 0; i < 100; i++) {
            double logT = (low + high) / 2;
            double sum = 0;
            double weighted = 0;
            for (int k = 0; k < shape.length; k++) {
                weights[k] = shape[k] * Math.exp(logT * (k + 1));
                sum += weights[k];
                weighted += weights[k] * (k + 1);
            }
            if (weighted / sum > mean) {
                high = logT;
            } else {
                low = logT;
            }
        }
        return weights;
    }

    int households() {
        return householdVillage.length;
    }

    long poorHouseholds() {
        return Arrays.stream(poorOfVillage).sum();
    }

    int villages() {
        return villages.length;
    }

    /** The village (index) of household {@code h} (0-based). */
    int villageOf(int h) {
        int v = householdVillage[h];
        return v < 0 ? ~v : v;
    }

    boolean poor(int h) {
        return householdVillage[h] < 0;
    }

    /** Villages whose share of poor households is at least twice the province's. */
    int villagesAtTwiceTheRate() {
        double province = (double) poorHouseholds() / households();
        int count = 0;
        for (int v = 0; v < villages.length; v++) {
            if (householdsOfVillage[v] > 0 && (double) poorOfVillage[v] / householdsOfVillage[v] >= 2 * province) {
                count++;
            }
        }
        return count;
    }

    /** The share of the poor households living in the fifth of the villages (those with households) with the most of them. */
    double poorShareInTopFifthOfVillages() {
        long[] sorted = Arrays.stream(poorOfVillage).sorted().toArray();
        long inhabited = Arrays.stream(householdsOfVillage).filter(x -> x > 0).count();
        long top = 0;
        for (int i = 0; i < Math.ceil(inhabited * 0.2); i++) {
            top += sorted[sorted.length - 1 - i];
        }
        long poor = poorHouseholds();
        return poor == 0 ? 0 : (double) top / poor;
    }

    // --- drawing one household ------------------------------------------------------------------------

    /** Draws household {@code h} into the draft: the same household on every pass. */
    void draw(int h, HouseholdDraft draft) {
        int village = villageOf(h);
        boolean poor = poor(h);
        SplittableRandom random = Draws.stream(seed, h, MEMBERS);
        int size = 1 + Draws.pick(poor ? poorSizeSums : otherSizeSums, random);
        int main = peopleOfVillage[village];
        int people;
        if (main == 0) {
            people = random.nextDouble() < HAN_IN_HAN_VILLAGE ? 0 : 1 + Draws.pick(minoritySums, random);
        } else {
            people = random.nextDouble() < MAIN_IN_MINORITY_VILLAGE ? main : 0;
        }
        draft.draw(random, size, poor, people, people != 0);
    }

    // --- the rows, in COPY text format ----------------------------------------------------------------

    /** The columns of the registry's bulk entry the rows fill; the household's key is its number in the plan. */
    static final String HOUSEHOLD_COLUMNS = "household_key, village_code, group_name, address, phone, category, status,"
            + " main_cause, other_causes, housing_grade, safe_water, production, bank_account, registered_year";

    /** Household rows, household {@code h} with id {@code ids(h)}; every 10,000 households {@code written} is told. */
    void writeHouseholds(Writer out, LongUnaryOperator ids, LongConsumer written) throws IOException {
        StringBuilder row = new StringBuilder(256);
        HouseholdDraft draft = new HouseholdDraft();
        int registeredYear = calibration.incomeYear() + 1;
        for (int h = 0; h < householdVillage.length; h++) {
            draw(h, draft);
            int village = villageOf(h);
            boolean poor = draft.poor;
            SplittableRandom random = Draws.stream(seed, h, HOUSEHOLD);
            int group = 1 + random.nextInt(groupsOfVillage[village]);
            row.append(ids.applyAsLong(h)).append('\t').append(villages[village]).append('\t')
                    .append('第').append(group).append("村民小组\t")
                    .append(group).append("组").append(1 + random.nextInt(120)).append("号\t");
            if (random.nextDouble() < 0.7) {
                row.append('1').append(3 + random.nextInt(7));
                appendDigits(row, random, 9);
            } else {
                row.append("\\N");
            }
            row.append('\t').append(draft.category).append('\t').append(poor ? "REGISTERED" : "NON_POOR").append('\t');
            if (poor) {
                row.append(HouseholdDraft.CAUSES[draft.mainCause]).append("\t{");
                for (int k = 0; k < draft.otherCauseCount; k++) {
                    row.append(k == 0 ? "" : ",").append(HouseholdDraft.CAUSES[draft.otherCauses[k]]);
                }
                row.append("}\t");
            } else {
                row.append("\\N\t{}\t");
            }
            double u = random.nextDouble();
            row.append(poor ? (u < 0.35 ? "A" : u < 0.60 ? "B" : u < 0.85 ? "C" : "D")
                            : (u < 0.80 ? "A" : u < 0.95 ? "B" : u < 0.99 ? "C" : "D"))
                    .append('\t').append(random.nextDouble() < (poor ? 0.7 : 0.9) ? 't' : 'f').append('\t')
                    .append(random.nextDouble() < 0.6 ? PRODUCTION[random.nextInt(PRODUCTION.length)] : "\\N").append('\t');
            if (random.nextDouble() < (poor ? 0.9 : 0.3)) {
                row.append("621");
                appendDigits(row, random, 16);
            } else {
                row.append("\\N");
            }
            row.append('\t');
            if (poor) {
                row.append(registeredYear);
            } else {
                row.append("\\N");
            }
            row.append('\n');
            out.append(row);
            row.setLength(0);
            tell(written, h);
        }
    }

    static final String INCOME_COLUMNS = "household_key, year, amount";

    /**
     * Per capita net income of the income year, below the line exactly for the poor, and of the year after
     * (with growth, so some poor households are above that year's line and some others fall below it).
     */
    void writeIncomes(Writer out, LongUnaryOperator ids, LongConsumer written) throws IOException {
        StringBuilder row = new StringBuilder(64);
        int year = calibration.incomeYear();
        for (int h = 0; h < householdVillage.length; h++) {
            long cents = incomeCents(h);
            long next = Math.clamp(Math.round(cents * GROWTH * Math.exp(GROWTH_SPREAD * Draws.stream(seed, h, INCOME + 100)
                    .nextGaussian() - GROWTH_SPREAD * GROWTH_SPREAD / 2)), LOWEST_INCOME_CENTS, HIGHEST_INCOME_CENTS);
            long id = ids.applyAsLong(h);
            row.append(id).append('\t').append(year).append('\t');
            appendYuan(row, cents);
            row.append('\n').append(id).append('\t').append(year + 1).append('\t');
            appendYuan(row, next);
            row.append('\n');
            out.append(row);
            row.setLength(0);
            tell(written, h);
        }
    }

    /** The income of the income year in fen: from the village's distribution, below the line for a poor household. */
    long incomeCents(int h) {
        int village = villageOf(h);
        double rate = rateOfVillage[village];
        SplittableRandom random = Draws.stream(seed, h, INCOME);
        double u = poor(h) ? rate * random.nextDouble() : rate + (1 - rate) * random.nextDouble();
        double yuan = medianOfVillage[village] * Math.exp(incomeSpread * StandardNormal.quantile(u));
        long cents = Math.round(yuan * 100);
        return poor(h) ? Math.clamp(cents, LOWEST_INCOME_CENTS, lineCents - 1) : Math.clamp(cents, lineCents, HIGHEST_INCOME_CENTS);
    }

    /** A member's position in its household (the head first) stands where the member table has the village. */
    static final String MEMBER_COLUMNS = "household_key, position, name, id_number, relation, sex, birth_date, ethnicity,"
            + " education, schooling, health, disability_grade, work_ability, skills, migrant_place, migrant_months";

    /** Members written, of which in poor households. */
    record MemberCount(long members, long poorMembers) {
    }

    /**
     * Member rows, household by household, the head first (ids are left to the table's sequence). Single-threaded:
     * the ID numbers' sequence numbers are counted as they are issued.
     */
    MemberCount writeMembers(Writer out, LongUnaryOperator ids, ResidentIdIssuer issuer, LongConsumer written) throws IOException {
        StringBuilder row = new StringBuilder(256);
        HouseholdDraft draft = new HouseholdDraft();
        String[] surnames = new String[HouseholdDraft.MAX_SIZE];
        long members = 0;
        long poorMembers = 0;
        for (int h = 0; h < householdVillage.length; h++) {
            draw(h, draft);
            int village = villageOf(h);
            int county = countyOfVillage[village];
            SplittableRandom random = Draws.stream(seed, h, NAMES);
            names(draft, random, surnames);
            long id = ids.applyAsLong(h);
            for (int i = 0; i < draft.size; i++) {
                boolean male = draft.male[i];
                int ageDays = (int) Math.min(draft.age[i] * 365.25 + random.nextInt(365), days - 1);
                int day = days - 1 - ageDays;
                String people = PEOPLES[draft.ethnicity];
                HouseholdDraft.Relation relation = draft.relation[i];
                if ((relation == HouseholdDraft.Relation.SPOUSE || relation == HouseholdDraft.Relation.CHILD_IN_LAW)
                        && random.nextDouble() < 0.15) {
                    people = PEOPLES[Draws.pick(peopleSums, random)]; // married in from elsewhere
                }
                row.append(id).append('\t').append(i).append('\t')
                        .append(surnames[i]).append(PersonNames.givenName(random, male)).append('\t')
                        .append(issuer.issue(county, day, male)).append('\t')
                        .append(relation.name()).append('\t').append(male ? "MALE" : "FEMALE").append('\t')
                        .append(isoDates[day]).append('\t').append(people).append('\t')
                        .append(orNull(draft.education[i])).append('\t').append(orNull(draft.schooling[i])).append('\t')
                        .append(HouseholdDraft.HEALTH[draft.health[i]]).append('\t');
                if (draft.disabilityGrade[i] > 0) {
                    row.append(draft.disabilityGrade[i]);
                } else {
                    row.append("\\N");
                }
                String work = draft.workAbility[i];
                row.append('\t').append(orNull(work)).append('\t')
                        .append("FULL".equals(work) && random.nextDouble() < 0.12 ? SKILLS[random.nextInt(SKILLS.length)] : "\\N")
                        .append('\t');
                if ("FULL".equals(work) && draft.age[i] >= 18 && draft.age[i] < 50
                        && random.nextDouble() < (draft.poor ? 0.22 : 0.28)) {
                    row.append(MIGRANT_PLACES[random.nextInt(MIGRANT_PLACES.length)]).append('\t').append(3 + random.nextInt(10));
                } else {
                    row.append("\\N\t\\N");
                }
                row.append('\n');
                out.append(row);
                row.setLength(0);
            }
            members += draft.size;
            poorMembers += draft.poor ? draft.size : 0;
            tell(written, h);
        }
        return new MemberCount(members, poorMembers);
    }

    /** Surnames: the children's from their father, spouses and in-laws their own, the head's parents and siblings the head's line. */
    private static void names(HouseholdDraft draft, SplittableRandom random, String[] surnames) {
        String head = PersonNames.surname(random);
        String family = head;
        String marriedChildLine = null;
        for (int i = 0; i < draft.size; i++) {
            surnames[i] = switch (draft.relation[i]) {
                case HEAD, SIBLING -> head;
                case SPOUSE -> {
                    String own = PersonNames.surname(random);
                    if (draft.male[i]) {
                        family = own; // the head is the wife: the children bear the husband's name
                    }
                    yield own;
                }
                case PARENT -> draft.male[i] || random.nextDouble() < 0.1 ? head : PersonNames.surname(random);
                case CHILD_IN_LAW -> {
                    String own = PersonNames.surname(random);
                    if (draft.male[i]) {
                        marriedChildLine = own;
                    }
                    yield own;
                }
                case GRANDCHILD -> marriedChildLine != null ? marriedChildLine : family;
                case CHILD -> family;
                default -> PersonNames.surname(random);
            };
        }
    }

    private static String orNull(String value) {
        return value == null ? "\\N" : value;
    }

    private static void tell(LongConsumer written, int h) {
        if ((h + 1) % 10_000 == 0) {
            written.accept(h + 1L);
        }
    }

    private static void appendYuan(StringBuilder row, long cents) {
        row.append(cents / 100).append('.');
        long fen = cents % 100;
        if (fen < 10) {
            row.append('0');
        }
        row.append(fen);
    }

    private static void appendDigits(StringBuilder row, SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            row.append((char) ('0' + random.nextInt(10)));
        }
    }
}
