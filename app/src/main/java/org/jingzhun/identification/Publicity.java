package org.jingzhun.identification;

import java.util.List;

/**
 * What the public reads and files, without signing in: the lists in publicity and the announcements of an
 * area (ID numbers masked), and objections; and for staff, the objections, their decisions, the steps and
 * the attachments of a subject.
 */
public interface Publicity {

    /** The households and villages in publicity today and those announced, inside a village, township or county. */
    Notices notices(String areaCode, int page);

    /**
     * Files an objection to a subject in publicity; refused when the day it is filed is outside its publicity
     * period. With an address it comes from the public at that address, filed today, which is limited in how
     * often it may file, whoever is signed in; without one, from the signed-in staff member, on the form's day
     * (an objection filed on paper during the period, entered later) or today.
     */
    Objection object(Procedure procedure, long subjectId, Objection.Form form, String address);

    /**
     * Files an objection as above, with the answer to a challenge: from the public, while objections flood in,
     * a filing needs a proof of work (see {@link #challenge()}) instead of being turned away.
     */
    Objection object(Procedure procedure, long subjectId, Objection.Form form, String address, Objection.Proof proof);

    /** A new challenge for the public's next objection, and whether filings need its answer now. */
    Objection.Challenge challenge();

    /** Decides an open objection with a written decision: upheld rejects the subject, dismissed lets it go on. */
    Objection decide(long objectionId, boolean upheld, String decision);

    /**
     * As above, decided on {@code day} (today when null): not before it was filed nor in the future. An upheld
     * objection rejects the subject on that day.
     */
    Objection decide(long objectionId, boolean upheld, String decision, java.time.LocalDate day);

    /** The objections to a subject inside the caller's areas. */
    List<Objection> objections(Procedure procedure, long subjectId);

    /** The steps made for a subject inside the caller's areas, in order. */
    List<StepRecord> steps(Procedure procedure, long subjectId);

    /** An attachment of a step inside the caller's areas. */
    Attachment attachment(long id);

    /** A stored attachment. */
    record Attachment(long id, String fileName, String contentType, byte[] content) {
    }

    /** The household or village in publicity today that an objection of the public is about; empty when none is. */
    java.util.Optional<Notice> inPublicity(Procedure procedure, long subjectId);

    /**
     * The public lists of an area: what is in publicity (with its period) and what was announced, one page of each,
     * and the hotline of its county (for an area above a county, the national one).
     */
    record Notices(String areaCode, String areaName, List<Notice> inPublicity, List<Notice> announced, boolean more,
                   String hotline) {
    }

    /**
     * A round's notice-board sheet for one village inside the caller's areas, to print and post: its households in
     * publicity today, or those announced (in the last year), with their grounds, ID numbers as the registry discloses
     * them to the public, and how to object (where, until when, the county's hotline).
     */
    NoticeBoard noticeBoard(long roundId, String villageCode, boolean announcement);

    /** A sheet of the notice board; {@code from} and {@code to} span its publicities, {@code announcedOn} its announcement. */
    record NoticeBoard(long roundId, int year, String countyName, String villageCode, String villageName, String townshipName,
                       boolean announcement, List<Notice> lines, java.time.LocalDate from, java.time.LocalDate to,
                       java.time.LocalDate announcedOn, String hotline, boolean more) {
    }

    /** The hotline of a county: its own, or {@link #NATIONAL_HOTLINE}. */
    String hotline(String countyCode);

    /** Sets a county's hotline (a reviewer or administrator of the county or above), audited. */
    void setHotline(String countyCode, String hotline);

    /** The national poverty alleviation hotline: every county's until it sets its own. */
    String NATIONAL_HOTLINE = "12317";

    /**
     * One line of a public list: a household (head's name, masked ID number, size, category, main cause and
     * income test) or a village (its poverty rate and income against the province's), with its period, or the day it
     * was announced.
     */
    record Notice(Procedure procedure, long subjectId, String villageCode, String villageName, Stage stage,
                  java.time.LocalDate from, java.time.LocalDate to, String headName, String headIdNumber, Integer members,
                  org.jingzhun.registry.Household.Category category, String mainCause, IncomeTest incomeTest,
                  VillageAssessment assessment, java.time.LocalDate announcedOn) {
    }
}
