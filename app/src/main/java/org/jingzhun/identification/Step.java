package org.jingzhun.identification;

/**
 * What is done in a procedure. Applying starts one and an upheld objection ends one; the others move it along
 * the rules of its {@link Procedure}.
 */
public enum Step {
    APPLY, APPRAISE, VERIFY, FIRST_PUBLICITY, TOWNSHIP_REVIEW, SECOND_PUBLICITY, PUBLICITY, COUNTY_APPROVAL, ANNOUNCE,
    OBJECTION_UPHELD
}
