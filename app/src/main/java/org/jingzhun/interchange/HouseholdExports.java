package org.jingzhun.interchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import org.jingzhun.registry.Households;

/**
 * Household lists as files, streamed: the households a search finds (within the caller's areas), one row per
 * member in the columns of an import, and in a workbook also a sheet of households. ID numbers and bank
 * accounts are as the registry discloses them to the caller ({@link org.jingzhun.registry.HouseholdDisclosure}).
 */
public interface HouseholdExports {

    /** Writes every household the query finds (its paging aside), labels in the given language. */
    void export(Households.Query query, FileFormat format, Locale locale, OutputStream out) throws IOException;
}
