package org.jingzhun.platform.table;

import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The XML parser the parts of a workbook are read with, and what its failures mean to the uploader. */
final class XlsxXml {

    /**
     * The JDK's own parser, not whichever the class path offers: it hands long texts over in pieces of at most
     * 16 KiB when not coalescing, so a text can be refused before it is held whole (Aalto, which FastExcel
     * brings, builds the whole text first and runs out of memory on a 50 MB cell in a 64 MiB heap).
     */
    private static final XMLInputFactory FACTORY = factory();

    private XlsxXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        return factory;
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** The refusal a parser's failure stands for: a limit the part broke, or XML that is no workbook. */
    static TableRows.UnreadableFile refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkbookArchive.LimitBroken broken) {
                return broken.refusal;
            }
            if (cause instanceof TableRows.UnreadableFile unreadable) {
                return unreadable;
            }
        }
        return new TableRows.UnreadableFile("import.file.bad-xlsx");
    }
}
