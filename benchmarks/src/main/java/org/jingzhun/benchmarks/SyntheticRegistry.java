package org.jingzhun.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jingzhun.registry.ResidentId;

/**
 * A synthetic registry: households at real villages and their members, as COPY text rows for the tables of
 * V5__registry_households.sql, reproducible from a seed.
 *
 * <p>Households are spread over the villages at random (village sizes vary: log-normal weights), so that the
 * households of one village are scattered over the table as they would be after years of data entry, not
 * stored side by side. Each household has 1 to 6 members, exactly one of them the head. Names come from the
 * common surnames with their real frequencies and a small list of given-name characters, so names repeat as
 * real ones do (more often, in fact: the list is short). Resident ID numbers follow GB 11643-1999: the
 * household's county code, the birth date, a sequence number whose parity is the sex, and the ISO 7064
 * MOD 11-2 check character; they are unique by construction (a counter per county, birth date and sex).
 *
 * <p>Every row respects the CHECK constraints of the migration. What a row holds depends only on the seed
 * and the household's number, so the three tables can be written by separate threads.
 */
final class SyntheticRegistry {

    /** The registry as of the end of 2016, the last year of the incomes. */
    static final LocalDate FIRST_BIRTH = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_BIRTH = LocalDate.of(2016, 12, 31);
    private static final int DAYS = (int) (LAST_BIRTH.toEpochDay() - FIRST_BIRTH.toEpochDay() + 1);

    /** Household sizes 1 to 6: mean 3.04, so 10 million members make about 3.3 million households. */
    private static final double[] SIZE_WEIGHTS = {0.13, 0.25, 0.27, 0.20, 0.10, 0.05};

    /** The hundred commonest surnames with their share of the population in per cent (2020 figures, rounded). */
    private static final String SURNAMES = """
            王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.19 吴2.00 周1.95 徐1.45 孙1.38 马1.29 朱1.28 胡1.16
            郭1.13 何1.06 林1.02 高1.00 罗0.95 郑0.81 梁0.79 谢0.72 宋0.67 唐0.66 许0.63 韩0.61 邓0.61 冯0.60 曹0.58
            彭0.58 曾0.56 肖0.55 田0.54 董0.53 潘0.52 袁0.51 蔡0.50 蒋0.49 余0.48 于0.48 杜0.47 叶0.46 程0.45 魏0.43
            苏0.42 吕0.41 丁0.40 任0.39 卢0.38 姚0.37 沈0.36 钟0.35 姜0.34 崔0.33 谭0.33 陆0.32 范0.31 汪0.30 廖0.30
            石0.30 金0.29 韦0.29 贾0.28 夏0.27 付0.27 方0.26 邹0.26 熊0.25 白0.25 孟0.24 秦0.24 邱0.24 侯0.23 江0.23
            尹0.22 薛0.22 闫0.21 段0.21 雷0.21 龙0.20 黎0.20 史0.20 陶0.19 贺0.19 毛0.18 郝0.18 顾0.17 龚0.17 邵0.16
            万0.16 覃0.16 武0.15 钱0.15 戴0.15 严0.14 莫0.14 孔0.14 向0.14 常0.13""";
    /** Given-name characters, commonest first (weights 1/(rank + 5)). */
    private static final String MALE_CHARACTERS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国文志海东峰亮成";
    private static final String FEMALE_CHARACTERS = "芳娜敏静丽艳娟霞秀英燕玲桂兰红梅琳丹萍婷雪慧莉倩洁颖琴云凤玉珍蓉晶妍佳欣怡月春萱";

    private static final String[] CATEGORIES = {"GENERAL", "DIBAO", "WUBAO"};
    private static final double[] CATEGORY_WEIGHTS = {0.80, 0.16, 0.04};
    private static final String[] STATUSES = {"REGISTERED", "EXITED", "CANDIDATE", "CANCELLED", "RETURNED"};
    private static final double[] STATUS_WEIGHTS = {0.60, 0.30, 0.05, 0.02, 0.03};
    private static final String[] CAUSES = {"ILLNESS", "LACK_OF_FUNDS", "LACK_OF_SKILLS", "LACK_OF_LABOUR", "DISABILITY",
            "SCHOOLING", "LACK_OF_LAND", "POOR_TRANSPORT", "DISASTER", "LACK_OF_WATER", "LACK_OF_DRIVE"};
    private static final double[] CAUSE_WEIGHTS = {0.42, 0.35, 0.22, 0.17, 0.06, 0.09, 0.04, 0.03, 0.06, 0.02, 0.05};
    private static final String[] HOUSING = {"A", "B", "C", "D"};
    private static final double[] HOUSING_WEIGHTS = {0.70, 0.15, 0.10, 0.05};
    private static final String[] PRODUCTION = {"种植玉米", "种植水稻", "养猪", "养牛", "种植烤烟", "种植茶叶", "外出务工", "种植马铃薯"};
    private static final String[] ETHNICITIES = {"汉族", "壮族", "苗族", "彝族", "布依族", "侗族", "回族", "瑶族", "哈尼族", "白族", "藏族", "土家族"};
    private static final double[] ETHNICITY_WEIGHTS = {0.62, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03, 0.03, 0.02, 0.02, 0.01, 0.01};
    private static final String[] MIGRANT_PLACES = {"广东省广州市", "广东省深圳市", "广东省东莞市", "浙江省宁波市", "福建省泉州市", "本县县城", "本省省会"};

    private static final double[] CATEGORY_SUMS = cumulative(CATEGORY_WEIGHTS);
    private static final double[] STATUS_SUMS = cumulative(STATUS_WEIGHTS);
    private static final double[] CAUSE_SUMS = cumulative(CAUSE_WEIGHTS);
    private static final double[] HOUSING_SUMS = cumulative(HOUSING_WEIGHTS);
    private static final double[] ETHNICITY_SUMS = cumulative(ETHNICITY_WEIGHTS);

    private final long seed;
    private final String[] villages;
    private final String[] counties;
    private final int[] countyOfVillage;
    private final int[] villageOfHousehold;
    private final byte[] sizeOfHousehold;
    private final long members;

    private final String[] surnames;
    private final double[] surnameCumulative;
    private final String[] maleCharacters;
    private final String[] femaleCharacters;
    private final double[] characterCumulative;
    private final String[] compactDates = new String[DAYS];
    private final String[] isoDates = new String[DAYS];
    /** Numbers given so far per county, birth date and sex: the sequence number's source. */
    private final byte[] issued;
    private final Map<String, Integer> nameCounts = new HashMap<>();

    private SyntheticRegistry(long seed, String[] villages, long members) {
        this.seed = seed;
        this.villages = villages;
        this.members = members;
        Map<String, Integer> countyIndex = new LinkedHashMap<>();
        countyOfVillage = new int[villages.length];
        for (int v = 0; v < villages.length; v++) {
            countyOfVillage[v] = countyIndex.computeIfAbsent(villages[v].substring(0, 6), c -> countyIndex.size());
        }
        counties = countyIndex.keySet().toArray(String[]::new);
        issued = new byte[counties.length * DAYS * 2];

        // Households: sizes until the members are counted out, each at a village drawn by weight.
        SplittableRandom random = new SplittableRandom(seed);
        double[] villageCumulative = new double[villages.length];
        double total = 0;
        for (int v = 0; v < villages.length; v++) {
            total += Math.exp(0.6 * random.nextGaussian());
            villageCumulative[v] = total;
        }
        byte[] sizes = new byte[(int) Math.min(members, Integer.MAX_VALUE - 8)];
        int households = 0;
        long counted = 0;
        double[] sizeCumulative = cumulative(SIZE_WEIGHTS);
        while (counted < members) {
            int size = (int) Math.min(pick(sizeCumulative, random) + 1, members - counted);
            sizes[households++] = (byte) size;
            counted += size;
        }
        sizeOfHousehold = Arrays.copyOf(sizes, households);
        villageOfHousehold = new int[households];
        for (int h = 0; h < households; h++) {
            villageOfHousehold[h] = pick(villageCumulative, random);
        }

        List<String> surnameList = new ArrayList<>();
        List<Double> surnameWeights = new ArrayList<>();
        for (String entry : SURNAMES.split("\\s+")) {
            surnameList.add(entry.substring(0, 1));
            surnameWeights.add(Double.parseDouble(entry.substring(1)));
        }
        surnames = surnameList.toArray(String[]::new);
        surnameCumulative = cumulative(surnameWeights.stream().mapToDouble(Double::doubleValue).toArray());
        maleCharacters = MALE_CHARACTERS.split("");
        femaleCharacters = FEMALE_CHARACTERS.split("");
        if (maleCharacters.length != femaleCharacters.length) {
            throw new IllegalStateException("The given-name lists must be as long as each other");
        }
        double[] characterWeights = new double[maleCharacters.length];
        for (int i = 0; i < characterWeights.length; i++) {
            characterWeights[i] = 1.0 / (i + 6);
        }
        characterCumulative = cumulative(characterWeights);
        DateTimeFormatter compact = DateTimeFormatter.BASIC_ISO_DATE;
        for (int d = 0; d < DAYS; d++) {
            LocalDate date = FIRST_BIRTH.plusDays(d);
            compactDates[d] = date.format(compact);
            isoDates[d] = date.toString();
        }
    }

    /** Plans {@code members} members in households over the given villages (12-digit codes). */
    static SyntheticRegistry plan(List<String> villageCodes, long members, long seed) {
        return new SyntheticRegistry(seed, villageCodes.toArray(String[]::new), members);
    }

    int households() {
        return villageOfHousehold.length;
    }

    long members() {
        return members;
    }

    int villages() {
        return villages.length;
    }

    int counties() {
        return counties.length;
    }

    String village(int index) {
        return villages[index];
    }

    /** The commonest full name among the members written, with how many bear it (after {@link #writeMembers}). */
    Map.Entry<String, Integer> commonestName() {
        return nameCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }

    /** How many distinct full names the members written bear. */
    int distinctNames() {
        return nameCounts.size();
    }

    static final String HOUSEHOLD_COLUMNS = "id, village_code, group_name, address, phone, category, status, main_cause,"
            + " other_causes, housing_grade, safe_water, production, bank_account, registered_year";

    /** Household rows with ids 1, 2, ... in COPY text format. */
    void writeHouseholds(Writer out) throws IOException {
        StringBuilder row = new StringBuilder(256);
        for (int h = 0; h < villageOfHousehold.length; h++) {
            SplittableRandom random = new SplittableRandom(mix(h, 1));
            int group = 1 + random.nextInt(12);
            row.append(h + 1L).append('\t').append(villages[villageOfHousehold[h]]).append('\t')
                    .append('第').append(group).append("组\t")
                    .append(group).append("组").append(1 + random.nextInt(80)).append("号\t");
            if (random.nextDouble() < 0.7) {
                row.append('1').append(3 + random.nextInt(7));
                appendDigits(row, random, 9);
            } else {
                row.append("\\N");
            }
            row.append('\t').append(CATEGORIES[pick(CATEGORY_SUMS, random)])
                    .append('\t').append(STATUSES[pick(STATUS_SUMS, random)]).append('\t');
            int main = pick(CAUSE_SUMS, random);
            row.append(CAUSES[main]).append("\t{");
            int others = random.nextInt(3);
            boolean first = true;
            for (int i = 0; i < others; i++) {
                int other = random.nextInt(CAUSES.length);
                if (other != main) {
                    row.append(first ? "" : ",").append(CAUSES[other]);
                    first = false;
                }
            }
            row.append("}\t").append(HOUSING[pick(HOUSING_SUMS, random)])
                    .append('\t').append(random.nextDouble() < 0.85 ? 't' : 'f').append('\t')
                    .append(random.nextDouble() < 0.5 ? PRODUCTION[random.nextInt(PRODUCTION.length)] : "\\N").append('\t');
            if (random.nextDouble() < 0.9) {
                row.append("621");
                appendDigits(row, random, 16);
            } else {
                row.append("\\N");
            }
            row.append('\t').append(registeredYear(h)).append('\n');
            out.append(row);
            row.setLength(0);
        }
    }

    static final String INCOME_COLUMNS = "household_id, year, amount";

    /** Per capita net income from the year of registration to 2016: 1 to 3 rows per household. */
    void writeIncomes(Writer out) throws IOException {
        StringBuilder row = new StringBuilder(64);
        for (int h = 0; h < villageOfHousehold.length; h++) {
            SplittableRandom random = new SplittableRandom(mix(h, 3));
            int base = 1200 + random.nextInt(2400);
            for (int year = registeredYear(h); year <= 2016; year++) {
                int cents = (base + (year - 2014) * random.nextInt(900)) * 100 + random.nextInt(100);
                row.append(h + 1L).append('\t').append(year).append('\t')
                        .append(cents / 100).append('.').append(cents % 100 < 10 ? "0" : "").append(cents % 100).append('\n');
            }
            out.append(row);
            row.setLength(0);
        }
    }

    static final String MEMBER_COLUMNS = "id, household_id, village_code, name, id_number, relation, sex, birth_date, ethnicity,"
            + " education, schooling, health, disability_grade, work_ability, skills, migrant_place, migrant_months";

    /**
     * Member rows with ids 1, 2, ..., household by household, the head first. Single-threaded: the sequence
     * numbers of the ID numbers are counted as they are given. Every {@code validateEvery}-th number is also
     * checked with the application's own {@link ResidentId}.
     */
    void writeMembers(Writer out, int validateEvery) throws IOException {
        StringBuilder row = new StringBuilder(256);
        long id = 0;
        for (int h = 0; h < villageOfHousehold.length; h++) {
            SplittableRandom random = new SplittableRandom(mix(h, 2));
            int village = villageOfHousehold[h];
            int county = countyOfVillage[village];
            int size = sizeOfHousehold[h];
            String ethnicity = ETHNICITIES[pick(ETHNICITY_SUMS, random)];

            boolean headMale = random.nextDouble() < 0.85;
            double headAge = 22 + 32 * (random.nextDouble() + random.nextDouble());
            String headSurname = surname(random);
            String familySurname = headSurname; // the children's: the father's
            boolean spouse = false;
            double spouseAge = headAge;
            for (int i = 0; i < size; i++) {
                String relation;
                boolean male;
                double age;
                String surname;
                if (i == 0) {
                    relation = "HEAD";
                    male = headMale;
                    age = headAge;
                    surname = headSurname;
                } else if (i == 1 && random.nextDouble() < 0.85) {
                    relation = "SPOUSE";
                    spouse = true;
                    male = !headMale;
                    age = Math.max(18, headAge + (male ? 2 : -2) + 3 * random.nextGaussian());
                    spouseAge = age;
                    surname = surname(random);
                    if (male) {
                        familySurname = surname;
                    }
                } else {
                    double r = random.nextDouble();
                    double younger = spouse ? Math.min(headAge, spouseAge) : headAge;
                    male = random.nextBoolean();
                    surname = familySurname;
                    if (r < 0.70 || (r < 0.80 && younger < 42)) {
                        relation = "CHILD";
                        age = random.nextDouble() * Math.max(1, Math.min(younger - 18, 40));
                    } else if (r < 0.80) {
                        relation = "GRANDCHILD";
                        age = random.nextDouble() * Math.min(younger - 40, 18);
                    } else if (r < 0.90) {
                        relation = "PARENT";
                        age = Math.min(105, headAge + 20 + 15 * random.nextDouble());
                        surname = male || random.nextDouble() < 0.2 ? headSurname : surname(random);
                    } else if (r < 0.95) {
                        relation = "SIBLING";
                        age = Math.max(1, headAge + 8 * random.nextGaussian());
                        surname = headSurname;
                    } else if (r < 0.98 && headAge >= 45) {
                        relation = "CHILD_IN_LAW";
                        age = Math.max(18, headAge - 25 + 4 * random.nextGaussian());
                        surname = surname(random);
                    } else {
                        relation = "OTHER";
                        age = 90 * random.nextDouble();
                        surname = surname(random);
                    }
                }
                String name = surname + givenName(random, male);
                nameCounts.merge(name, 1, Integer::sum);
                int day = Math.clamp(DAYS - 1 - (long) (age * 365.25) - random.nextInt(365), 0, DAYS - 1);
                String idNumber = idNumber(county, day, male);
                if (validateEvery > 0 && id % validateEvery == 0) {
                    ResidentId checked = new ResidentId(idNumber); // refuses a malformed number
                    if (checked.sex() != (male ? ResidentId.Sex.MALE : ResidentId.Sex.FEMALE)
                            || !checked.birthDate().toString().equals(isoDates[day])) {
                        throw new IllegalStateException("ID number disagrees with sex or birth date: " + idNumber);
                    }
                }
                int years = (int) ((DAYS - 1 - day) / 365.25);
                row.append(++id).append('\t').append(h + 1L).append('\t').append(villages[village]).append('\t')
                        .append(name).append('\t').append(idNumber).append('\t').append(relation).append('\t')
                        .append(male ? "MALE" : "FEMALE").append('\t').append(isoDates[day]).append('\t')
                        .append(!relation.equals("CHILD_IN_LAW") && random.nextDouble() < 0.9 ? ethnicity : ETHNICITIES[random.nextInt(ETHNICITIES.length)])
                        .append('\t');
                appendPerson(row, random, years);
                out.append(row);
                row.setLength(0);
            }
        }
        if (id != members) {
            throw new IllegalStateException("Wrote " + id + " members instead of " + members);
        }
    }

    /** Education, schooling, health, disability grade, work ability, skills, migrant place and months. */
    private static void appendPerson(StringBuilder row, SplittableRandom random, int age) {
        String education;
        String schooling;
        if (age < 3) {
            education = "\\N";
            schooling = "\\N";
        } else if (age < 6) {
            education = "NONE";
            schooling = "PRESCHOOL";
        } else if (age < 18) {
            education = age < 12 ? "NONE" : age < 15 ? "PRIMARY" : "JUNIOR";
            schooling = age < 12 ? "PRIMARY" : age < 15 ? "JUNIOR" : random.nextDouble() < 0.3 ? "VOCATIONAL" : "SENIOR";
        } else {
            double r = random.nextDouble();
            education = age > 60 ? (r < 0.5 ? "NONE" : "PRIMARY")
                    : r < 0.1 ? "NONE" : r < 0.45 ? "PRIMARY" : r < 0.85 ? "JUNIOR" : r < 0.95 ? "SENIOR" : r < 0.98 ? "VOCATIONAL" : "COLLEGE";
            schooling = age < 23 && random.nextDouble() < 0.2 ? "COLLEGE" : "NOT_IN_SCHOOL";
        }
        double h = random.nextDouble();
        String health = h < 0.78 ? "HEALTHY" : h < 0.88 ? "CHRONIC_ILLNESS" : h < 0.93 ? "SERIOUS_ILLNESS" : "DISABILITY";
        String grade = health.equals("DISABILITY") ? Integer.toString(1 + random.nextInt(4)) : "\\N";
        String work = age < 16 ? "\\N" : age > 65 || !health.equals("HEALTHY") ? (random.nextBoolean() ? "WEAK" : "NONE") : "FULL";
        boolean migrant = work.equals("FULL") && age < 55 && random.nextDouble() < 0.35;
        row.append(education).append('\t').append(schooling).append('\t').append(health).append('\t').append(grade).append('\t')
                .append(work).append('\t').append(work.equals("FULL") && random.nextDouble() < 0.1 ? "种植养殖" : "\\N").append('\t');
        if (migrant) {
            row.append(MIGRANT_PLACES[random.nextInt(MIGRANT_PLACES.length)]).append('\t').append(3 + random.nextInt(10)).append('\n');
        } else {
            row.append("\\N\t\\N\n");
        }
    }

    /** County code, birth date, sequence number (odd for men) and check character; unique by construction. */
    private String idNumber(int county, int day, boolean male) {
        int slot = (county * DAYS + day) * 2 + (male ? 1 : 0);
        int given = issued[slot]++;
        if (given < 0 || given >= Byte.MAX_VALUE) {
            throw new IllegalStateException("Too many people born on one day in county " + counties[county]);
        }
        // A fixed offset per county and day, so that the numbers do not all start at 001.
        int offset = (int) ((county * 7919L + day * 104729L) % 500);
        int sequence = ((offset + given) % 500) * 2 + (male ? 1 : 0);
        char[] number = new char[18];
        counties[county].getChars(0, 6, number, 0);
        compactDates[day].getChars(0, 8, number, 6);
        number[14] = (char) ('0' + sequence / 100);
        number[15] = (char) ('0' + sequence / 10 % 10);
        number[16] = (char) ('0' + sequence % 10);
        number[17] = checkCharacter(number);
        return new String(number);
    }

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** ISO 7064 MOD 11-2 as GB 11643-1999 applies it. */
    static char checkCharacter(char[] number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number[i] - '0') * WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private String surname(SplittableRandom random) {
        return surnames[pick(surnameCumulative, random)];
    }

    private String givenName(SplittableRandom random, boolean male) {
        String[] characters = male ? maleCharacters : femaleCharacters;
        String first = characters[pick(characterCumulative, random)];
        return random.nextDouble() < 0.2 ? first : first + characters[pick(characterCumulative, random)];
    }

    private int registeredYear(int household) {
        return 2014 + (int) Math.floorMod(mix(household, 4), 3L);
    }

    private long mix(int household, int stream) {
        // SplitMix64 finalizer over seed, household and stream.
        long z = seed + household * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void appendDigits(StringBuilder row, SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            row.append((char) ('0' + random.nextInt(10)));
        }
    }

    /** Running sums of the weights. */
    private static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            sums[i] = total;
        }
        return sums;
    }

    /** An index drawn with probability proportional to its weight, given the running sums of the weights. */
    private static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return Math.min(index >= 0 ? index + 1 : -index - 1, cumulative.length - 1);
    }
}
