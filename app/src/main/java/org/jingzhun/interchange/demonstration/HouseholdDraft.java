package org.jingzhun.interchange.demonstration;

import java.util.SplittableRandom;

/**
 * One household as drawn from its own stream of random numbers: who lives in it (relation, sex, age), their
 * health, schooling and work, and for a poor household its causes of poverty and category. Reused from one
 * household to the next, as a pass over millions of households should not make millions of objects.
 *
 * <p>What is drawn hangs together: children are 20 to 37 years younger than their mother, grandchildren live
 * with a married child, lone elderly people are the "five guarantees" households, an illness or a disability
 * named as a cause is carried by a member, schooling costs need someone at school, lack of labour a household
 * with at most one person of working age.
 */
final class HouseholdDraft {

    static final int MAX_SIZE = 10;

    enum Relation { HEAD, SPOUSE, CHILD, CHILD_IN_LAW, GRANDCHILD, PARENT, GRANDPARENT, SIBLING, OTHER }

    static final String[] HEALTH = {"HEALTHY", "CHRONIC_ILLNESS", "SERIOUS_ILLNESS", "DISABILITY"};
    static final int HEALTHY = 0;
    static final int CHRONIC = 1;
    static final int SERIOUS = 2;
    static final int DISABLED = 3;

    /** Causes of poverty (codes of the poverty_cause table) and how often each is the main one. */
    static final String[] CAUSES = {"LACK_OF_FUNDS", "LACK_OF_SKILLS", "ILLNESS", "LACK_OF_LABOUR", "POOR_TRANSPORT",
            "SCHOOLING", "DISABILITY", "DISASTER", "LACK_OF_LAND", "LACK_OF_WATER", "LACK_OF_DRIVE"};
    private static final double[] CAUSE_SUMS = Draws.cumulative(
            new double[] {0.26, 0.18, 0.16, 0.09, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03, 0.02});
    private static final int ILLNESS = 2;
    private static final int LACK_OF_LABOUR = 3;
    private static final int SCHOOLING = 5;
    private static final int DISABILITY = 6;
    private static final double[] GRADE_SUMS = Draws.cumulative(new double[] {0.15, 0.25, 0.30, 0.30});

    // The household.
    int size;
    boolean poor;
    int ethnicity;
    String category;
    int mainCause;
    int otherCauseCount;
    final int[] otherCauses = new int[2];

    // Its members, head first.
    final Relation[] relation = new Relation[MAX_SIZE];
    final boolean[] male = new boolean[MAX_SIZE];
    final double[] age = new double[MAX_SIZE];
    final int[] health = new int[MAX_SIZE];
    final int[] disabilityGrade = new int[MAX_SIZE];
    final String[] education = new String[MAX_SIZE];
    final String[] schooling = new String[MAX_SIZE];
    final String[] workAbility = new String[MAX_SIZE];

    private double motherAge;

    /** Draws the household anew: {@code size} people, poor or not, of the given people (index of the plan's list). */
    void draw(SplittableRandom random, int size, boolean poor, int ethnicity, boolean minority) {
        this.size = 0;
        this.poor = poor;
        this.ethnicity = ethnicity;
        compose(random, size);
        for (int i = 0; i < this.size; i++) {
            healthOf(random, i);
            schoolingOf(random, i, minority);
        }
        mainCause = -1;
        otherCauseCount = 0;
        if (poor) {
            causes(random);
        }
        for (int i = 0; i < this.size; i++) {
            workAbilityOf(random, i);
        }
        category = poor ? category(random) : "GENERAL";
    }

    private void add(Relation r, boolean isMale, double years) {
        relation[size] = r;
        male[size] = isMale;
        age[size] = Math.clamp(years, 0, 100);
        size++;
    }

    private void compose(SplittableRandom random, int wanted) {
        double headAge;
        boolean headMale;
        if (wanted == 1) {
            // Alone: mostly old people (the poor more so), otherwise single men and women of working age.
            if (random.nextDouble() < (poor ? 0.70 : 0.45)) {
                headAge = 60 + 32 * Math.pow(random.nextDouble(), 1.5);
            } else {
                headAge = 20 + 40 * random.nextDouble();
            }
            headMale = random.nextDouble() < 0.62;
        } else {
            headAge = 23 + 25 * (random.nextDouble() + random.nextDouble());
            headMale = random.nextDouble() < 0.9;
        }
        add(Relation.HEAD, headMale, headAge);
        int remaining = wanted - 1;
        motherAge = headMale ? headAge - 2 : headAge;
        if (remaining > 0 && random.nextDouble() < (headAge > 70 ? 0.55 : 0.9)) {
            double spouseAge = Math.max(18, headAge + (headMale ? -2 : 2) + 3 * random.nextGaussian());
            add(Relation.SPOUSE, !headMale, spouseAge);
            if (headMale) {
                motherAge = spouseAge;
            }
            remaining--;
        }
        // The head's parents, in one household in six or so.
        if (remaining > 0 && headAge < 55 && random.nextDouble() < 0.10 + 0.06 * Math.min(remaining, 4)) {
            double fatherAge = headAge + 24 + 8 * random.nextDouble();
            if (remaining >= 2 && random.nextDouble() < 0.45) {
                add(Relation.PARENT, true, fatherAge);
                add(Relation.PARENT, false, fatherAge - 2 + 2 * random.nextGaussian());
                remaining -= 2;
            } else {
                add(Relation.PARENT, random.nextDouble() < 0.35, fatherAge + 2 * random.nextGaussian()); // widowed mothers live longer
                remaining--;
            }
        }
        // A married son (or daughter) with a spouse and their children.
        if (remaining >= 3 && headAge >= 48 && random.nextDouble() < 0.65) {
            double childAge = Math.max(18, motherAge - 21 - 6 * random.nextDouble());
            boolean son = random.nextDouble() < 0.75;
            double inLawAge = Math.max(18, childAge + (son ? -2 : 2) + 2 * random.nextGaussian());
            add(Relation.CHILD, son, childAge);
            add(Relation.CHILD_IN_LAW, !son, inLawAge);
            remaining -= 2;
            double youngMother = son ? inLawAge : childAge;
            while (remaining > 0) {
                if (random.nextDouble() < 0.7) {
                    add(Relation.GRANDCHILD, random.nextBoolean(), childOf(random, youngMother));
                } else {
                    add(Relation.CHILD, random.nextBoolean(), Math.max(childAge - 12 * random.nextDouble(), 10));
                }
                remaining--;
            }
        }
        while (remaining > 0) {
            if (headAge < 40 && random.nextDouble() < 0.04) {
                add(Relation.SIBLING, random.nextBoolean(), Math.max(10, headAge + 6 * random.nextGaussian()));
            } else if (random.nextDouble() < 0.01) {
                add(Relation.OTHER, random.nextBoolean(), 80 * random.nextDouble());
            } else {
                add(Relation.CHILD, random.nextBoolean(), childOf(random, motherAge));
            }
            remaining--;
        }
    }

    /** A child's age: born when its mother was 20 to 37. */
    private static double childOf(SplittableRandom random, double mother) {
        double years = mother - 20 - 17 * random.nextDouble();
        return years >= 0 ? years : random.nextDouble() * Math.max(0.5, mother - 18);
    }

    private void healthOf(SplittableRandom random, int i) {
        double years = age[i];
        double more = poor ? 1.6 : 1;
        double disabled = (0.015 + 0.0004 * years) * more;
        double serious = (0.004 + 0.0006 * years) * more;
        double chronic = (0.02 + 0.004 * years) * more;
        double u = random.nextDouble();
        health[i] = u < disabled ? DISABLED : u < disabled + serious ? SERIOUS : u < disabled + serious + chronic ? CHRONIC : HEALTHY;
        disabilityGrade[i] = health[i] == DISABLED ? 1 + Draws.pick(GRADE_SUMS, random) : 0;
    }

    /** Education reached and school attended, by age: the old, women and minority people went to school less. */
    private void schoolingOf(SplittableRandom random, int i, boolean minority) {
        int years = (int) age[i];
        if (years < 3) {
            education[i] = null;
            schooling[i] = null;
        } else if (years < 6) {
            education[i] = "NONE";
            schooling[i] = random.nextDouble() < 0.55 ? "PRESCHOOL" : "NOT_IN_SCHOOL";
        } else if (years < 12) {
            education[i] = "NONE";
            schooling[i] = "PRIMARY";
        } else if (years < 15) {
            education[i] = "PRIMARY";
            schooling[i] = random.nextDouble() < 0.95 ? "JUNIOR" : "NOT_IN_SCHOOL";
        } else if (years < 18) {
            education[i] = "JUNIOR";
            double u = random.nextDouble();
            schooling[i] = u < 0.40 ? "SENIOR" : u < 0.65 ? "VOCATIONAL" : "NOT_IN_SCHOOL";
        } else {
            double u = random.nextDouble();
            if (years <= 22 && u < 0.12) {
                education[i] = "SENIOR";
                schooling[i] = "COLLEGE";
                return;
            }
            if (years <= 22 && u < 0.18) {
                education[i] = "JUNIOR";
                schooling[i] = "VOCATIONAL";
                return;
            }
            schooling[i] = "NOT_IN_SCHOOL";
            double none = Math.clamp(0.02 + 0.008 * (years - 20) + (male[i] ? 0 : 0.06) + (minority ? 0.06 : 0), 0.02, 0.8);
            double v = random.nextDouble();
            if (v < none) {
                education[i] = "NONE";
                return;
            }
            double w = random.nextDouble();
            if (years > 55) {
                education[i] = w < 0.70 ? "PRIMARY" : w < 0.95 ? "JUNIOR" : "SENIOR";
            } else if (years > 35) {
                education[i] = w < 0.45 ? "PRIMARY" : w < 0.87 ? "JUNIOR" : w < 0.95 ? "SENIOR" : w < 0.98 ? "VOCATIONAL" : "COLLEGE";
            } else {
                education[i] = w < 0.20 ? "PRIMARY" : w < 0.72 ? "JUNIOR" : w < 0.84 ? "SENIOR" : w < 0.93 ? "VOCATIONAL" : "COLLEGE";
            }
        }
    }

    private boolean atSchool(int i) {
        return schooling[i] != null && !schooling[i].equals("NOT_IN_SCHOOL") && !schooling[i].equals("PRESCHOOL");
    }

    /** A main cause and up to two others, each one the household's members bear out. */
    private void causes(SplittableRandom random) {
        mainCause = feasibleCause(random);
        int others = random.nextDouble() < 0.4 ? 0 : random.nextDouble() < 0.67 ? 1 : 2;
        for (int k = 0; k < others * 3 && otherCauseCount < others; k++) {
            int cause = feasibleCause(random);
            if (cause != mainCause && (otherCauseCount == 0 || otherCauses[0] != cause)) {
                otherCauses[otherCauseCount++] = cause;
            }
        }
        bearOut(random, mainCause, true);
        int kept = 0;
        for (int k = 0; k < otherCauseCount; k++) {
            if (bearOut(random, otherCauses[k], false)) {
                otherCauses[kept++] = otherCauses[k];
            }
        }
        otherCauseCount = kept;
    }

    private int feasibleCause(SplittableRandom random) {
        while (true) {
            int cause = Draws.pick(CAUSE_SUMS, random);
            if (cause == SCHOOLING) {
                boolean student = false;
                for (int i = 0; i < size; i++) {
                    student |= atSchool(i);
                }
                if (!student) {
                    continue;
                }
            } else if (cause == LACK_OF_LABOUR) {
                int working = 0;
                for (int i = 0; i < size; i++) {
                    working += age[i] >= 16 && age[i] < 60 && !atSchool(i) ? 1 : 0;
                }
                if (working > 1) {
                    continue;
                }
            }
            return cause;
        }
    }

    /**
     * Makes an illness or a disability named as a cause show in a member, when none shows yet: in a healthy
     * member, so that one cause borne out does not undo another. The main cause may take anyone (it comes first);
     * another cause that finds nobody healthy is dropped (false).
     */
    private boolean bearOut(SplittableRandom random, int cause, boolean main) {
        if (cause != ILLNESS && cause != DISABILITY) {
            return true;
        }
        for (int i = 0; i < size; i++) {
            if (cause == ILLNESS ? health[i] == CHRONIC || health[i] == SERIOUS : health[i] == DISABLED) {
                return true;
            }
        }
        int healthy = 0;
        for (int i = 0; i < size; i++) {
            healthy += health[i] == HEALTHY ? 1 : 0;
        }
        if (healthy == 0 && !main) {
            return false;
        }
        int who = random.nextInt(size);
        if (healthy > 0) {
            int nth = random.nextInt(healthy);
            for (int i = 0; i < size; i++) {
                if (health[i] == HEALTHY && nth-- == 0) {
                    who = i;
                    break;
                }
            }
        }
        if (cause == ILLNESS) {
            health[who] = random.nextDouble() < 0.6 ? CHRONIC : SERIOUS;
            disabilityGrade[who] = 0;
        } else {
            health[who] = DISABLED;
            disabilityGrade[who] = 1 + Draws.pick(GRADE_SUMS, random);
        }
        return true;
    }

    private void workAbilityOf(SplittableRandom random, int i) {
        double years = age[i];
        if (years < 16 || atSchool(i)) {
            workAbility[i] = null;
        } else if (health[i] == SERIOUS || health[i] == DISABLED && disabilityGrade[i] <= 2) {
            workAbility[i] = "NONE";
        } else if (health[i] != HEALTHY || years >= 60 && years < 70 && random.nextDouble() < 0.6) {
            workAbility[i] = "WEAK";
        } else if (years >= 70) {
            workAbility[i] = random.nextDouble() < 0.7 ? "NONE" : "WEAK";
        } else {
            workAbility[i] = "FULL";
        }
    }

    /** Lone old people are "five guarantees" households; minimum living allowance more often where no one can work. */
    private String category(SplittableRandom random) {
        if (size == 1 && age[0] >= 60 && random.nextDouble() < 0.7) {
            return "WUBAO";
        }
        boolean unable = false;
        for (int i = 0; i < size; i++) {
            unable |= health[i] == SERIOUS || health[i] == DISABLED || i == 0 && age[0] >= 65;
        }
        return random.nextDouble() < (unable ? 0.45 : 0.15) ? "DIBAO" : "GENERAL";
    }
}
