package org.jingzhun.job;

import java.util.List;

/** What a job came to: a message key with its arguments, as the job's page shows it in the reader's language. */
public record JobResult(String key, List<String> args) {

    public JobResult {
        args = List.copyOf(args);
    }
}
