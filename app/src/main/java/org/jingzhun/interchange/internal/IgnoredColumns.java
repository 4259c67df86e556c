package org.jingzhun.interchange.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jingzhun.interchange.ImportJob;

/**
 * The header's columns an import does not know, said in one warning however many they are: a header of a
 * million unknown columns once stored a million warnings per job, and a list of five such jobs took 292 MB.
 */
final class IgnoredColumns {

    /** The columns named in the warning; the rest are counted. */
    static final int NAMED = 5;

    private final List<String> named = new ArrayList<>();
    private String firstName;
    private String firstLetter;
    private long count;

    /** A column of the header that is none of the import's. */
    void add(String text, String letter) {
        String name = StagedValues.storable(text);
        if (count == 0) {
            firstName = name;
            firstLetter = letter;
        }
        if (named.size() < NAMED) {
            named.add(name + " (" + letter + ")");
        }
        count++;
    }

    /** The one warning, counting also the cells right of the last column the reader takes; none when all are known. */
    Optional<ImportJob.Warning> warning(int beyond) {
        long all = count + beyond;
        if (all == 0) {
            return Optional.empty();
        }
        if (all == 1 && count == 1) {
            return Optional.of(new ImportJob.Warning("import.column.ignored", List.of(firstName, firstLetter)));
        }
        String listed = String.join(", ", named) + (all > named.size() ? ", …" : "");
        return Optional.of(new ImportJob.Warning("import.columns.ignored", List.of(Long.toString(all), listed)));
    }
}
