package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * XLSX files built part by part, as a hostile uploader would: the tests write the parts' XML themselves, streamed,
 * so that a file expanding to a gigabyte is made without a gigabyte in memory.
 */
public final class Workbooks {

    /** Writes the XML of a part. */
    public interface Part {
        void write(OutputStream out) throws IOException;
    }

    public static final String SHEET = "xl/worksheets/sheet1.xml";
    public static final String STRINGS = "xl/sharedStrings.xml";

    private Workbooks() {
    }

    /** A workbook of one sheet; {@code strings} may be null for a workbook without shared strings. */
    public static Path write(Path file, Part sheetData, Part strings) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            text(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                    </Types>""");
            text(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            text(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Households" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            text(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry(SHEET));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData>").getBytes(StandardCharsets.UTF_8));
            sheetData.write(zip);
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (strings != null) {
                zip.putNextEntry(new ZipEntry(STRINGS));
                zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
                        .getBytes(StandardCharsets.UTF_8));
                strings.write(zip);
                zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static void text(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The same byte many times, in blocks. */
    public static void repeat(OutputStream out, byte b, long times) throws IOException {
        byte[] block = new byte[1 << 16];
        java.util.Arrays.fill(block, b);
        for (long left = times; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(left, block.length));
        }
    }

    /** The same text many times. */
    public static void repeat(OutputStream out, String text, long times) throws IOException {
        byte[] one = text.getBytes(StandardCharsets.UTF_8);
        int perBlock = Math.max(1, (1 << 16) / one.length);
        byte[] block = new byte[one.length * perBlock];
        for (int i = 0; i < perBlock; i++) {
            System.arraycopy(one, 0, block, i * one.length, one.length);
        }
        long left = times;
        for (; left >= perBlock; left -= perBlock) {
            out.write(block);
        }
        out.write(block, 0, (int) left * one.length);
    }

    /**
     * Makes the central directory say that a part inflates to no more than its compressed size, as a forged file
     * would, so that only a reader checking while it inflates finds out.
     */
    public static void understate(Path file, String part) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] name = part.getBytes(StandardCharsets.UTF_8);
        for (int i = all.length - 46; i >= 0; i--) {
            if (all[i] == 'P' && all[i + 1] == 'K' && all[i + 2] == 1 && all[i + 3] == 2
                    && (all[i + 28] & 0xff | (all[i + 29] & 0xff) << 8) == name.length
                    && java.util.Arrays.equals(all, i + 46, i + 46 + name.length, name, 0, name.length)) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(i + 24); // uncompressed size, little-endian, after the compressed size at 20
                    for (int k = 0; k < 4; k++) {
                        raf.write(all[i + 20 + k]);
                    }
                }
                return;
            }
        }
        throw new IllegalArgumentException("No entry " + part);
    }
}
