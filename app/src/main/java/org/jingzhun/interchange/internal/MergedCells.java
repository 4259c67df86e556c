package org.jingzhun.interchange.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The merged cells of a worksheet. Registers often merge a household's cells (its number, village, category)
 * over the rows of its members; the spreadsheet keeps the value in the first cell only, and a reader that
 * ignored the merge would find the other members' rows blank. Read from the sheet's XML, which lists them.
 */
final class MergedCells {

    /** A merged range, rows 1-based as spreadsheets number them, columns 0-based. */
    record Range(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    }

    private MergedCells() {
    }

    /** The merged ranges of the sheet with the given relationship id, by first row. */
    static List<Range> of(Path workbook, String sheetRelationship) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(workbook).get()) {
            String target = null;
            try (InputStream in = entry(zip, "xl/_rels/workbook.xml.rels")) {
                XMLStreamReader xml = factory().createXMLStreamReader(in);
                while (xml.hasNext() && target == null) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                            && sheetRelationship.equals(xml.getAttributeValue(null, "Id"))) {
                        target = xml.getAttributeValue(null, "Target");
                    }
                }
            }
            if (target == null) {
                return List.of();
            }
            String part = target.startsWith("/") ? target.substring(1) : "xl/" + target;
            List<Range> ranges = new ArrayList<>();
            try (InputStream in = entry(zip, part)) {
                XMLStreamReader xml = factory().createXMLStreamReader(in);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("mergeCell")) {
                        Range range = range(xml.getAttributeValue(null, "ref"));
                        if (range != null) {
                            ranges.add(range);
                        }
                    }
                }
            }
            ranges.sort(Comparator.comparingInt(Range::firstRow));
            return ranges;
        } catch (XMLStreamException e) {
            throw new IOException("The workbook's XML cannot be read", e);
        }
    }

    private static InputStream entry(ZipFile zip, String name) throws IOException {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("The workbook has no " + name);
        }
        return zip.getInputStream(entry);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** {@code B3:D7} as a range; null when it is not one. */
    static Range range(String reference) {
        String[] corners = reference == null ? new String[0] : reference.split(":");
        if (corners.length != 2) {
            return null;
        }
        int[] first = cell(corners[0]);
        int[] last = cell(corners[1]);
        return first == null || last == null ? null : new Range(first[0], last[0], first[1], last[1]);
    }

    /** {@code AB12} as row 12 and column 27; null when it is not a cell reference. */
    private static int[] cell(String reference) {
        int column = 0;
        int i = 0;
        while (i < reference.length() && Character.isLetter(reference.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
            i++;
        }
        if (i == 0 || i == reference.length()) {
            return null;
        }
        try {
            return new int[]{Integer.parseInt(reference.substring(i)), column - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
