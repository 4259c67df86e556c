package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an XLSX workbook, row by row, read with StAX from the archive under its guards; numbers as
 * Excel stored them, so that lost digits can be told. Blank rows are passed over without a list being made, cells
 * right of the last column read are passed over without being kept, and shared strings stay within their budget.
 */
final class WorkbookRows extends TableRows {

    /** Numbers from here on have more digits than a spreadsheet keeps (15). */
    private static final BigDecimal EXACT_NUMBERS = new BigDecimal("1e15");

    private static final String OFFICE_DOCUMENT = "/officeDocument";
    private static final String SHARED_STRINGS = "/sharedStrings";

    private final TableLimits limits;
    private final WorkbookArchive archive;
    private final SharedStrings shared;
    private final MergedCells merges;
    private final WorkbookArchive.Part sheet;
    private final XMLStreamReader xml;
    private int nextMerge;
    /** The merged ranges the rows have reached and not yet left, with the value of their first cell. */
    private final List<Map.Entry<MergedCells.Range, String>> openMerges = new ArrayList<>();
    private int rowNumber;
    private int rowsRead;
    private int cellsBeyond;
    private boolean ended;

    WorkbookRows(Path file, TableLimits limits) throws IOException, UnreadableFile {
        this.limits = limits;
        archive = WorkbookArchive.open(file, limits);
        SharedStrings strings = null;
        try {
            String workbook = target(relationships("_rels/.rels"), OFFICE_DOCUMENT, "xl/workbook.xml");
            String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
            Map<String, String[]> related = relationships(folder + "_rels/" + workbook.substring(folder.length()) + ".rels");
            String[] first = related.get(firstSheet(workbook));
            if (first == null) {
                throw new UnreadableFile("import.file.bad-xlsx");
            }
            String sheetPart = resolve(folder, first[0]);
            String stringsPart = null;
            for (String[] relation : related.values()) {
                if (relation[1].endsWith(SHARED_STRINGS)) {
                    stringsPart = resolve(folder, relation[0]);
                }
            }
            merges = MergedCells.of(archive, sheetPart, limits);
            if (stringsPart != null && archive.has(stringsPart)) {
                try (InputStream in = archive.open(stringsPart)) {
                    strings = SharedStrings.read(in, limits, file);
                }
            } else {
                strings = SharedStrings.none();
            }
            shared = strings;
            sheet = archive.open(sheetPart);
            xml = XlsxXml.reader(sheet);
        } catch (XMLStreamException | WorkbookArchive.LimitBroken e) {
            closeQuietly(strings);
            archive.close();
            throw XlsxXml.refusal(e);
        } catch (IOException | UnreadableFile | RuntimeException e) {
            closeQuietly(strings);
            archive.close();
            throw e instanceof UnreadableFile u ? u : new UnreadableFile("import.file.bad-xlsx");
        }
    }

    private static void closeQuietly(SharedStrings strings) {
        try {
            if (strings != null) {
                strings.close();
            }
        } catch (IOException e) {
            // the refusal says more than this
        }
    }

    /** The relationships of a part by id: their target and type. */
    private Map<String, String[]> relationships(String part) throws IOException, XMLStreamException {
        Map<String, String[]> found = new HashMap<>();
        try (InputStream in = archive.open(part)) {
            if (in == null) {
                return found;
            }
            XMLStreamReader rels = XlsxXml.reader(in);
            while (rels.hasNext()) {
                if (rels.next() == XMLStreamConstants.START_ELEMENT && rels.getLocalName().equals("Relationship")
                        && found.size() < 10_000) {
                    String id = rels.getAttributeValue(null, "Id");
                    String target = rels.getAttributeValue(null, "Target");
                    String type = rels.getAttributeValue(null, "Type");
                    if (id != null && target != null) {
                        found.put(id, new String[]{target, type == null ? "" : type});
                    }
                }
            }
        }
        return found;
    }

    private static String target(Map<String, String[]> relationships, String type, String otherwise) {
        return relationships.values().stream().filter(r -> r[1].endsWith(type)).map(r -> r[0])
                .map(t -> t.startsWith("/") ? t.substring(1) : t).findFirst().orElse(otherwise);
    }

    private static String resolve(String folder, String target) {
        return target.startsWith("/") ? target.substring(1) : folder + target;
    }

    /** The relationship id of the workbook's first sheet. */
    private String firstSheet(String workbook) throws IOException, XMLStreamException, UnreadableFile {
        try (InputStream in = archive.open(workbook)) {
            if (in == null) {
                throw new UnreadableFile("import.file.bad-xlsx");
            }
            XMLStreamReader book = XlsxXml.reader(in);
            while (book.hasNext()) {
                if (book.next() == XMLStreamConstants.START_ELEMENT && book.getLocalName().equals("sheet")) {
                    for (int i = 0; i < book.getAttributeCount(); i++) {
                        // r:id, in the transitional or the strict namespace
                        if (book.getAttributeLocalName(i).equals("id") && !book.getAttributeNamespace(i).isEmpty()) {
                            return book.getAttributeValue(i);
                        }
                    }
                }
            }
        }
        throw new UnreadableFile("import.file.bad-xlsx");
    }

    @Override
    public List<String> next() throws IOException, UnreadableFile {
        try {
            List<String> cells;
            while ((cells = nextRow()) != null) {
                fillMerged(cells);
                if (!blank(cells)) {
                    if (rowNumber > limits.workbookRows()) {
                        throw new UnreadableFile("import.file.too-many-rows", limits.workbookRows());
                    }
                    rowsRead++;
                    return cells;
                }
            }
            return null;
        } catch (XMLStreamException | WorkbookArchive.LimitBroken e) {
            throw XlsxXml.refusal(e);
        }
    }

    /** The next row of the sheet's XML as cells, or null at its end; a row without cells is passed over here. */
    private List<String> nextRow() throws XMLStreamException, IOException, UnreadableFile {
        if (ended) {
            return null;
        }
        List<String> cells = null;
        int column = -1;
        String type = null;
        boolean beyond = false;
        boolean capture = false;
        boolean inline = false;
        int phonetic = 0;
        StringBuilder value = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                switch (name) {
                    case "row" -> {
                        String r = xml.getAttributeValue(null, "r");
                        int number = r == null ? rowNumber + 1 : parseRow(r);
                        rowNumber = Math.max(number, rowNumber + 1); // rows only go down, so they cannot repeat
                        if (rowNumber > SHEET_ROWS) {
                            throw new UnreadableFile("import.file.too-many-rows", limits.workbookRows());
                        }
                        cells = null;
                        column = -1;
                        cellsBeyond = 0;
                    }
                    case "c" -> {
                        String r = xml.getAttributeValue(null, "r");
                        int at = r == null ? column + 1 : columnOf(r);
                        column = Math.max(at, column + 1);
                        if (column >= SHEET_COLUMNS) {
                            throw new UnreadableFile("import.file.bad-xlsx");
                        }
                        type = xml.getAttributeValue(null, "t");
                        beyond = column >= limits.columns();
                        value.setLength(0);
                        inline = false;
                    }
                    case "v" -> capture = phonetic == 0;
                    case "is" -> inline = true;
                    case "t" -> capture = inline && phonetic == 0;
                    case "rPh" -> phonetic++;
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v", "t" -> capture = false;
                    case "rPh" -> phonetic--;
                    case "c" -> {
                        if (beyond) {
                            if (!value.isEmpty()) {
                                cellsBeyond++;
                            }
                        } else if (!value.isEmpty()) {
                            String text = text(type, value.toString());
                            if (!text.isEmpty()) {
                                if (cells == null) {
                                    cells = new ArrayList<>(Math.min(column + 8, limits.columns()));
                                }
                                while (cells.size() < column) {
                                    cells.add("");
                                }
                                cells.add(text);
                            }
                        }
                    }
                    case "row" -> {
                        if (cells != null || cellsBeyond > 0 || reachesMerge()) {
                            return cells == null ? new ArrayList<>() : cells;
                        }
                    }
                    case "sheetData" -> {
                        ended = true;
                        return null;
                    }
                    default -> {
                    }
                }
            } else if (capture && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                if (beyond) {
                    if (value.isEmpty() && xml.getTextLength() > 0) {
                        value.append('x'); // only whether the cell holds anything matters
                    }
                } else {
                    if (value.length() + xml.getTextLength() > limits.cellLength()) {
                        throw new UnreadableFile("import.file.cell-too-long", limits.cellLength(), rowNumber,
                                columnLetter(column));
                    }
                    value.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
        }
        ended = true;
        return null;
    }

    /** Whether a merged range covers the current row: a row without cells then takes values from above. */
    private boolean reachesMerge() {
        return nextMerge < merges.size() && merges.get(nextMerge).firstRow() <= rowNumber || !openMerges.isEmpty();
    }

    private static int parseRow(String r) throws UnreadableFile {
        try {
            return Integer.parseInt(r.strip());
        } catch (NumberFormatException e) {
            throw new UnreadableFile("import.file.bad-xlsx");
        }
    }

    /** The 0-based column of a cell reference such as {@code AB12}. */
    private static int columnOf(String reference) throws UnreadableFile {
        int column = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                column = column * 26 + (Character.toUpperCase(c) - 'A' + 1);
                if (column > SHEET_COLUMNS) {
                    throw new UnreadableFile("import.file.bad-xlsx");
                }
            } else {
                break;
            }
        }
        return column - 1;
    }

    /** A cell as text: numbers in plain notation when Excel kept every digit, as stored otherwise. */
    private String text(String type, String raw) throws IOException, UnreadableFile {
        if (type == null || type.equals("n")) {
            if (raw.contains("E") || raw.contains("e")) {
                return raw; // a long number Excel rounded: the reader says so rather than guess
            }
            try {
                BigDecimal number = new BigDecimal(raw.strip());
                if (number.abs().compareTo(EXACT_NUMBERS) >= 0) {
                    // Beyond 15 digits a spreadsheet's number is rounded (Excel keeps 15): an ID number or bank account
                    // typed as one has lost its last digits, whatever the file shows. Said as the spreadsheet shows it.
                    return Double.toString(number.doubleValue());
                }
                return number.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return switch (type) {
            case "s" -> {
                String text;
                try {
                    text = shared.get(Integer.parseInt(raw.strip()));
                } catch (NumberFormatException e) {
                    text = null;
                }
                if (text == null) {
                    throw new UnreadableFile("import.file.bad-xlsx");
                }
                yield text;
            }
            case "b" -> "1".equals(raw.strip()) ? "TRUE" : "FALSE";
            default -> raw;
        };
    }

    /** A cell under the first of a merged range takes its value, as the reader of the sheet sees it. */
    private void fillMerged(List<String> cells) {
        while (nextMerge < merges.size() && merges.get(nextMerge).firstRow() <= rowNumber) {
            MergedCells.Range range = merges.get(nextMerge++);
            int column = range.firstColumn();
            String value = range.firstRow() == rowNumber && column < cells.size() ? cells.get(column) : "";
            if (range.lastRow() >= rowNumber) {
                openMerges.add(Map.entry(range, value));
            }
        }
        openMerges.removeIf(open -> open.getKey().lastRow() < rowNumber);
        for (Map.Entry<MergedCells.Range, String> open : openMerges) {
            int column = open.getKey().firstColumn();
            if (open.getKey().firstRow() < rowNumber) {
                while (cells.size() <= column) {
                    cells.add("");
                }
                if (cells.get(column).isEmpty()) {
                    cells.set(column, open.getValue());
                }
            }
        }
    }

    @Override
    public int rowNumber() {
        return rowNumber;
    }

    @Override
    public int cellsBeyond() {
        return cellsBeyond;
    }

    @Override
    public double progress() {
        return sheet.progress();
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the archive's close below is what frees the file
        }
        try (archive; shared; sheet) {
            // closed in reverse order
        }
    }
}
