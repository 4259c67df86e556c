package org.jingzhun.identification;

/** What a step did: how many subjects moved on to the next stage and how many were rejected. */
public record StepResult(Step step, int moved, int rejected) {
}
